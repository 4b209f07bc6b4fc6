"""Every product type, insured unit and claim scope named in He §2 is in the shipped catalog."""

from __future__ import annotations

from datetime import date

import pytest

from patentshield.catalog.checks import catalog_problems, product_problems
from patentshield.catalog.coverage import non_response_reason, responds_to_337
from patentshield.catalog.loader import load_catalog
from patentshield.catalog.model import (
    ARTICLE_REF,
    NON_PATENT_TYPES,
    Answer,
    CostCategory,
    Cover,
    FixedPerUnit,
    InsuredUnit,
    ProductType,
)
from patentshield.catalog.premium import default_units, price_plan
from patentshield.enterprises.model import Enterprise, EnterpriseId, ProductClass
from patentshield.enterprises.regions import resolve_region
from patentshield.kernel.money import Money
from tests.factories import cny

HE_TYPES = {
    ProductType.TECHNOLOGY_COMPREHENSIVE: "suichuangbao-2022-technology",
    ProductType.PATENT_INTENSIVE_PRODUCT_LIABILITY: "picc-2025-patent-intensive-product-liability",
    ProductType.TRADEMARK: "dongguan-2022-trademark",
    ProductType.COPYRIGHT: "dongguan-2022-copyright",
    ProductType.OVERSEAS_IP_RIGHTS_PROTECTION: "shenzhen-2025-overseas-ip-rights-protection",
}


@pytest.fixture
def three_class_exporter() -> Enterprise:
    """A Haidian (Zhongguancun) exporter with three product classes, one HTS line each."""
    classes = (
        ProductClass("Lidar modules", ("9015.10",), Money.of("3000000", "USD")),
        ProductClass("Drone flight controllers", ("8526.91",), Money.of("2000000", "USD")),
        ProductClass("Machine-vision cameras", ("8525.89",), Money.of("1000000", "USD")),
    )
    return Enterprise(
        id=EnterpriseId("bj-sensing"),
        name="Beijing Sensing Co., Ltd.",
        credit_code="91440306PT00000114",
        region=resolve_region("110108"),
        product_classes=classes,
    )


def test_every_shipped_version_passes_the_catalog_checks() -> None:
    entries = load_catalog().entries
    assert {p.id: product_problems(p) for p in entries} == {p.id: [] for p in entries}
    assert catalog_problems(entries) == []


@pytest.mark.parametrize(("product_type", "product_id"), sorted(HE_TYPES.items()))
def test_each_type_of_the_article_has_a_product_citing_it(
    product_type: ProductType, product_id: str
) -> None:
    product = load_catalog().get(product_id)
    assert product.product_type is product_type
    assert product.insurer and product.valid_from >= date(2022, 1, 1)
    assert set(product.coverage) == set(CostCategory)
    assert ARTICLE_REF in {source.ref for source in product.sources}
    assert responds_to_337(product) in (Answer.NO, Answer.UNCLEAR)


@pytest.mark.parametrize("product_id", ["dongguan-2022-trademark", "dongguan-2022-copyright"])
def test_trademark_and_copyright_insurance_does_not_answer_a_patent_337_case(
    product_id: str,
) -> None:
    product = load_catalog().get(product_id)
    assert product.product_type in NON_PATENT_TYPES
    assert all(product.cover_for(c) is Cover.NOT_COVERED for c in CostCategory)
    assert responds_to_337(product) is Answer.NO
    assert "not patents" in (non_response_reason(product) or "")
    assert "does not answer a patent Section 337 case" in product.summary


def test_the_patent_intensive_product_liability_names_its_patent_heads_of_cover() -> None:
    product = load_catalog().get("picc-2025-patent-intensive-product-liability")
    heads = {item.head: item.categories for item in product.claim_scope}
    assert heads == {
        "product liability": (),
        "patent invalidation application fees": (CostCategory.IPR_PTAB,),
        "patent infringement liability": (CostCategory.DAMAGES,),
    }
    assert product.cover_for(CostCategory.DAMAGES) is Cover.COVERED
    assert product.cover_for(CostCategory.IPR_PTAB) is Cover.UNCLEAR  # only the fee is named
    assert product.insurer == "PICC P&C" and product.valid_from == date(2025, 2, 1)
    assert responds_to_337(product) is Answer.UNCLEAR


def test_the_shenzhen_2025_list_offers_the_licensing_credit_product_once_under_development() -> (
    None
):
    catalog = load_catalog()
    offered = catalog.get("shenzhen-2025-patent-licensing-credit")
    assert offered.product_type is ProductType.PATENT_LICENSING_CREDIT
    assert not offered.illustrative
    assert catalog.get("picc-2016-patent-licensing-credit").illustrative


def test_the_foshan_2010_claim_scope_is_the_articles_words_as_covered_categories() -> None:
    product = load_catalog().get("foshan-chancheng-2010")
    assert [(item.head, item.categories) for item in product.claim_scope] == [
        ("evidence collection for infringement", ()),
        ("transport", (CostCategory.TRAVEL,)),
        ("legal fees of patent litigation", (CostCategory.US_COUNSEL, CostCategory.LOCAL_COUNSEL)),
    ]
    named = {category for item in product.claim_scope for category in item.categories}
    assert all(product.cover_for(category) is Cover.COVERED for category in named)


def test_the_beijing_pilot_insures_per_commodity_at_a_price_per_product_class(
    three_class_exporter: Enterprise,
) -> None:
    product = load_catalog().get("beijing-2012-pilot-per-commodity")
    assert product.insured_unit is InsuredUnit.PER_COMMODITY
    assert product.plans[0].premium == FixedPerUnit(cny(2000))
    units = default_units(product, three_class_exporter)
    assert units == len(three_class_exporter.product_classes) == 3
    pricing = price_plan(product, None, units)
    assert pricing.gross_premium == cny(6000)
    assert pricing.aggregate_limit == cny(90_000)  # 15 x the premium
