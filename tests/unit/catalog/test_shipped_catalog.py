"""The shipped catalog: the sourced figures of DOMAIN.md §4.2 and one product per type."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from patentshield.catalog.loader import load_catalog
from patentshield.catalog.model import (
    ARTICLE_REF,
    Answer,
    BasePlusPerAddedPatent,
    CostCategory,
    CounselRule,
    Cover,
    Exclusion,
    FixedLimit,
    FixedPerUnit,
    InsuredUnit,
    MultipleOfPremium,
    Plan,
    Product,
    ProductType,
    RateOnLimit,
    RiskRated,
)
from patentshield.kernel.money import Money


def cny(amount: int | str) -> Money:
    return Money.of(amount, "CNY")


def _all_versions() -> tuple[Product, ...]:
    return load_catalog().entries


def test_every_product_type_has_at_least_one_product() -> None:
    assert {p.product_type for p in _all_versions()} == set(ProductType)


def test_foshan_chancheng_insures_per_patent_on_a_premium_scale_with_six_times_limit() -> None:
    product = load_catalog().get("foshan-chancheng-2010")
    assert product.insured_unit is InsuredUnit.PER_PATENT
    assert product.premium_range == (cny(2200), cny(12000))
    assert product.plans == (
        Plan(
            "basic", FixedPerUnit(cny(2200)), MultipleOfPremium(Decimal(6)), product.plans[0].label
        ),
        Plan(
            "top", FixedPerUnit(cny(12000)), MultipleOfPremium(Decimal(6)), product.plans[1].label
        ),
    )
    covered = {c for c in CostCategory if product.cover_for(c) is Cover.COVERED}
    assert covered == {CostCategory.US_COUNSEL, CostCategory.LOCAL_COUNSEL, CostCategory.TRAVEL}


@pytest.mark.parametrize(
    ("product_id", "premium", "multiple", "limit"),
    [
        ("chancheng-package-10-a", 8000, 15, 120_000),
        ("chancheng-package-10-b", 12000, 30, 360_000),
        ("chancheng-package-10-c", 16000, 90, 1_440_000),
    ],
)
def test_the_chancheng_packages_insure_ten_patents_at_their_sourced_figures(
    product_id: str, premium: int, multiple: int, limit: int
) -> None:
    product = load_catalog().get(product_id)
    (plan,) = product.plans
    assert product.insured_unit is InsuredUnit.PATENT_PACKAGE
    assert product.package_size == 10
    assert plan.premium == FixedPerUnit(cny(premium))
    assert plan.limit == MultipleOfPremium(Decimal(multiple))
    assert plan.premium.amount * plan.limit.aggregate == cny(limit)


def test_picc_2013_pairs_base_and_per_patent_premium_with_its_multiple() -> None:
    product = load_catalog().get("picc-2013-enforcement")
    assert [(p.name, p.premium, p.limit) for p in product.plans] == [
        (
            "standard",
            BasePlusPerAddedPatent(cny(2000), cny(200), 1),
            MultipleOfPremium(Decimal(15)),
        ),
        (
            "enhanced",
            BasePlusPerAddedPatent(cny(4000), cny(400), 1),
            MultipleOfPremium(Decimal(30)),
        ),
    ]
    assert any(term.startswith("plans (pairing") for term in product.illustrative_terms)


def test_wuxi_prices_its_observed_cover_at_the_observed_premium() -> None:
    (plan,) = load_catalog().get("wuxi-2022-overseas-liability").plans
    assert isinstance(plan.premium, RateOnLimit) and isinstance(plan.limit, FixedLimit)
    assert plan.limit.aggregate * plan.premium.rate == cny(51600)


def test_little_swan_buys_one_point_seven_million_at_forty_two_and_a_half_times() -> None:
    (plan,) = load_catalog().get("little-swan-2023-enforcement").plans
    assert isinstance(plan.premium, FixedPerUnit) and isinstance(plan.limit, MultipleOfPremium)
    assert plan.premium.amount * plan.limit.aggregate == cny(1_700_000)


def test_the_beijing_legal_expense_wording_follows_its_evidence() -> None:
    product = load_catalog().get("beijing-2022-overseas-legal-expense")
    assert product.itc_counts_as_lawsuit is Answer.UNCLEAR
    assert {Exclusion.KNOWN_DISPUTES, Exclusion.INSURED_OWN_STAFF_AS_EXPERTS} <= set(
        product.exclusions
    )
    for category in ("us_counsel", "experts", "witnesses", "travel", "agency_court_costs"):
        assert product.cover_for(CostCategory(category)) is Cover.COVERED
    assert product.cover_for(CostCategory.LOCAL_COUNSEL) is Cover.UNCLEAR  # consented fees only
    assert product.cover_for(CostCategory.SETTLEMENT_LICENCE) is Cover.NOT_COVERED


def test_the_first_overseas_claim_paid_legal_fees_and_a_settlement() -> None:
    product = load_catalog().get("huangpu-2020-overseas-liability")
    assert product.cover_for(CostCategory.US_COUNSEL) is Cover.COVERED
    assert product.cover_for(CostCategory.SETTLEMENT_LICENCE) is Cover.COVERED
    assert product.itc_counts_as_lawsuit is Answer.UNCLEAR  # the paid claim was a court suit


def test_the_suzhou_renewal_raised_the_limit_to_one_hundred_million() -> None:
    renewal = load_catalog().get("suzhou-sip-comprehensive", version=2)
    assert renewal.plans[0].limit == FixedLimit(cny(100_000_000))


def test_the_illustrative_337_product_is_a_complete_benchmark() -> None:
    product = load_catalog().get("illustrative-337-defence")
    assert product.illustrative
    assert product.product_type is ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY
    assert product.insured_unit is InsuredUnit.PER_ENTERPRISE
    assert isinstance(product.plans[0].premium, RiskRated)
    assert product.itc_counts_as_lawsuit is Answer.YES
    assert product.counsel is CounselRule.PANEL_OR_CONSENT
    assert product.deductible == cny(100_000)
    assert product.coinsurance == Decimal("0.2")
    for category in ("us_counsel", "experts", "ediscovery_translation", "ipr_ptab"):
        assert product.cover_for(CostCategory(category)) is Cover.COVERED
    assert product.cover_for(CostCategory.SETTLEMENT_LICENCE) is Cover.COVERED


def test_only_the_illustrative_design_says_an_itc_case_is_a_covered_lawsuit() -> None:
    saying_yes = {p.id for p in _all_versions() if p.itc_counts_as_lawsuit is Answer.YES}
    assert saying_yes == {"illustrative-337-defence"}


def test_the_licensing_credit_product_under_development_is_illustrative() -> None:
    assert load_catalog().get("picc-2016-patent-licensing-credit").illustrative


def test_every_version_lists_all_cost_categories_and_chinese_name() -> None:
    for product in _all_versions():
        assert set(product.coverage) == set(CostCategory), product.id
        assert re.search(r"[\u4e00-\u9fff]", product.name_zh), product.id


def test_every_version_cites_tagged_sources_with_addresses() -> None:
    for product in _all_versions():
        assert product.sources, product.id
        for source in product.sources:
            if source.ref == ARTICLE_REF:  # the article this project implements: no address
                assert source.url == "" and source.note, product.id
                continue
            assert re.fullmatch(r"R\d+", source.ref), (product.id, source.ref)
            assert source.url.startswith(("http://", "https://")), (product.id, source.url)


def test_unpublished_deductible_and_coinsurance_are_named_as_illustrative() -> None:
    for product in _all_versions():
        named = {term.split(" ")[0] for term in product.illustrative_terms}
        assert "every" in named or {"deductible", "coinsurance"} <= named, product.id


def test_a_real_product_covers_no_category_beyond_its_evidence() -> None:
    never_evidenced = {
        CostCategory.DESIGN_AROUND_CBP,
        CostCategory.PRESIDENTIAL_REVIEW_BOND,
        CostCategory.LOST_US_PROFIT,
    }
    for product in _all_versions():
        if not product.illustrative:
            assert all(product.cover_for(c) is Cover.NOT_COVERED for c in never_evidenced)
