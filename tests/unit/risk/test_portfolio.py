"""The portfolio engine: common shocks, per-policy terms, tail shares, invariance."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.risk.data_files import load_parameters
from patentshield.risk.montecarlo import BLOCK_SIMS, blocks, run_blocks
from patentshield.risk.portfolio import (
    Book,
    chapter_cases,
    chapter_indexes,
    join_blocks,
    simulate_book_block,
    sub_book_losses,
    tail_contributions,
)
from patentshield.risk.proceedings import (
    CATEGORIES,
    RespondentOutcome,
    default_chance,
    simulate_cases,
)
from patentshield.risk.terms import TermsTable, claim_payments

N = len(CATEGORIES)


def make_book(size: int, *, limit: float = 2_000_000.0, intensity: float = 0.002) -> Book:
    rng = np.random.default_rng(0)
    return Book(
        chapter=rng.choice(np.array([85, 94, 95]), size),
        sales_usd=rng.lognormal(np.log(5e6), 1.0, size),
        intensity=np.full(size, intensity),
        premium_usd=np.full(size, 10_000.0),
        terms=TermsTable(
            covered=np.ones((size, N), bool),
            sub_limits=np.full((size, N), math.inf),
            deductible=np.full(size, 20_000.0),
            coinsurance=np.full(size, 0.1),
            per_claim_limit=np.full(size, limit),
            aggregate_limit=np.full(size, limit),
            responds=np.ones(size, bool),
            excluded_share=np.zeros(size),
        ),
    )


@pytest.fixture(scope="module")
def parameters():
    return load_parameters()


def simulate(parameters, book, years, seed, threads=1):
    return join_blocks(
        run_blocks(
            lambda b: simulate_book_block(parameters, book, b), blocks(seed, years), threads=threads
        )
    )


@settings(max_examples=60, deadline=None)
@given(
    claims=st.integers(0, 30),
    limit=st.floats(1.0, 5e6),
    seed=st.integers(0, 1000),
)
def test_book_terms_never_pay_above_each_policys_limits_or_below_zero(claims, limit, seed):
    book = make_book(5, limit=limit)
    rng = np.random.default_rng(seed)
    policy = rng.integers(0, 5, claims)
    year = rng.integers(0, 3, claims)
    costs = rng.lognormal(12, 2, (claims, N))
    paid = claim_payments(book.terms, policy, costs, year, rng.random(claims)).paid
    assert (paid >= 0).all()
    assert (paid <= limit * (1 + 1e-9)).all()
    per_policy_year = np.zeros((3, 5))
    np.add.at(per_policy_year, (year, policy), paid)
    assert (per_policy_year <= limit * (1 + 1e-9)).all()


def test_a_book_simulation_does_not_depend_on_threads(parameters):
    book = make_book(500)
    one = simulate(parameters, book, BLOCK_SIMS + 500, seed=2, threads=1)
    two = simulate(parameters, book, BLOCK_SIMS + 500, seed=2, threads=2)
    assert np.array_equal(one.loss, two.loss)
    assert np.array_equal(one.claim_policy, two.claim_policy)


def test_one_complaint_can_name_several_insureds_in_the_same_year(parameters):
    book = make_book(2_000, intensity=0.0005)  # the book holds 1/3 of each chapter's imports
    result = simulate(parameters, book, 5_000, seed=3)
    pairs = np.unique(result.claim_year, return_counts=True)[1]
    assert pairs.max() >= 2
    assert result.named > 0 and result.reached_by_geo > 0


def test_tail_contributions_add_up_to_the_tvar_over_the_tail_years(parameters):
    book = make_book(1_000)
    result = simulate(parameters, book, 20_000, seed=4)
    threshold, contribution = tail_contributions(result, book, 0.99)
    tail = result.loss[result.loss >= threshold]
    assert contribution.sum() == pytest.approx(tail.mean())
    assert (contribution >= 0).all()


def test_sub_books_add_their_own_policies_only(parameters):
    book = make_book(1_000)
    result = simulate(parameters, book, 10_000, seed=5)
    losses = sub_book_losses(result, book.size, [100, 1_000])
    assert np.allclose(losses[1_000], result.loss)
    assert (losses[100] <= losses[1_000] + 1e-6).all()


def _co_respondent_pairs(parameters, *, shuffle: bool):
    """Return the exclusion orders and early exits of pairs of insureds named together."""
    book = make_book(3_000, intensity=0.0005)
    index = chapter_indexes(book)[0]
    rng = np.random.default_rng(6)
    found = chapter_cases(parameters, rng, index, np.ones(20_000))
    paths = found.paths
    if shuffle:  # the same paths, dealt out at random: co-respondents no longer share theirs
        paths = paths.take(rng.permutation(found.policy.size))
    cases = simulate_cases(
        parameters,
        rng,
        paths,
        sales_usd=book.sales_usd[found.policy],
        defaulted=rng.random(found.policy.size) < default_chance(parameters, insured=True),
    )
    together = np.flatnonzero(found.investigation[1:] == found.investigation[:-1])
    early = np.isin(
        cases.outcome,
        [RespondentOutcome.SETTLED, RespondentOutcome.CONSENT_ORDER, RespondentOutcome.WITHDRAWN],
    )
    first, second = together, together + 1
    return (
        cases.exclusion_order[first],
        cases.exclusion_order[second],
        early[first],
        early[second],
    )


def test_co_respondents_outcomes_in_a_book_are_correlated_through_their_shared_path(parameters):
    order_a, order_b, early_a, early_b = _co_respondent_pairs(parameters, shuffle=False)
    assert order_a.size > 1_000  # pairs of insureds named in the same investigation
    assert np.corrcoef(order_a, order_b)[0, 1] > 0.5
    assert np.corrcoef(early_a, early_b)[0, 1] > 0.7
    order_a, order_b, early_a, early_b = _co_respondent_pairs(parameters, shuffle=True)
    assert abs(np.corrcoef(order_a, order_b)[0, 1]) < 0.1
    assert abs(np.corrcoef(early_a, early_b)[0, 1]) < 0.1
