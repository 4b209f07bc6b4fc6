"""``patentshield case`` and ``patentshield evidence`` end to end through the CLI."""

import json
import os
import stat
import zipfile
from pathlib import Path

from tests.e2e.case_setup import OPEN_1501, Cli, insure_the_led_maker


def run(url: str, home: Path, *args: str):
    return Cli(url, home).run(*args)


def as_json(url: str, home: Path, *args: str):
    return Cli(url, home).json(*args)


def test_a_case_is_opened_worked_and_its_evidence_verified_and_exported(sqlite_url, tmp_path):
    home = tmp_path / "home"
    insure_the_led_maker(Cli(sqlite_url, home))
    case = as_json(
        sqlite_url,
        home,
        *OPEN_1501,
        "--respondent",
        "Zhongshan Lumen Co.",
        "--respondent",
        "Brightway Lighting USA Inc.",
        "--product",
        "LED luminaires",
    )
    assert case["state"] == "served"
    assert [r["insured"] for r in case["respondents"]] == [True, False, False]
    tasks = as_json(sqlite_url, home, "case", "tasks", "337-TA-1501", "--date", "2026-05-10")
    assert tasks[0]["code"] == "answer" and tasks[0]["status"] == "overdue"
    table = run(sqlite_url, home, "case", "tasks", "337-TA-1501", "--date", "2026-05-10")
    assert "OVERDUE" in table.stdout
    moved = as_json(
        sqlite_url,
        home,
        "case",
        "advance",
        "337-TA-1501",
        "--to",
        "answered",
        "--date",
        "2026-05-06",
    )
    assert moved["transitions"][-1]["to"] == "answered"
    bad = run(sqlite_url, home, "case", "advance", "337-TA-1501", "--to", "orders")
    assert bad.exit_code == 2 and "invalid_transition" in bad.stderr
    counsel = as_json(
        sqlite_url,
        home,
        "case",
        "counsel",
        "337-TA-1501",
        "--respondent",
        "sz-led-lighting",
        "--firm",
        "Kirkland & Pell LLP",
        "--date",
        "2026-04-20",
    )
    assert counsel["counsel"][0]["firm"] == "Kirkland & Pell LLP"
    notebook = tmp_path / "notebook.txt"
    notebook.write_text("design log 2021", encoding="utf-8")
    added = as_json(
        sqlite_url,
        home,
        "evidence",
        "add",
        "337-TA-1501",
        str(notebook),
        "--kind",
        "rd_records",
        "--by",
        "Li Wei",
        "--date",
        "2026-04-20",
    )
    assert added[0]["size"] == len("design log 2021")
    assert run(sqlite_url, home, "evidence", "verify", "337-TA-1501").exit_code == 0
    dossier = tmp_path / "dossier.zip"
    exported = as_json(
        sqlite_url,
        home,
        "evidence",
        "export",
        "337-TA-1501",
        "--respondent",
        "sz-led-lighting",
        "--out",
        str(dossier),
        "--date",
        "2026-04-30",
    )
    assert len(exported["files"]) == 1
    assert set(zipfile.ZipFile(dossier).namelist()) >= {"manifest.json", "cover_letter.pdf"}
    stored = home / "evidence" / added[0]["sha256"][:2] / added[0]["sha256"]
    os.chmod(stored, stat.S_IRUSR | stat.S_IWUSR)
    stored.write_text("design log 2024", encoding="utf-8")
    tampered = run(sqlite_url, home, "evidence", "verify", "337-TA-1501", "--format", "json")
    assert tampered.exit_code == 1
    assert json.loads(tampered.stdout)[0]["state"] == "altered"
    assert as_json(sqlite_url, home, "case", "list")[0]["number"] == "337-TA-1501"
