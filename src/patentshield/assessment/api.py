"""``/api/v1/risk``: an exporter's simulated Section 337 years, recommendations, aggregates.

A thin adapter over :mod:`patentshield.assessment.service` and the collective-risk model of
``patentshield risk aggregate`` (the same functions the CLI calls); answers are the JSON of
``--format json``. Simulations are bounded over HTTP: at most :data:`MAX_YEARS` simulated years
(or :data:`MAX_SIMS` aggregate simulations), run in a small pool of threads with a time limit
(:func:`~patentshield.kernel.http_io.bounded`); a request above a bound is refused with 422
naming the field. Calibration and parameter files are the operator's, not a request's: the API
uses the runtime's parameters (``GET /risk/calibration-check`` sets them beside the published
record, as ``risk calibration-check``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from patentshield.assessment.cli import aggregate_by_simulation, aggregate_exactly
from patentshield.assessment.exposure import Reading
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
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Day, Document, bounded, day_or_today
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.limits import MAX_UNITS
from patentshield.kernel.money import Money, parse_amount, parse_fx_rate
from patentshield.kernel.runtime import Runtime
from patentshield.risk.collective import CollectiveModel, Layer
from patentshield.risk.distributions import frequency_named, severity_named
from patentshield.risk.exact import Method
from patentshield.risk.measures import DEFAULT_LEVELS, check_levels
from patentshield.risk.memory import check_simulation_memory

router = APIRouter(prefix="/risk", tags=["risk"])

MIN_YEARS = 100
MAX_YEARS = 50_000
MAX_SIMS = 1_000_000
MAX_POINTS = 2**18
MAX_SIMULATION_BYTES = 256 * 1024**2
"""Largest memory an aggregate simulation requested over HTTP may be estimated to need."""
THREADS = 2
FILE_SUFFIXES = (".yaml", ".yml", ".csv", ".json")

Years = Annotated[int, Field(ge=MIN_YEARS, le=MAX_YEARS, description="Simulated years.")]
Seed = Annotated[int, Field(ge=0, le=2**32 - 1)]
Positive = Annotated[float, Field(gt=0, le=1e12)]
Amount = Annotated[float, Field(ge=0, le=1e15)]


class ExporterRisk(BaseModel):
    """Whose risk is simulated, over how many years, on which day."""

    enterprise: Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^/\\]+$")]
    years: Years = 20_000
    seed: Seed = 0
    date: Day | None = Field(default=None, description="Day (today).")
    fx_rate: Annotated[str | None, Field(max_length=30, description="CNY per USD.")] = None
    reading: Reading = Reading.FAVOURABLE


class SimulateIn(ExporterRisk):
    """An exporter's years, optionally under a catalog product."""

    product: Annotated[str | None, Field(min_length=1, max_length=200)] = None
    plan: Annotated[str | None, Field(max_length=200)] = None
    units: Annotated[int | None, Field(ge=1, le=MAX_UNITS)] = None
    premium: Annotated[
        str | None, Field(max_length=40, description="In the product's currency.")
    ] = None


class AggregateIn(BaseModel):
    """A compound frequency × severity model through a layer."""

    frequency: Literal["poisson", "negbin"] = "poisson"
    lam: Annotated[float | None, Field(gt=0, le=1_000)] = None
    r: Annotated[float | None, Field(gt=0, le=1_000)] = None
    p: Annotated[float | None, Field(gt=0, lt=1)] = None
    severity: Literal["lognormal", "gamma", "pareto"] = "lognormal"
    sigma: Annotated[float | None, Field(gt=0, le=10)] = None
    scale: Positive | None = None
    shape: Annotated[float | None, Field(gt=0, le=1_000)] = None
    deductible: Amount = 0.0
    cover: Positive | None = None
    aggregate_deductible: Amount = 0.0
    aggregate_cover: Positive | None = None
    method: Method = Method.MC
    sims: Annotated[int, Field(ge=1_000, le=MAX_SIMS)] = 100_000
    seed: Seed = 0
    step: Positive | None = None
    points: Annotated[int | None, Field(ge=2, le=MAX_POINTS)] = None
    levels: Annotated[
        list[Annotated[float, Field(gt=0, lt=1)]] | None, Field(min_length=1, max_length=20)
    ] = None


