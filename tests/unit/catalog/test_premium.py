from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.catalog.model import (
    FixedLimit,
    FixedPerUnit,
    InsuredUnit,
    MultipleOfPremium,
    Plan,
    RateOnLimit,
)
from patentshield.catalog.premium import price_plan
from patentshield.kernel.errors import InvalidInput, RuleViolation
from tests.factories import cny, picc_like, product, risk_rated


def test_a_package_premium_times_its_multiple_gives_the_aggregate_limit():
    package_c = product(
        insured_unit=InsuredUnit.PATENT_PACKAGE,
        package_size=10,
        plans=(Plan("c", FixedPerUnit(cny(16_000)), MultipleOfPremium(Decimal("90"))),),
    )
    pricing = price_plan(package_c, None, 1)
    assert pricing.gross_premium == cny(16_000)
    assert pricing.aggregate_limit == cny(1_440_000)
    assert pricing.per_claim_limit == cny(1_440_000)


def test_base_plus_added_patents_counts_patents_beyond_the_first():
    pricing = price_plan(picc_like(), "standard", 5)
    assert pricing.gross_premium == cny(2000 + 4 * 200)
    assert pricing.aggregate_limit == cny((2000 + 4 * 200) * 15)
    assert pricing.base_premium == cny(2000)


def test_the_enhanced_plan_uses_its_own_base_and_multiple():
    pricing = price_plan(picc_like(), "enhanced", 1)
    assert pricing.gross_premium == cny(4000)
    assert pricing.aggregate_limit == cny(120_000)


def test_a_rate_on_a_fixed_limit_gives_the_premium():
    rated = product(plans=(Plan("r", RateOnLimit(Decimal("0.02")), FixedLimit(cny(1_000_000))),))
    assert price_plan(rated, None, 1).gross_premium == cny(20_000)


def test_a_risk_rated_product_needs_a_negotiated_premium():
    with pytest.raises(RuleViolation) as error:
        price_plan(risk_rated(), None, 1)
    assert error.value.field == "premium"
    pricing = price_plan(risk_rated(), None, 1, negotiated=cny(80_000))
    assert pricing.gross_premium == cny(80_000)
    assert pricing.per_claim_limit == cny(2_000_000)


def test_a_chosen_premium_must_lie_in_the_products_range():
    ranged = product(
        insured_unit=InsuredUnit.PER_PATENT,
        premium_range=(cny(2200), cny(12000)),
        plans=(Plan("basic", FixedPerUnit(cny(2200)), MultipleOfPremium(Decimal("6"))),),
    )
    assert price_plan(ranged, None, 2, negotiated=cny(10_000)).aggregate_limit == cny(60_000)
    with pytest.raises(InvalidInput):
        price_plan(ranged, None, 1, negotiated=cny(20_000))


def test_a_tariff_product_refuses_a_chosen_premium():
    with pytest.raises(InvalidInput) as error:
        price_plan(picc_like(), None, 1, negotiated=cny(1))
    assert error.value.field == "premium"


def test_bad_units_and_unknown_plans_name_their_field():
    with pytest.raises(InvalidInput) as error:
        price_plan(picc_like(), None, 0)
    assert error.value.field == "units"
    with pytest.raises(InvalidInput) as error:
        price_plan(product(), None, 3)
    assert error.value.field == "units"
    with pytest.raises(InvalidInput) as error:
        price_plan(picc_like(), "gold", 1)
    assert error.value.field == "plan"


@given(st.integers(min_value=1, max_value=500), st.integers(min_value=0, max_value=100))
def test_more_patents_never_cost_less_and_the_limit_follows_the_premium(units, extra):
    small = price_plan(picc_like(), "standard", units)
    large = price_plan(picc_like(), "standard", units + extra)
    assert large.gross_premium >= small.gross_premium
    assert large.aggregate_limit == large.gross_premium * 15
