"""Invariants of the subsidy engine, for every shipped programme and random synthetic ones.

A subsidy is never negative, never above the premium (less other bodies' grants), never above
any cap that applies, and never falls when only the premium rises (STYLE.md rule 17).
"""

from dataclasses import replace
from datetime import timedelta
from decimal import ROUND_DOWN, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.catalog.model import ProductType
from patentshield.kernel.money import Currency, Money
from patentshield.subsidies.caps import applicable_year_cap
from patentshield.subsidies.catalog import load_programmes
from patentshield.subsidies.evaluate import evaluate
from patentshield.subsidies.model import Applicant, Programme, SubsidyRequest
from tests.factories import synthetic_programme, year_cap

FLAGS = (
    "single_champion",
    "key_sector_sme",
    "first_application",
    "high_value_patents",
    "belt_and_road_markets",
    "export_oriented",
    "no_illegal_record_2y",
    "cross_border_ecommerce_seller",
)
RIGHTS = ("CN1", "CN2", "CN3")


def cny(places_amount: Decimal) -> Money:
    return Money(places_amount, Currency.CNY)


amounts = st.decimals(min_value=0, max_value=6_000_000, places=2).map(cny)
optional_amounts = st.none() | amounts
optional_flags = st.none() | st.frozensets(st.sampled_from(FLAGS))


@st.composite
def synthetic_programmes(draw: st.DrawFn) -> Programme:
    caps = draw(st.lists(st.integers(0, 500_000), max_size=2, unique=True))
    return synthetic_programme(
        rate=draw(st.decimals(min_value="0.01", max_value=1, places=2)),
        uplifts=draw(st.dictionaries(st.sampled_from(FLAGS), st.integers(1, 30).map(Decimal))),
        per_policy_cap=draw(st.none() | st.integers(0, 300_000).map(lambda v: cny(Decimal(v)))),
        per_applicant_year_caps=tuple(
            year_cap(f"cap{index}", value, flag=draw(st.none() | st.sampled_from(FLAGS)))
            for index, value in enumerate(caps)
        ),
        annual_budget=draw(st.none() | st.integers(0, 5_000_000).map(lambda v: cny(Decimal(v)))),
        min_premium=draw(st.none() | st.integers(0, 5_000).map(lambda v: cny(Decimal(v)))),
        one_per_ip_right_per_product_type=draw(st.booleans()),
    )


programmes = st.sampled_from(load_programmes().entries) | synthetic_programmes()


@st.composite
def requests(draw: st.DrawFn) -> SubsidyRequest:
    programme = draw(programmes)
    premium = draw(amounts)
    base = draw(st.decimals(min_value=0, max_value=1, places=2))
    rights = tuple(draw(st.lists(st.sampled_from(RIGHTS), unique=True)))
    return SubsidyRequest(
        programme=programme,
        product_type=draw(
            st.sampled_from(sorted(programme.product_types) + [ProductType.IP_TRANSACTION])
        ),
        premium=premium,
        day=programme.valid_from + timedelta(days=draw(st.integers(0, 364))),
        applicant=Applicant(
            region_code=draw(st.none() | st.just(programme.region_code)),
            industries=draw(st.none() | st.just(programme.industries)),
            flags=draw(optional_flags),
        ),
        base_premium=cny((premium.amount * base).quantize(Decimal("0.01"), rounding=ROUND_DOWN)),
        granted_this_year=draw(optional_amounts),
        budget_used_this_year=draw(optional_amounts),
        ip_rights=rights,
        already_subsidised=frozenset(
            (right, kind)
            for right in draw(st.frozensets(st.sampled_from(RIGHTS)))
            for kind in programme.product_types
        ),
        other_bodies_granted=draw(
            st.none()
            | st.lists(st.tuples(st.sampled_from(["A", "B"]), amounts), max_size=2).map(tuple)
        ),
    )


def zero() -> Money:
    return Money.zero(Currency.CNY)


def remaining(limit: Money, used: Money | None) -> Money:
    left = limit - (used or zero())
    return left if left > zero() else zero()


@settings(max_examples=400, deadline=None)
@given(requests())
def test_a_subsidy_is_never_negative_nor_above_the_premium(request: SubsidyRequest):
    decision = evaluate(request)
    others = sum((paid.amount for _body, paid in request.other_bodies_granted or ()), Decimal(0))
    assert decision.amount >= zero()
    assert decision.amount <= request.premium
    assert decision.amount.amount <= max(Decimal(0), request.premium.amount - others)
    if not decision.eligible:
        assert decision.amount.is_zero()


@settings(max_examples=400, deadline=None)
@given(requests())
def test_a_subsidy_is_never_above_any_cap_that_applies(request: SubsidyRequest):
    decision = evaluate(request)
    programme = request.programme
    if programme.per_policy_cap is not None:
        assert decision.amount <= programme.per_policy_cap
    if programme.annual_budget is not None:
        assert decision.amount <= remaining(programme.annual_budget, request.budget_used_this_year)
    choice = applicable_year_cap(programme, request.product_type, request.applicant.flags)
    if choice.cap is not None:
        assert decision.amount <= remaining(choice.cap.amount, request.granted_this_year)
    assert decision.amount.rounded() == decision.amount


@settings(max_examples=400, deadline=None)
@given(requests(), amounts)
def test_a_higher_premium_never_gives_a_smaller_subsidy(request: SubsidyRequest, other: Money):
    low, high = sorted([request.premium, other], key=lambda money: money.amount)
    at_low = smaller_request(request, low)
    assert evaluate(at_low).amount <= evaluate(replace(at_low, premium=high)).amount


def smaller_request(request: SubsidyRequest, low: Money) -> SubsidyRequest:
    base = request.base_premium
    capped = None if base is None else cny(min(base.amount, low.amount))
    return replace(request, premium=low, base_premium=capped)
