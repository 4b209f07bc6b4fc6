"""``patentshield usitc import|stats|chart|calibrate`` end to end on a SQLite file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner, Result

from patentshield.cli.main import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "usitc"
IMPORT_KEYS = {
    "source",
    "layouts",
    "feed_date",
    "rows",
    "added",
    "updated",
    "unchanged",
    "rejected",
    "rejected_rows",
    "skipped_non_337",
    "investigations",
    "preinstitution",
    "numbers",
    "warnings",
}


def _run(sqlite_url: str, *args: str) -> Result:
    return CliRunner().invoke(app, ["--database-url", sqlite_url, "usitc", *args])


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _import(sqlite_url: str, name: str, *extra: str) -> Result:
    return _run(sqlite_url, "import", str(FIXTURES / name), "--format", "json", *extra)


def test_import_reports_added_updated_unchanged_and_rejected_rows(sqlite_url):
    report = _json(_import(sqlite_url, "ids_title_case.json"))
    assert set(report) == IMPORT_KEYS
    assert (report["added"], report["updated"], report["unchanged"], report["rejected"]) == (
        8,
        0,
        0,
        2,
    )
    assert report["rejected_rows"][0] == {
        "row": 12,
        "field": "Start Date",
        "reason": "'13-45-2025' is not a calendar date",
    }
    assert (report["skipped_non_337"], report["investigations"], report["preinstitution"]) == (
        1,
        7,
        1,
    )
    again = _json(_import(sqlite_url, "ids_title_case.json.gz"))
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 8)


def test_import_prints_a_table_by_default(sqlite_url):
    result = _run(sqlite_url, "import", str(FIXTURES / "info337.json"))
    assert result.exit_code == 0, result.stderr
    assert "added" in result.stdout
    assert "dateComplaintFiled" in result.stdout


def test_strict_import_fails_with_exit_2_and_writes_nothing(sqlite_url):
    result = _import(sqlite_url, "ids_snake_case.json", "--strict")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: invalid_records: investigation_diary.diary_date: ")
    stats = _json(_run(sqlite_url, "stats", "--source", "imported", "--format", "json"))
    assert stats["groups"][0]["investigations"] == 0


def test_a_truncated_file_fails_with_exit_2_and_leaves_the_database_unchanged(sqlite_url):
    _import(sqlite_url, "info337.json")
    result = _import(sqlite_url, "ids_title_case_truncated.json.gz")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: external_data: file: ")
    stats = _json(_run(sqlite_url, "stats", "--source", "imported", "--format", "json"))
    assert stats["groups"][0]["investigations"] == 3


def test_import_needs_exactly_one_of_a_file_or_a_url(sqlite_url):
    neither = _run(sqlite_url, "import")
    assert neither.exit_code == 2
    assert "error: invalid_input: file: give either a FILE or --url URL" in neither.stderr
    both = _run(sqlite_url, "import", str(FIXTURES / "info337.json"), "--url", "https://x.test/")
    assert both.exit_code == 2


def test_a_missing_file_is_a_clear_error(sqlite_url, tmp_path):
    result = _run(sqlite_url, "import", str(tmp_path / "nothing.json"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_stats_on_the_shipped_sample_reproduce_the_documented_figures(sqlite_url):
    stats = _json(_run(sqlite_url, "stats", "--source", "shipped", "--format", "json"))
    overall = stats["groups"][0]
    assert (stats["source"], stats["by"], overall["key"]) == ("shipped", "year", "all")
    assert overall["investigations"] == 82
    respondents = overall["respondents_per_investigation"]
    assert (respondents["mean"], respondents["median"], respondents["n"]) == (6.1724, 4.0, 58)
    assert overall["share_naming_chinese"] == {"value": 0.3448, "count": 20, "n": 58}
    assert overall["share_naming_greater_china"] == {"value": 0.4655, "count": 27, "n": 58}
    assert stats["published"]["respondents_per_investigation"]["value"] == 4.1
    years = [group["key"] for group in stats["groups"][1:]]
    assert years[0] == "2002" and years[-1] == "2026"


def test_stats_by_country_and_hts_as_csv(sqlite_url):
    _import(sqlite_url, "ids_title_case.json")
    result = _run(sqlite_url, "stats", "--by", "hts", "--source", "imported", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert set(rows[0]) == {"group", "metric", "value", "count", "n"}
    investigations = {r["group"]: r["value"] for r in rows if r["metric"] == "investigations"}
    assert investigations == {
        "all": "7",
        "84": "2",
        "85": "2",
        "91": "1",
        "67": "1",
        "unknown": "2",
    }
    by_country = _json(
        _run(sqlite_url, "stats", "--by", "country", "--source", "imported", "--format", "json")
    )
    assert by_country["groups"][1]["key"] == "China"


def test_stats_of_an_imported_feed_count_respondents_by_country_and_who_defended(sqlite_url):
    assert _import(sqlite_url, "ids_2024_respondents.json").exit_code == 0
    stats = _json(
        _run(sqlite_url, "stats", "--by", "year", "--source", "imported", "--format", "json")
    )
    year = next(group for group in stats["groups"] if group["key"] == "2024")
    china = year["respondents"]["china"]
    assert (china["respondents"], china["defended"], china["defaulted"]) == (74, 45, 29)
    assert china["share_defended"] == {"value": 0.6081, "count": 45, "n": 74}
    assert set(year["respondents"]) == {"china", "hong_kong", "taiwan", "others", "all"}
    assert year["final_determinations"]["violation"] == {"value": 0.5833, "count": 7, "n": 12}
    assert year["outcomes"]["default"]["count"] == 4  # a default-based violation, finer class
    rows = list(
        csv.DictReader(
            io.StringIO(_run(sqlite_url, "stats", "--source", "imported", "--format", "csv").stdout)
        )
    )
    defended = {(r["group"], r["metric"]): r for r in rows}[("2024", "respondents_china_defended")]
    assert (defended["value"], defended["count"], defended["n"]) == ("0.6081", "45", "74")
    table = _run(sqlite_url, "stats", "--source", "imported")
    assert "74 / 60.8 %" in table.stdout


def test_stats_table_is_the_default(sqlite_url):
    result = _run(sqlite_url, "stats", "--source", "shipped")
    assert result.exit_code == 0, result.stderr
    assert "34.5 % (n=58)" in result.stdout


def test_chart_writes_png_and_deterministic_svg_files(sqlite_url, tmp_path):
    first = _run(sqlite_url, "chart", "--source", "shipped", "--out", str(tmp_path / "a"))
    assert first.exit_code == 0, first.stderr
    paths = [Path(line) for line in first.stdout.splitlines()]
    assert len(paths) == 8
    assert {p.suffix for p in paths} == {".png", ".svg"}
    assert all(p.stat().st_size > 1000 for p in paths)
    assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    second = _run(
        sqlite_url, "chart", "--source", "shipped", "--out", str(tmp_path / "b"), "--kind", "svg"
    )
    svgs = [Path(line) for line in second.stdout.splitlines()]
    assert len(svgs) == 4
    for svg in svgs:
        twin = tmp_path / "a" / svg.name
        assert svg.read_bytes() == twin.read_bytes()
        assert b"<dc:date>" not in svg.read_bytes()


def test_calibrate_prints_json_and_writes_yaml_files(sqlite_url, tmp_path):
    document = _json(_run(sqlite_url, "calibrate", "--source", "shipped"))
    assert document["model_version"] == "usitc-calibration/2"
    assert document["generated_from"]["source"] == "shipped"
    out = tmp_path / "params" / "calibration.yaml"
    result = _run(sqlite_url, "calibrate", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(out)
    written = yaml.safe_load(out.read_text("utf-8"))
    assert written["generated_from"]["source"] == "all"
    assert written["respondents_per_investigation"]["mean"]["n"] == 58
    json_out = tmp_path / "calibration.json"
    assert _run(sqlite_url, "calibrate", "--out", str(json_out)).exit_code == 0
    assert (
        json.loads(json_out.read_text("utf-8"))["frequency"]["new_investigations_per_year"]["n"]
        == 7
    )


def test_a_url_that_is_not_http_is_refused_without_any_download(sqlite_url):
    result = _run(sqlite_url, "import", "--url", "file:///etc/passwd")
    assert result.exit_code == 2
    assert "error: invalid_input: url: 'file:///etc/passwd' is not an http(s) URL" in result.stderr
