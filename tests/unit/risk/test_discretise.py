"""The pieces of the exact methods: the normal tail, the severity on a grid, the compounding."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.collective import Layer, layered_severity_moments
from patentshield.risk.compound import compound_fft, compound_panjer
from patentshield.risk.discretise import Grid, discretise
from patentshield.risk.distributions import Gamma, LogNormal, NegativeBinomial, Pareto, Poisson
from patentshield.risk.special import erfc, normal_survival


def test_the_vectorised_erfc_agrees_with_the_standard_library_to_1e_13():
    x = np.linspace(-8.0, 26.0, 200_001)
    expected = np.array([math.erfc(v) for v in x])
    assert np.max(np.abs(erfc(x) - expected) / expected) < 1e-13


def test_the_normal_tail_is_exact_at_its_ends():
    values = normal_survival(np.array([-np.inf, -40.0, 0.0, 40.0, np.inf]))
    assert values[[0, 1, 3, 4]].tolist() == [1.0, 1.0, 0.0, 0.0]
    assert values[2] == pytest.approx(0.5, rel=1e-15)


@pytest.mark.parametrize(
    ("severity", "layer"),
    [
        (LogNormal(1.0, 1.0), Layer()),
        (LogNormal(1.0, 1.0), Layer(0.25, 10.0)),
        (LogNormal(1.5, 2.0), Layer(0.3, 10.01)),
        (Pareto(2.5, 1.0), Layer(0.5)),
        (Pareto(0.8, 1.0), Layer(cover=50.0)),
        (Pareto(1.0, 2.0), Layer(1.0, 30.0)),
    ],
    ids=["lognormal", "lognormal-layer", "off-grid-cover", "pareto", "pareto-0.8-cap", "pareto-1"],
)
def test_each_scheme_sums_to_one_and_the_mean_scheme_keeps_the_layered_mean(severity, layer):
    grid = Grid(0.01, 2**16)
    pmfs = discretise(severity, layer, grid)
    values = np.arange(grid.points) * grid.step
    for pmf in (pmfs.lower, pmfs.mean, pmfs.upper):
        assert pmf.sum() == pytest.approx(1.0, abs=1e-10)
        assert (pmf >= 0).all()
    # the mean scheme keeps E[Y] but for the stop-loss beyond the grid's top
    cover = math.inf if layer.cover is None else layer.cover
    top = layer.deductible + min(grid.top, cover)
    beyond = severity.tail_functions(np.array([top]), layer.deductible + cover)[1]
    expected = severity.tail_functions(np.array([layer.deductible]), layer.deductible + cover)[1]
    assert np.dot(values, pmfs.mean) == pytest.approx(float(expected[0] - beyond[0]), rel=1e-9)
    moments = layered_severity_moments(severity, layer)
    if moments is not None:
        assert float(expected[0]) == pytest.approx(moments[0], rel=1e-12)
    assert np.dot(values, pmfs.lower) <= np.dot(values, pmfs.mean) <= np.dot(values, pmfs.upper)


@settings(max_examples=40, deadline=None)
@given(
    deductible=st.floats(0, 5),
    cover=st.floats(0.05, 20),
    steps_in_cover=st.integers(1, 400),
    sigma=st.floats(0.2, 2.5),
)
def test_the_severity_on_the_grid_never_pays_above_the_cover(
    deductible, cover, steps_in_cover, sigma
):
    grid = Grid(cover / steps_in_cover, 1024)
    pmfs = discretise(LogNormal(sigma, 1.0), Layer(deductible, cover), grid)
    values = np.arange(grid.points) * grid.step
    for pmf in (pmfs.lower, pmfs.mean, pmfs.upper):
        assert pmf[values > cover * (1 + 1e-9)].sum() == 0.0


def test_a_cover_between_grid_points_goes_down_in_the_lower_scheme_and_up_in_the_upper():
    # X > 2 with certainty (Pareto scale 2), cover 0.55 on a step of 0.1: Y is 0.55 always
    pmfs = discretise(Pareto(3.0, 2.0), Layer(cover=0.55), Grid(0.1, 16))
    assert pmfs.lower[5] == pytest.approx(1.0)
    assert pmfs.upper[6] == pytest.approx(1.0)
    assert pmfs.mean[5] == pytest.approx(0.5) and pmfs.mean[6] == pytest.approx(0.5)


def test_the_compound_methods_agree_with_a_direct_sum_over_claim_counts():
    severity = np.array([0.2, 0.5, 0.3, 0.0, 0.0, 0.0, 0.0, 0.0] + [0.0] * 24)
    frequency = NegativeBinomial(r=2.5, p=0.6)
    direct = np.zeros_like(severity)
    convolved = np.eye(severity.size)[0]
    for claims in range(60):
        chance = math.exp(
            math.lgamma(claims + 2.5) - math.lgamma(2.5) - math.lgamma(claims + 1)
        ) * (0.6**2.5 * 0.4**claims)
        direct += chance * convolved
        convolved = np.convolve(convolved, severity)[: severity.size]
    assert np.allclose(compound_fft(frequency, severity).pmf, direct, atol=1e-14)
    assert np.allclose(compound_panjer(frequency, severity).pmf, direct, atol=1e-14)


def test_panjer_and_the_fft_agree_on_a_long_grid_and_on_what_lies_beyond():
    pmfs = discretise(LogNormal(1.0, 1.0), Layer(), Grid(0.05, 2048))
    fft = compound_fft(Poisson(2.0), pmfs.mean)
    panjer = compound_panjer(Poisson(2.0), pmfs.mean)
    assert np.allclose(fft.pmf, panjer.pmf, atol=1e-15)
    # the FFT misses what lies beyond twice the grid (it wraps onto the start): 1e-11 here
    assert fft.beyond == pytest.approx(panjer.beyond, rel=1e-5)


def test_a_panjer_stop_leaves_what_is_beyond_it():
    pmfs = discretise(LogNormal(1.0, 1.0), Layer(), Grid(0.05, 2048))
    whole = compound_panjer(Poisson(2.0), pmfs.mean)
    stopped = compound_panjer(Poisson(2.0), pmfs.mean, stop=100)
    assert np.array_equal(stopped.pmf, whole.pmf[:100])
    assert stopped.beyond == pytest.approx(whole.pmf[100:].sum() + whole.beyond)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Grid(0.0, 100), "step"),
        (lambda: Grid(0.1, 1), "points"),
        (lambda: discretise(Gamma(2.0, 1.0), Layer(), Grid(0.1, 10)), "severity"),
        (lambda: discretise(Pareto(0.9, 1.0), Layer(), Grid(0.1, 10)), "shape"),
        (lambda: compound_panjer(Poisson(800.0), np.array([0.0, 1.0])), "method"),
    ],
    ids=["step", "points", "gamma", "infinite-mean", "panjer-underflow"],
)
def test_what_the_exact_methods_cannot_do_is_refused_with_its_field(build, field):
    with pytest.raises(InvalidInput) as caught:
        build()
    assert caught.value.field == field
