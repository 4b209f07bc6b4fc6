"""Simulated take-up years: the budget holds, a withdrawn subsidy never raises take-up."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.programme.takeup import take_up_probability, thresholds
from patentshield.programme.takeup_years import (
    FIGURES,
    TakeUpInputs,
    Variant,
    YearClaims,
    simulate_chunks,
    sorted_claims,
    take_up_grid,
)

INSURED, IP, GROSS, DEMANDED, PAID, LOSS = range(len(FIGURES))


def inputs_of(gross, subsidy, *, budget, first_come, beta=3.0, participation=0.7):
    def variant(amounts, budget):
        share = np.clip((gross - amounts) / gross, 0, 1)
        return Variant(
            subsidy=amounts,
            threshold=thresholds(share, elasticity=beta, participation=participation),
            fallback=thresholds(np.ones_like(gross), elasticity=beta, participation=participation),
            budget=budget,
            first_come=first_come,
        )

    with_subsidy = variant(subsidy, budget)
    withdrawn = variant(np.zeros_like(gross), math.inf)
    return TakeUpInputs(gross, np.arange(1.0, gross.size + 1), (with_subsidy, withdrawn))


def claims_of(firms, years, seed):
    rng = np.random.default_rng(seed)
    count = 3 * years
    return sorted_claims(
        rng.integers(0, years, count), rng.integers(0, firms, count), rng.random(count) * 1e5
    )


def run(inputs, years, seed, claims):
    grid = take_up_grid(seed, years, inputs.firms)
    parts = [claims.between(c.start, c.start + c.size) for c in grid]
    return np.concatenate(simulate_chunks(inputs, grid, parts), axis=2)


def run_case(case, claims):
    """Simulate a drawn case: random premiums, a subsidy below each, withdrawn beside it."""
    rng = np.random.default_rng(case["seed"])
    gross = rng.uniform(1_000, 400_000, case["firms"])
    inputs = inputs_of(
        gross,
        gross * rng.uniform(0, 1, case["firms"]),
        budget=case["budget"],
        first_come=case["first_come"],
        beta=case["beta"],
        participation=case["participation"],
    )
    return run(inputs, case["years"], case["seed"], claims)


scenario = st.fixed_dictionaries(
    {
        "firms": st.integers(1, 40),
        "years": st.integers(1, 600),
        "seed": st.integers(0, 2**32),
        "budget": st.floats(0, 2e6),
        "first_come": st.booleans(),
        "participation": st.floats(0.05, 1.0),
        "beta": st.floats(0.0, 8.0),
    }
)


@settings(max_examples=60, deadline=None)
@given(scenario)
def test_the_subsidy_paid_never_exceeds_the_budget_nor_what_was_asked(case):
    years = run_case(case, claims_of(case["firms"], case["years"], 1))
    paid, asked = years[0, PAID], years[0, DEMANDED]
    assert (paid <= case["budget"]).all()
    assert (paid <= asked + 1e-6).all()
    assert np.allclose(paid, np.minimum(asked, case["budget"]), rtol=1e-9, atol=1e-6)
    assert (years[1, PAID] == 0).all()


@settings(max_examples=60, deadline=None)
@given(scenario)
def test_a_withdrawn_subsidy_never_raises_take_up_in_any_year(case):
    years = run_case(case, claims_of(case["firms"], case["years"], 2))
    subsidised, withdrawn = years[0], years[1]
    for figure in (INSURED, IP, GROSS, LOSS):
        assert (withdrawn[figure] <= subsidised[figure] + 1e-6).all()


def test_the_mean_take_up_is_the_model_s_expectation_when_no_budget_binds():
    rng = np.random.default_rng(5)
    gross = rng.uniform(1_000, 50_000, 200)
    subsidy = gross * rng.uniform(0, 1, 200)
    inputs = inputs_of(gross, subsidy, budget=math.inf, first_come=False)
    years = run(inputs, 4_000, 9, YearClaims(*(np.zeros(0, np.int64),) * 2, np.zeros(0)))
    share = np.clip((gross - subsidy) / gross, 0, 1)
    p = take_up_probability(share, elasticity=3.0, participation=0.7)
    standard_error = math.sqrt((p * (1 - p)).sum() / 4_000)
    assert abs(years[0, INSURED].mean() - p.sum()) < 4 * standard_error


def test_only_the_claims_of_insured_firms_count_as_the_year_s_loss():
    gross = np.full(3, 10_000.0)
    free = Variant(
        np.zeros(3), np.full(3, -1.0, np.float32), np.full(3, -1.0, np.float32), math.inf, False
    )
    never = Variant(
        np.zeros(3), np.full(3, np.inf, np.float32), np.full(3, np.inf, np.float32), math.inf, False
    )
    inputs = TakeUpInputs(gross, np.ones(3), (free, never))
    claims = sorted_claims(np.array([0, 2]), np.array([1, 2]), np.array([500.0, 700.0]))
    years = run(inputs, 3, 0, claims)
    assert years[0, LOSS].tolist() == [500.0, 0.0, 700.0]
    assert years[1, LOSS].tolist() == [0.0, 0.0, 0.0]


def test_grouping_chunks_into_tasks_never_changes_a_result():
    rng = np.random.default_rng(3)
    gross = rng.uniform(1_000, 50_000, 50)
    inputs = inputs_of(gross, gross * 0.5, budget=200_000.0, first_come=True)
    claims = claims_of(50, 1_000, 4)
    together = run(inputs, 1_000, 11, claims)
    grid = take_up_grid(11, 1_000, 50)
    apart = [
        simulate_chunks(inputs, [c], [claims.between(c.start, c.start + c.size)])[0] for c in grid
    ]
    assert (np.concatenate(apart, axis=2) == together).all()
    assert len(grid) > 1
