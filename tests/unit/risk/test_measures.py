"""VaR, TVaR and their standard errors."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.measures import (
    PAIRWISE_LEAF,
    level_key,
    sample_std,
    summarise,
    tail_value_at_risk,
    upper_part,
    value_at_risk,
)


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


@pytest.mark.parametrize(
    "size", [2, 7, 1000, PAIRWISE_LEAF, PAIRWISE_LEAF + 1, 3 * PAIRWISE_LEAF + 5, 1_000_003]
)
def test_the_sample_standard_deviation_is_numpys_to_the_last_bit(size):
    sample = np.random.default_rng(size).lognormal(0.0, 2.0, size)
    mean = float(sample.mean())
    assert sample_std(sample, mean) == float(sample.std(ddof=1))


@pytest.mark.parametrize("share", [0.0, 0.5, 0.9, 0.995])
def test_the_upper_part_holds_every_value_from_its_rank_up_in_sample_order(share):
    sample = np.random.default_rng(1).exponential(1.0, 300_000)
    first = int(share * sample.size)
    part, below = upper_part(sample, first)
    ordered = np.sort(sample)
    assert np.array_equal(np.sort(part)[first - below :], ordered[first:])
    assert np.array_equal(part, sample[sample >= part.min()])
    assert part.size + below == sample.size


def test_a_misleading_subsample_falls_back_to_the_whole_sample():
    # the strided subsample (every 6th value) sees only the large half of the sample
    sample = np.arange(100_000.0)
    sample[0::2] += 1e6
    part, below = upper_part(sample, 40_000)
    assert below == 0 and part is sample


def test_var_and_tvar_are_the_order_statistics_and_tail_means_of_the_whole_sample():
    sample = np.random.default_rng(2).lognormal(0.0, 1.5, 500_001)
    var = value_at_risk(sample, [0.9, 0.995])
    ordered = np.sort(sample)
    for level in (0.9, 0.995):
        assert var[level].value == ordered[int(np.ceil(sample.size * level)) - 1]
    whole = tail_value_at_risk(sample, var)
    part, _ = upper_part(sample, int(0.89 * sample.size))
    assert tail_value_at_risk(part, var, sims=sample.size) == whole
