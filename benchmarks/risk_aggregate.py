"""Benchmark: the collective-risk engine on the issue's workload, against gemact and raw NumPy.

Workload: compound Poisson(λ = 2) × lognormal(σ = 1, scale = 1), plain and through a layer
(deductible 0.25, cover 10, aggregate cover 20). Everything is timed side by side in this
process (a warm process; ``risk_aggregate_cold.py`` times single cold runs).

Monte Carlo, 1,000,000 simulations (best of ``--repeat``): the engine's figures beside the
closed-form moments (plain case, z-scores in standard errors) and the FFT method (VaR 99.5 %),
then the engine (simulate and summarise at 4 levels) on 1 thread and on the machine's threads,
NumPy drawing the same random numbers and nothing else, and gemact's Monte Carlo
``LossModel(..., aggr_loss_dist_method='mc', n_sim=1_000_000)``.

Exact methods (median of at least 5 runs each, alternating): ``risk aggregate --method fft`` on
its default grid (65,536 points; the tail probe and the lower and upper runs of the error bound
included), Panjer on the same grid, gemact's FFT on the same grid ("same": the aggregate on
twice the points, the severity on the points at the same step; with a cover gemact sets its own
step, the cover over an eighth of the points) and at its default 20,000 points ("20k", step
0.01 without a cover). Accuracy: mean against the closed form, VaR and TVaR 99.5 % against a
fine grid (step / 8, 8 × the points).

gemact is the optional group ``bench``: ``.venv/bin/pip install -c constraints.txt -e '.[bench]'``.

    .venv/bin/python benchmarks/risk_aggregate.py [--sims 1000000] [--repeat 3] [--no-mc]
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import statistics
import time
from collections.abc import Callable

import numpy as np

from patentshield.risk.collective import CollectiveModel, Layer, closed_form_moments
from patentshield.risk.distributions import LogNormal, Poisson
from patentshield.risk.exact import Method, exact_aggregate
from patentshield.risk.measures import summarise

PLAIN = CollectiveModel(Poisson(2.0), LogNormal(sigma=1.0, scale=1.0))
LAYERED = CollectiveModel(Poisson(2.0), LogNormal(1.0, 1.0), Layer(0.25, 10.0, 0.0, 20.0))


def timings(repeat: int, work: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def raw_draws(sims: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    counts = rng.poisson(2.0, sims)
    rng.lognormal(0.0, 1.0, int(counts.sum()))


def gemact_model(model: CollectiveModel, method: str, **options: object) -> object | None:
    """Return gemact's LossModel of ``model`` (None when gemact is not installed)."""
    try:
        from gemact.lossmodel import Frequency, LossModel, PolicyStructure, Severity
        from gemact.lossmodel import Layer as GemactLayer
    except ImportError:
        return None
    logging.getLogger("lossmodel").setLevel(logging.WARNING)
    layer = model.layer
    gemact_layer = GemactLayer(
        cover=layer.cover if layer.cover is not None else math.inf,
        deductible=layer.deductible,
        aggr_cover=layer.aggregate_cover if layer.aggregate_cover is not None else math.inf,
    )
    return LossModel(
        frequency=Frequency(dist="poisson", par={"mu": 2.0}),
        severity=Severity(dist="lognormal", par={"scale": 1.0, "shape": 1.0}),
        policystructure=PolicyStructure(layers=gemact_layer),
        aggr_loss_dist_method=method,
        **options,
    )


def monte_carlo(name: str, model: CollectiveModel, sims: int, repeat: int) -> None:
    threads = os.cpu_count() or 1
    sample = model.simulate(sims, seed=1, threads=threads)
    summary = summarise(sample)
    reference = exact_aggregate(model, Method.FFT, [0.995])
    var = summary.var[0.995]
    fft_var = reference.estimate.var[0.995]
    print(f"\n== Monte Carlo, {name}: {sims:,} simulations")
    print(f"mean {summary.mean.value:.6f} ± {summary.mean.std_error:.6f}   sd {summary.std:.6f}")
    exact = closed_form_moments(model)
    if exact is not None:
        z = (summary.mean.value - exact[0]) / summary.mean.std_error
        centred = sample - sample.mean()
        m2, m4 = float(np.mean(centred**2)), float(np.mean(centred**4))
        sd_error = math.sqrt((m4 - m2**2) / sims) / (2 * math.sqrt(m2))
        z_sd = (summary.std - exact[1]) / sd_error
        print(f"closed form mean {exact[0]:.6f} sd {exact[1]:.6f}")
        print(f"mean off by {z:+.2f} SE; sd off by {z_sd:+.2f} SE (SE of sd {sd_error:.6f})")
    gap = (var.value - fft_var) / fft_var
    print(f"VaR 99.5 % {var.value:.4f} ± {var.std_error:.4f}; FFT {fft_var:.4f}; {gap:+.2%}")
    print(f"TVaR 99.5 % {summary.tvar[0.995].value:.4f} ± {summary.tvar[0.995].std_error:.4f}")

    one = min(timings(repeat, lambda: summarise(model.simulate(sims, seed=1, threads=1))))
    many = min(timings(repeat, lambda: summarise(model.simulate(sims, seed=1, threads=threads))))
    raw = min(timings(repeat, lambda: raw_draws(sims, seed=1)))
    print(f"engine, 1 thread        {one:7.3f} s  ({one / raw:.2f}× raw NumPy draws)")
    print(f"engine, {threads} threads       {many:7.3f} s  ({many / raw:.2f}× raw NumPy draws)")
    print(f"raw NumPy draws only    {raw:7.3f} s")
    started = time.perf_counter()
    gemact = gemact_model(model, "mc", n_sim=sims, random_state=1)
    seconds = time.perf_counter() - started
    if gemact is None:
        print("gemact: skipped (not installed; pip install -e '.[bench]')")
        return
    var = gemact.ppf(0.995)  # type: ignore[attr-defined]
    print(f"gemact Monte Carlo      {seconds:7.3f} s  (VaR 99.5 % {var:.4f})")
    print(f"speed-up over gemact: {seconds / many:.1f}× ({seconds / one:.1f}× on 1 thread)")


