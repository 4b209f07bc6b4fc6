"""A compliance score moves a tariff premium and limits, never beyond the product's bounds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from patentshield.catalog.loader import Catalog
from patentshield.catalog.model import ComplianceBounds
from patentshield.catalog.premium import price_plan
from patentshield.compliance.effect import apply_score, effect_of
from patentshield.compliance.score import Score

PRODUCT = Catalog.shipped().get("chancheng-package-10-c")
DAY = date(2026, 6, 30)


def a_score(points: str) -> Score:
    return Score("sz-led", DAY, Decimal(points), ())


def test_the_shipped_bounds_are_judgements_of_ten_percent_for_an_enforcement_package():
    assert PRODUCT.compliance == ComplianceBounds(Decimal("0.10"), Decimal("0.10"), "J", "")


def test_a_full_score_takes_the_whole_discount_and_uplift_with_a_line_for_each():
    tariff = price_plan(PRODUCT, None, 1)
    moved = apply_score(PRODUCT, tariff, a_score("100"))
    assert moved.gross_premium.amount == Decimal("14400.00")
    assert moved.aggregate_limit.amount == Decimal("1584000.00")
    assert moved.per_claim_limit.amount == Decimal("1584000.00")
    assert moved.trace[: len(tariff.trace)] == tariff.trace
    discount, uplift = moved.trace[len(tariff.trace) :]
    assert "max premium discount 10% (tag J) = 10.00%" in discount and "CNY 1,600.00" in discount
    assert "max limit uplift 10% (tag J) = 10.00%" in uplift


def test_a_negotiated_or_engine_premium_is_not_moved_but_says_so():
    tariff = price_plan(PRODUCT, None, 1)
    kept = apply_score(PRODUCT, tariff, a_score("80"), untouched="the premium was negotiated")
    assert (kept.gross_premium, kept.aggregate_limit) == (
        tariff.gross_premium,
        tariff.aggregate_limit,
    )
    assert kept.trace[-1] == (
        "compliance score 80 of 100 (80%): no tariff modifier, the premium was negotiated"
    )


def test_a_product_without_bounds_is_left_as_it_is():
    bare = replace(PRODUCT, compliance=None)
    tariff = price_plan(bare, None, 1)
    assert apply_score(bare, tariff, a_score("100")) == tariff


@given(
    fraction=st.decimals(min_value=-5, max_value=5, places=4),
    discount=st.decimals(min_value=0, max_value="0.5", places=2),
    uplift=st.decimals(min_value=0, max_value=1, places=2),
)
def test_the_effect_never_passes_the_products_bounds(fraction, discount, uplift):
    product = replace(PRODUCT, compliance=ComplianceBounds(discount, uplift))
    effect = effect_of(product, fraction)
    assert Decimal(0) <= effect.discount <= discount
    assert Decimal(0) <= effect.uplift <= uplift


@given(points=st.integers(min_value=0, max_value=100))
def test_a_higher_score_never_costs_more_nor_buys_less(points):
    tariff = price_plan(PRODUCT, None, 1)
    lower = apply_score(PRODUCT, tariff, a_score(str(points)))
    higher = apply_score(PRODUCT, tariff, a_score(str(min(points + 1, 100))))
    assert higher.gross_premium <= lower.gross_premium <= tariff.gross_premium
    assert higher.aggregate_limit >= lower.aggregate_limit >= tariff.aggregate_limit
    bound = PRODUCT.compliance
    assert bound is not None
    assert lower.gross_premium >= tariff.gross_premium * (1 - bound.max_premium_discount)
    assert lower.aggregate_limit <= tariff.aggregate_limit * (1 + bound.max_limit_uplift)
