"""Benchmark: the collective-risk engine on the issue's workload, against gemact and raw NumPy.

Workload: compound Poisson(λ = 2) × lognormal(σ = 1, scale = 1), 1,000,000 simulations,
plain and through a layer (deductible 0.25, cover 10, aggregate cover 20). For each case it
prints the engine's figures beside the closed-form moments (plain case, z-scores in standard
errors) and an FFT reference (VaR 99.5 %), and three timings measured side by side in this
process (best of ``--repeat``):

* the engine: simulate and summarise (mean, sd, VaR and TVaR at 4 levels), with 1 thread and
  with the machine's threads;
* NumPy drawing the same random numbers and nothing else (Poisson counts, then as many
  lognormal sizes), on one thread;
* gemact's Monte Carlo, ``LossModel(..., aggr_loss_dist_method='mc', n_sim=1_000_000)``
  (optional group ``bench``: ``.venv/bin/pip install -c constraints.txt -e '.[bench]'``).

    .venv/bin/python benchmarks/risk_aggregate.py [--sims 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import time
from collections.abc import Callable

import numpy as np

from patentshield.risk.collective import CollectiveModel, Layer, closed_form_moments
from patentshield.risk.distributions import LogNormal, Poisson
from patentshield.risk.measures import summarise
from patentshield.risk.reference import aggregate_distribution

PLAIN = CollectiveModel(Poisson(2.0), LogNormal(sigma=1.0, scale=1.0))
LAYERED = CollectiveModel(Poisson(2.0), LogNormal(1.0, 1.0), Layer(0.25, 10.0, 0.0, 20.0))


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def raw_draws(sims: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    counts = rng.poisson(2.0, sims)
    rng.lognormal(0.0, 1.0, int(counts.sum()))


def gemact_seconds(model: CollectiveModel, sims: int) -> tuple[float, float] | None:
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
    started = time.perf_counter()
    loss_model = LossModel(
        frequency=Frequency(dist="poisson", par={"mu": 2.0}),
        severity=Severity(dist="lognormal", par={"scale": 1.0, "shape": 1.0}),
        policystructure=PolicyStructure(layers=gemact_layer),
        aggr_loss_dist_method="mc",
        n_sim=sims,
        random_state=1,
    )
    seconds = time.perf_counter() - started
    return seconds, float(loss_model.ppf(0.995))


def run_case(name: str, model: CollectiveModel, sims: int, repeat: int) -> None:
    threads = os.cpu_count() or 1
    sample = model.simulate(sims, seed=1, threads=threads)
    summary = summarise(sample)
    reference = aggregate_distribution(model, span=0.005, points=2**17)
    var = summary.var[0.995]
    fft_var = reference.quantile(0.995)
    print(f"\n== {name}: {sims:,} simulations")
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
    print(f"FFT reference mean {reference.mean:.6f} sd {reference.std:.6f}")
    gap = (var.value - fft_var) / fft_var
    print(f"VaR 99.5 % {var.value:.4f} ± {var.std_error:.4f}; FFT {fft_var:.4f}; {gap:+.2%}")
    print(f"TVaR 99.5 % {summary.tvar[0.995].value:.4f} ± {summary.tvar[0.995].std_error:.4f}")

    one = best_of(repeat, lambda: summarise(model.simulate(sims, seed=1, threads=1)))
    many = best_of(repeat, lambda: summarise(model.simulate(sims, seed=1, threads=threads)))
    raw = best_of(repeat, lambda: raw_draws(sims, seed=1))
    print(f"engine, 1 thread        {one:7.3f} s  ({one / raw:.2f}× raw NumPy draws)")
    print(f"engine, {threads} threads       {many:7.3f} s  ({many / raw:.2f}× raw NumPy draws)")
    print(f"raw NumPy draws only    {raw:7.3f} s")
    measured = gemact_seconds(model, sims)
    if measured is None:
        print("gemact: skipped (not installed; pip install -e '.[bench]')")
        return
    seconds, gemact_var = measured
    print(f"gemact Monte Carlo      {seconds:7.3f} s  (VaR 99.5 % {gemact_var:.4f})")
    print(f"speed-up over gemact: {seconds / many:.1f}× ({seconds / one:.1f}× on 1 thread)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sims", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run_case("plain", PLAIN, args.sims, args.repeat)
    run_case("deductible 0.25, cover 10, aggregate cover 20", LAYERED, args.sims, args.repeat)


if __name__ == "__main__":
    main()