def gemact_tvar(gemact: object, level: float) -> float:
    """TVaR of gemact's distribution (VaR + E[(X − VaR)⁺] / (1 − α)) from its nodes and cdf."""
    dist = gemact.dist[0]  # type: ignore[attr-defined]
    nodes, cdf = np.asarray(dist.nodes), np.asarray(dist.cumprobs)
    pmf = np.diff(cdf, prepend=0.0)
    var = float(gemact.ppf(level))  # type: ignore[attr-defined]
    return var + float(np.dot(np.maximum(nodes - var, 0.0), pmf)) / (1 - level)


def exact_methods(name: str, model: CollectiveModel, repeat: int) -> None:
    levels = [0.995]
    ours = exact_aggregate(model, Method.FFT, levels)
    grid = ours.grid
    fine = exact_aggregate(model, Method.FFT, levels, step=grid.step / 8, points=8 * grid.points)
    ref_var, ref_tvar = fine.estimate.var[0.995], fine.estimate.tvar[0.995]
    closed = closed_form_moments(model)
    print(f"\n== Exact methods, {name}: grid of {grid.points:,} points, step {grid.step:.6g}")
    print(f"fine grid (step / 8): VaR 99.5 % {ref_var:.5f}, TVaR 99.5 % {ref_tvar:.5f}")

    def accuracy(label: str, mean: float, var: float, tvar: float) -> None:
        mean_text = "" if closed is None else f"mean {(mean - closed[0]) / closed[0]:+.1e} rel; "
        print(
            f"{label:11s} {mean_text}VaR 99.5 % {var:.4f} ({(var - ref_var) / ref_var:+.3%} "
            f"of fine grid), TVaR 99.5 % {tvar:.4f} ({(tvar - ref_tvar) / ref_tvar:+.3%})"
        )

    estimate, bound = ours.estimate, ours.error_bound()
    accuracy("fft", estimate.mean, estimate.var[0.995], estimate.tvar[0.995])
    print(
        f"{'':11s} error bounds: mean ±{bound.mean:.2g}, VaR ±{bound.var[0.995]:.3g}, "
        f"TVaR ±{bound.tvar[0.995]:.3g}; beyond the grid {ours.beyond:.1e}"
    )
    same: dict[str, object] = {"n_aggr_dist_nodes": 2 * grid.points}
    default: dict[str, object] = {"n_aggr_dist_nodes": 20_000}
    if model.layer.cover is None:
        same |= {"sev_discr_step": grid.step, "n_sev_discr_nodes": grid.points}
        default |= {"sev_discr_step": 0.01}
    runs: dict[str, list[float]] = {"fft": [], "panjer": [], "gemact same": [], "gemact 20k": []}
    for _ in range(repeat):
        runs["fft"] += timings(1, lambda: exact_aggregate(model, Method.FFT, levels))
        runs["panjer"] += timings(1, lambda: exact_aggregate(model, Method.PANJER, levels))
        if gemact_model(model, "fft", **same) is not None:
            runs["gemact same"] += timings(1, lambda: gemact_model(model, "fft", **same))
            runs["gemact 20k"] += timings(1, lambda: gemact_model(model, "fft", **default))
    for method, times in runs.items():
        if times:
            median = statistics.median(times) * 1000
            print(f"{method:11s} median {median:8.1f} ms over {len(times)} runs")
    if not runs["gemact same"]:
        print("gemact: skipped (not installed; pip install -e '.[bench]')")
        return
    for label, options in (("gemact same", same), ("gemact 20k", default)):
        gemact = gemact_model(model, "fft", **options)
        mean, var = gemact.mean(), float(gemact.ppf(0.995))  # type: ignore[attr-defined]
        accuracy(label, mean, var, gemact_tvar(gemact, 0.995))
    ratio = statistics.median(runs["gemact same"]) / statistics.median(runs["fft"])
    print(f"fft speed-up over gemact's fft on the same grid: {ratio:.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sims", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-mc", action="store_true", help="only the exact methods")
    parser.add_argument("--gemact-mc", choices=["plain", "layered"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.gemact_mc:  # one timed gemact run, for risk_aggregate_cold.py's fresh processes
        model = PLAIN if args.gemact_mc == "plain" else LAYERED
        started = time.perf_counter()
        if gemact_model(model, "mc", n_sim=args.sims, random_state=1) is None:
            raise SystemExit("gemact is not installed")
        print(time.perf_counter() - started)
        return
    cases = [("plain", PLAIN), ("deductible 0.25, cover 10, aggregate cover 20", LAYERED)]
    for name, model in cases:
        if not args.no_mc:
            monte_carlo(name, model, args.sims, args.repeat)
        exact_methods(name, model, max(args.repeat, 5))


if __name__ == "__main__":
    main()
