from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner, Result

from patentshield.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _run(sqlite_url: str, *args: str) -> Result:
    return CliRunner().invoke(app, ["--database-url", sqlite_url, "enterprise", *args])


def _json(result: Result) -> object:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _listed_ids(sqlite_url: str) -> list[str]:
    listed = _json(_run(sqlite_url, "list", "--format", "json"))
    assert isinstance(listed, list)
    return [item["id"] for item in listed]


def test_import_show_and_list_speak_json(sqlite_url: str) -> None:
    report = _json(_run(sqlite_url, "import", str(EXAMPLES / "enterprises.yaml"), "-f", "json"))
    assert report == {
        "source": str(EXAMPLES / "enterprises.yaml"),
        "created": 5,
        "updated": 0,
        "unchanged": 0,
        "enterprises": [
            {"id": "sz-led-lighting", "row": 1, "outcome": "created"},
            {"id": "nb-standing-desks", "row": 2, "outcome": "created"},
            {"id": "dg-vape-devices", "row": 3, "outcome": "created"},
            {"id": "fs-kitchen-appliances", "row": 4, "outcome": "created"},
            {"id": "jn-laser-machinery", "row": 5, "outcome": "created"},
        ],
        "warnings": [],
    }
    shown = _json(_run(sqlite_url, "show", "sz-led-lighting", "--format", "json"))
    assert isinstance(shown, dict)
    assert shown["credit_code"] == "91440306PT00000114"
    assert shown["region"]["code"] == "440306"
    assert shown["region"]["city"] == "Shenzhen"
    assert shown["total_us_sales"] == {"amount": "12000000.00", "currency": "USD"}
    assert shown["product_classes"][1] == {
        "name": "LED packages and Mini-LED backlight units",
        "hts": ["8541.41"],
        "annual_us_sales": {"amount": "4500000.00", "currency": "USD"},
    }
    assert shown["patents"][0]["expiry"] == "2039-06-20"
    assert shown["flags"] == ["export_oriented", "high_value_patents", "specialised_sme"]
    assert _listed_ids(sqlite_url) == sorted(_listed_ids(sqlite_url))
    assert len(_listed_ids(sqlite_url)) == 5


def test_show_accepts_a_credit_code_in_lower_case(sqlite_url: str) -> None:
    _json(_run(sqlite_url, "import", str(EXAMPLES / "enterprises.csv"), "-f", "json"))
    shown = _json(_run(sqlite_url, "show", "91330212pt0000022x", "-f", "json"))
    assert isinstance(shown, dict)
    assert shown["id"] == "nb-standing-desks"
    assert shown["past_cases"] == [
        {
            "number": "337-TA-1054",
            "year": 2017,
            "role": "respondent",
            "outcome": "Fictitious example: settled with a licence in 2018",
        }
    ]


def test_re_importing_reports_every_profile_unchanged(sqlite_url: str) -> None:
    _json(_run(sqlite_url, "import", str(EXAMPLES / "enterprises.yaml"), "-f", "json"))
    again = _json(_run(sqlite_url, "import", str(EXAMPLES / "enterprises.yaml"), "-f", "json"))
    assert isinstance(again, dict)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 5)


def test_the_table_formats_print_the_profiles(sqlite_url: str) -> None:
    imported = _run(sqlite_url, "import", str(EXAMPLES / "enterprises.yaml"))
    assert imported.exit_code == 0
    assert "5 created, 0 updated, 0 unchanged" in imported.stdout
    listed = _run(sqlite_url, "list")
    assert "nb-standing-desks" in listed.stdout and "5 enterprise(s)" in listed.stdout
    shown = _run(sqlite_url, "show", "dg-vape-devices")
    assert "8543.40" in shown.stdout and "USD 45,000,000.00" in shown.stdout


def test_a_wrong_credit_code_exits_2_with_one_line_naming_the_field(sqlite_url: str) -> None:
    result = _run(sqlite_url, "import", str(EXAMPLES / "bad" / "wrong-credit-code.yaml"))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: invalid_records: credit_code: ")
    assert "expected '4'" in lines[0]
    assert _listed_ids(sqlite_url) == []


def test_a_file_with_many_errors_lists_them_all_and_writes_nothing(sqlite_url: str) -> None:
    _json(_run(sqlite_url, "import", str(EXAMPLES / "enterprises.yaml"), "-f", "json"))
    before = _json(_run(sqlite_url, "list", "-f", "json"))
    result = _run(sqlite_url, "import", str(EXAMPLES / "bad" / "many-errors.csv"))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("error: invalid_records: industries[1]: 12 error(s)")
    assert "  row 3: region: '990212': 99 is not a provincial-level division code" in lines
    assert len(lines) == 13
    assert _json(_run(sqlite_url, "list", "-f", "json")) == before


def test_a_missing_or_foreign_file_exits_2_naming_the_file(sqlite_url: str) -> None:
    for path in (EXAMPLES / "absent.yaml", EXAMPLES / "bad" / "enterprises.txt"):
        result = _run(sqlite_url, "import", str(path))
        assert result.exit_code == 2
        assert result.stderr.startswith("error: invalid_input: file: ")


def test_showing_an_unknown_enterprise_exits_2(sqlite_url: str) -> None:
    result = _run(sqlite_url, "show", "no-such-firm")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: not_found: enterprise: ")
