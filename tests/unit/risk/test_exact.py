"""The exact methods of ``risk aggregate``: closed forms, a fine grid, each other, Monte Carlo."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.collective import CollectiveModel, Layer
from patentshield.risk.discretise import Grid
from patentshield.risk.distributions import LogNormal, NegativeBinomial, Pareto, Poisson
from patentshield.risk.exact import BEYOND_TOLERANCE, Method, exact_aggregate, panjer_stop
from patentshield.risk.measures import summarise
from tests.unit.risk.workloads import LAYERED, PLAIN, known_moments

PER_OCCURRENCE = CollectiveModel(Poisson(2.0), LogNormal(1.0, 1.0), Layer(0.25, 10.0))
NEGBIN_PARETO = CollectiveModel(NegativeBinomial(r=2.0, p=0.4), Pareto(3.0, 1.0), Layer(cover=8.0))
LEVELS = (0.9, 0.99, 0.995)


@pytest.mark.parametrize(
    "model", [PLAIN, PER_OCCURRENCE, NEGBIN_PARETO], ids=["plain", "layer", "negbin-pareto"]
)
def test_the_fft_mean_is_within_1e_6_of_the_closed_form(model):
    result = exact_aggregate(model, Method.FFT, LEVELS)
    mean, std = known_moments(model)
    assert abs(result.estimate.mean - mean) / mean < 1e-6
    assert result.estimate.std == pytest.approx(std, rel=1e-3)
    assert result.beyond <= BEYOND_TOLERANCE


def test_the_panjer_mean_is_within_1e_6_of_the_closed_form_on_a_coarser_grid():
    result = exact_aggregate(PLAIN, Method.PANJER, LEVELS, points=2**12)
    assert abs(result.estimate.mean - 3.2974425414002564) / 3.2974425414002564 < 1e-6


@pytest.mark.parametrize("model", [PLAIN, LAYERED], ids=["plain", "layered"])
def test_var_and_tvar_995_are_within_0_1_percent_of_a_fine_grid(model):
    default = exact_aggregate(model, Method.FFT, [0.995])
    fine = exact_aggregate(
        model, Method.FFT, [0.995], step=default.grid.step / 8, points=8 * default.grid.points
    )
    for measure in ("var", "tvar"):
        got = getattr(default.estimate, measure)[0.995]
        reference = getattr(fine.estimate, measure)[0.995]
        assert abs(got - reference) / reference < 1e-3
        # the fine grid's figure lies within the default grid's bounds
        assert getattr(default.lower, measure)[0.995] <= reference
        assert reference <= getattr(default.upper, measure)[0.995]


@pytest.mark.parametrize("model", [PLAIN, LAYERED, NEGBIN_PARETO], ids=["plain", "layered", "nb"])
def test_fft_and_panjer_agree_on_the_same_grid(model):
    fft = exact_aggregate(model, Method.FFT, LEVELS, points=2**12)
    panjer = exact_aggregate(model, Method.PANJER, LEVELS, points=2**12)
    assert panjer.grid == fft.grid
    # the FFT runs unpadded: the probability beyond the grid (below 1e-9) wraps onto its start
    for got, expected in zip(
        (fft.estimate, fft.lower, fft.upper),
        (panjer.estimate, panjer.lower, panjer.upper),
        strict=True,
    ):
        assert got.mean == pytest.approx(expected.mean, rel=1e-6)
        for level in LEVELS:
            assert got.var[level] == pytest.approx(expected.var[level], rel=1e-9)
            assert got.tvar[level] == pytest.approx(expected.tvar[level], rel=1e-6)


@pytest.mark.parametrize("model", [PLAIN, LAYERED, NEGBIN_PARETO], ids=["plain", "layered", "nb"])
@pytest.mark.parametrize("method", [Method.FFT, Method.PANJER])
def test_the_exact_figures_agree_with_monte_carlo_within_its_standard_error(model, method):
    result = exact_aggregate(
        model, method, LEVELS, points=2**12 if method is Method.PANJER else 2**16
    )
    bound = result.error_bound()
    summary = summarise(model.simulate(400_000, seed=21), LEVELS)
    assert abs(summary.mean.value - result.estimate.mean) < 4 * summary.mean.std_error + bound.mean
    for level in LEVELS:
        for simulated, exact, error in (
            (summary.var[level], result.estimate.var[level], bound.var[level]),
            (summary.tvar[level], result.estimate.tvar[level], bound.tvar[level]),
        ):
            assert abs(simulated.value - exact) < 4 * simulated.std_error + error


def test_the_bounds_enclose_the_estimate_and_the_error_bound_is_their_larger_distance():
    result = exact_aggregate(PLAIN, Method.FFT, LEVELS)
    bound = result.error_bound()
    assert result.lower.mean <= result.estimate.mean <= result.upper.mean
    for level in LEVELS:
        assert result.lower.var[level] <= result.estimate.var[level] <= result.upper.var[level]
        assert result.lower.tvar[level] <= result.estimate.tvar[level] <= result.upper.tvar[level]
        assert bound.var[level] == max(
            result.estimate.var[level] - result.lower.var[level],
            result.upper.var[level] - result.estimate.var[level],
        )
    # the default grid keeps VaR 99.5 % within 0.1 % of the truth by its own bound
    assert bound.var[0.995] / result.estimate.var[0.995] < 1e-3


def test_the_chosen_step_puts_a_whole_number_of_steps_in_the_cover():
    result = exact_aggregate(PER_OCCURRENCE, Method.FFT, LEVELS)
    steps = 10.0 / result.grid.step
    assert steps == pytest.approx(round(steps), abs=1e-6)


def test_a_grid_too_short_for_the_tail_is_widened_until_it_holds_it():
    result = exact_aggregate(PLAIN, Method.FFT, LEVELS, points=256)
    assert result.beyond <= BEYOND_TOLERANCE
    given = exact_aggregate(PLAIN, Method.FFT, LEVELS, step=0.01, points=256)
    assert given.beyond > 0.01  # a step given is kept, and the report says what is lost


def test_panjer_stops_at_the_aggregate_cover_and_loses_nothing_beyond_it():
    grid = Grid(0.01, 10_000)
    assert panjer_stop(grid, LAYERED.layer) == 2000
    assert panjer_stop(grid, PLAIN.layer) == 10_000
    result = exact_aggregate(LAYERED, Method.PANJER, LEVELS, step=0.01, points=10_000)
    assert result.beyond == 0.0


@settings(max_examples=30, deadline=None)
@given(
    deductible=st.floats(0, 3),
    cover=st.none() | st.floats(0.5, 15),
    aggregate_deductible=st.floats(0, 5),
    aggregate_cover=st.none() | st.floats(0.5, 40),
    lam=st.floats(0.05, 5),
    method=st.sampled_from([Method.FFT, Method.PANJER]),
)
def test_an_exact_layer_never_pays_above_its_aggregate_cover_or_below_zero(
    deductible, cover, aggregate_deductible, aggregate_cover, lam, method
):
    model = CollectiveModel(
        Poisson(lam),
        LogNormal(1.0, 1.0),
        Layer(deductible, cover, aggregate_deductible, aggregate_cover),
    )
    result = exact_aggregate(model, method, LEVELS, points=1024)
    for figures in (result.estimate, result.lower, result.upper):
        values = [figures.mean, *figures.var.values(), *figures.tvar.values()]
        assert min(values) >= 0
        if aggregate_cover is not None:
            assert max(values) <= aggregate_cover * (1 + 1e-12)
    unlayered = exact_aggregate(
        CollectiveModel(Poisson(lam), LogNormal(1.0, 1.0)), Method.FFT, LEVELS, points=1024
    )
    assert result.lower.mean <= unlayered.upper.mean


@pytest.mark.parametrize(
    ("method", "points"), [(Method.FFT, 1), (Method.FFT, 2**23), (Method.PANJER, 2**19)]
)
def test_a_grid_out_of_bounds_is_refused_with_its_field(method, points):
    with pytest.raises(InvalidInput) as caught:
        exact_aggregate(PLAIN, method, LEVELS, points=points)
    assert caught.value.field == "points"


def test_the_exact_methods_refuse_monte_carlo():
    with pytest.raises(ValueError):
        exact_aggregate(PLAIN, Method.MC, LEVELS)
    assert np.isnan(exact_aggregate(PLAIN, Method.FFT, LEVELS, points=256).error_bound().std)
