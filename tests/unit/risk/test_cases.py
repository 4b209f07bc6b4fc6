"""The phase-by-phase case model reproduces the published figures it was calibrated to."""

import math

import numpy as np
import pytest

from patentshield.risk.cases import (
    CATEGORIES,
    INDEX,
    LEGAL,
    Outcome,
    defence_cost_median,
    simulate_cases,
)
from patentshield.risk.data_files import load_parameters

N = 100_000


@pytest.fixture(scope="module")
def parameters():
    return load_parameters()


@pytest.fixture(scope="module")
def cases(parameters):
    rng = np.random.default_rng(20261125)
    return simulate_cases(
        parameters,
        rng,
        sales_usd=np.full(N, 10_000_000.0),
        chinese_respondents=np.ones(N, dtype=np.int64),
    )


def share(mask):
    p = float(np.mean(mask))
    return p, math.sqrt(p * (1 - p) / mask.size)


def test_defended_cases_end_early_with_the_published_share(cases, parameters):
    defended = cases.outcome != Outcome.DEFAULTED
    early = np.isin(cases.outcome, [Outcome.SETTLED, Outcome.WITHDRAWN])[defended]
    p, error = share(early)
    expected = parameters.get("case.settlement_or_consent_order") + parameters.get(
        "case.withdrawal"
    )
    assert abs(p - expected) < 4 * error
    assert expected == pytest.approx(0.571, abs=0.001)


def test_decided_cases_find_no_violation_with_the_published_share(cases):
    decided = np.isin(cases.outcome, [Outcome.NO_VIOLATION, Outcome.VIOLATION, Outcome.DISAPPROVED])
    p, error = share(cases.outcome[decided] == Outcome.NO_VIOLATION)
    assert abs(p - 0.14) < 4 * error


def test_the_defence_cost_passes_through_the_aipla_2015_medians(parameters):
    stakes = np.array([500_000.0, 5_000_000.0, 17_500_000.0, 50_000_000.0])
    assert np.allclose(
        defence_cost_median(parameters, stakes), [600_000, 2_000_000, 3_100_000, 5_000_000]
    )
    assert defence_cost_median(parameters, np.array([1e9]))[0] == pytest.approx(5_000_000)


def test_sixty_percent_of_a_full_defence_is_spent_by_the_end_of_discovery(parameters):
    spend = parameters.group("costs.phase_spend")
    through_discovery = spend["answer"] + spend["discovery"]
    full = sum(v for k, v in spend.items() if k != "appeal")
    assert through_discovery / full == pytest.approx(0.6, abs=0.02)


def test_costs_are_non_negative_and_only_defaults_skip_the_defence(cases, parameters):
    assert (cases.costs >= 0).all()
    legal = cases.costs[:, [INDEX[c] for c in LEGAL]].sum(axis=1)
    defaulted = cases.outcome == Outcome.DEFAULTED
    assert np.allclose(legal[defaulted], parameters.get("costs.default_cost_usd"))
    assert (legal[~defaulted] > 0).all()


def test_exclusion_orders_bring_lost_profit_and_settlements_bring_payments(cases):
    lost = cases.costs[:, INDEX["lost_us_profit"]]
    assert (lost[cases.exclusion_order] > 0).all()
    assert (lost[~cases.exclusion_order] == 0).all()
    settled = cases.outcome == Outcome.SETTLED
    assert (cases.costs[settled, INDEX["settlement_licence"]] > 0).all()
    assert (cases.costs[~settled, INDEX["settlement_licence"]] == 0).all()


def test_decided_cases_take_the_triangular_time_to_a_final_determination(cases):
    decided = np.isin(cases.outcome, [Outcome.NO_VIOLATION, Outcome.VIOLATION, Outcome.DISAPPROVED])
    months = cases.months[decided]
    assert months.min() >= 12 and months.max() <= 20
    assert months.mean() == pytest.approx(16.0, abs=0.1)


def test_co_respondents_defending_together_pay_less_counsel(parameters):
    sales = np.full(20_000, 10_000_000.0)
    alone = simulate_cases(
        parameters,
        np.random.default_rng(1),
        sales_usd=sales,
        chinese_respondents=np.ones(20_000, dtype=np.int64),
    )
    group = simulate_cases(
        parameters,
        np.random.default_rng(1),
        sales_usd=sales,
        chinese_respondents=np.full(20_000, 5, dtype=np.int64),
    )
    counsel = INDEX["us_counsel"]
    assert group.costs[:, counsel].sum() < alone.costs[:, counsel].sum()
    assert len(CATEGORIES) == 13
