"""The collective-risk engine against closed forms, the exact FFT method and its own invariances."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.collective import (
    CollectiveModel,
    Layer,
    sum_per_simulation,
)
from patentshield.risk.distributions import Gamma, LogNormal, NegativeBinomial, Pareto, Poisson
from patentshield.risk.exact import Method, exact_aggregate
from patentshield.risk.measures import summarise
from patentshield.risk.montecarlo import BLOCK_SIMS, blocks, run_blocks
from tests.unit.risk.workloads import LAYERED, PLAIN, known_moments


def std_of_std(sample: np.ndarray) -> float:
    """Standard error of the sample standard deviation: √((m4 − s⁴) / n) / (2 s)."""
    centred = sample - sample.mean()
    s2 = float(np.mean(centred**2))
    m4 = float(np.mean(centred**4))
    return math.sqrt((m4 - s2**2) / sample.size) / (2 * math.sqrt(s2))


def test_the_issue_workload_has_the_published_closed_form_moments():
    mean, std = known_moments(PLAIN)
    assert mean == pytest.approx(3.297443, abs=1e-6)
    assert std == pytest.approx(3.844231, abs=1e-6)


@pytest.mark.parametrize(
    "model",
    [
        PLAIN,
        CollectiveModel(NegativeBinomial(r=1.5, p=0.4), Gamma(shape=2.0, scale=0.5)),
        CollectiveModel(Poisson(3.0), Pareto(shape=4.5, scale=1.0), Layer(deductible=0.5)),
        CollectiveModel(Poisson(1.0), LogNormal(sigma=1.5, scale=2.0), Layer(1.0, 5.0)),
        CollectiveModel(Poisson(2.0), Pareto(shape=1.5, scale=1.0), Layer(cover=20.0)),
    ],
    ids=["poisson-lognormal", "negbin-gamma", "pareto-deductible", "lognormal-layer", "pareto-cap"],
)
def test_simulated_mean_and_sd_match_the_closed_form_within_four_standard_errors(model):
    sample = model.simulate(200_000, seed=2026)
    summary = summarise(sample)
    mean, std = known_moments(model)
    assert abs(summary.mean.value - mean) < 4 * summary.mean.std_error
    assert abs(summary.std - std) < 4 * std_of_std(sample)


@pytest.mark.parametrize("model", [PLAIN, LAYERED], ids=["plain", "layered"])
def test_var_995_agrees_with_the_fft_method(model):
    reference = exact_aggregate(model, Method.FFT, [0.995], step=0.01, points=2**16)
    summary = summarise(model.simulate(400_000, seed=7), [0.995])
    estimate = summary.var[0.995]
    expected = reference.estimate.var[0.995]
    assert abs(estimate.value - expected) < 4 * estimate.std_error + 0.01
    assert abs(estimate.value - expected) / expected < 0.02


def test_the_fft_method_reproduces_the_closed_form_moments():
    reference = exact_aggregate(PLAIN, Method.FFT, [0.995], step=0.005, points=2**17)
    assert reference.estimate.mean == pytest.approx(3.297443, rel=1e-4)
    assert reference.estimate.std == pytest.approx(3.844231, rel=1e-3)


def test_the_aggregate_layer_mean_matches_the_fft_method():
    reference = exact_aggregate(LAYERED, Method.FFT, [0.995], step=0.005, points=2**17)
    summary = summarise(LAYERED.simulate(200_000, seed=3))
    assert abs(summary.mean.value - reference.estimate.mean) < 4 * summary.mean.std_error + 0.005


def test_results_do_not_depend_on_the_number_of_threads():
    one = LAYERED.simulate(5 * BLOCK_SIMS + 123, seed=11, threads=1)
    two = LAYERED.simulate(5 * BLOCK_SIMS + 123, seed=11, threads=2)
    assert np.array_equal(one, two)


def test_results_do_not_depend_on_how_blocks_are_grouped_or_ordered():
    grid = blocks(5, 3 * BLOCK_SIMS)
    forward = np.concatenate(run_blocks(PLAIN.simulate_block, grid))
    backward = [PLAIN.simulate_block(block) for block in reversed(grid)]
    assert np.array_equal(forward, np.concatenate(backward[::-1]))
    assert np.array_equal(forward, PLAIN.simulate(3 * BLOCK_SIMS, seed=5))


@pytest.mark.parametrize("model", [PLAIN, LAYERED], ids=["plain", "layered"])
def test_drawing_a_blocks_losses_in_slices_gives_the_numbers_of_one_draw(model):
    block = blocks(13, 3 * BLOCK_SIMS)[1]
    rng = block.rng()
    counts = model.frequency.draw(rng, block.size)
    losses = model.severity.draw(rng, int(counts.sum()))
    model.layer.apply_per_occurrence(losses)
    expected = sum_per_simulation(losses, counts)
    model.layer.apply_aggregate(expected)
    assert np.array_equal(model.simulate_block(block), expected)
    assert np.array_equal(model.simulate(3 * BLOCK_SIMS, 13)[BLOCK_SIMS : 2 * BLOCK_SIMS], expected)


def test_a_longer_run_extends_a_shorter_one_on_the_block_grid():
    short = PLAIN.simulate(BLOCK_SIMS, seed=9)
    long = PLAIN.simulate(3 * BLOCK_SIMS, seed=9)
    assert np.array_equal(long[:BLOCK_SIMS], short)


def test_different_seeds_give_different_results():
    assert not np.array_equal(PLAIN.simulate(1000, seed=1), PLAIN.simulate(1000, seed=2))


def test_sums_per_simulation_handle_empty_runs():
    values = np.array([1.0, 2.0, 4.0, 8.0])
    counts = np.array([0, 2, 0, 0, 2, 0])
    assert sum_per_simulation(values, counts).tolist() == [0, 3, 0, 0, 12, 0]
    assert sum_per_simulation(np.array([]), np.zeros(3, dtype=np.int64)).tolist() == [0, 0, 0]


@settings(max_examples=40, deadline=None)
@given(
    deductible=st.floats(0, 5),
    cover=st.none() | st.floats(0.01, 10),
    aggregate_deductible=st.floats(0, 5),
    aggregate_cover=st.none() | st.floats(0.01, 30),
    lam=st.floats(0, 6),
    seed=st.integers(0, 2**32),
)
def test_a_layer_never_pays_below_zero_or_above_its_covers(
    deductible, cover, aggregate_deductible, aggregate_cover, lam, seed
):
    layer = Layer(deductible, cover, aggregate_deductible, aggregate_cover)
    counts_model = CollectiveModel(Poisson(lam), LogNormal(1.0, 1.0), layer)
    paid = counts_model.simulate(2000, seed)
    assert (paid >= 0).all()
    if aggregate_cover is not None:
        assert (paid <= aggregate_cover).all()
    unlayered = CollectiveModel(Poisson(lam), LogNormal(1.0, 1.0)).simulate(2000, seed)
    assert (paid <= unlayered + 1e-9).all()


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Poisson(-1.0), "lam"),
        (lambda: LogNormal(0.0, 1.0), "sigma"),
        (lambda: NegativeBinomial(1.0, 1.5), "p"),
        (lambda: Layer(cover=0.0), "cover"),
        (lambda: Layer(deductible=-1.0), "deductible"),
        (lambda: PLAIN.simulate(0, seed=1), "sims"),
        (lambda: PLAIN.simulate(10, seed=-1), "seed"),
    ],
)
def test_bad_parameters_name_their_field(build, field):
    with pytest.raises(InvalidInput) as caught:
        build()
    assert caught.value.field == field


def test_a_negative_binomial_compound_matches_its_fft_method():
    model = CollectiveModel(
        NegativeBinomial(r=2.0, p=0.4), Pareto(shape=3.0, scale=1.0), Layer(cover=8.0)
    )
    reference = exact_aggregate(model, Method.FFT, [0.99], step=0.01, points=2**15)
    mean, std = known_moments(model)
    assert reference.estimate.mean == pytest.approx(mean, rel=2e-3)
    summary = summarise(model.simulate(200_000, seed=12), [0.99])
    estimate = summary.var[0.99]
    assert abs(estimate.value - reference.estimate.var[0.99]) < 4 * estimate.std_error + 0.01
