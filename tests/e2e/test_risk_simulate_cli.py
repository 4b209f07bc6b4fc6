"""``patentshield risk simulate`` end to end: an exporter alone, under a product, from a file."""

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from patentshield.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
runner = CliRunner()
COMMON = ["--years", "20000", "--seed", "4", "--date", "2026-03-01", "--fx-rate", "7.2"]


def simulate(url: str, *args: str) -> Any:
    result = runner.invoke(
        app, ["--database-url", url, "risk", "simulate", *args, *COMMON, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def imported(url: str) -> str:
    assert (
        runner.invoke(app, ["--database-url", url, "enterprise", "import", str(EXAMPLES)]).exit_code
        == 0
    )
    return url


def test_an_exporters_risk_has_a_chance_of_being_named_and_costs_by_category(sqlite_url):
    document = simulate(imported(sqlite_url), "--enterprise", "nb-standing-desks")
    assert document["seed"] == 4 and document["years"] == 20_000
    exposure = document["exposure"]
    assert 0 < exposure["p_named_per_year"]["value"] < 0.2
    assert len(document["cost_by_category"]) == 13
    assert document["cost"]["mean"]["value"]["currency"] == "USD"
    assert document["policy"] is None


def test_a_risk_rated_product_without_a_premium_gets_the_engines_indicated_premium(sqlite_url):
    document = simulate(
        imported(sqlite_url),
        "--enterprise",
        "sz-led-lighting",
        "--product",
        "huangpu-2020-overseas-liability",
    )
    policy = document["policy"]
    assert policy["premium_basis"].startswith("risk-rated")
    assert policy["gross_premium"] == policy["indicated_premium"]
    assert (
        float(policy["indicated_premium"]["amount"])
        > float(policy["pure_premium"]["value"]["amount"])
        > 0
    )
    assert policy["aggregate_limit"] == {"amount": "2000000.00", "currency": "CNY"}
    assert any("ITC investigation" in a for a in policy["assumptions"])


def test_the_strict_reading_pays_less_but_still_answers_an_unclear_itc_wording(sqlite_url):
    # issue 9 item 6: unclear ITC cover responds in every reading (PRC Insurance Law art. 30),
    # as claims pay it; the strict reading only refuses the unclear categories
    url = imported(sqlite_url)
    args = ("--enterprise", "sz-led-lighting", "--product", "wuxi-2022-overseas-liability")
    strict = simulate(url, *args, "--reading", "strict")["policy"]
    favourable = simulate(url, *args)["policy"]
    strict_mean = float(strict["insured"]["mean"]["value"]["amount"])
    assert 0 < strict_mean < float(favourable["insured"]["mean"]["value"]["amount"])
    assert any("art. 30" in a for a in strict["assumptions"])


def test_a_tariff_product_keeps_its_tariff_premium(sqlite_url):
    document = simulate(
        imported(sqlite_url),
        "--enterprise",
        "sz-led-lighting",
        "--product",
        "wuxi-2022-overseas-liability",
    )
    assert document["policy"]["premium_basis"] == "tariff"
    assert document["policy"]["gross_premium"] == {"amount": "51600.00", "currency": "CNY"}


def test_an_enterprise_file_with_one_profile_needs_no_database(sqlite_url, tmp_path):
    text = EXAMPLES.read_text("utf-8")
    start = text.index("  - id: jn-laser-machinery")
    one = tmp_path / "one.yaml"
    one.write_text("enterprises:\n" + text[start:], "utf-8")
    document = simulate(sqlite_url, "--enterprise", str(one))
    assert document["enterprise"] == "jn-laser-machinery"


def test_an_unknown_enterprise_and_a_bad_override_are_refused(sqlite_url, tmp_path):
    result = runner.invoke(
        app, ["--database-url", sqlite_url, "risk", "simulate", "--enterprise", "nobody"]
    )
    assert result.exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("respondents:\n  default_probability: 2\n")
    result = runner.invoke(
        app,
        [
            "--database-url",
            imported(sqlite_url),
            "risk",
            "simulate",
            "--enterprise",
            "nb-standing-desks",
            "--parameters",
            str(bad),
        ],
    )
    assert result.exit_code == 2
    assert "respondents.default_probability" in result.output


def test_the_table_shows_the_summary_and_the_cost_by_category(sqlite_url):
    result = runner.invoke(
        app,
        [
            "--database-url",
            imported(sqlite_url),
            "risk",
            "simulate",
            "--enterprise",
            "dg-vape-devices",
            "--product",
            "illustrative-337-defence",
            *COMMON,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Section 337 risk of dg-vape-devices" in result.stdout
    assert "Expected yearly cost by category" in result.stdout
    assert "lost_us_profit" in result.stdout and "expected payment per year" in result.stdout
