"""``patentshield risk``: the collective-risk model and an exporter's Section 337 risk.

A thin adapter: options become the pure models of :mod:`patentshield.risk`, the engine
simulates, and the result prints as JSON or a table. Today's date comes from the runtime's
clock; the wall clock is read here, at the edge, only to report how long a simulation took.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from patentshield.assessment.exposure import Reading
from patentshield.assessment.render import (
    render_aggregate,
    render_recommendations,
    render_simulation,
)
from patentshield.assessment.serialise import (
    calibration_check_json,
    recommendations_to_json,
    risk_report_to_json,
)
from patentshield.assessment.service import (
    RiskRequest,
    check_calibration,
    recommend_products,
    simulate_risk,
)
from patentshield.catalog.loader import Catalog
from patentshield.kernel.cli import (
    FormatOption,
    OutputFormat,
    day_or_today,
    emit,
    print_table,
    progress_shown,
    runtime,
)
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.limits import MAX_SIMULATION_BYTES
from patentshield.kernel.money import Currency, Money, parse_amount, parse_fx_rate
from patentshield.kernel.runtime import Runtime
from patentshield.risk.calibration_check import Check
from patentshield.risk.collective import CollectiveModel, Layer
from patentshield.risk.distributions import frequency_named, severity_named
from patentshield.risk.exact import DEFAULT_POINTS, Method, exact_aggregate
from patentshield.risk.measures import DEFAULT_LEVELS, check_levels, summarise
from patentshield.risk.memory import check_simulation_memory
from patentshield.risk.serialise import aggregate_to_json, exact_to_json

app = typer.Typer(no_args_is_help=True, add_completion=False)

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


MethodOption = Annotated[
    Method,
    typer.Option(
        "--method", help="mc (Monte Carlo), fft or panjer (exact on a grid, with error bounds)."
    ),
]
StepOption = Annotated[
    float | None,
    typer.Option("--step", help="fft/panjer: grid step (default: chosen to hold the tail)."),
]
PointsOption = Annotated[
    int | None, typer.Option("--points", help=f"fft/panjer: grid points ({DEFAULT_POINTS}).")
]


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
    method: MethodOption = Method.MC,
    sims: Annotated[
        int | None, typer.Option("--sims", help="mc: number of simulations (100000).")
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="mc: seed of the streams (0).")] = None,
    step: StepOption = None,
    points: PointsOption = None,
    level: LevelOption = None,
    threads: ThreadsOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Compute a compound frequency × severity model through a layer; report VaR and TVaR."""
    model = CollectiveModel(
        frequency=frequency_named(frequency, lam=lam, r=r, p=p),
        severity=severity_named(severity, sigma=sigma, scale=scale, shape=shape),
        layer=Layer(deductible, cover, aggregate_deductible, aggregate_cover),
    )
    levels = check_levels(level or DEFAULT_LEVELS)
    if method is Method.MC:
        _refuse_options(method, step=step, points=points)
        document = aggregate_by_simulation(
            model,
            levels,
            sims=100_000 if sims is None else sims,
            seed=0 if seed is None else seed,
            threads=default_threads(threads),
        )
    else:
        _refuse_options(method, sims=sims, seed=seed, threads=threads)
        document = aggregate_exactly(model, method, levels, step=step, points=points)
    emit(fmt, document, lambda: render_aggregate(document))


def _refuse_options(method: Method, **given: object) -> None:
    for name, value in given.items():
        if value is not None:
            other = "fft or panjer" if method is Method.MC else "mc"
            raise InvalidInput(name, f"applies to --method {other} only, not {method.value}")


def aggregate_by_simulation(
    model: CollectiveModel, levels: Sequence[float], *, sims: int, seed: int, threads: int
) -> dict[str, JsonValue]:
    """Simulate ``model`` and return the report; ``seconds`` times simulation and summary.

    A simulation estimated to need more than ``MAX_SIMULATION_BYTES`` is refused first.
    """
    check_simulation_memory(model, sims, threads=threads, limit=MAX_SIMULATION_BYTES)
    started = time.perf_counter()
    summary = summarise(model.simulate(sims, seed, threads=threads), levels)
    seconds = time.perf_counter() - started
    return aggregate_to_json(model, summary, seed=seed, seconds=seconds)


def aggregate_exactly(
    model: CollectiveModel,
    method: Method,
    levels: Sequence[float],
    *,
    step: float | None,
    points: int | None,
) -> dict[str, JsonValue]:
    """Compute ``model`` by FFT or Panjer and return the report with its error bounds."""
    started = time.perf_counter()
    grid_points = DEFAULT_POINTS if points is None else points
    result = exact_aggregate(model, method, levels, step=step, points=grid_points)
    return exact_to_json(model, result, seconds=time.perf_counter() - started)


