"""``patentshield risk``: the collective-risk model and an exporter's Section 337 risk.

A thin adapter: options become the pure models of :mod:`patentshield.risk`, the engine
simulates, and the result prints as JSON or a table. The wall clock is read here, at the edge,
only to report how long the simulation took.
"""

from __future__ import annotations

import os
import time
from typing import Annotated

import typer

from patentshield.kernel.cli import FormatOption, OutputFormat, emit, print_table
from patentshield.risk.collective import CollectiveModel, Layer
from patentshield.risk.distributions import frequency_named, severity_named
from patentshield.risk.measures import DEFAULT_LEVELS, level_key, summarise
from patentshield.risk.serialise import aggregate_to_json

app = typer.Typer(no_args_is_help=True)

SimsOption = Annotated[int, typer.Option("--sims", help="Number of simulations (years).")]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the random streams.")]
LevelOption = Annotated[
    list[float] | None,
    typer.Option("--level", help="VaR/TVaR level, repeatable (default 0.9 0.95 0.99 0.995)."),
]
ThreadsOption = Annotated[
    int | None,
    typer.Option("--threads", help="Threads (default: CPU count); results do not depend on it."),
]


def default_threads(threads: int | None) -> int:
    """Return ``threads`` or, when not given, the number of CPUs of this machine."""
    return threads if threads is not None else min(os.cpu_count() or 1, 8)


@app.command("aggregate")
def aggregate(
    frequency: Annotated[str, typer.Option(help="poisson or negbin.")] = "poisson",
    lam: Annotated[float | None, typer.Option("--lam", help="Poisson mean.")] = None,
    r: Annotated[float | None, typer.Option("--r", help="Negative binomial r.")] = None,
    p: Annotated[float | None, typer.Option("--p", help="Negative binomial p.")] = None,
    severity: Annotated[str, typer.Option(help="lognormal, gamma or pareto.")] = "lognormal",
    sigma: Annotated[float | None, typer.Option(help="Lognormal sigma.")] = None,
    scale: Annotated[float | None, typer.Option(help="Severity scale (model unit).")] = None,
    shape: Annotated[float | None, typer.Option(help="Gamma or Pareto shape.")] = None,
    deductible: Annotated[float, typer.Option(help="Per-occurrence deductible.")] = 0.0,
    cover: Annotated[float | None, typer.Option(help="Per-occurrence cover.")] = None,
    aggregate_deductible: Annotated[float, typer.Option(help="Aggregate deductible.")] = 0.0,
    aggregate_cover: Annotated[float | None, typer.Option(help="Aggregate cover.")] = None,
    sims: SimsOption = 100_000,
    seed: SeedOption = 0,
    level: LevelOption = None,
    threads: ThreadsOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Simulate a compound frequency × severity model through a layer; report VaR and TVaR."""
    model = CollectiveModel(
        frequency=frequency_named(frequency, lam=lam, r=r, p=p),
        severity=severity_named(severity, sigma=sigma, scale=scale, shape=shape),
        layer=Layer(deductible, cover, aggregate_deductible, aggregate_cover),
    )
    started = time.perf_counter()
    sample = model.simulate(sims, seed, threads=default_threads(threads))
    summary = summarise(sample, level or DEFAULT_LEVELS)
    seconds = time.perf_counter() - started
    document = aggregate_to_json(model, summary, seed=seed, seconds=seconds)

    def table() -> None:
        rows = [
            ["mean", f"{summary.mean.value:.6g}", f"{summary.mean.std_error:.3g}"],
            ["standard deviation", f"{summary.std:.6g}", ""],
        ]
        for key, estimate in summary.var.items():
            rows.append(
                [f"VaR {level_key(key)}", f"{estimate.value:.6g}", f"{estimate.std_error:.3g}"]
            )
        for key, estimate in summary.tvar.items():
            rows.append(
                [f"TVaR {level_key(key)}", f"{estimate.value:.6g}", f"{estimate.std_error:.3g}"]
            )
        print_table(
            "Aggregate loss (model unit)",
            ["measure", "estimate", "standard error"],
            rows,
            caption=f"{sims} simulations, seed {seed}, {seconds:.2f} s",
        )

    emit(fmt, document, table)
