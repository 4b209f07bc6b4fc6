"""Policy terms never pay above a limit or below zero; every cost is insured, retained or not."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from patentshield.risk.proceedings import CATEGORIES
from patentshield.risk.terms import (
    CLAIM_CHUNK,
    CoverTerms,
    TermsTable,
    aggregate_limited,
    apply_terms,
    category_caps,
    claim_payments,
    per_claim_payments,
)

N = len(CATEGORIES)
limits = st.one_of(st.just(math.inf), st.floats(0, 5e6))


@st.composite
def terms(draw):
    return CoverTerms(
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
    policy = CoverTerms(covered=(True,) * N, responds=False)
    assert apply_terms(policy, costs, simulation, excluded).insured.sum() == 0


def test_deductible_then_coinsurance_then_limits_in_that_order():
    costs = np.zeros((2, N))
    costs[0, 0] = 1_000_000.0  # us counsel
    costs[0, 9] = 500_000.0  # settlement, sub-limited
    costs[1, 0] = 2_000_000.0
    policy = CoverTerms(
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
    policy = CoverTerms(covered=(True,) * N, excluded_share=0.5)
    allocation = apply_terms(policy, costs, np.array([0, 1]), np.array([0.2, 0.7]))
    assert allocation.insured[0].sum() == 0
    assert allocation.insured[1].sum() == 13_000


def test_terms_applied_chunk_by_chunk_pay_what_one_pass_pays():
    rng = np.random.default_rng(3)
    table = TermsTable.of(
        [
            CoverTerms(covered=(True,) * N, deductible=5e4, coinsurance=0.2, aggregate_limit=2e6),
            CoverTerms(covered=(True, False) * 6 + (True,), per_claim_limit=1e6),
            CoverTerms(covered=(False,) * N, responds=False),
        ]
    )
    claims = 2 * CLAIM_CHUNK + 17
    policy = rng.integers(0, 3, claims)
    costs = rng.lognormal(11.0, 2.0, (claims, N))
    year = rng.integers(0, 5000, claims)
    excluded = rng.random(claims)
    whole = claim_payments(table, policy, costs, year, excluded).paid
    chunked = aggregate_limited(
        table, policy, year, per_claim_payments(table, policy, costs, excluded)
    )
    assert np.array_equal(whole, chunked)


def test_capping_each_category_at_its_folded_cap_pays_what_cover_then_sub_limit_pays():
    rng = np.random.default_rng(4)
    table = TermsTable.of(
        [
            CoverTerms(covered=(True, False) * 6 + (True,), sub_limits=(1e5,) * N),
            CoverTerms(covered=(True,) * N, deductible=1e4, coinsurance=0.1),
        ]
    )
    policy = rng.integers(0, 2, 5_000)
    costs = rng.lognormal(11.0, 2.0, (5_000, N))
    excluded = rng.random(5_000)
    plain = per_claim_payments(table, policy, costs, excluded)
    folded = per_claim_payments(table, policy, costs, excluded, category_caps(table))
    assert np.array_equal(plain, folded)


@settings(max_examples=100, deadline=None)
@given(
    claims=st.integers(0, 300),
    policies=st.integers(1, 50),
    years=st.integers(1, 40),
    seed=st.integers(0, 10_000),
)
def test_the_aggregate_limit_cuts_exactly_the_groups_a_full_sort_finds(
    claims, policies, years, seed
):
    rng = np.random.default_rng(seed)
    table = TermsTable.of(
        [
            CoverTerms(covered=(True,) * N, aggregate_limit=float(a))
            for a in rng.integers(1, 9, policies)
        ]
    )
    policy = rng.integers(0, policies, claims)
    year = rng.integers(0, years, claims)
    paid = rng.random(claims) * 5
    key = year * policies + policy
    unique, inverse = np.unique(key, return_inverse=True)
    totals = np.bincount(inverse, weights=paid, minlength=unique.size)[inverse]
    expected = paid * np.minimum(1.0, table.aggregate_limit[policy] / np.maximum(totals, 1e-300))
    assert np.array_equal(aggregate_limited(table, policy, year, paid), expected)
