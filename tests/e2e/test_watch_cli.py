"""``patentshield watch …`` end to end on a SQLite file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from patentshield.cli.main import app

ROOT = Path(__file__).resolve().parents[2]


def _run(sqlite_url: str, *args: str) -> Result:
    return CliRunner().invoke(
        app, ["--database-url", sqlite_url, *args], env={"PATENTSHIELD_TODAY": "2026-03-02"}
    )


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_match_prints_investigations_scores_reasons_and_what_follows(sqlite_url):
    found = _json(
        _run(sqlite_url, "watch", "match", "--text", "电动升降桌", "--top", "2", "--format", "json")
    )
    first = found["matches"][0]
    assert (first["investigation"], first["reasons"][0]) == (
        "337-TA-1054",
        "product: '电动升降桌' ~ 'height adjustable desk' (desk)",
    )
    assert isinstance(first["score"], float)
    assert found["if_named"]["answer_due"] == "2026-03-23"
    assert found["if_named"]["typical_defence_cost"]["currency"] == "USD"


def test_bad_input_is_one_line_and_exit_status_two(sqlite_url):
    for args, field in (
        (("--text", " "), "text"),
        (("--text", "desk", "--top", "0"), "top"),
        (("--text", "desk", "--hts", "94"), "hts"),
    ):
        result = _run(sqlite_url, "watch", "match", *args)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"error: invalid_input: {field}: ")
        assert len(result.stderr.strip().splitlines()) == 1


def test_run_then_alerts_lists_only_what_was_new(sqlite_url):
    _run(sqlite_url, "enterprise", "import", str(ROOT / "examples" / "enterprises.yaml"))
    first = _json(
        _run(sqlite_url, "watch", "run", "--enterprise", "dg-vape-devices", "--format", "json")
    )
    assert {"337-TA-1410", "337-TA-1286"} <= {alert["subject"] for alert in first["new"]}
    second = _json(
        _run(sqlite_url, "watch", "run", "--enterprise", "dg-vape-devices", "--format", "json")
    )
    assert (second["found"], second["new"]) == (first["found"], [])
    listed = _json(_run(sqlite_url, "watch", "alerts", "--format", "json"))["alerts"]
    assert {alert["run"] for alert in listed} == {first["run"]}


def test_complainant_prints_history_rank_and_npe_basis(sqlite_url):
    found = _json(_run(sqlite_url, "watch", "complainant", "Lamina", "--format", "json"))
    (lamina,) = found["complainants"]
    assert lamina["npe"]["category"] == "npe_category_2"
    assert lamina["investigations"][0]["investigation"] == "337-TA-874"
    assert found["npe_calibration"]["record_investigations"] == 82


def test_patents_import_refuses_bad_rows_and_lists_expiry(sqlite_url):
    fixtures = ROOT / "tests" / "fixtures" / "patentsview"
    strict = _run(sqlite_url, "watch", "patents", "import", str(fixtures), "--strict")
    assert strict.exit_code == 2
    assert "invalid_records" in strict.stderr
    report = _json(
        _run(sqlite_url, "watch", "patents", "import", str(fixtures), "--format", "json")
    )
    assert (report["added"], report["rejected"]) == (2, 7)
    listed = _json(_run(sqlite_url, "watch", "patents", "list", "--format", "json"))["patents"]
    assert listed[0]["expires"] == "2038-02-28"
