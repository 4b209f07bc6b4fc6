"""``patentshield risk``: the collective-risk model and an exporter's Section 337 risk.

A thin adapter: options become the pure models of :mod:`patentshield.risk`, the engine
simulates, and the result prints as JSON or a table. The wall clock is read here, at the edge,
only to report how long the simulation took.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from patentshield.kernel.cli import (
    FormatOption,
    OutputFormat,
    day_or_today,
    emit,
    print_table,
    runtime,
)
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, Money, parse_decimal
from patentshield.policies.exposure import Reading
from patentshield.policies.risk_render import render_recommendations, render_simulation
from patentshield.policies.risk_serialise import recommendations_to_json, risk_report_to_json
from patentshield.policies.risk_service import (
    RiskRequest,
    recommend_products,
    simulate_risk,
)
from patentshield.policies.service import load_product
from patentshield.risk.calibration_check import Check, calibration_check
from patentshield.risk.collective import CollectiveModel, Layer
from patentshield.risk.data_files import load_parameters
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
    str | None, typer.Option("--fx-rate", help="CNY per USD instead of the shipped rate.")
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
        fx_rate=parse_decimal(fx_rate, field="fx_rate") if fx_rate else None,
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
        amount = parse_decimal(premium, field="premium") if premium else None
        request = replace(
            request,
            product_id=product,
            plan=plan,
            units=units,
            premium=Money(amount, _currency_of(product, request.day)) if amount else None,
        )
    report = simulate_risk(runtime(ctx).database, request)
    document = risk_report_to_json(report)
    emit(fmt, document, lambda: render_simulation(document))


def _currency_of(product_id: str, day: date) -> Currency:
    return load_product(product_id, day).currency


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
    document = recommendations_to_json(recommend_products(runtime(ctx).database, request))
    emit(fmt, document, lambda: render_recommendations(document))


def _check_json(check: Check) -> JsonValue:
    def number(value: float | None) -> float | None:
        return None if value is None or math.isnan(value) else value

    return {
        "figure": check.name,
        "model": check.model,
        "std_error": number(check.std_error),
        "published": number(check.published),
        "source": check.source,
        "note": check.note,
    }


@app.command("calibration-check")
def calibration_check_command(
    years: YearsOption = 20_000,
    seed: SeedOption = 0,
    calibration: CalibrationOption = None,
    parameters: ParametersOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Print the model's implied shares, respondents and durations beside the published ones."""
    if years < 100:
        raise InvalidInput("years", f"must be at least 100, got {years}")
    loaded = load_parameters(calibration=calibration, overrides=parameters)
    checks = calibration_check(loaded, years=years, seed=seed)
    document: dict[str, JsonValue] = {
        "years": years,
        "seed": seed,
        "parameters_changed": dict(loaded.origin),
        "checks": [_check_json(check) for check in checks],
    }

    def table() -> None:
        print_table(
            "Model-implied figures beside the published ones",
            ["figure", "model", "± SE", "published", "source"],
            [
                [
                    c.name,
                    f"{c.model:.4g}",
                    "" if math.isnan(c.std_error) else f"{c.std_error:.2g}",
                    "" if c.published is None else f"{c.published:.4g}",
                    c.source,
                ]
                for c in checks
            ],
            caption=f"{years} simulated years, seed {seed}",
        )

    emit(fmt, document, table)
