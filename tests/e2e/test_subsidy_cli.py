"""``patentshield subsidy …`` end to end through the CLI (CliRunner, SQLite file)."""

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from patentshield.cli.main import app

EXAMPLES = str(Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml")

runner = CliRunner()


def run(sqlite_url: str, *args: str):
    return runner.invoke(app, ["--database-url", sqlite_url, "subsidy", *args])


def check(sqlite_url: str, *args: str) -> Any:
    result = run(
        sqlite_url,
        "check",
        "--programme",
        "shenzhen",
        "--product-type",
        "overseas_ip_infringement_liability",
        "--date",
        "2024-06-01",
        "--format",
        "json",
        *args,
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--premium", "500000"], "200000.00"),
        (["--premium", "100000"], "50000.00"),
        (["--premium", "100000", "--granted-this-year", "180000"], "20000.00"),
    ],
)
def test_check_reproduces_the_shenzhen_figures(sqlite_url, args, expected):
    document = check(sqlite_url, *args)
    assert document["subsidy"] == {"amount": expected, "currency": "CNY"}
    assert document["programme"] == "shenzhen"
    assert set(document) == {
        "subsidy",
        "programme",
        "programme_version",
        "eligible",
        "explanation",
        "warnings",
    }
    assert document["eligible"] is True


def test_check_with_the_applicants_facts_makes_no_assumption(sqlite_url):
    document = check(
        sqlite_url,
        "--premium",
        "100000",
        "--region",
        "440306",
        "--industry",
        "shenzhen_strategic",
        "--ip-right",
        "CN1",
    )
    region_and_industry = [
        line for line in document["explanation"] if "region" in line or "industry" in line
    ]
    assert region_and_industry == [
        "region 440306 is within 4403",
        "industry shenzhen_strategic is eligible",
    ]


def test_check_of_an_applicant_with_flags_applies_the_shandong_uplift(sqlite_url):
    result = run(
        sqlite_url,
        "check",
        "--programme",
        "shandong",
        "--product-type",
        "patent_enforcement",
        "--premium",
        "100000",
        "--flag",
        "high_value_patents",
        "--date",
        "2024-06-01",
        "--format",
        "json",
    )
    assert json.loads(result.output)["subsidy"]["amount"] == "70000.00"


