"""Factories of domain values for tests (fakes, not mocks)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from patentshield.kernel.money import Money
from patentshield.products.model import (
    Answer,
    BasePlusPerAddedPatent,
    ClaimsBasis,
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
    RiskRated,
)


def cny(amount: str | int) -> Money:
    return Money.of(amount, "CNY")


def usd(amount: str | int) -> Money:
    return Money.of(amount, "USD")


def product(**changes: object) -> Product:
    """An overseas-liability product covering counsel and settlements; override any field."""
    fields: dict[str, object] = {
        "id": "test-overseas-liability",
        "version": 1,
        "valid_from": date(2020, 1, 1),
        "valid_to": None,
        "insurer": "Test Insurer",
        "name": "Test overseas IP infringement liability",
        "name_zh": "测试海外知识产权侵权责任保险",
        "product_type": ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY,
        "insured_unit": InsuredUnit.PER_ENTERPRISE,
        "plans": (Plan("standard", FixedPerUnit(cny(50_000)), MultipleOfPremium(Decimal("40"))),),
        "coverage": {
            CostCategory.US_COUNSEL: Cover.COVERED,
            CostCategory.SETTLEMENT_LICENCE: Cover.COVERED,
            CostCategory.EXPERTS: Cover.UNCLEAR,
        },
        "itc_counts_as_lawsuit": Answer.YES,
        "claims_basis": ClaimsBasis.CLAIMS_MADE,
        "counsel": CounselRule.PRIOR_CONSENT,
        "territory": ("US",),
        "exclusions": (Exclusion.WILFUL_INFRINGEMENT,),
    }
    fields.update(changes)
    return Product(**fields)  # type: ignore[arg-type]


def picc_like() -> Product:
    return product(
        id="test-picc",
        product_type=ProductType.PATENT_ENFORCEMENT,
        insured_unit=InsuredUnit.PER_PATENT,
        plans=(
            Plan(
                "standard",
                BasePlusPerAddedPatent(cny(2000), cny(200)),
                MultipleOfPremium(Decimal("15")),
            ),
            Plan(
                "enhanced",
                BasePlusPerAddedPatent(cny(4000), cny(400)),
                MultipleOfPremium(Decimal("30")),
            ),
        ),
    )


def risk_rated(**changes: object) -> Product:
    return product(
        id="test-risk-rated",
        plans=(Plan("standard", RiskRated(), FixedLimit(cny(5_000_000), cny(2_000_000))),),
        **changes,
    )
