"""``patentshield programme stats|uptake|adequacy|triangles`` end to end."""

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from patentshield.cli.main import app
from patentshield.kernel.money import Money

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def run(url, *args):
    result = runner.invoke(app, ["--database-url", url, *args])
    assert result.exit_code == 0, result.output
    return result


def as_json(url, *args):
    return json.loads(run(url, "programme", *args, "--format", "json").stdout)


def test_stats_and_uptake_of_an_empty_book_still_show_the_published_figures(sqlite_url):
    stats = as_json(sqlite_url, "stats")
    assert stats["rows"] == [] and stats["published"][0]["scope"].startswith("China")
    assert as_json(sqlite_url, "uptake", "--by", "year")["by"] == ["year"]
    table = run(sqlite_url, "programme", "stats").stdout
    assert "Published figures" in table and "28,000" in table


def test_an_unknown_grouping_is_one_line_naming_by(sqlite_url):
    result = runner.invoke(app, ["--database-url", sqlite_url, "programme", "stats", "--by", "x"])
    assert result.exit_code == 2 and ": by:" in result.stderr


def test_adequacy_sets_the_chancheng_packages_beside_a_337_defence(sqlite_url, tmp_path):
    document = as_json(sqlite_url, "adequacy", "--cases", "2000", "--us-sales", "5000000")
    [view] = document["views"]
    rows = {row["name"]: row for row in view["limits"]}
    multiples = [rows[f"chancheng-package-10-{t}"]["limit_per_premium"] for t in "abc"]
    assert multiples == [15.0, 30.0, 90.0]
    assert rows["chancheng-package-10-c"]["share_of_cases_covered"] < 0.5
    assert Money.from_json(view["median_defence_cost"]).amount > 100_000
    assert view["domestic_suit"]["cost"] == {"amount": "100000.00", "currency": "CNY"}
    book = tmp_path / "adequacy.xlsx"
    run(sqlite_url, "programme", "adequacy", "--cases", "500", "--xlsx", str(book))
    assert load_workbook(book).sheetnames[0].startswith("adequacy-")


@pytest.mark.slow
def test_a_simulated_history_gives_triangles_and_reserves(sqlite_url):
    document = as_json(
        sqlite_url,
        "triangles",
        "--source",
        "simulated",
        "--policies",
        "20000",
        "--origins",
        "6",
        "--seed",
        "3",
    )
    [book] = document["triangles"]
    assert len(book["origins"]) == 6 and len(book["paid"][0]) == 6 and len(book["paid"][-1]) == 1
    assert book["reserves"]["library"].startswith("chainladder")
    assert len(book["ultimate"]) == 6
    csv = run(sqlite_url, "programme", "triangles", "--format", "csv").stdout
    assert csv == ""  # an empty ledger has no triangle


def test_bad_triangle_options_are_one_line_naming_the_field(sqlite_url):
    for args, field in (
        (["--apriori", "-1"], "apriori"),
        (["--source", "simulated", "--origins", "0"], "origins"),
    ):
        result = runner.invoke(app, ["--database-url", sqlite_url, "programme", "triangles", *args])
        assert result.exit_code == 2 and f": {field}:" in result.stderr, result.stderr