class RiskReportOut(Document):
    """An exporter's simulated years: exposure, cost, and the policy's payments if asked."""

    enterprise: str
    years: int
    seed: int
    exposure: Document
    cost: Document
    policy: Document | None
    warnings: list[str]


class RecommendationsOut(Document):
    """The catalog's products ranked for an exporter, and those left out with why."""

    enterprise: str
    years: int
    products: list[Document]
    left_out: list[Document]


class AggregateOut(Document):
    """Mean, standard deviation, VaR and TVaR of a compound model (with errors or bounds)."""

    method: str
    mean: float
    std: float
    var: dict[str, float]
    tvar: dict[str, float]


def _request(runtime: Runtime, body: ExporterRisk) -> RiskRequest:
    if PurePath(body.enterprise).suffix.lower() in FILE_SUFFIXES:
        raise InvalidInput("enterprise", "give an enterprise id or credit code, not a file")
    return RiskRequest(
        enterprise=body.enterprise,
        day=day_or_today(runtime, body.date),
        years=body.years,
        seed=body.seed,
        fx_rate=None if body.fx_rate is None else parse_fx_rate(body.fx_rate),
        reading=body.reading,
        threads=THREADS,
    )


def _with_product(runtime: Runtime, body: SimulateIn, request: RiskRequest) -> RiskRequest:
    if body.product is None:
        return request
    amount = None if body.premium is None else parse_amount(body.premium, field="premium")
    currency = runtime.reference.get(Catalog).product_on(body.product, request.day).currency
    return replace(
        request,
        product_id=body.product,
        plan=body.plan,
        units=body.units,
        premium=Money(amount, currency) if amount else None,
    )


@router.post("/simulate", response_model=RiskReportOut, summary="Simulate an exporter's 337 years")
def simulate(body: SimulateIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Chance of being named, costs and, under a product, the policy's payments."""
    request = _with_product(runtime, body, _request(runtime, body))
    return bounded(lambda: risk_report_to_json(simulate_risk(runtime, request)))


@router.post("/recommend", response_model=RecommendationsOut, summary="Rank the catalog's products")
def recommend(body: ExporterRisk, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Rank every responding product for an exporter: net benefit, tail cut and gaps."""
    request = _request(runtime, body)
    return bounded(lambda: recommendations_to_json(recommend_products(runtime, request)))


def _aggregate(body: AggregateIn) -> dict[str, JsonValue]:
    model = CollectiveModel(
        frequency=frequency_named(body.frequency, lam=body.lam, r=body.r, p=body.p),
        severity=severity_named(
            body.severity, sigma=body.sigma, scale=body.scale, shape=body.shape
        ),
        layer=Layer(body.deductible, body.cover, body.aggregate_deductible, body.aggregate_cover),
    )
    levels = check_levels(body.levels or DEFAULT_LEVELS)
    if body.method is Method.MC:
        check_simulation_memory(model, body.sims, threads=THREADS, limit=MAX_SIMULATION_BYTES)
        return aggregate_by_simulation(
            model, levels, sims=body.sims, seed=body.seed, threads=THREADS
        )
    return aggregate_exactly(model, body.method, levels, step=body.step, points=body.points)


@router.post("/aggregate", response_model=AggregateOut, summary="A compound model's VaR and TVaR")
def aggregate(body: AggregateIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Compute a frequency × severity model through a layer, by simulation, FFT or Panjer."""
    require(runtime.caller, Permission.RISK_READ)
    return bounded(lambda: _aggregate(body))


class CalibrationOut(Document):
    """The model's implied figures beside the published record, its range and source."""

    years: int
    seed: int
    checks: list[Document]


@router.get(
    "/calibration-check", response_model=CalibrationOut, summary="The model beside the record"
)
def calibration(
    runtime: RuntimeDep,
    years: Annotated[int, Query(ge=MIN_YEARS, le=MAX_YEARS, description="Simulated years.")] = (
        20_000
    ),
    seed: Annotated[int, Query(ge=0, le=2**32 - 1)] = 0,
) -> dict[str, JsonValue]:
    """Simulate the runtime's parameters and set each implied figure beside the published one."""

    def check() -> dict[str, JsonValue]:
        parameters, checks = check_calibration(runtime, years=years, seed=seed)
        return calibration_check_json(parameters, checks, years=years, seed=seed)

    return bounded(check)
