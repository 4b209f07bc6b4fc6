"""Output that cannot attack its reader: terminal escapes shown, spreadsheet formulas defused.

Issue 15, defect 8: a complainant's name with terminal escape codes was printed raw by
``case show``; ``=HYPERLINK(…)`` from a feed was written raw into ``usitc stats --format csv``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from patentshield.cli.main import app
from tests.e2e.case_setup import Cli, insure_the_led_maker

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "usitc"
ESCAPES = "Lumina\x1b[2J\x1b]0;owned\x07 IP\u202eLLC"


def test_case_show_prints_escape_codes_as_visible_text(sqlite_url, tmp_path):
    cli = Cli(sqlite_url, tmp_path / "home")
    insure_the_led_maker(cli)
    opened = cli.run(
        *("case", "open", "--number", "337-TA-1501", "--complaint", "2026-03-16"),
        *("--complainant", ESCAPES, "--patent", "US 9,876,543"),
        *("--insured", "sz-led-lighting=PS-2026-0001"),
    )
    assert opened.exit_code == 0, opened.output
    shown = cli.run("case", "show", "337-TA-1501")
    assert shown.exit_code == 0
    assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
    assert "\u202e" not in shown.stdout
    assert "\\x1b[2J" in shown.stdout
    as_json = json.loads(cli.run("case", "show", "337-TA-1501", "--format", "json").stdout)
    assert as_json["complainants"] == [ESCAPES]  # the data itself is kept as given


def test_a_formula_from_a_feed_is_written_as_text_into_csv(sqlite_url, tmp_path):
    records = json.loads((FIXTURES / "info337.json").read_text("utf-8"))
    for record in records:
        for respondent in record.get("respondent") or []:
            respondent["outsideParty"]["country"] = '=HYPERLINK("http://x.test","China")'
    feed = tmp_path / "hostile.json"
    feed.write_text(json.dumps(records), encoding="utf-8")
    runner = CliRunner()
    imported = runner.invoke(app, ["--database-url", sqlite_url, "usitc", "import", str(feed)])
    assert imported.exit_code == 0, imported.output
    stats = runner.invoke(
        app,
        ["--database-url", sqlite_url, "usitc", "stats"]
        + ["--source", "imported", "--by", "country", "--format", "csv"],
    )
    assert stats.exit_code == 0, stats.output
    cells = [cell for row in csv.reader(io.StringIO(stats.stdout)) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))]
    assert '\'=HYPERLINK("http://x.test","China")' in cells
