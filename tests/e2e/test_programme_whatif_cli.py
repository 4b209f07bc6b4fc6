"""``patentshield programme whatif`` end to end: figures, scenarios, files, errors, Dask."""

import json
import logging
from importlib import resources
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from patentshield.cli.main import app
from patentshield.kernel.money import Money

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
CHANCHENG = str(resources.files("patentshield.programme").joinpath("data", "chancheng-2011.yaml"))
FIGURES = (
    "insured_firms",
    "ip_rights_covered",
    "budget_spent",
    "premium_paid_by_firms",
    "subsidy_paid",
    "loss_ratio",
)
MONEY = ("budget_spent", "premium_paid_by_firms", "subsidy_paid")


def invoke(url, *args):
    return runner.invoke(app, ["--database-url", url, *args])


def run(url, *args):
    result = invoke(url, *args)
    assert result.exit_code == 0, result.output
    return result


def whatif_json(url, *args):
    return json.loads(run(url, "programme", "whatif", *args, "--format", "json").stdout)


def test_the_json_carries_every_figure_with_its_mean_and_5th_and_95th_percentiles(sqlite_url):
    document = whatif_json(
        sqlite_url,
        "--programme",
        "foshan-chancheng-2012",
        "--population",
        CHANCHENG,
        "--years",
        "600",
        "--seed",
        "1",
    )
    for name in FIGURES:
        assert set(document[name]) == {"mean", "p05", "p95"}, name
    for name in MONEY:
        for key in ("mean", "p05", "p95"):
            assert Money.from_json(document[name][key]).currency.value == "CNY"
    low, high = document["insured_firms"]["p05"], document["insured_firms"]["p95"]
    assert low <= document["insured_firms"]["mean"] <= high
    assert [row["scenario"] for row in document["scenarios"]] == ["as today", "withdrawn"]
    assert len(document["elasticity"]["sensitivity"]) == 5
    assert document["day"] == "2012-01-01"  # the programme's first day: not in force today


def test_a_changed_rate_and_budget_make_a_third_scenario_whose_budget_holds(sqlite_url):
    run(sqlite_url, "enterprise", "import", str(ROOT / "examples" / "enterprises.yaml"))
    document = whatif_json(
        sqlite_url,
        "--programme",
        "shenzhen",
        "--product",
        "huangpu-2020-overseas-liability",
        "--rate",
        "0.4",
        "--budget",
        "5000",
        "--rationing",
        "first-come",
        "--years",
        "500",
        "--seed",
        "2",
        "--elasticity",
        "1.5",
    )
    assert document["scenario"] == "changed"
    changed = document["scenarios"][-1]
    assert changed["rate"] == "0.4" and changed["rationing"] == "first-come"
    assert Money.from_json(changed["budget_spent"]["p95"]).amount <= 5000
    assert document["population"]["source"] == "database"
    assert document["elasticity"] == {**document["elasticity"], "value": 1.5, "calibrated": False}


def test_the_table_csv_workbook_and_charts_show_the_same_view(sqlite_url, tmp_path):
    args = [
        "programme",
        "whatif",
        "--programme",
        "foshan-chancheng-2011",
        "--population",
        CHANCHENG,
        "--years",
        "300",
    ]
    book, charts = tmp_path / "whatif.xlsx", tmp_path / "charts"
    table = run(sqlite_url, *args, "--xlsx", str(book), "--charts", str(charts)).stdout
    assert "Subsidy what-if: foshan-chancheng-2011" in table and "CNY 346,800.00" in table
    csv = run(sqlite_url, *args, "--format", "csv").stdout
    assert csv.splitlines()[1].startswith("scenario,rate,budget,budget currency,rationing")
    workbook = load_workbook(book)
    assert workbook.sheetnames == ["scenarios", "sensitivity"]
    assert workbook["scenarios"]["E4"].value == 94
    assert sorted(p.suffix for p in charts.iterdir()) == [".png"] * 3 + [".svg"] * 3


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--programme", "shenzhen", "--rate", "1.5"], "rate"),
        (["--programme", "shenzhen", "--budget", "-5"], "budget"),
        (["--programme", "hangzhou"], "programme"),
        (["--programme", "shenzhen", "--elasticity", "80"], "elasticity"),
        (["--programme", "shenzhen", "--years", "0"], "years"),
        (["--programme", "shenzhen", "--population", "missing.yaml"], "population"),
    ],
)
def test_bad_input_is_one_line_naming_the_field(sqlite_url, args, field):
    result = invoke(
        sqlite_url, "programme", "whatif", *args, "--product", "huangpu-2020-overseas-liability"
    )
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f": {field}:" in lines[0], result.stderr


def test_a_population_file_in_another_format_is_refused(sqlite_url, tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text("format: something-else\ngroups: []\n", "utf-8")
    result = invoke(
        sqlite_url, "programme", "whatif", "--programme", "shenzhen", "--population", str(path)
    )
    assert result.exit_code == 2 and ": format:" in result.stderr


@pytest.mark.slow
def test_threads_and_one_or_two_dask_workers_give_the_same_whatif(sqlite_url):
    from distributed import LocalCluster

    args = [
        "--programme",
        "foshan-chancheng-2012",
        "--population",
        CHANCHENG,
        "--years",
        "700",
        "--seed",
        "4",
        "--threads",
        "2",
    ]
    threaded = whatif_json(sqlite_url, *args)
    for workers in (1, 2):
        with LocalCluster(
            n_workers=workers,
            processes=False,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster:
            on_dask = whatif_json(sqlite_url, *args, "--scheduler", cluster.scheduler_address)
        for key in ("scenarios", "elasticity", *FIGURES):
            assert on_dask[key] == threaded[key], (workers, key)


def test_too_many_firm_years_are_refused_before_anything_is_simulated(sqlite_url):
    result = invoke(
        sqlite_url,
        "programme",
        "whatif",
        "--programme",
        "foshan-chancheng-2012",
        "--population",
        CHANCHENG,
        "--years",
        "999999999",
    )
    assert result.exit_code == 2 and ": years: firms × years must be at most" in result.stderr