def test_check_prints_a_readable_trace_by_default(sqlite_url):
    result = run(
        sqlite_url,
        "check",
        "--programme",
        "shenzhen",
        "--product-type",
        "patent_enforcement",
        "--premium",
        "500000",
        "--date",
        "2024-06-01",
    )
    assert result.exit_code == 0
    assert "subsidy: CNY 200,000.00" in result.output
    assert "warning: ILLUSTRATIVE: shenzhen" in result.output


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (
            ["--programme", "shenzhen", "--product-type", "patent_enforcement", "--premium", "-5"],
            "premium",
        ),
        (
            ["--programme", "hangzhou", "--product-type", "patent_enforcement", "--premium", "5"],
            "programme",
        ),
        (
            ["--programme", "shenzhen", "--product-type", "car_insurance", "--premium", "5"],
            "product_type",
        ),
        (
            [
                "--programme",
                "shenzhen",
                "--product-type",
                "patent_enforcement",
                "--premium",
                "5",
                "--date",
                "2024-13-01",
            ],
            "date",
        ),
        (
            [
                "--programme",
                "shenzhen",
                "--product-type",
                "patent_enforcement",
                "--premium",
                "5",
                "--region",
                "44x",
            ],
            "region",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_field(sqlite_url, args, field):
    result = run(sqlite_url, "check", *args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ") and f": {field}: " in lines[0]


def test_programmes_lists_those_in_force_in_a_region(sqlite_url):
    result = run(
        sqlite_url, "programmes", "--region", "440305", "--date", "2024-06-01", "--format", "json"
    )
    assert result.exit_code == 0
    (programme,) = json.loads(result.output)
    assert programme["id"] == "shenzhen"
    assert programme["per_applicant_year_caps"][0]["amount"] == {
        "amount": "200000.00",
        "currency": "CNY",
    }
    assert programme["sources"][0]["ref"] == "R77"


def test_a_programme_without_a_published_rate_is_listed_and_checks_to_no_subsidy(sqlite_url):
    listed = run(sqlite_url, "programmes", "--region", "11", "--date", "2015-06-01", "-f", "json")
    (fund,) = json.loads(listed.output)
    assert fund["id"] == "beijing-2012-premium-fund" and fund["rate"] is None
    table = run(sqlite_url, "programmes", "--region", "11", "--date", "2015-06-01")
    assert "rate not" in table.output and "published" in table.output  # the cell may wrap
    result = run(
        sqlite_url,
        *("check", "--programme", "beijing-2012-premium-fund", "--premium", "6000"),
        *("--product-type", "patent_enforcement", "--date", "2015-06-01", "-f", "json"),
    )
    document = json.loads(result.output)
    assert document["subsidy"] == {"amount": "0.00", "currency": "CNY"}
    assert (
        "rate not published: no source shows the rate, so no amount is computed"
        in (document["explanation"])
    )
    assert document["warnings"][0].startswith("RATE NOT PUBLISHED: beijing-2012-premium-fund")


def test_programmes_prints_a_table(sqlite_url):
    result = run(sqlite_url, "programmes", "--date", "2024-06-01")
    assert result.exit_code == 0
    assert "shenzhen" in result.output and "quanzhou" in result.output


def grant(sqlite_url: str, key: str, premium: str, *extra: str):
    imported = runner.invoke(app, ["--database-url", sqlite_url, "enterprise", "import", EXAMPLES])
    assert imported.exit_code == 0, imported.output
    return run(
        sqlite_url,
        "grant",
        "--programme",
        "shenzhen",
        "--applicant",
        "sz-led-lighting",
        "--product-type",
        "patent_enforcement",
        "--premium",
        premium,
        "--reference",
        f"POL-{key}",
        "--idempotency-key",
        key,
        "--date",
        "2024-06-01",
        "--region",
        "440306",
        "--industry",
        "shenzhen_strategic",
        "--format",
        "json",
        *extra,
    )


def test_grants_are_recorded_capped_replayed_and_listed(sqlite_url):
    first = grant(sqlite_url, "k1", "360000")
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["subsidy"]["amount"] == "180000.00"
    second = json.loads(grant(sqlite_url, "k2", "100000").output)
    assert second["subsidy"]["amount"] == "20000.00"
    replay = json.loads(grant(sqlite_url, "k2", "100000").output)
    assert replay["id"] == second["id"]
    listed = run(
        sqlite_url, "grants", "--applicant", "sz-led-lighting", "--year", "2024", "--format", "json"
    )
    assert [g["subsidy"]["amount"] for g in json.loads(listed.output)] == ["180000.00", "20000.00"]


def test_a_grant_beyond_the_cap_exits_2_and_records_nothing(sqlite_url):
    grant(sqlite_url, "k1", "400000")
    refused = grant(sqlite_url, "k2", "1000")
    assert refused.exit_code == 2
    assert refused.output.startswith("error: rule_violation: programme: ")
    listed = run(sqlite_url, "grants", "--format", "json")
    assert len(json.loads(listed.output)) == 1


def test_a_reused_key_for_another_premium_exits_2_as_a_conflict(sqlite_url):
    grant(sqlite_url, "k1", "1000")
    clash = grant(sqlite_url, "k1", "2000")
    assert clash.exit_code == 2
    assert clash.output.startswith("error: conflict: idempotency_key: ")


def test_grants_prints_a_table(sqlite_url):
    grant(sqlite_url, "k1", "1000")
    result = run(sqlite_url, "grants")
    assert result.exit_code == 0
    assert "sz-led-lighting" in result.output


NAMED_IN_HE_SECTION_2 = {
    ("110108", "national-2012-first-batch", 2012),  # Zhongguancun, Beijing
    ("440100", "national-2012-first-batch", 2012),  # Guangzhou
    ("350100", "national-2012-second-batch", 2012),  # Fuzhou
    ("441900", "national-2012-second-batch", 2012),  # Dongguan
    ("440600", "guangdong-national-pilot-cities", 2015),  # Foshan
    ("440700", "guangdong-national-pilot-cities", 2015),  # Jiangmen
    ("441300", "guangdong-national-pilot-cities", 2015),  # Huizhou
    ("441200", "guangdong-national-pilot-cities", 2015),  # Zhaoqing
    ("320100", "national-2016-demonstration", 2016),  # Nanjing
    ("440300", "national-2016-demonstration", 2016),  # Shenzhen
    ("440604", "national-2016-demonstration", 2016),  # Foshan Chancheng
}


def test_pilots_lists_every_named_region_with_batch_year_and_source(sqlite_url):
    result = run(sqlite_url, "pilots", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert set(document) == {"pilots", "regions", "by_province", "milestones"}
    listed = {(r["region_code"], r["batch"], r["year"]) for r in document["regions"]}
    assert listed >= NAMED_IN_HE_SECTION_2
    assert all(r["sources"] and r["province_code"] for r in document["regions"])
    counts = {p["id"]: p["unnamed"] for p in document["pilots"]}
    assert counts["national-2012-first-batch"] == 3 and counts["national-2012-second-batch"] == 17
    assert [m["when"] for m in document["milestones"]][:2] == ["2008", "2011"]


def test_pilots_prints_regions_provinces_and_milestones_as_tables(sqlite_url):
    result = run(sqlite_url, "pilots")
    assert result.exit_code == 0, result.output
    for title in ("Patent-insurance pilot regions", "by province", "Milestones"):
        assert title in result.output
    assert "Zhongguancun" in result.output and "not named" in result.output


def plain_grant(sqlite_url: str, key: str, applicant: str, *extra: str):
    return run(
        sqlite_url,
        *("grant", "--programme", "shenzhen", "--applicant", applicant),
        *("--product-type", "patent_enforcement", "--premium", "400000"),
        *("--reference", f"POL-{key}", "--idempotency-key", key, "--date", "2024-06-01"),
        *("--format", "json", *extra),
    )


def test_every_spelling_of_one_applicant_shares_its_cap_and_an_unknown_one_gets_nothing(
    sqlite_url,
):
    first = grant(sqlite_url, "k1", "400000")
    assert json.loads(first.output)["subsidy"]["amount"] == "200000.00"
    for n, spelling in enumerate(["SZ-LED-LIGHTING", "91440306PT00000114", "sz-led-lighting "]):
        refused = plain_grant(sqlite_url, f"again-{n}", spelling)
        assert refused.exit_code == 2, refused.output
        assert refused.stderr.startswith("error: rule_violation: programme: ")
    unknown = plain_grant(sqlite_url, "unknown", "sz-unknown-firm")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("error: not_found: applicant: ")
    ningbo = plain_grant(sqlite_url, "ningbo", "nb-standing-desks")
    assert ningbo.exit_code == 2
    assert "region 330212 is not within 4403" in ningbo.stderr
    listed = json.loads(run(sqlite_url, "grants", "--format", "json").output)
    assert [(g["applicant"], g["subsidy"]["amount"]) for g in listed] == [
        ("sz-led-lighting", "200000.00")
    ]
