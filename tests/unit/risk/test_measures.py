"""VaR, TVaR and their standard errors."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.measures import level_key, summarise


def test_var_is_the_inverted_cdf_quantile_and_tvar_the_mean_of_the_tail():
    sample = np.arange(1.0, 1001.0)
    summary = summarise(sample, [0.99, 0.5])
    assert summary.var[0.99].value == 990.0
    assert summary.tvar[0.99].value == pytest.approx(np.mean(np.arange(991.0, 1001.0)))
    assert summary.var[0.5].value == 500.0


def test_the_var_standard_error_matches_the_spread_over_independent_runs():
    rng = np.random.default_rng(4)
    estimates, errors = [], []
    for _ in range(60):
        summary = summarise(rng.exponential(1.0, 20_000), [0.99])
        estimates.append(summary.var[0.99].value)
        errors.append(summary.var[0.99].std_error)
    assert np.mean(errors) == pytest.approx(np.std(estimates, ddof=1), rel=0.35)


def test_the_tvar_standard_error_matches_the_spread_over_independent_runs():
    rng = np.random.default_rng(5)
    estimates, errors = [], []
    for _ in range(60):
        summary = summarise(rng.exponential(1.0, 20_000), [0.99])
        estimates.append(summary.tvar[0.99].value)
        errors.append(summary.tvar[0.99].std_error)
    assert np.mean(errors) == pytest.approx(np.std(estimates, ddof=1), rel=0.35)


@settings(max_examples=50, deadline=None)
@given(
    values=st.lists(st.floats(0, 1e6), min_size=2, max_size=300),
    level=st.floats(0.01, 0.999),
)
def test_tvar_is_at_least_var_and_var_at_least_the_minimum(values, level):
    summary = summarise(np.array(values), [level])
    assert summary.tvar[level].value >= summary.var[level].value - 1e-6
    assert min(values) <= summary.var[level].value <= max(values)


def test_levels_outside_zero_one_are_refused():
    with pytest.raises(InvalidInput) as caught:
        summarise(np.ones(10), [1.0])
    assert caught.value.field == "level"


def test_levels_print_without_trailing_zeros():
    assert [level_key(x) for x in (0.995, 0.5, 0.9999)] == ["0.995", "0.5", "0.9999"]
