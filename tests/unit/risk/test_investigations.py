"""The investigation level: one path per investigation reproduces the record's shares."""

import math

import numpy as np
import pytest

from patentshield.risk.calibration_check import calibration_check, simulate_record
from patentshield.risk.data_files import load_parameters, load_record
from patentshield.risk.investigations import (
    PathClass,
    draw_paths,
    early_exit_months,
    geo_reach,
    order_chance,
    path_class,
)
from tests.unit.risk.workloads import CHECK_KEYS

N = 400_000


@pytest.fixture(scope="module")
def parameters():
    return load_parameters()


def within(values, expected, k=4.0):
    """Tell whether the mean of ``values`` is within ``k`` standard errors of ``expected``."""
    error = values.std(ddof=1) / math.sqrt(values.size)
    return abs(values.mean() - expected) <= k * max(error, 1e-12)


def test_one_draw_per_investigation_gives_each_class_its_closed_form_share(parameters):
    get = parameters.get
    chinese = np.full(N, 3, dtype=np.int64)
    classes = path_class(parameters, np.random.default_rng(1).random(N), chinese)
    decided = 1 - get("case.settlement_or_consent_order") - get("case.withdrawal")
    in_force = decided * order_chance(parameters, chinese[:1])[0] * 0.99
    expected = {
        PathClass.SETTLED: get("case.settlement_or_consent_order"),
        PathClass.WITHDRAWN: get("case.withdrawal"),
        PathClass.GEO: in_force * get("case.geo_share_of_orders"),
        PathClass.LEO: in_force * (1 - get("case.geo_share_of_orders")),
    }
    for klass, share in expected.items():
        assert within((classes == klass).astype(float), share), klass


def test_a_decided_investigation_ends_in_an_order_more_often_the_more_chinese_may_default(
    parameters,
):
    chance = order_chance(parameters, np.array([0, 1, 5]))
    violation = parameters.get("case.violation_given_contested")
    default = parameters.get("respondents.default_probability")
    assert chance[0] == pytest.approx(violation)
    assert chance[2] == pytest.approx(1 - (1 - violation) * (1 - default) ** 5)
    assert chance[0] < chance[1] < chance[2] < 1


def test_the_rest_of_the_path_keeps_the_violation_share_of_contested_decisions(parameters):
    rng = np.random.default_rng(2)
    chinese = rng.integers(0, 8, N)
    paths = draw_paths(parameters, rng, path_class(parameters, rng.random(N), chinese), chinese)
    decided = ~paths.early
    assert within(paths.violation[decided].astype(float), 24 / 51)
    # A violation on the merits is always followed by an order (or its disapproval).
    assert not (
        paths.violation & (paths.path_class == PathClass.NO_ORDER) & ~paths.disapproved
    ).any()
    ordered = paths.order_in_force | paths.disapproved
    assert within(paths.disapproved[ordered].astype(float), 0.01)
    months = paths.months[decided]
    assert months.min() >= 12 and months.max() <= 20


def test_early_exits_follow_the_weibull_fitted_to_the_record(parameters):
    months = early_exit_months(parameters, np.random.default_rng(3).random(N))
    shape = parameters.get("durations_months.early_exit_weibull_shape")
    scale = parameters.get("durations_months.early_exit_weibull_scale")
    assert within(months, scale * math.gamma(1 + 1 / shape))
    assert months.mean() == pytest.approx(7.91, abs=0.1)  # the shipped sample's four exits


def test_a_geo_reaches_an_unnamed_exporter_in_proportion_to_its_reach(parameters):
    rng = np.random.default_rng(4)
    chinese = np.full(N, 2, dtype=np.int64)
    u = rng.random(N)
    geo = geo_reach(parameters, u, chinese, 1.0)
    assert (geo == (path_class(parameters, u, chinese) == PathClass.GEO)).all()
    half = geo_reach(parameters, u, chinese, 0.5)
    assert (half <= geo).all()
    assert within(half[geo].astype(float), 0.5)


def test_co_respondents_share_their_investigations_path(parameters):
    rng = np.random.default_rng(5)
    chinese = np.array([3, 1, 4], dtype=np.int64)
    paths = draw_paths(parameters, rng, np.array([0, 2, 4]), chinese)
    respondents = paths.take(np.repeat(np.arange(3), chinese))
    assert respondents.path_class.tolist() == [0] * 3 + [2] + [4] * 4
    assert np.unique(respondents.months[:3]).size == 1
    assert np.unique(respondents.months[4:]).size == 1


def test_the_calibration_check_reproduces_the_figures_it_was_fitted_to(parameters):
    checks = {c.key: c for c in calibration_check(parameters, load_record(), years=20_000, seed=0)}
    assert set(checks) >= CHECK_KEYS
    for key in (
        "respondents_per_investigation",
        "share_investigations_naming_mainland_china",
        "chinese_respondents_defaulting_share",
        "violation_share_of_contested_decisions",
        "early_exit_share_of_investigations",
        "months_institution_to_early_exit",
    ):
        check = checks[key]
        assert check.published is not None, key
        assert (
            abs(check.model - check.published) <= 4 * check.std_error + 0.005 * check.published
        ), key
    assert checks["chinese_respondents_per_year"].model == pytest.approx(
        66.57 * 6.17 * 0.179, rel=0.02
    )  # investigations × respondents × the respondent-weighted mainland share
    assert all(check.within is not False for check in checks.values()), [
        c.key for c in checks.values() if c.within is False
    ]


def test_the_check_counts_orders_per_investigation_as_the_record_does(parameters):
    simulated = simulate_record(parameters, years=5_000, seed=1)
    paths = simulated.paths
    p_order = order_chance(parameters, simulated.complaints.chinese)
    decided = (
        1 - parameters.get("case.settlement_or_consent_order") - parameters.get("case.withdrawal")
    )
    expected = decided * p_order * (1 - parameters.get("case.disapproval_given_order"))
    assert within(paths.order_in_force.astype(float), float(expected.mean()))