EnterpriseOption = Annotated[
    str, typer.Option("--enterprise", help="Enterprise id, credit code, or a one-profile file.")
]
YearsOption = Annotated[int, typer.Option("--years", help="Simulated years.")]
DateOption = Annotated[str | None, typer.Option("--date", help="Day YYYY-MM-DD (today).")]
CalibrationOption = Annotated[
    Path | None,
    typer.Option("--calibration", help="Calibration file of `patentshield usitc calibrate`."),
]
ParametersOption = Annotated[
    Path | None, typer.Option("--parameters", help="JSON/YAML file overriding any parameter.")
]
ReadingOption = Annotated[
    Reading, typer.Option("--reading", help="Read unclear terms as covered or not.")
]
FxOption = Annotated[
    str | None,
    typer.Option(
        "--fx-rate", help="CNY per USD for this operation (default: the rate table, --fx)."
    ),
]


def risk_request(
    enterprise: str,
    *,
    day: str | None,
    years: int,
    seed: int,
    fx_rate: str | None,
    calibration: Path | None,
    parameters: Path | None,
    reading: Reading,
    threads: int | None,
) -> RiskRequest:
    """Return the request shared by ``risk simulate`` and ``recommend``."""
    if years < 100:
        raise InvalidInput("years", f"must be at least 100 for stable figures, got {years}")
    return RiskRequest(
        enterprise=enterprise,
        day=day_or_today(day),
        years=years,
        seed=seed,
        fx_rate=parse_fx_rate(fx_rate) if fx_rate else None,
        calibration=calibration,
        parameters=parameters,
        reading=reading,
        threads=default_threads(threads),
    )


@app.command("simulate")
def simulate(
    ctx: typer.Context,
    enterprise: EnterpriseOption,
    product: Annotated[str | None, typer.Option(help="Catalog product id.")] = None,
    plan: Annotated[str | None, typer.Option(help="Plan of the product (its first).")] = None,
    units: Annotated[int | None, typer.Option(help="Insured units (as for quotes).")] = None,
    premium: Annotated[
        str | None, typer.Option(help="Premium in the product's currency (else tariff/engine).")
    ] = None,
    years: YearsOption = 20_000,
    seed: SeedOption = 0,
    day: DateOption = None,
    fx_rate: FxOption = None,
    calibration: CalibrationOption = None,
    parameters: ParametersOption = None,
    reading: ReadingOption = Reading.FAVOURABLE,
    threads: ThreadsOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Simulate an exporter's Section 337 years: chance of being named, costs, policy payments."""
    request = risk_request(
        enterprise,
        day=day,
        years=years,
        seed=seed,
        fx_rate=fx_rate,
        calibration=calibration,
        parameters=parameters,
        reading=reading,
        threads=threads,
    )
    if product is not None:
        amount = parse_amount(premium, field="premium") if premium else None
        request = replace(
            request,
            product_id=product,
            plan=plan,
            units=units,
            premium=Money(amount, _currency_of(runtime(ctx), product, request.day))
            if amount
            else None,
        )
    with progress_shown(ctx, fmt) as current:
        report = simulate_risk(current, request)
    document = risk_report_to_json(report)
    emit(fmt, document, lambda: render_simulation(document))


def _currency_of(run: Runtime, product_id: str, day: date) -> Currency:
    return run.reference.get(Catalog).product_on(product_id, day).currency


def recommend(
    ctx: typer.Context,
    enterprise: EnterpriseOption,
    years: YearsOption = 20_000,
    seed: SeedOption = 0,
    day: DateOption = None,
    fx_rate: FxOption = None,
    calibration: CalibrationOption = None,
    parameters: ParametersOption = None,
    reading: ReadingOption = Reading.FAVOURABLE,
    threads: ThreadsOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Rank the catalog's products for an exporter: net benefit, tail cut and coverage gaps."""
    request = risk_request(
        enterprise,
        day=day,
        years=years,
        seed=seed,
        fx_rate=fx_rate,
        calibration=calibration,
        parameters=parameters,
        reading=reading,
        threads=threads,
    )
    with progress_shown(ctx, fmt) as current:
        document = recommendations_to_json(recommend_products(current, request))
    emit(fmt, document, lambda: render_recommendations(document))


def _record_range(check: Check) -> str:
    if check.low is None or check.high is None:
        return ""
    return f"{check.low:.4g}–{check.high:.4g}"


@app.command("calibration-check")
def calibration_check_command(
    ctx: typer.Context,
    years: YearsOption = 20_000,
    seed: SeedOption = 0,
    calibration: CalibrationOption = None,
    parameters: ParametersOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Print the model's implied figures beside the published record, its range and source."""
    loaded, checks = check_calibration(
        runtime(ctx), years=years, seed=seed, calibration=calibration, overrides=parameters
    )
    document = calibration_check_json(loaded, checks, years=years, seed=seed)

    def table() -> None:
        print_table(
            "Model-implied figures beside the published ones",
            ["key", "model", "± SE", "published", "record", "within", "source"],
            [
                [
                    c.key,
                    f"{c.model:.4g}",
                    "" if math.isnan(c.std_error) else f"{c.std_error:.2g}",
                    "" if c.published is None else f"{c.published:.4g}",
                    _record_range(c),
                    {True: "yes", False: "NO", None: ""}[c.within],
                    c.source,
                ]
                for c in checks
            ],
            caption=f"{years} simulated years, seed {seed}; within: inside the record's range "
            "widened by 3 standard errors",
        )

    emit(fmt, document, table)
