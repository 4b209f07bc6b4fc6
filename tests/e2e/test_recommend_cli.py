"""``patentshield recommend`` and risk-rated quotes end to end through the CLI."""

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from patentshield.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
runner = CliRunner()


def run(url: str, *args: str):
    return runner.invoke(app, ["--database-url", url, *args])


def imported(url: str) -> str:
    assert run(url, "enterprise", "import", str(EXAMPLES)).exit_code == 0
    return url


def recommend(url: str, *args: str) -> Any:
    result = run(url, "recommend", *args, "--date", "2026-03-01", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_recommend_ranks_the_products_that_respond_and_explains_the_others(sqlite_url):
    document = recommend(
        imported(sqlite_url), "--enterprise", "fs-kitchen-appliances", "--years", "5000"
    )
    products = document["products"]
    assert [p["rank"] for p in products] == list(range(1, len(products) + 1))
    assert len(products) >= 3
    left_out = {item["product"]: item["reason"] for item in document["left_out"]}
    assert "does not answer a 337 complaint" in left_out["chancheng-package-10-c"]
    for item in products:
        assert item["net_premium"]["currency"] == "CNY"
        assert float(item["expected_payment"]["amount"]) >= 0
        assert item["tail_cut_share"] <= 1
        for gap in item["gaps"]:
            assert gap["cover"] in ("not_covered", "unclear")
    firsts = [(p["rank_net_benefit"] + p["rank_tail_cut"]) for p in products]
    assert firsts == sorted(firsts)


def test_recommend_gives_each_net_benefit_against_the_top_products_with_a_paired_error(
    sqlite_url,
):
    document = recommend(
        imported(sqlite_url), "--enterprise", "dg-vape-devices", "--years", "4000", "--seed", "2"
    )
    top, *others = document["products"]
    assert document["top_product"] == top["product"]
    assert float(top["net_benefit_difference_to_top"]["amount"]) == 0
    top_error = float(top["expected_payment_std_error"]["amount"])
    for item in others:
        difference = float(item["net_benefit_difference_to_top"]["amount"])
        benefits = float(item["expected_net_benefit"]["amount"]) - float(
            top["expected_net_benefit"]["amount"]
        )
        assert abs(difference - benefits) <= 0.02  # both rounded to the cent
        paired = float(item["net_benefit_difference_std_error"]["amount"])
        independent = float(item["expected_payment_std_error"]["amount"]) ** 2 + top_error**2
        assert 0 <= paired**2 <= independent  # same years: no more noise than two simulations


def test_recommend_is_reproducible_for_a_seed(sqlite_url):
    url = imported(sqlite_url)
    one = recommend(url, "--enterprise", "sz-led-lighting", "--years", "3000", "--seed", "9")
    two = recommend(
        url, "--enterprise", "sz-led-lighting", "--years", "3000", "--seed", "9", "--threads", "1"
    )
    assert one["products"] == two["products"]


def test_recommend_prints_a_table(sqlite_url):
    result = run(
        imported(sqlite_url), "recommend", "--enterprise", "nb-standing-desks", "--years", "2000"
    )
    assert result.exit_code == 0, result.output
    assert "ranked" in result.stdout and "TVaR 99 %" in result.stdout
    assert "vs top ± SE" in result.stdout
    assert "Coverage gaps of" in result.stdout


def test_a_risk_rated_quote_for_an_exporter_gets_its_premium_from_the_engine(sqlite_url):
    url = imported(sqlite_url)
    result = run(
        url,
        "quote",
        "--product",
        "beijing-2022-overseas-legal-expense",
        "--enterprise",
        "sz-led-lighting",
        "--date",
        "2026-03-01",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert float(document["gross_premium"]["amount"]) > 0
    assert any("risk engine" in line for line in json.dumps(document).split('"'))


def test_a_risk_rated_quote_without_an_exporter_still_needs_a_premium(sqlite_url):
    result = run(
        sqlite_url, "quote", "--product", "huangpu-2020-overseas-liability", "--date", "2026-03-01"
    )
    assert result.exit_code == 2
    assert "--enterprise" in result.output
