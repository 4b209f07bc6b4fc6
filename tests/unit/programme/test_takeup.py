"""The take-up model: its probability, its calibration and the bounds on its elasticity."""

import math

import numpy as np
import pytest

from patentshield.kernel.errors import InvalidInput
from patentshield.programme.takeup import (
    calibrate_elasticity,
    check_elasticity,
    self_paid_share,
    take_up_probability,
    thresholds,
)


def test_take_up_falls_by_exp_minus_beta_from_a_free_to_a_fully_self_paid_policy():
    share = np.array([0.0, 1.0])
    p = take_up_probability(share, elasticity=2.0, participation=0.5)
    assert p[0] == 0.5 and p[1] == pytest.approx(0.5 * math.exp(-2.0))


def test_a_standard_exponential_reaches_the_threshold_with_the_take_up_probability():
    share = np.array([0.0, 0.3, 1.0])
    limit = thresholds(share, elasticity=3.0, participation=0.8).astype(np.float64)
    expected = take_up_probability(share, elasticity=3.0, participation=0.8)
    assert np.exp(-limit) == pytest.approx(expected, rel=1e-6)


def test_the_self_paid_share_is_clipped_to_zero_and_one_and_one_without_a_premium():
    gross = np.array([100.0, 100.0, 0.0, 100.0])
    subsidy = np.array([150.0, 40.0, 0.0, 0.0])
    assert self_paid_share(gross, subsidy).tolist() == [0.0, 0.6, 1.0, 1.0]


def test_the_calibration_finds_the_elasticity_that_gives_the_observed_count():
    share = np.linspace(0.0, 1.0, 101)
    beta = calibrate_elasticity(share, insured=30.0)
    assert take_up_probability(share, elasticity=beta, participation=1.0).sum() == pytest.approx(
        30.0, abs=1e-6
    )


def test_a_count_no_elasticity_reaches_is_refused_with_its_field():
    share = np.array([0.0, 0.0, 0.5])
    with pytest.raises(InvalidInput) as error:
        calibrate_elasticity(share, insured=1.5)  # two firms pay nothing and always insure
    assert error.value.field == "insured"


@pytest.mark.parametrize("value", [-0.1, 51.0, math.nan, math.inf])
def test_an_elasticity_outside_zero_to_fifty_is_refused(value):
    with pytest.raises(InvalidInput) as error:
        check_elasticity(value)
    assert error.value.field == "elasticity"
