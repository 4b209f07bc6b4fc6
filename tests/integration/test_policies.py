"""Binding quotes into policies on SQLite and PostgreSQL: frozen terms, lifecycle, renewal."""

from dataclasses import replace
from datetime import date

import pytest

from patentshield.catalog.model import CostCategory, Cover
from patentshield.kernel.db import Database
from patentshield.kernel.errors import Conflict, InvalidTransition, NotFound, RuleViolation
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.policies.model import PolicyStatus, status_on
from patentshield.policies.service import (
    BindRequest,
    bind_policy,
    cancel_policy,
    get_policy,
    list_policies,
)
from patentshield.quotes.model import QuoteRequest
from patentshield.quotes.service import quote_product
from tests.factories import runtime_of
from tests.integration.insured import NOW, insured, quote_id


def at_now(database: Database) -> Runtime:
    """The runtime the policies were bound in: clock stopped at the binding moment."""
    return runtime_of(database, now=NOW)


def test_binding_a_quote_freezes_the_product_terms_and_the_priced_limits(database: Database):
    policy = insured(database)
    again = get_policy(at_now(database), policy.number)
    assert again == policy
    terms = again.terms
    assert terms.product_id == "illustrative-337-defence"
    assert terms.aggregate_limit == Money.of("20000000", "CNY")
    assert terms.per_claim_limit == Money.of("15000000", "CNY")
    assert terms.deductible == Money.of("100000", "CNY")
    assert terms.sub_limits[CostCategory.IPR_PTAB] == Money.of("2000000", "CNY")
    assert terms.cover_for(CostCategory.DESIGN_AROUND_CBP) is Cover.NOT_COVERED
    assert again.period_start == date(2026, 3, 1)
    assert again.period_end == date(2027, 3, 1)
    assert again.retroactive_date == date(2024, 3, 1)
    assert again.subsidy == Money.of("200000.00", "CNY")
    assert again.net_premium == Money.of("200000.00", "CNY")


def test_the_status_follows_the_period_and_a_cancellation(database: Database):
    policy = insured(database)
    assert status_on(policy, date(2026, 2, 28)) is PolicyStatus.BOUND
    assert status_on(policy, date(2026, 3, 1)) is PolicyStatus.IN_FORCE
    assert status_on(policy, date(2027, 3, 1)) is PolicyStatus.EXPIRED
    cancelled = cancel_policy(
        at_now(database), policy.id, day=date(2026, 9, 1), reason="sold the line"
    )
    assert status_on(cancelled, date(2026, 8, 31)) is PolicyStatus.IN_FORCE
    assert status_on(cancelled, date(2026, 9, 1)) is PolicyStatus.CANCELLED
    with pytest.raises(InvalidTransition):
        cancel_policy(at_now(database), policy.id, day=date(2026, 10, 1), reason="again")


def test_a_quote_binds_once(database: Database):
    policy = insured(database)
    with pytest.raises(Conflict):
        bind_policy(at_now(database), BindRequest(quote_id=policy.quote_id))
    assert len(list_policies(at_now(database))) == 1


def test_a_quote_without_an_enterprise_or_a_late_start_is_refused(database: Database):
    request = QuoteRequest(
        product_id="illustrative-337-defence",
        day=date(2026, 3, 1),
        region_code="440306",
        premium=Money.of("400000", "CNY"),
    )
    anonymous = quote_product(at_now(database), request)
    with pytest.raises(RuleViolation):
        bind_policy(at_now(database), BindRequest(quote_id=anonymous.id))
    with pytest.raises(NotFound):
        bind_policy(at_now(database), BindRequest(quote_id="q-missing"))
    assert list_policies(at_now(database)) == []


def test_a_renewal_follows_on_and_keeps_the_first_retroactive_date(database: Database):
    first = insured(database)
    renewal_quote = quote_id(database, day=date(2027, 2, 15))
    request = BindRequest(quote_id=renewal_quote, start=date(2027, 3, 1), renews=first.number)
    renewal = bind_policy(at_now(database), request)
    assert renewal.renews == first.id
    assert renewal.period_start == first.period_end
    assert renewal.retroactive_date == first.retroactive_date
    other = quote_id(database, day=date(2027, 2, 16))
    with pytest.raises(Conflict):
        bind_policy(at_now(database), replace(request, quote_id=other))


def test_a_renewal_must_start_when_the_old_policy_ends(database: Database):
    first = insured(database)
    renewal_quote = quote_id(database, day=date(2027, 2, 1))
    request = BindRequest(quote_id=renewal_quote, start=date(2027, 2, 1), renews=first.id)
    with pytest.raises(RuleViolation):
        bind_policy(at_now(database), request)
