"""``patentshield quote`` end to end through the CLI."""

import json
from pathlib import Path

from typer.testing import CliRunner

from patentshield.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
runner = CliRunner()


def run(url: str, *args: str):
    return runner.invoke(app, ["--database-url", url, *args])


def quote_json(url: str, *args: str) -> dict:
    result = run(url, "quote", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_seed_package_c_quote_has_the_published_aggregate_limit(sqlite_url):
    document = quote_json(sqlite_url, "--product", "chancheng-package-10-c", "--date", "2026-03-01")
    assert document["aggregate_limit"] == {"amount": "1440000.00", "currency": "CNY"}
    assert document["gross_premium"] == {"amount": "16000.00", "currency": "CNY"}
    for key in (
        "subsidy",
        "net_premium",
        "per_claim_limit",
        "deductible",
        "coinsurance",
        "coverage_gaps",
        "warnings",
    ):
        assert key in document
    assert document["responds_to_337"] == "no"
    assert len(document["coverage_gaps"]) == 13
    assert any("no enterprise or region" in w for w in document["warnings"])


def test_a_shenzhen_exporter_gets_the_capped_subsidy_and_usd_amounts(sqlite_url):
    assert run(sqlite_url, "enterprise", "import", str(EXAMPLES)).exit_code == 0
    document = quote_json(
        sqlite_url,
        "--product",
        "huangpu-2020-overseas-liability",
        "--enterprise",
        "sz-led-lighting",
        "--premium",
        "500000",
        "--date",
        "2026-03-01",
        "--fx-rate",
        "7.2",
    )
    assert document["subsidy"] == {"amount": "200000.00", "currency": "CNY"}
    assert document["net_premium"] == {"amount": "300000.00", "currency": "CNY"}
    assert document["subsidy_programme"] == "shenzhen"
    assert document["usd"]["net_premium"] == {"amount": "41666.67", "currency": "USD"}
    assert document["fx_rate"]["rate"] == "7.2"
    assert any("ILLUSTRATIVE" in w for w in document["warnings"])


def test_a_quote_can_be_listed_and_shown_again(sqlite_url):
    document = quote_json(
        sqlite_url,
        "--product",
        "picc-2013-enforcement",
        "--units",
        "3",
        "--plan",
        "enhanced",
        "--date",
        "2026-03-01",
    )
    assert document["gross_premium"]["amount"] == "4800.00"
    shown = run(sqlite_url, "quote", "show", document["id"], "--format", "json")
    assert json.loads(shown.stdout)["id"] == document["id"]
    listed = run(sqlite_url, "quote", "list", "--format", "json")
    assert [d["id"] for d in json.loads(listed.stdout)] == [document["id"]]
    table = run(sqlite_url, "quote", "show", document["id"])
    assert "Coverage against the 337 cost categories" in table.stdout


def test_compare_prints_every_product(sqlite_url):
    result = run(
        sqlite_url,
        "quote",
        "compare",
        "--product",
        "chancheng-package-10-a",
        "--product",
        "chancheng-package-10-c",
        "--date",
        "2026-03-01",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    limits = [d["aggregate_limit"]["amount"] for d in json.loads(result.stdout)]
    assert limits == ["120000.00", "1440000.00"]
    table = run(
        sqlite_url,
        "quote",
        "compare",
        "--product",
        "chancheng-package-10-a",
        "--product",
        "chancheng-package-10-c",
        "--date",
        "2026-03-01",
    )
    assert "Quote comparison" in table.stdout


def test_bad_input_exits_2_with_one_line_and_saves_nothing(sqlite_url):
    cases = [
        (["--product", "no-such-product"], "not_found: product"),
        (["--product", "chancheng-package-10-c", "--premium", "-5"], "premium"),
        (["--product", "chancheng-package-10-c", "--date", "2026-13-01"], "date"),
        (["--product", "chancheng-package-10-c", "--units", "0"], "units"),
        (["--product", "huangpu-2020-overseas-liability"], "premium"),
        (["--product", "chancheng-package-10-c", "--region", "xx"], "region"),
    ]
    for args, field in cases:
        result = run(sqlite_url, "quote", *args)
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and field in lines[0], (args, lines)
    listed = run(sqlite_url, "quote", "list", "--format", "json")
    assert json.loads(listed.stdout) == []
