"""Risk use cases: an exporter's simulated 337 risk, alone or under a catalog product.

Loads what a simulation needs — the exporter (from the database by id or credit code, or from
an enterprise file), the product version valid that day, the exchange rate, the parameters —
and calls the pure assessment. Reads only; writes nothing. Every use case takes the runtime
first: the catalog, the programmes, the USD/CNY table and the parameters are the runtime's
reference data, and a command's own calibration and override files are layered on top of the
runtime's parameters (:func:`parameters_for`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from patentshield.assessment.exposure import Reading, exposure_profile, policy_terms
from patentshield.assessment.recommend import Candidate, rank_products
from patentshield.assessment.simulation import (
    RecommendationReport,
    RiskReport,
    Simulation,
    assess_policy,
    engine_pricing,
)
from patentshield.assessment.years_cache import YearsCache
from patentshield.catalog.coverage import non_response_reason
from patentshield.catalog.loader import Catalog
from patentshield.catalog.model import Product, RiskRated
from patentshield.catalog.premium import default_units, price_plan
from patentshield.compliance.effect import apply_score, effect_of
from patentshield.compliance.programme_service import compliance_in
from patentshield.compliance.score import Score, Standing
from patentshield.enterprises.importer import read_enterprises
from patentshield.enterprises.model import Enterprise
from patentshield.enterprises.service import enterprise_profile
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import InvalidInput, PatentshieldError
from patentshield.kernel.fx import FxTable
from patentshield.kernel.money import FxRate, Money
from patentshield.kernel.runtime import Runtime
from patentshield.risk.calibration_check import Check, calibration_check
from patentshield.risk.data_files import layered_parameters
from patentshield.risk.parameters import Parameters
from patentshield.risk.record import PublishedRecord
from patentshield.subsidies.catalog import Programmes
from patentshield.subsidies.options_service import best_subsidy


@dataclass(frozen=True, slots=True)
class RiskRequest:
    """What ``risk simulate`` and ``recommend`` are asked (validated at the edge)."""

    enterprise: str
    day: date
    years: int
    seed: int
    product_id: str | None = None
    plan: str | None = None
    units: int | None = None
    premium: Money | None = None
    fx_rate: Decimal | None = None
    calibration: Path | None = None
    parameters: Path | None = None
    reading: Reading = Reading.FAVOURABLE
    threads: int = 1


def parameters_for(
    runtime: Runtime, *, calibration: Path | None = None, overrides: Path | None = None
) -> Parameters:
    """Return the runtime's parameters with a command's calibration and override files on top."""
    return layered_parameters(
        runtime.reference.get(Parameters), calibration=calibration, overrides=overrides
    )


def load_enterprise(runtime: Runtime, key: str, *, day: date) -> Enterprise:
    """Return the enterprise ``key``: a file with one profile, or an id or credit code."""
    path = Path(key)
    if path.suffix.lower() in (".yaml", ".yml", ".csv") and path.is_file():
        entries = read_enterprises(path, today=day).entries
        if len(entries) != 1:
            raise InvalidInput("enterprise", f"{path} holds {len(entries)} profiles; give one")
        return entries[0].enterprise
    return enterprise_profile(runtime, key)


def prepare(runtime: Runtime, request: RiskRequest) -> tuple[Enterprise, Simulation, Parameters]:
    """Load the exporter and parameters and return the simulation set-up.

    The simulation keeps its years in the runtime's :class:`YearsCache`: a later use case of
    the same runtime for the same exporter, parameters, seed and years does not simulate again.
    """
    parameters = parameters_for(
        runtime, calibration=request.calibration, overrides=request.parameters
    )
    enterprise = load_enterprise(runtime, request.enterprise, day=request.day)
    _, found = compliance_of(runtime, enterprise, request.day, parameters)
    simulation = Simulation(
        parameters,
        exposure_profile(enterprise, standing=found),
        request.years,
        request.seed,
        request.threads,
        cache=runtime.reference.get(YearsCache),
    )
    return enterprise, simulation, parameters


def compliance_of(
    runtime: Runtime, enterprise: Enterprise, day: date, parameters: Parameters
) -> tuple[Score, Standing]:
    """Return the exporter's compliance score on ``day`` and how the engine reads it."""
    with runtime.unit_of_work() as session:
        return compliance_in(session, enterprise, day, parameters)


def _fx(runtime: Runtime, request: RiskRequest) -> tuple[FxRate, tuple[str, ...]]:
    return runtime.reference.get(FxTable).usd_cny(request.day, request.fx_rate)


