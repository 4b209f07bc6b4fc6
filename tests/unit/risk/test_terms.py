"""Policy terms never pay above a limit or below zero; every cost is insured, retained or not."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from patentshield.risk.cases import CATEGORIES
from patentshield.risk.terms import PolicyTerms, apply_terms

N = len(CATEGORIES)
limits = st.one_of(st.just(math.inf), st.floats(0, 5e6))


@st.composite
def terms(draw):
    return PolicyTerms(
        covered=tuple(draw(st.lists(st.booleans(), min_size=N, max_size=N))),
        sub_limits=tuple(draw(st.lists(limits, min_size=N, max_size=N))),
        deductible=draw(st.floats(0, 1e6)),
        coinsurance=draw(st.floats(0, 1)),
        per_claim_limit=draw(limits),
        aggregate_limit=draw(limits),
        responds=draw(st.booleans()),
        excluded_share=draw(st.floats(0, 1)),
    )


@st.composite
def cases(draw):
    count = draw(st.integers(0, 40))
    costs = draw(arrays(np.float64, (count, N), elements=st.floats(0, 1e7)))
    years = draw(st.integers(1, 6))
    simulation = draw(arrays(np.int64, count, elements=st.integers(0, years - 1)))
    excluded = draw(arrays(np.float64, count, elements=st.floats(0, 0.999)))
    return costs, simulation, years, excluded


@settings(max_examples=200, deadline=None)
@given(policy=terms(), drawn=cases())
def test_terms_never_pay_above_a_limit_or_below_zero(policy, drawn):
    costs, simulation, years, excluded = drawn
    allocation = apply_terms(policy, costs, simulation, excluded)
    insured = allocation.insured
    tolerance = 1e-6 * (1 + costs.sum())
    assert (insured >= 0).all()
    assert (insured <= costs + 1e-9).all()
    assert (insured.sum(axis=1) <= policy.per_claim_limit + tolerance).all()
    per_year = np.bincount(simulation, weights=insured.sum(axis=1), minlength=years)
    assert (per_year <= policy.aggregate_limit + tolerance).all()
    assert (insured <= np.array(policy.sub_limits) + tolerance).all()
    assert np.allclose(insured + allocation.retained + allocation.uncovered, costs)
    assert (allocation.retained >= -tolerance).all()
    not_covered = ~np.array(policy.covered)
    assert (insured[:, not_covered] == 0).all()


@settings(max_examples=50, deadline=None)
@given(drawn=cases())
def test_a_policy_that_does_not_respond_pays_nothing(drawn):
    costs, simulation, years, excluded = drawn
    policy = PolicyTerms(covered=(True,) * N, responds=False)
    assert apply_terms(policy, costs, simulation, excluded).insured.sum() == 0


def test_deductible_then_coinsurance_then_limits_in_that_order():
    costs = np.zeros((2, N))
    costs[0, 0] = 1_000_000.0  # us counsel
    costs[0, 9] = 500_000.0  # settlement, sub-limited
    costs[1, 0] = 2_000_000.0
    policy = PolicyTerms(
        covered=(True,) * N,
        sub_limits=(math.inf,) * 9 + (100_000.0,) + (math.inf,) * 3,
        deductible=100_000.0,
        coinsurance=0.2,
        per_claim_limit=1_000_000.0,
        aggregate_limit=1_500_000.0,
    )
    allocation = apply_terms(policy, costs, np.array([0, 0]), np.zeros(2))
    claims = allocation.insured.sum(axis=1)
    # claim 1: (1,000,000 + 100,000 − 100,000) × 0.8 = 800,000; claim 2: min(1,520,000, 1,000,000)
    # the year pays 1,800,000 before the aggregate limit of 1,500,000 cuts both pro rata
    assert np.allclose(claims, [800_000 * 1.5 / 1.8, 1_000_000 * 1.5 / 1.8])
    assert math.isclose(allocation.insured[0, 9] / allocation.insured[0, 0], 0.1)


def test_an_excluded_case_pays_nothing_and_others_pay():
    costs = np.full((2, N), 1000.0)
    policy = PolicyTerms(covered=(True,) * N, excluded_share=0.5)
    allocation = apply_terms(policy, costs, np.array([0, 1]), np.array([0.2, 0.7]))
    assert allocation.insured[0].sum() == 0
    assert allocation.insured[1].sum() == 13_000
