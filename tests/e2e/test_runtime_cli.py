"""The runtime the CLI builds: exchange rates, an insurer's catalog and programmes, a fixed today.

``PATENTSHIELD_FX_USD_CNY`` (one rate), ``patentshield --fx FILE`` (a table, also
``PATENTSHIELD_FX_FILE``), ``PATENTSHIELD_CATALOG_FILE``, ``PATENTSHIELD_PROGRAMMES_FILE`` and
``PATENTSHIELD_TODAY`` change what every command uses; a bad setting is one line, exit 2.
"""

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from patentshield.cli.main import app
from tests.factories import catalog_record, plan_record, write_catalog
from tests.integration.test_runtime_reference import PROGRAMME

runner = CliRunner()
PACKAGE_C = ("quote", "--product", "chancheng-package-10-c", "--region", "440604")
STALE = "USD amounts use the USD/CNY rate of"


def run(url: str, *args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, ["--database-url", url, *args], env=env)


def data(url: str, *args: str, env: dict[str, str] | None = None):
    result = run(url, *args, "--format", "json", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def refused(url: str, *args: str, env: dict[str, str] | None = None) -> str:
    result = run(url, *args, env=env)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    return line


def fx_warnings(document: dict) -> list[str]:
    return [warning for warning in document["warnings"] if "USD/CNY" in warning]


def test_one_fixed_rate_from_the_environment_is_used_and_warns_nothing(sqlite_url):
    shipped = data(sqlite_url, *PACKAGE_C, "--date", "2026-09-01")
    assert any(warning.startswith(STALE) for warning in shipped["warnings"])
    env = {"PATENTSHIELD_FX_USD_CNY": "7.0"}
    fixed = data(sqlite_url, *PACKAGE_C, "--date", "2026-09-01", env=env)
    assert (fixed["fx_rate"]["rate"], fixed["fx_rate"]["source"]) == (
        "7.0",
        "PATENTSHIELD_FX_USD_CNY",
    )
    assert fixed["usd"]["aggregate_limit"] == {"amount": "205714.29", "currency": "USD"}
    assert fx_warnings(fixed) == []


def test_a_rate_table_given_with_fx_is_used_and_an_operation_s_own_rate_wins(sqlite_url, tmp_path):
    table = tmp_path / "rates.csv"
    table.write_text("# my bank's fixings\nas_of,rate,source\n2026-06-30,7.05,my bank\n")
    document = data(sqlite_url, "--fx", str(table), *PACKAGE_C, "--date", "2026-07-01")
    assert (document["fx_rate"]["rate"], document["fx_rate"]["source"]) == ("7.05", "my bank")
    assert fx_warnings(document) == []
    env = {"PATENTSHIELD_FX_FILE": str(table)}
    given = data(sqlite_url, *PACKAGE_C, "--date", "2026-07-01", "--fx-rate", "7.2", env=env)
    assert (given["fx_rate"]["rate"], given["fx_rate"]["source"]) == ("7.2", "given by the user")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("as_of,rate,source\n2026-06-30,seven,my bank\n", "row 2: rate: 'seven' is not a number"),
        ("as_of,rate,source\n30/06/2026,7.05,my bank\n", "row 2: as_of: not a date"),
        ("", "it holds no rate"),
    ],
)
def test_a_malformed_rate_table_is_refused_in_one_line_and_nothing_is_saved(
    sqlite_url, tmp_path, content, reason
):
    table = tmp_path / "rates.csv"
    table.write_text(content)
    line = refused(sqlite_url, "--fx", str(table), *PACKAGE_C)
    assert line.startswith(f"error: invalid_input: fx: {table} is not a USD/CNY table")
    assert reason in line
    assert data(sqlite_url, "quote", "list") == []


def test_bad_rate_settings_are_refused_in_one_line(sqlite_url, tmp_path):
    missing = refused(sqlite_url, "--fx", str(tmp_path / "absent.csv"), *PACKAGE_C)
    absent = tmp_path / "absent.csv"
    assert missing == f"error: invalid_input: fx: {absent} does not exist (no such file)"
    negative = refused(sqlite_url, *PACKAGE_C, env={"PATENTSHIELD_FX_USD_CNY": "-7"})
    assert negative.startswith("error: invalid_input: PATENTSHIELD_FX_USD_CNY: ")
    table = tmp_path / "rates.csv"
    table.write_text("as_of,rate,source\n2026-06-30,7.05,my bank\n")
    both = refused(sqlite_url, "--fx", str(table), *PACKAGE_C, env={"PATENTSHIELD_FX_USD_CNY": "7"})
    assert both.startswith("error: invalid_input: fx: give one USD/CNY source")


def insurer_files(folder: Path) -> dict[str, str]:
    catalog = write_catalog(
        folder / "catalog.yaml",
        catalog_record(
            id="insurer-liability",
            plans=[plan_record(premium={"rule": "fixed_per_unit", "amount": 80000})],
        ),
    )
    programmes = folder / "programmes.yaml"
    programmes.write_text(yaml.safe_dump({"programmes": [PROGRAMME]}, allow_unicode=True))
    return {
        "PATENTSHIELD_CATALOG_FILE": str(catalog),
        "PATENTSHIELD_PROGRAMMES_FILE": str(programmes),
        "PATENTSHIELD_TODAY": "2026-05-04",
    }


def test_every_command_runs_on_the_insurer_s_catalog_programmes_and_today(sqlite_url, tmp_path):
    env = insurer_files(tmp_path)
    listed = data(sqlite_url, "catalog", "list", env=env)
    assert [product["id"] for product in listed] == ["insurer-liability"]
    programmes = data(sqlite_url, "subsidy", "programmes", "--region", "440306", env=env)
    assert [programme["id"] for programme in programmes] == ["insurer-district"]
    document = data(
        sqlite_url, "quote", "--product", "insurer-liability", "--region", "440306", env=env
    )
    assert document["date"] == "2026-05-04"
    assert document["created_at"] == "2026-05-04T12:00:00+00:00"
    assert document["subsidy_programme"] == "insurer-district"
    assert document["subsidy"] == {"amount": "24000.00", "currency": "CNY"}
    saved = data(sqlite_url, "quote", "show", document["id"], env=env)
    assert saved == document


def test_a_bad_reference_file_or_today_is_refused_in_one_line(sqlite_url, tmp_path):
    broken = tmp_path / "catalog.yaml"
    broken.write_text(yaml.safe_dump({"products": [catalog_record(plans=[])]}))
    line = refused(sqlite_url, "catalog", "list", env={"PATENTSHIELD_CATALOG_FILE": str(broken)})
    assert line.startswith("error: invalid_records: ") and str(broken) in line
    today = refused(sqlite_url, "catalog", "list", env={"PATENTSHIELD_TODAY": "4 May"})
    assert today.startswith("error: invalid_input: PATENTSHIELD_TODAY: ")
