from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from patentshield.catalog.loader import Catalog, load_catalog, parse_catalog
from patentshield.catalog.model import (
    Answer,
    CostCategory,
    FixedPerUnit,
    InsuredUnit,
    MultipleOfPremium,
    RateOnLimit,
)
from patentshield.kernel.errors import InvalidInput, InvalidRecords, RecordError
from patentshield.kernel.money import Currency, Money
from tests.factories import catalog_record, plan_record, write_catalog


def _errors(path: Path) -> list[RecordError]:
    with pytest.raises(InvalidRecords) as caught:
        load_catalog(path)
    return list(caught.value.errors)


def _fields(path: Path) -> set[tuple[str, str]]:
    return {(str(error.row), error.field) for error in _errors(path)}


def test_a_valid_file_loads_into_products_with_exact_amounts(tmp_path: Path) -> None:
    catalog = load_catalog(write_catalog(tmp_path / "c.yaml", catalog_record()))
    product = catalog.get("demo-liability")
    assert isinstance(catalog, Catalog)
    assert product.plans[0].premium == FixedPerUnit(Money(Decimal("50000"), Currency.CNY))
    assert product.plans[0].limit == MultipleOfPremium(Decimal("40"))
    assert catalog.source == str(tmp_path / "c.yaml")


def test_decimals_stay_exact_and_no_means_the_answer_no() -> None:
    text = """
products:
  - id: demo
    version: 1
    valid_from: 2024-01-01
    insurer: X
    name: Demo
    name_zh: 演示
    product_type: overseas_ip_infringement_liability
    insured_unit: per_enterprise
    plans:
      - name: observed
        premium: {rule: rate_on_limit, rate: 0.024}
        limit: {rule: fixed, aggregate: 2150000}
    coinsurance: 0.1
    coverage: {COVERAGE}
    itc_counts_as_lawsuit: no
    claims_basis: claims_made
    counsel: prior_consent
    sources: [{ref: R86, url: "http://www.chinaiptoday.com/post.html?id=1817"}]
"""
    coverage = ", ".join(f"{category.value}: unclear" for category in CostCategory)
    product = parse_catalog(text.replace("COVERAGE", coverage), source="inline").get("demo")
    assert product.coinsurance == Decimal("0.1")
    assert product.plans[0].premium == RateOnLimit(Decimal("0.024"))
    assert product.itc_counts_as_lawsuit is Answer.NO


def test_a_rate_on_limit_premium_needs_a_fixed_limit(tmp_path: Path) -> None:
    bad = catalog_record(plans=[plan_record(premium={"rule": "rate_on_limit", "rate": "0.02"})])
    errors = _errors(write_catalog(tmp_path / "c.yaml", bad))
    assert [(e.row, e.field) for e in errors] == [("demo-liability v1", "plans[0].limit")]
    assert "needs a fixed limit" in errors[0].reason


def test_a_multiple_of_premium_limit_needs_a_premium(tmp_path: Path) -> None:
    no_premium = {"name": "standard", "limit": {"rule": "multiple_of_premium", "aggregate": 6}}
    path = write_catalog(tmp_path / "c.yaml", catalog_record(plans=[no_premium]))
    assert _fields(path) == {("demo-liability v1", "plans[0].premium")}


def test_a_package_product_needs_its_package_size(tmp_path: Path) -> None:
    path = write_catalog(tmp_path / "c.yaml", catalog_record(insured_unit="patent_package"))
    errors = _errors(path)
    assert [(e.field, e.reason) for e in errors] == [
        ("package_size", "a patent_package product needs package_size (patents per package)")
    ]


def test_only_a_package_product_has_a_package_size(tmp_path: Path) -> None:
    path = write_catalog(tmp_path / "c.yaml", catalog_record(package_size=10))
    assert _fields(path) == {("demo-liability v1", "package_size")}


@pytest.mark.parametrize("share", ["1", "1.5", "-0.1"])
def test_coinsurance_outside_zero_to_one_is_refused(tmp_path: Path, share: str) -> None:
    path = write_catalog(tmp_path / "c.yaml", catalog_record(coinsurance=share))
    errors = _errors(path)
    assert [e.field for e in errors] == ["coinsurance"]
    assert "retained by the insured" in errors[0].reason


