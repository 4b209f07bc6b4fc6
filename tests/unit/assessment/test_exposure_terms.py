"""From products and exporters to the engine's terms and profile, and the engine's pricing."""

import math
from datetime import date
from decimal import Decimal

import numpy as np
import pytest

from patentshield.assessment.exposure import Reading, money_from_usd, policy_terms
from patentshield.assessment.simulation import Simulation, engine_pricing
from patentshield.catalog.model import Answer, CostCategory
from patentshield.catalog.premium import price_plan
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Currency, FxRate
from patentshield.risk.data_files import load_parameters
from patentshield.risk.exposure import ClassExposure, ExposureProfile
from patentshield.risk.pricing import price
from patentshield.risk.proceedings import CATEGORIES
from patentshield.risk.terms import CoverTerms
from tests.factories import cny, product, risk_rated

FX = FxRate(Currency.USD, Currency.CNY, Decimal("7.2"), date(2026, 3, 1), "test")
PARAMETERS = load_parameters()


def terms_of(item, reading=Reading.FAVOURABLE):
    pricing = price_plan(
        item, None, 1, negotiated=cny(100_000) if item.id == "test-risk-rated" else None
    )
    return policy_terms(item, pricing, FX, PARAMETERS, reading=reading)


def test_the_engine_reads_categories_in_the_catalogs_order():
    assert tuple(c.value for c in CostCategory) == CATEGORIES


def test_covered_and_unclear_categories_follow_the_reading():
    favourable = terms_of(product()).terms
    strict = terms_of(product(), Reading.STRICT).terms
    experts = CATEGORIES.index("experts")
    assert favourable.covered[experts] and not strict.covered[experts]
    assert favourable.covered[CATEGORIES.index("us_counsel")]
    assert not favourable.covered[CATEGORIES.index("lost_us_profit")]
    assert any("experts is unclear" in a for a in terms_of(product()).assumptions)


def test_limits_are_converted_to_usd_and_the_wilful_exclusion_applies():
    terms = terms_of(product()).terms
    assert terms.aggregate_limit == pytest.approx(50_000 * 40 / 7.2)
    assert terms.excluded_share == pytest.approx(PARAMETERS.get("exclusions.wilful_infringement"))


def test_art_30_an_unclear_itc_answer_responds_in_every_reading_as_claims_pay_it():
    unclear = product(itc_counts_as_lawsuit=Answer.UNCLEAR)
    assert terms_of(unclear).terms.responds
    assert terms_of(unclear, Reading.STRICT).terms.responds  # the rule claims follow
    assert any("art. 30" in a for a in terms_of(unclear, Reading.STRICT).assumptions)
    assert not terms_of(product(itc_counts_as_lawsuit=Answer.NO)).terms.responds


def test_engine_figures_become_rounded_money_in_the_products_currency():
    assert money_from_usd(1000.0, Currency.CNY, FX) == cny(7200)
    assert money_from_usd(0.004, Currency.USD, FX).amount == Decimal("0.00")


def test_the_indicated_premium_loads_the_pure_premium_as_documented():
    sample = np.zeros(1000)
    sample[-10:] = 100_000.0
    result = price(PARAMETERS, sample)
    tvar = 100_000.0 * 5 / 5  # the worst 0.5 % are all 100,000
    loading = 0.10 * (tvar - 1_000.0)
    assert result.pure_premium.value == pytest.approx(1_000.0)
    assert result.risk_loading == pytest.approx(loading)
    assert result.indicated_premium == pytest.approx((1_000.0 + loading) / (1 - 0.30 - 0.05))


def test_a_risk_rated_plan_is_priced_at_the_indicated_premium_of_its_own_terms():
    simulation = Simulation(
        PARAMETERS, ExposureProfile((ClassExposure("vapes", 85, 80_000_000.0),)), 20_000, 3
    )
    pricing = engine_pricing(simulation, risk_rated(), plan=None, units=1, fx=FX)
    again = engine_pricing(simulation, risk_rated(), plan=None, units=1, fx=FX)
    assert pricing.gross_premium == again.gross_premium
    assert pricing.gross_premium.amount > 0
    assert pricing.aggregate_limit == cny(5_000_000)


def test_policy_terms_refuse_a_wrong_category_count():
    with pytest.raises(InvalidInput) as caught:
        CoverTerms(covered=(True,) * 3)
    assert caught.value.field == "covered"
    assert math.isinf(CoverTerms(covered=(True,) * 13).aggregate_limit)
