"""The respondent's case on its investigation's path reproduces the figures it was set to."""

import math

import numpy as np
import pytest

from patentshield.risk.data_files import load_parameters
from patentshield.risk.investigations import draw_paths, path_class
from patentshield.risk.proceedings import (
    CATEGORIES,
    INDEX,
    LEGAL,
    RespondentOutcome,
    default_chance,
    defence_cost_median,
    simulate_cases,
    spent_by,
)

N = 100_000
EARLY = [RespondentOutcome.SETTLED, RespondentOutcome.CONSENT_ORDER, RespondentOutcome.WITHDRAWN]
DECIDED = [
    RespondentOutcome.NO_VIOLATION,
    RespondentOutcome.VIOLATION,
    RespondentOutcome.DISAPPROVED,
]


@pytest.fixture(scope="module")
def parameters():
    return load_parameters()


def simulate(parameters, rng, n, *, chinese=1, insured=False):
    """Simulate ``n`` respondents, each in an investigation of its own naming ``chinese``."""
    counts = np.full(n, chinese, dtype=np.int64)
    paths = draw_paths(parameters, rng, path_class(parameters, rng.random(n), counts), counts)
    defaulted = rng.random(n) < default_chance(parameters, insured=insured)
    return simulate_cases(
        parameters, rng, paths, sales_usd=np.full(n, 10_000_000.0), defaulted=defaulted
    )


@pytest.fixture(scope="module")
def cases(parameters):
    return simulate(parameters, np.random.default_rng(20261125), N)


def share(mask):
    p = float(np.mean(mask))
    return p, math.sqrt(p * (1 - p) / mask.size)


def test_defending_respondents_end_early_with_the_published_share_of_investigations(
    cases, parameters
):
    defended = cases.outcome != RespondentOutcome.DEFAULTED
    p, error = share(np.isin(cases.outcome, EARLY)[defended])
    expected = parameters.get("case.settlement_or_consent_order") + parameters.get(
        "case.withdrawal"
    )
    assert abs(p - expected) < 4 * error
    assert expected == pytest.approx(0.571, abs=0.001)


def test_contested_decisions_find_a_violation_with_the_share_of_the_decision_counts(cases):
    decided = np.isin(cases.outcome, DECIDED)
    found = np.isin(
        cases.outcome[decided], [RespondentOutcome.VIOLATION, RespondentOutcome.DISAPPROVED]
    )
    p, error = share(found)
    assert abs(p - 24 / 51) < 4 * error  # Patently-O: 24 complainant wins in 51 ALJ decisions


def test_chinese_respondents_default_as_in_2024_and_insured_ones_less(parameters, cases):
    p, error = share(cases.outcome == RespondentOutcome.DEFAULTED)
    assert abs(p - 29 / 74) < 4 * error  # He §5: 45 of 74 defended
    insured = simulate(parameters, np.random.default_rng(7), N, insured=True)
    q, q_error = share(insured.outcome == RespondentOutcome.DEFAULTED)
    factor = parameters.get("respondents.insured_default_factor")
    assert abs(q - 29 / 74 * factor) < 4 * q_error


def test_a_default_ends_in_an_exclusion_order_only_when_the_investigation_is_decided(
    parameters,
):
    rng = np.random.default_rng(3)
    counts = np.ones(N, dtype=np.int64)
    paths = draw_paths(parameters, rng, path_class(parameters, rng.random(N), counts), counts)
    cases = simulate_cases(
        parameters, rng, paths, sales_usd=np.full(N, 1e7), defaulted=np.ones(N, bool)
    )
    assert not cases.exclusion_order[paths.early].any()
    assert (cases.exclusion_order[~paths.early] == ~paths.disapproved[~paths.early]).all()


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
    defaulted = cases.outcome == RespondentOutcome.DEFAULTED
    assert np.allclose(legal[defaulted], parameters.get("costs.default_cost_usd"))
    assert (legal[~defaulted] > 0).all()


def test_exclusion_and_consent_orders_bring_lost_profit_and_settlements_bring_payments(cases):
    lost = cases.costs[:, INDEX["lost_us_profit"]]
    consent = cases.outcome == RespondentOutcome.CONSENT_ORDER
    assert (lost[cases.exclusion_order | consent] > 0).all()
    assert (lost[~cases.exclusion_order & ~consent] == 0).all()
    settled = cases.outcome == RespondentOutcome.SETTLED
    assert (cases.costs[settled, INDEX["settlement_licence"]] > 0).all()
    assert (cases.costs[~settled, INDEX["settlement_licence"]] == 0).all()


def test_decided_cases_take_the_triangular_time_to_a_final_determination(cases):
    months = cases.months[np.isin(cases.outcome, DECIDED)]
    assert months.min() >= 12 and months.max() <= 20
    assert months.mean() == pytest.approx(16.0, abs=0.1)


def test_spend_follows_the_phases_and_stops_at_the_final_determination(parameters):
    months = np.array([0.0, 2.0, 7.0, 9.5, 12.75, 16.0, 30.0])
    spent = spent_by(parameters, months, np.full(months.size, 16.0))
    assert spent == pytest.approx([0.0, 0.10, 0.60, 0.87, 0.935, 1.0, 1.0])


def test_co_respondents_defending_together_pay_less_counsel(parameters):
    alone = simulate(parameters, np.random.default_rng(1), 20_000, chinese=1)
    group = simulate(parameters, np.random.default_rng(1), 20_000, chinese=5)
    counsel = INDEX["us_counsel"]
    assert group.costs[:, counsel].sum() < alone.costs[:, counsel].sum()
    assert len(CATEGORIES) == 13