def test_every_cost_category_must_be_listed(tmp_path: Path) -> None:
    coverage = {category.value: "covered" for category in CostCategory}
    del coverage["lost_us_profit"], coverage["ipr_ptab"]
    errors = _errors(write_catalog(tmp_path / "c.yaml", catalog_record(coverage=coverage)))
    assert [e.field for e in errors] == ["coverage"]
    assert errors[0].reason.startswith("missing cost categories: ipr_ptab, lost_us_profit")


def test_an_unknown_cost_category_is_named(tmp_path: Path) -> None:
    coverage = {category.value: "unclear" for category in CostCategory} | {"bail": "covered"}
    assert _fields(write_catalog(tmp_path / "c.yaml", catalog_record(coverage=coverage))) == {
        ("demo-liability v1", "coverage.bail")
    }


def test_overlapping_versions_of_one_id_are_refused(tmp_path: Path) -> None:
    first = catalog_record(valid_from="2020-01-01", valid_to="2023-01-01")
    second = catalog_record(version=2, valid_from="2022-06-01")
    errors = _errors(write_catalog(tmp_path / "c.yaml", first, second))
    assert [(e.row, e.field) for e in errors] == [("demo-liability v2", "valid_from")]
    assert "overlaps version 1" in errors[0].reason


def test_an_open_ended_version_overlaps_every_later_one(tmp_path: Path) -> None:
    path = write_catalog(
        tmp_path / "c.yaml",
        catalog_record(valid_from="2020-01-01"),
        catalog_record(version=2, valid_from="2021-01-01", valid_to="2022-01-01"),
        catalog_record(version=3, valid_from="2023-01-01"),
    )
    assert _fields(path) == {
        ("demo-liability v2", "valid_from"),
        ("demo-liability v3", "valid_from"),
    }


def test_versions_that_follow_each_other_are_accepted(tmp_path: Path) -> None:
    path = write_catalog(
        tmp_path / "c.yaml",
        catalog_record(valid_from="2020-01-01", valid_to="2022-01-01"),
        catalog_record(version=2, valid_from="2022-01-01"),
    )
    assert [p.version for p in load_catalog(path).versions("demo-liability")] == [1, 2]


def test_a_version_number_given_twice_is_refused(tmp_path: Path) -> None:
    path = write_catalog(
        tmp_path / "c.yaml",
        catalog_record(valid_from="2020-01-01", valid_to="2021-01-01"),
        catalog_record(valid_from="2022-01-01"),
    )
    assert _fields(path) == {("demo-liability v1", "version")}


def test_a_window_ending_before_it_starts_is_refused(tmp_path: Path) -> None:
    path = write_catalog(tmp_path / "c.yaml", catalog_record(valid_to="2023-01-01"))
    assert _fields(path) == {("demo-liability v1", "valid_to")}


@pytest.mark.parametrize("value", ["2024-02-30", 2024, "1 March 2024"])
def test_a_date_that_is_not_iso_text_is_refused(tmp_path: Path, value: object) -> None:
    errors = _errors(write_catalog(tmp_path / "c.yaml", catalog_record(valid_from=value)))
    assert [e.field for e in errors] == ["valid_from"]
    assert "YYYY-MM-DD" in errors[0].reason


def test_plan_rules_are_checked(tmp_path: Path) -> None:
    plans = [
        plan_record(limit={"rule": "fixed", "aggregate": 100, "per_claim": 200}),
        plan_record(premium={"rule": "base_plus_per_added_patent", "base": 2000, "per_added": 200}),
    ]
    path = write_catalog(tmp_path / "c.yaml", catalog_record(plans=plans))
    assert _fields(path) == {
        ("demo-liability v1", "plans"),  # the name "standard" twice
        ("demo-liability v1", "plans[0].limit.per_claim"),
        ("demo-liability v1", "plans[1].premium"),  # counts patents, but unit is per enterprise
    }


