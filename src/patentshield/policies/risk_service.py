"""Risk use cases: an exporter's simulated 337 risk, alone or under a catalog product.

Loads what a simulation needs — the exporter (from the database by id or credit code, or from
an enterprise file), the product version valid that day, the exchange rate, the parameters
(shipped defaults, a calibration file, an override file) — and calls the pure assessment.
Reads only; writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from patentshield.enterprises.importer import read_enterprises
from patentshield.enterprises.model import Enterprise
from patentshield.enterprises.service import get_enterprise
from patentshield.kernel.db import Database
from patentshield.kernel.errors import InvalidInput, PatentshieldError
from patentshield.kernel.money import FxRate, Money
from patentshield.policies.assessment import (
    RecommendationReport,
    RiskReport,
    Simulation,
    assess_policy,
    engine_pricing,
)
from patentshield.policies.exposure import Reading, exposure_profile, policy_terms
from patentshield.policies.premium import price_plan
from patentshield.policies.recommend import Candidate, rank_products
from patentshield.policies.reference import usd_cny_rate
from patentshield.policies.service import default_units, load_product
from patentshield.policies.subsidy_choice import best_subsidy
from patentshield.products.catalog import load_catalog
from patentshield.products.coverage import non_response_reason
from patentshield.products.model import Product, RiskRated
from patentshield.risk.data_files import load_parameters
from patentshield.risk.parameters import Parameters


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


def load_enterprise(database: Database, key: str, *, day: date) -> Enterprise:
    """Return the enterprise ``key``: a file with one profile, or an id or credit code."""
    path = Path(key)
    if path.suffix.lower() in (".yaml", ".yml", ".csv") and path.is_file():
        entries = read_enterprises(path, today=day).entries
        if len(entries) != 1:
            raise InvalidInput("enterprise", f"{path} holds {len(entries)} profiles; give one")
        return entries[0].enterprise
    with database.unit_of_work() as session:
        return get_enterprise(session, key)


def prepare(database: Database, request: RiskRequest) -> tuple[Enterprise, Simulation, Parameters]:
    """Load the exporter and parameters and return the simulation set-up."""
    parameters = load_parameters(calibration=request.calibration, overrides=request.parameters)
    enterprise = load_enterprise(database, request.enterprise, day=request.day)
    simulation = Simulation(
        parameters, exposure_profile(enterprise), request.years, request.seed, request.threads
    )
    return enterprise, simulation, parameters


def simulate_risk(database: Database, request: RiskRequest) -> RiskReport:
    """Simulate the exporter's years, under the requested product when one is given."""
    enterprise, simulation, _ = prepare(database, request)
    fx, warnings = usd_cny_rate(request.day, request.fx_rate)
    assessment = None
    if request.product_id is None:
        results = simulation.run(())
    else:
        product = load_product(request.product_id, request.day)
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


def _candidate(
    session: Session,
    product: Product,
    *,
    enterprise: Enterprise,
    simulation: Simulation,
    request: RiskRequest,
    fx: FxRate,
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
            pricing = price_plan(product, None, units)
            basis = "tariff"
    except PatentshieldError as error:
        return Candidate(product, reason=error.message)
    subsidy = best_subsidy(
        session,
        product=product,
        pricing=pricing,
        day=request.day,
        enterprise=enterprise,
        region_code=enterprise.region.code,
    )
    reading = policy_terms(product, pricing, fx, simulation.parameters, reading=request.reading)
    return Candidate(product, pricing, basis, subsidy.amount, reading)


def recommend_products(database: Database, request: RiskRequest) -> RecommendationReport:
    """Rank the catalog's products valid on the day for the exporter (reads only)."""
    enterprise, simulation, _ = prepare(database, request)
    fx, warnings = usd_cny_rate(request.day, request.fx_rate)
    with database.unit_of_work() as session:
        candidates = [
            _candidate(
                session,
                product,
                enterprise=enterprise,
                simulation=simulation,
                request=request,
                fx=fx,
            )
            for product in load_catalog().products(request.day)
        ]
    rated = [c for c in candidates if c.reason is None]
    results = simulation.run(tuple(c.reading.terms for c in rated if c.reading is not None))
    baseline, ranked = rank_products(rated, results, fx)
    left_out = [c for c in candidates if c.reason is not None]
    return RecommendationReport(
        enterprise, simulation, results, baseline, ranked, left_out, fx, warnings
    )