def simulate_risk(runtime: Runtime, request: RiskRequest) -> RiskReport:
    """Simulate the exporter's years, under the requested product when one is given."""
    require(runtime.caller, Permission.RISK_READ)
    enterprise, simulation, _ = prepare(runtime, request)
    fx, warnings = _fx(runtime, request)
    with runtime.progress.task("simulating years", total=simulation.blocks) as advance:
        return _simulated(
            runtime, request, replace(simulation, on_block=advance), enterprise, fx, warnings
        )


def _simulated(
    runtime: Runtime,
    request: RiskRequest,
    simulation: Simulation,
    enterprise: Enterprise,
    fx: FxRate,
    warnings: tuple[str, ...],
) -> RiskReport:
    assessment = None
    if request.product_id is None:
        results = simulation.run(())
    else:
        catalog = runtime.reference.get(Catalog)
        product = catalog.product_on(request.product_id, request.day)
        units = request.units if request.units is not None else default_units(product, enterprise)
        assessment = assess_policy(
            simulation,
            product,
            plan=request.plan,
            units=units,
            premium=request.premium,
            fx=fx,
            reading=request.reading,
        )
        results = assessment.results
    return RiskReport(enterprise, simulation, results, assessment, fx, warnings)


def check_calibration(
    runtime: Runtime,
    *,
    years: int,
    seed: int,
    calibration: Path | None = None,
    overrides: Path | None = None,
) -> tuple[Parameters, list[Check]]:
    """Return the parameters used and the model-implied figures beside the published record.

    Raises
    ------
    InvalidInput
        When fewer than 100 years are asked.
    """
    if years < 100:
        raise InvalidInput("years", f"must be at least 100, got {years}")
    parameters = parameters_for(runtime, calibration=calibration, overrides=overrides)
    record = runtime.reference.get(PublishedRecord)
    return parameters, calibration_check(parameters, record, years=years, seed=seed)


def _tariff_basis(product: Product, score: Score) -> str:
    effect = effect_of(product, score.fraction)
    if not (effect.discount or effect.uplift):
        return "tariff"
    return (
        f"tariff; compliance score {score.points.normalize():f}/100: "
        f"premium −{effect.discount:.2%}, limits +{effect.uplift:.2%}"
    )


def _candidate(
    session: Session,
    programmes: Programmes,
    product: Product,
    *,
    enterprise: Enterprise,
    simulation: Simulation,
    request: RiskRequest,
    fx: FxRate,
    score: Score,
) -> Candidate:
    reason = non_response_reason(product)
    if reason is not None:
        return Candidate(product, reason=reason)
    units = default_units(product, enterprise)
    try:
        if isinstance(product.plans[0].premium, RiskRated):
            pricing = engine_pricing(
                simulation, product, plan=None, units=units, fx=fx, reading=request.reading
            )
            basis = "risk-rated: the engine's indicated premium"
        else:
            tariff = price_plan(product, None, units)
            pricing = apply_score(product, tariff, score)
            basis = _tariff_basis(product, score)
    except PatentshieldError as error:
        return Candidate(product, reason=error.message)
    subsidy = best_subsidy(
        session,
        programmes,
        product=product,
        pricing=pricing,
        day=request.day,
        enterprise=enterprise,
        region_code=enterprise.region.code,
    )
    reading = policy_terms(product, pricing, fx, simulation.parameters, reading=request.reading)
    return Candidate(product, pricing, basis, subsidy.amount, reading)


def recommend_products(runtime: Runtime, request: RiskRequest) -> RecommendationReport:
    """Rank the catalog's products valid on the day for the exporter (reads only).

    The exporter's years are simulated once; every product's terms, and every iteration of a
    risk-rated premium, are applied to those same years (common random numbers).
    """
    require(runtime.caller, Permission.RISK_READ)
    enterprise, simulation, parameters = prepare(runtime, request)
    score, _ = compliance_of(runtime, enterprise, request.day, parameters)
    fx, warnings = _fx(runtime, request)
    programmes = runtime.reference.get(Programmes)
    with runtime.progress.task("simulating years", total=simulation.blocks) as advance:
        replace(simulation, on_block=advance).simulated()  # once: every product reuses them
    with runtime.unit_of_work() as session:
        candidates = [
            _candidate(
                session,
                programmes,
                product,
                enterprise=enterprise,
                simulation=simulation,
                request=request,
                fx=fx,
                score=score,
            )
            for product in runtime.reference.get(Catalog).products(request.day)
        ]
    rated = [c for c in candidates if c.reason is None]
    terms = tuple(c.reading.terms for c in rated if c.reading is not None)
    results = simulation.run(terms)
    baseline, ranked = rank_products(rated, results, fx)
    left_out = [c for c in candidates if c.reason is not None]
    return RecommendationReport(
        enterprise, simulation, results, baseline, ranked, left_out, fx, warnings
    )