def test_a_fixed_premium_must_lie_inside_the_premium_range(tmp_path: Path) -> None:
    path = write_catalog(tmp_path / "c.yaml", catalog_record(premium_range=[2200, 12000]))
    errors = _errors(path)
    assert [e.field for e in errors] == ["plans[0].premium.amount"]
    assert "outside premium_range" in errors[0].reason


def test_a_sub_limit_needs_a_covered_category(tmp_path: Path) -> None:
    path = write_catalog(tmp_path / "c.yaml", catalog_record(sub_limits={"ipr_ptab": 100000}))
    assert _fields(path) == {("demo-liability v1", "sub_limits.ipr_ptab")}


def test_an_illustrative_product_names_its_illustrative_terms(tmp_path: Path) -> None:
    path = write_catalog(tmp_path / "c.yaml", catalog_record(illustrative=True))
    assert _fields(path) == {("demo-liability v1", "illustrative_terms")}


def test_only_the_article_is_cited_without_an_address(tmp_path: Path) -> None:
    cited = catalog_record(sources=[{"ref": "He §2", "note": "the article's words"}])
    product = load_catalog(write_catalog(tmp_path / "ok.yaml", cited)).get("demo-liability")
    assert [(s.ref, s.url, s.address[:3]) for s in product.sources] == [("He §2", "", "He,")]
    bare = write_catalog(tmp_path / "bad.yaml", catalog_record(sources=[{"ref": "W1"}]))
    errors = _errors(bare)
    assert [(e.field, "needs an address" in e.reason) for e in errors] == [("sources[0]", True)]


def test_a_claim_scope_names_only_categories_the_coverage_does_not_exclude(
    tmp_path: Path,
) -> None:
    coverage = {category.value: "not_covered" for category in CostCategory}
    coverage["travel"] = "covered"
    heads = [
        {"head": "transport", "categories": ["travel"]},
        {"head": "legal fees", "categories": ["us_counsel"]},
        {"head": "transport", "categories": []},
    ]
    path = write_catalog(tmp_path / "c.yaml", catalog_record(coverage=coverage, claim_scope=heads))
    assert _fields(path) == {
        ("demo-liability v1", "claim_scope"),
        ("demo-liability v1", "claim_scope[1].categories"),
    }


def test_the_former_name_per_product_is_read_as_per_commodity(tmp_path: Path) -> None:
    path = write_catalog(tmp_path / "c.yaml", catalog_record(insured_unit="per_product"))
    assert load_catalog(path).get("demo-liability").insured_unit is InsuredUnit.PER_COMMODITY


def test_an_unknown_field_is_refused_rather_than_ignored(tmp_path: Path) -> None:
    path = write_catalog(tmp_path / "c.yaml", catalog_record(deductable=1000))
    assert _fields(path) == {("demo-liability v1", "deductable")}


def test_every_error_of_every_record_is_collected(tmp_path: Path) -> None:
    path = write_catalog(
        tmp_path / "c.yaml",
        catalog_record(id="first", coinsurance="1", package_size=3),
        catalog_record(id="second", itc_counts_as_lawsuit="maybe", sources=[]),
        catalog_record(id="third"),
    )
    path.write_text(path.read_text("utf-8") + "- 5\n", "utf-8")
    assert _fields(path) == {
        ("first v1", "coinsurance"),
        ("first v1", "package_size"),
        ("second v1", "itc_counts_as_lawsuit"),
        ("second v1", "sources"),
        ("products[3]", "record"),
    }


def test_a_file_that_is_not_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("products:\n  - id: [unclosed\n", "utf-8")
    errors = _errors(path)
    assert [(e.row, e.field) for e in errors] == [("file", "yaml")]
    assert "line 3" in errors[0].reason


def test_a_file_without_a_products_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("- just a list\n", "utf-8")
    assert _fields(path) == {("file", "document")}
    path.write_text("title: nothing else\n", "utf-8")
    assert _fields(path) == {("file", "products")}


def test_a_missing_file_is_invalid_input_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_catalog(tmp_path / "absent.yaml")
    assert caught.value.field == "file"
    assert "no such file" in caught.value.reason


def test_the_shipped_catalog_is_parsed_once() -> None:
    assert load_catalog() is load_catalog()
