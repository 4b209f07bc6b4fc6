from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner, Result

from patentshield.catalog.loader import load_catalog
from patentshield.catalog.model import CostCategory
from patentshield.cli.main import app

SUMMARY_KEYS = {
    "id",
    "version",
    "valid_from",
    "valid_to",
    "insurer",
    "name",
    "name_zh",
    "product_type",
    "insured_unit",
    "package_size",
    "plans",
    "itc_counts_as_lawsuit",
    "responds_to_337",
    "illustrative",
    "illustrative_terms",
}


def _run(sqlite_url: str, *args: str) -> Result:
    return CliRunner().invoke(app, ["--database-url", sqlite_url, "catalog", *args])


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_list_gives_one_summary_per_product_on_sale(sqlite_url: str) -> None:
    listed = _json(_run(sqlite_url, "list", "--date", "2026-11-25", "--format", "json"))
    assert [item["id"] for item in listed] == list(load_catalog().ids())
    assert all(set(item) == SUMMARY_KEYS for item in listed)
    package = next(item for item in listed if item["id"] == "chancheng-package-10-c")
    assert package["plans"] == ["tier-c"] and package["package_size"] == 10
    assert package["responds_to_337"] == "no"


def test_list_shows_the_product_types_and_the_per_commodity_unit_of_the_article(
    sqlite_url: str,
) -> None:
    listed = _json(_run(sqlite_url, "list", "--date", "2026-11-25", "--format", "json"))
    types = {item["product_type"]: item["responds_to_337"] for item in listed}
    assert {
        "technology_comprehensive": "no",
        "patent_intensive_product_liability": "unclear",
        "trademark": "no",
        "copyright": "no",
        "overseas_ip_rights_protection": "no",
    }.items() <= types.items()
    per_commodity = [item["id"] for item in listed if item["insured_unit"] == "per_commodity"]
    assert "beijing-2012-pilot-per-commodity" in per_commodity


def test_show_prints_the_claim_scope_and_cites_the_article_without_an_address(
    sqlite_url: str,
) -> None:
    shown = _json(_run(sqlite_url, "show", "foshan-chancheng-2010", "-f", "json"))
    assert shown["claim_scope"][1] == {"head": "transport", "categories": ["travel"]}
    assert shown["sources"][-1]["ref"] == "He §2" and shown["sources"][-1]["url"] is None
    table = _run(sqlite_url, "show", "foshan-chancheng-2010")
    assert "evidence collection for infringement (no 337 cost category)" in table.stdout
    assert '[He §2] He, "Patent insurance is beneficial' in table.stdout


def test_list_filters_by_type_and_day(sqlite_url: str) -> None:
    args = ("list", "--type", "ip_comprehensive", "--date", "2013-06-01", "-f", "json")
    listed = _json(_run(sqlite_url, *args))
    assert [(item["id"], item["version"]) for item in listed] == [("suzhou-sip-comprehensive", 1)]


def test_list_prints_a_table_by_default(sqlite_url: str) -> None:
    result = _run(sqlite_url, "list")
    assert result.exit_code == 0, result.stderr
    assert "Insurance catalog on" in result.stdout and "337 case?" in result.stdout


def test_show_gives_every_term_of_a_product_as_json(sqlite_url: str) -> None:
    shown = _json(_run(sqlite_url, "show", "chancheng-package-10-c", "--format", "json"))
    assert set(shown) > SUMMARY_KEYS
    assert shown["plans"][0]["premium"] == {
        "rule": "fixed_per_unit",
        "amount": {"amount": "16000.00", "currency": "CNY"},
    }
    assert shown["plans"][0]["limit"]["aggregate"] == "90"
    assert [row["category"] for row in shown["coverage"]] == [c.value for c in CostCategory]
    assert shown["sources"][0]["ref"] == "R84"


def test_show_selects_a_version_by_number_or_day(sqlite_url: str) -> None:
    by_number = _json(
        _run(sqlite_url, "show", "suzhou-sip-comprehensive", "--version", "1", "-f", "json")
    )
    by_day = _json(
        _run(sqlite_url, "show", "suzhou-sip-comprehensive", "--date", "2013-03-01", "-f", "json")
    )
    assert by_number == by_day and by_number["version"] == 1


def test_show_as_a_table_ends_with_the_illustrative_terms(sqlite_url: str) -> None:
    result = _run(sqlite_url, "show", "illustrative-337-defence")
    assert result.exit_code == 0, result.stderr
    assert "Cover per 337 cost category" in result.stdout
    assert "https://tech.gmw.cn/2023-02/09/content_36355509.htm" in result.stdout
    lines = result.stdout.strip().splitlines()
    assert lines[-2].startswith("ILLUSTRATIVE product: illustrative-337-defence")
    assert lines[-1].startswith("ILLUSTRATIVE terms: every term")


def test_an_unknown_id_exits_2_with_one_line_naming_the_field(sqlite_url: str) -> None:
    result = _run(sqlite_url, "show", "no-such-product")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: not_found: id: no product 'no-such-product'")


def test_a_bad_date_or_version_exits_2_naming_the_field(sqlite_url: str) -> None:
    bad_date = _run(sqlite_url, "list", "--date", "2026-13-01")
    assert bad_date.exit_code == 2
    assert bad_date.stderr.startswith("error: invalid_input: date: ")
    no_version = _run(sqlite_url, "show", "foshan-chancheng-2010", "--version", "2")
    assert no_version.exit_code == 2
    assert no_version.stderr.startswith("error: not_found: version: ")


def test_validate_accepts_the_shipped_catalog(sqlite_url: str) -> None:
    shipped = Path(__file__).resolve().parents[2] / "src/patentshield/catalog/data/catalog.yaml"
    report = _json(_run(sqlite_url, "validate", str(shipped), "-f", "json"))
    assert report["valid"] is True and report["errors"] == []
    assert report["products"] == len(load_catalog().ids())


def test_validate_lists_every_error_of_an_insurer_file_and_exits_2(
    sqlite_url: str, tmp_path: Path
) -> None:
    good = load_catalog().get("illustrative-337-defence")
    text = (
        Path(__file__).resolve().parents[2] / "src/patentshield/catalog/data/catalog.yaml"
    ).read_text("utf-8")
    document = yaml.safe_load(text)
    record = next(r for r in document["products"] if r["id"] == good.id)
    record["coinsurance"] = "1.2"
    record["coverage"].pop("damages")
    path = tmp_path / "insurer.yaml"
    path.write_text(yaml.safe_dump({"products": [record]}, allow_unicode=True), "utf-8")
    result = _run(sqlite_url, "validate", str(path), "-f", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert {(e["row"], e["field"]) for e in report["errors"]} == {
        ("illustrative-337-defence v1", "coinsurance"),
        ("illustrative-337-defence v1", "coverage"),
        ("illustrative-337-defence v1", "sub_limits.damages"),
    }
    assert result.stderr.startswith("error: invalid_records: coinsurance: 3 error(s)")


def test_validate_names_a_missing_file(sqlite_url: str, tmp_path: Path) -> None:
    result = _run(sqlite_url, "validate", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: invalid_input: file: ")
