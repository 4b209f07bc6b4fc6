"""Quote use cases: price a product for an applicant, apply the best subsidy, save the quote.

``quote_product`` loads what a quote needs (product version valid that day, the enterprise,
the subsidy already granted to it this year), calls the pure pricing, subsidy and gap code,
assembles the quote and saves it in one transaction. ``compare_products`` does the same for
several products so they can be read side by side.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy.orm import Session

from patentshield.enterprises.model import Enterprise
from patentshield.enterprises.service import get_enterprise
from patentshield.kernel.db import Database
from patentshield.kernel.errors import InvalidInput, NotFound
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import FxRate
from patentshield.policies.assessment import Simulation, engine_pricing
from patentshield.policies.exposure import exposure_profile
from patentshield.policies.gaps import coverage_gap_report
from patentshield.policies.model import Quote, QuoteRequest
from patentshield.policies.premium import Pricing, price_plan
from patentshield.policies.quote import ApplicantFacts, assemble_quote
from patentshield.policies.reference import usd_cny_rate
from patentshield.policies.serialise import quote_to_json
from patentshield.policies.store import quote_document, quote_documents, save_quote
from patentshield.policies.subsidy_choice import best_subsidy
from patentshield.products.catalog import load_catalog
from patentshield.products.model import InsuredUnit, Product, RiskRated
from patentshield.risk.data_files import load_parameters


def default_units(product: Product, enterprise: Enterprise | None) -> int:
    """Units when the caller gives none: enough to insure the enterprise's patents."""
    if enterprise is None or product.insured_unit is InsuredUnit.PER_ENTERPRISE:
        return 1
    if product.insured_unit is InsuredUnit.PER_PRODUCT:
        return max(1, len(enterprise.product_classes))
    patents = len(enterprise.patents)
    if product.insured_unit is InsuredUnit.PATENT_PACKAGE and product.package_size:
        return max(1, math.ceil(patents / product.package_size))
    return max(1, patents)


def _facts(enterprise: Enterprise | None, region_code: str | None) -> ApplicantFacts:
    if enterprise is None:
        return ApplicantFacts(region_code=region_code)
    if region_code is not None and not enterprise.region.is_within(region_code):
        raise InvalidInput(
            "region",
            f"{region_code} is not the region of {enterprise.id} ({enterprise.region.code})",
        )
    return ApplicantFacts(
        enterprise_id=enterprise.id,
        region_code=enterprise.region.code,
        us_sales=enterprise.total_us_sales() if enterprise.product_classes else None,
        patents=len(enterprise.patents),
    )


def load_product(product_id: str, day: date) -> Product:
    """Return the version of ``product_id`` valid on ``day`` (field ``product`` if unknown)."""
    try:
        return load_catalog().get(product_id, on=day)
    except NotFound as error:
        if error.field != "id":
            raise
        raise NotFound(error.message, field="product") from None


RISK_RATING_YEARS = 100_000
RISK_RATING_SEED = 0


def is_engine_rated(product: Product, request: QuoteRequest, enterprise: Enterprise | None) -> bool:
    """Tell whether the risk engine sets the premium: a risk-rated plan, no premium given."""
    try:
        rule = product.plan(request.plan).premium
    except KeyError:
        return False
    return isinstance(rule, RiskRated) and request.premium is None and enterprise is not None


def engine_rated_pricing(
    product: Product, plan: str | None, units: int, enterprise: Enterprise, fx: FxRate
) -> Pricing:
    """Price a risk-rated plan at the engine's indicated premium for ``enterprise``."""
    simulation = Simulation(
        load_parameters(), exposure_profile(enterprise), RISK_RATING_YEARS, RISK_RATING_SEED
    )
    pricing = engine_pricing(simulation, product, plan=plan, units=units, fx=fx)
    note = (
        f"risk engine: indicated premium for {enterprise.id} ({RISK_RATING_YEARS} simulated "
        f"years, seed {RISK_RATING_SEED}, shipped parameters; see `patentshield risk simulate`)"
    )
    return replace(pricing, trace=(note, *pricing.trace))


def build_quote(session: Session, request: QuoteRequest, *, now: datetime) -> Quote:
    """Price ``request`` (reading the database, writing nothing) and return the quote."""
    product = load_product(request.product_id, request.day)
    enterprise = get_enterprise(session, request.enterprise) if request.enterprise else None
    facts = _facts(enterprise, request.region_code)
    units = request.units if request.units is not None else default_units(product, enterprise)
    fx = usd_cny_rate(request.day, request.fx_rate)
    if is_engine_rated(product, request, enterprise):
        assert enterprise is not None
        pricing = engine_rated_pricing(product, request.plan, units, enterprise, fx[0])
    else:
        pricing = price_plan(product, request.plan, units, negotiated=request.premium)
    subsidy = best_subsidy(
        session,
        product=product,
        pricing=pricing,
        day=request.day,
        enterprise=enterprise,
        region_code=facts.region_code,
    )
    return assemble_quote(
        quote_id=f"q-{uuid.uuid4().hex[:12]}",
        created_at=now,
        day=request.day,
        product=product,
        pricing=pricing,
        subsidy=subsidy,
        fx=fx,
        gaps=coverage_gap_report(product),
        facts=facts,
    )


def quote_product(database: Database, request: QuoteRequest, *, now: datetime) -> Quote:
    """Price ``request``, save the quote, and return it."""
    with database.unit_of_work() as session:
        quote = build_quote(session, request, now=now)
        save_quote(session, quote, quote_to_json(quote))
    return quote


def compare_products(
    database: Database, request: QuoteRequest, product_ids: Sequence[str], *, now: datetime
) -> list[Quote]:
    """Quote each product of ``product_ids`` for the same applicant and day; save them all."""
    if len(product_ids) < 2:
        raise InvalidInput("product", "compare needs at least two products")
    if len(set(product_ids)) != len(product_ids):
        raise InvalidInput("product", "a product is named twice")
    with database.unit_of_work() as session:
        quotes = [
            build_quote(session, replace(request, product_id=product_id), now=now)
            for product_id in product_ids
        ]
        for quote in quotes:
            save_quote(session, quote, quote_to_json(quote))
    return quotes


def saved_quote(database: Database, quote_id: str) -> dict[str, JsonValue]:
    """Return the saved document of a quote."""
    with database.unit_of_work() as session:
        return quote_document(session, quote_id)


def saved_quotes(
    database: Database, *, enterprise: str | None = None
) -> list[dict[str, JsonValue]]:
    """Return saved quote documents, newest first."""
    with database.unit_of_work() as session:
        enterprise_id = get_enterprise(session, enterprise).id if enterprise else None
        return quote_documents(session, enterprise_id=enterprise_id)
