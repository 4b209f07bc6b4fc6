"""Frozen policy terms and the pure policy lifecycle."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.catalog.conditions import LEGACY_CONDITIONS, ClaimConditions, SubLimitOrder
from patentshield.catalog.loader import load_catalog
from patentshield.catalog.model import Answer
from patentshield.kernel.errors import InvalidInput, RuleViolation
from patentshield.kernel.money import Money
from patentshield.policies.binding import (
    check_bindable,
    policy_period,
    renewal_retroactive_date,
    retroactive_date,
)
from patentshield.policies.terms import freeze_terms, terms_from_json, terms_to_json

PRODUCT_IDS = load_catalog().ids()


@given(st.sampled_from(PRODUCT_IDS), st.integers(min_value=1, max_value=365))
def test_every_catalog_product_freezes_into_terms_that_round_trip_through_json(
    product_id: str, notice_days: int
):
    product = load_catalog().get(product_id)
    terms = freeze_terms(
        product,
        per_claim_limit=Money.of("1000", product.currency),
        aggregate_limit=Money.of("2000", product.currency),
        notice_days=notice_days,
    )
    assert terms_from_json(terms_to_json(terms)) == terms


def test_the_illustrative_product_responds_to_a_337_case():
    product = load_catalog().get("illustrative-337-defence")
    terms = freeze_terms(
        product,
        per_claim_limit=Money.of("15000000", "CNY"),
        aggregate_limit=Money.of("20000000", "CNY"),
    )
    assert terms.responds_to_337 is Answer.YES
    assert terms.notice_days == 30


def test_terms_frozen_before_the_claims_conditions_load_with_the_legacy_ones():
    product = load_catalog().get("picc-2013-enforcement")
    terms = freeze_terms(
        product, per_claim_limit=Money.of("1", "CNY"), aggregate_limit=Money.of("1", "CNY")
    )
    old = terms_to_json(terms)
    del old["conditions"], old["enforces_in_337"]
    loaded = terms_from_json(old)
    assert loaded.conditions == LEGACY_CONDITIONS  # sub-limits before retention, no consent
    assert loaded.conditions.sub_limit_order is SubLimitOrder.BEFORE_RETENTION
    assert loaded.enforces_in_337 is Answer.UNCLEAR  # an enforcement type, ITC unclear
    assert terms.conditions == ClaimConditions()  # new policies take the product's


def test_a_bad_claims_condition_in_frozen_terms_is_refused_naming_the_terms():
    product = load_catalog().get("illustrative-337-defence")
    document = terms_to_json(
        freeze_terms(
            product, per_claim_limit=Money.of("1", "CNY"), aggregate_limit=Money.of("1", "CNY")
        )
    )
    document["conditions"] = {"claim_trigger": "rumour"}
    with pytest.raises(InvalidInput) as raised:
        terms_from_json(document)
    assert raised.value.field == "terms"


def test_a_notice_period_outside_one_day_to_a_year_is_refused():
    product = load_catalog().get("illustrative-337-defence")
    with pytest.raises(InvalidInput) as error:
        freeze_terms(
            product,
            per_claim_limit=Money.of("1", "CNY"),
            aggregate_limit=Money.of("1", "CNY"),
            notice_days=0,
        )
    assert error.value.field == "notice_days"


def test_a_year_period_ends_on_the_same_day_next_year_and_leap_days_clamp():
    assert policy_period(date(2026, 3, 1)) == (date(2026, 3, 1), date(2027, 3, 1))
    assert policy_period(date(2024, 2, 29))[1] == date(2025, 2, 28)
    with pytest.raises(InvalidInput):
        policy_period(date(2026, 3, 1), 0)


def test_the_retroactive_date_counts_whole_years_back():
    assert retroactive_date(date(2026, 3, 1), 2) == date(2024, 3, 1)
    assert retroactive_date(date(2026, 3, 1), None) is None


def test_binding_refuses_a_start_before_the_quote_or_long_after_it():
    check_bindable(date(2026, 3, 1), date(2026, 3, 1))
    with pytest.raises(RuleViolation):
        check_bindable(date(2026, 3, 1), date(2026, 2, 28))
    with pytest.raises(RuleViolation):
        check_bindable(date(2026, 3, 1), date(2026, 7, 1))


def test_a_renewal_keeps_the_earliest_retroactive_date():
    previous = _policy_with_retro(date(2020, 1, 1))
    assert renewal_retroactive_date(previous, date(2023, 1, 1)) == date(2020, 1, 1)
    assert renewal_retroactive_date(_policy_with_retro(None), date(2023, 1, 1)) == date(2023, 1, 1)


def _policy_with_retro(retro: date | None):
    from datetime import UTC, datetime

    from patentshield.policies.model import Policy

    product = load_catalog().get("illustrative-337-defence")
    cny = Money.of("1", "CNY")
    return Policy(
        id="p-1",
        number="PS-1",
        quote_id="q-1",
        enterprise_id="e",
        insurer="none",
        plan="benchmark",
        period_start=date(2025, 1, 1),
        period_end=date(2026, 1, 1),
        retroactive_date=retro,
        terms=freeze_terms(product, per_claim_limit=cny, aggregate_limit=cny),
        gross_premium=cny,
        subsidy=cny,
        net_premium=cny,
        subsidy_programme=None,
        bound_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
