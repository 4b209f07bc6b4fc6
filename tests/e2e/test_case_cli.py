"""``patentshield case`` and ``patentshield evidence`` end to end through the CLI."""

import json
import os
import stat
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from patentshield.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
runner = CliRunner()


def run(url: str, home: Path, *args: str):
    return runner.invoke(app, ["--database-url", url, *args], env={"PATENTSHIELD_HOME": str(home)})


def as_json(url: str, home: Path, *args: str):
    result = run(url, home, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_case_is_opened_worked_and_its_evidence_verified_and_exported(sqlite_url, tmp_path):
    home = tmp_path / "home"
    assert run(sqlite_url, home, "enterprise", "import", str(EXAMPLES)).exit_code == 0
    quote = as_json(
        sqlite_url,
        home,
        "quote",
        "--product",
        "illustrative-337-defence",
        "--enterprise",
        "sz-led-lighting",
        "--premium",
        "400000",
        "--date",
        "2026-03-01",
    )
    as_json(sqlite_url, home, "policy", "bind", quote["id"], "--number", "PS-2026-0001")
    case = as_json(
        sqlite_url,
        home,
        "case",
        "open",
        "--number",
        "337-TA-1501",
        "--complaint",
        "2026-03-16",
        "--instituted",
        "2026-04-15",
        "--served",
        "2026-04-16",
        "--complainant",
        "Lumina IP Holdings LLC",
        "--patent",
        "US 9,876,543",
        "--insured",
        "sz-led-lighting=PS-2026-0001",
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
