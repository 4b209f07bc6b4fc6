"""``patentshield quote`` end to end through the CLI."""

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from patentshield.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
runner = CliRunner()


def run(url: str, *args: str):
    return runner.invoke(app, ["--database-url", url, *args])


def quote_json(url: str, *args: str) -> Any:
    result = run(url, "quote", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_seed_package_c_quote_has_the_published_aggregate_limit(sqlite_url):
    document = quote_json(sqlite_url, "--product", "chancheng-package-10-c", "--date", "2026-03-01")
    assert document["aggregate_limit"] == {"amount": "1440000.00", "currency": "CNY"}
    assert document["gross_premium"] == {"amount": "16000.00", "currency": "CNY"}
    for key in (
        "subsidy",
        "net_premium",
        "per_claim_limit",
        "deductible",
        "coinsurance",
        "coverage_gaps",
        "warnings",
    ):
        assert key in document
    assert document["responds_to_337"] == "no"
    assert len(document["coverage_gaps"]) == 13
    assert any("no enterprise or region" in w for w in document["warnings"])


def test_a_shenzhen_exporter_gets_the_capped_subsidy_and_usd_amounts(sqlite_url):
    assert run(sqlite_url, "enterprise", "import", str(EXAMPLES)).exit_code == 0
    document = quote_json(
        sqlite_url,
        "--product",
        "huangpu-2020-overseas-liability",
        "--enterprise",
        "sz-led-lighting",
        "--premium",
        "500000",
        "--date",
        "2026-03-01",
        "--fx-rate",
        "7.2",
    )
    assert document["subsidy"] == {"amount": "200000.00", "currency": "CNY"}
    assert document["net_premium"] == {"amount": "300000.00", "currency": "CNY"}
    assert document["subsidy_programme"] == "shenzhen"
    assert document["usd"]["net_premium"] == {"amount": "41666.67", "currency": "USD"}
    assert document["fx_rate"]["rate"] == "7.2"
    assert any("ILLUSTRATIVE" in w for w in document["warnings"])


def test_a_quote_can_be_listed_and_shown_again(sqlite_url):
    document = quote_json(
        sqlite_url,
        "--product",
        "picc-2013-enforcement",
        "--units",
        "3",
        "--plan",
        "enhanced",
        "--date",
        "2026-03-01",
    )
    assert document["gross_premium"]["amount"] == "4800.00"
    shown = run(sqlite_url, "quote", "show", document["id"], "--format", "json")
    assert json.loads(shown.stdout)["id"] == document["id"]
    listed = run(sqlite_url, "quote", "list", "--format", "json")
    assert [d["id"] for d in json.loads(listed.stdout)] == [document["id"]]
    table = run(sqlite_url, "quote", "show", document["id"])
    assert "Coverage against the 337 cost categories" in table.stdout


def test_compare_prints_every_product(sqlite_url):
    result = run(
        sqlite_url,
        "quote",
        "compare",
        "--product",
        "chancheng-package-10-a",
        "--product",
        "chancheng-package-10-c",
        "--date",
        "2026-03-01",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    limits = [d["aggregate_limit"]["amount"] for d in json.loads(result.stdout)]
    assert limits == ["120000.00", "1440000.00"]
    table = run(
        sqlite_url,
        "quote",
        "compare",
        "--product",
        "chancheng-package-10-a",
        "--product",
        "chancheng-package-10-c",
        "--date",
        "2026-03-01",
    )
    assert "Quote comparison" in table.stdout


def test_bad_input_exits_2_with_one_line_and_saves_nothing(sqlite_url):
    cases = [
        (["--product", "no-such-product"], "not_found: product"),
        (["--product", "chancheng-package-10-c", "--premium", "-5"], "premium"),
        (["--product", "chancheng-package-10-c", "--date", "2026-13-01"], "date"),
        (["--product", "chancheng-package-10-c", "--units", "0"], "units"),
        (["--product", "huangpu-2020-overseas-liability"], "premium"),
        (["--product", "chancheng-package-10-c", "--region", "xx"], "region"),
    ]
    for args, field in cases:
        result = run(sqlite_url, "quote", *args)
        assert result.exit_code == 2, (args, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and field in lines[0], (args, lines)
    listed = run(sqlite_url, "quote", "list", "--format", "json")
    assert json.loads(listed.stdout) == []


BEIJING_EXPORTER = """
enterprises:
  - id: bj-sensing
    name: Beijing Zhongguancun Sensing Co., Ltd.
    credit_code: 91110108PT00000217
    region: "110108"
    flags: [export_oriented, first_application]
    product_classes:
      - name: Lidar modules
        hts: ["9015.10"]
        annual_us_sales_usd: "3000000"
      - name: Drone flight controllers
        hts: ["8526.91"]
        annual_us_sales_usd: "2000000"
      - name: Machine-vision cameras
        hts: ["8525.89"]
        annual_us_sales_usd: "1000000"
"""


def test_a_per_commodity_product_is_quoted_and_bound_per_product_class(sqlite_url, tmp_path):
    profile = tmp_path / "bj.yaml"
    profile.write_text(BEIJING_EXPORTER, "utf-8")
    assert run(sqlite_url, "enterprise", "import", str(profile)).exit_code == 0
    product = ("--product", "beijing-2012-pilot-per-commodity", "--enterprise", "bj-sensing")
    document = quote_json(sqlite_url, *product, "--date", "2026-03-01")
    assert document["units"] == 3  # one per product class (HTS line) of the profile
    assert document["gross_premium"] == {"amount": "6000.00", "currency": "CNY"}
    assert document["aggregate_limit"] == {"amount": "90000.00", "currency": "CNY"}
    assert document["subsidy_programme"] == "beijing-patent-pilot"
    assert document["net_premium"] == {"amount": "0.00", "currency": "CNY"}
    assert document["responds_to_337"] == "no"
    assert not any("product classes are insured" in w for w in document["warnings"])
    part = quote_json(
        sqlite_url, *product, "--units", "2", "--plan", "enhanced", "--date", "2026-03-01"
    )
    assert part["gross_premium"] == {"amount": "8000.00", "currency": "CNY"}
    assert "2 of the enterprise's 3 product classes are insured" in part["warnings"]
    bound = run(
        sqlite_url, "policy", "bind", document["id"], "--number", "BJ-2026-0001", "-f", "json"
    )
    assert bound.exit_code == 0, bound.output
    terms = json.loads(bound.stdout)["terms"]
    assert terms["aggregate_limit"] == {"amount": "90000.00", "currency": "CNY"}


def test_a_quote_under_a_programme_without_a_published_rate_has_no_subsidy(sqlite_url, tmp_path):
    profile = tmp_path / "bj.yaml"
    profile.write_text(BEIJING_EXPORTER, "utf-8")
    assert run(sqlite_url, "enterprise", "import", str(profile)).exit_code == 0
    product = ("--product", "beijing-2012-pilot-per-commodity", "--enterprise", "bj-sensing")
    document = quote_json(sqlite_url, *product, "--date", "2015-06-01", "--fx-rate", "6.2")
    assert document["gross_premium"] == {"amount": "6000.00", "currency": "CNY"}
    assert document["subsidy"] == {"amount": "0.00", "currency": "CNY"}
    assert document["subsidy_programme"] is None
    assert any(
        w.startswith("RATE NOT PUBLISHED: beijing-2012-premium-fund") for w in document["warnings"]
    )


def test_an_implausible_number_of_units_is_refused_and_no_quote_is_saved(sqlite_url):
    result = run(
        sqlite_url, "quote", "--product", "picc-2013-enforcement", "--units", "99999999999999"
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: invalid_input: units: 99,999,999,999,999 units is")
    listed = run(sqlite_url, "quote", "list", "--format", "json")
    assert json.loads(listed.stdout) == []


def test_a_premium_or_rate_out_of_bounds_is_one_line(sqlite_url):
    for option, value, field in (
        ("--premium", "9" * 20, "premium"),
        ("--premium", "1,5", "premium"),
        ("--fx-rate", "0.000000004", "fx_rate"),
    ):
        result = run(sqlite_url, "quote", "--product", "chancheng-package-10-c", option, value)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"error: invalid_input: {field}: ")
