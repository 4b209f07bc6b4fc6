"""Quote use cases: price a product for an applicant, apply the best subsidy, save the quote.

``quote_product`` loads what a quote needs (product version valid that day, the enterprise,
the subsidy already granted to it this year), calls the pure pricing, subsidy and gap code,
assembles the quote and saves it in one transaction. ``compare_products`` does the same for
several products so they can be read side by side. Every use case takes the runtime first:
the catalog, the subsidy programmes, the risk parameters and the USD/CNY table are the
runtime's reference data, and a quote is stamped by the runtime's clock.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy.orm import Session

from patentshield.assessment.exposure import exposure_profile
from patentshield.assessment.simulation import Simulation, engine_pricing
from patentshield.assessment.years_cache import YearsCache
from patentshield.catalog.gaps import coverage_gap_report
from patentshield.catalog.loader import Catalog
from patentshield.catalog.model import Product, RiskRated
from patentshield.catalog.premium import Pricing, default_units, price_plan
from patentshield.compliance.effect import TARIFF, apply_score
from patentshield.compliance.programme_service import compliance_in
from patentshield.compliance.score import Standing
from patentshield.enterprises.model import Enterprise
from patentshield.enterprises.service import get_enterprise
from patentshield.kernel.access import Caller, Permission, require
from patentshield.kernel.errors import Forbidden, InvalidInput
from patentshield.kernel.fx import FxTable
from patentshield.kernel.money import FxRate
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.tenancy import Reach, scope_of
from patentshield.quotes.assembly import ApplicantFacts, assemble_quote
from patentshield.quotes.model import Quote, QuoteRequest
from patentshield.quotes.store import get_quote, list_quotes, save_quote
from patentshield.risk.parameters import Parameters
from patentshield.subsidies.catalog import Programmes
from patentshield.subsidies.options_service import best_subsidy


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
        commodities=len(enterprise.product_classes),
    )


RISK_RATING_YEARS = 100_000
RISK_RATING_SEED = 0


def is_engine_rated(product: Product, request: QuoteRequest, enterprise: Enterprise | None) -> bool:
    """Tell whether the risk engine sets the premium: a risk-rated plan, no premium given."""
    try:
        rule = product.plan(request.plan).premium
    except KeyError:
        return False
    return isinstance(rule, RiskRated) and request.premium is None and enterprise is not None


def _parameters_note(parameters: Parameters) -> str:
    if not parameters.origin:
        return "shipped parameters"
    return f"shipped parameters with {len(parameters.origin)} changed"


def engine_rated_pricing(
    product: Product,
    plan: str | None,
    units: int,
    enterprise: Enterprise,
    *,
    fx: FxRate,
    parameters: Parameters,
    cache: YearsCache,
    standing: Standing | None = None,
) -> Pricing:
    """Price a risk-rated plan at the engine's indicated premium for ``enterprise``.

    The exporter's simulated years are taken from ``cache`` (the runtime's) when a
    ``recommend`` or another quote already simulated them with the same profile, parameters,
    seed and number of years.
    """
    simulation = Simulation(
        parameters,
        exposure_profile(enterprise, standing=standing),
        RISK_RATING_YEARS,
        RISK_RATING_SEED,
        cache=cache,
    )
    pricing = engine_pricing(simulation, product, plan=plan, units=units, fx=fx)
    note = (
        f"risk engine: indicated premium for {enterprise.id} ({RISK_RATING_YEARS} simulated "
        f"years, seed {RISK_RATING_SEED}, {_parameters_note(parameters)}; "
        "see `patentshield risk simulate`)"
    )
    return replace(pricing, trace=(note, *pricing.trace))


def _pricing(
    runtime: Runtime,
    session: Session,
    product: Product,
    request: QuoteRequest,
    enterprise: Enterprise | None,
    fx: FxRate,
) -> Pricing:
    units = request.units if request.units is not None else default_units(product, enterprise)
    if enterprise is None:
        return price_plan(product, request.plan, units, negotiated=request.premium)
    parameters = runtime.reference.get(Parameters)
    score, standing = compliance_in(session, enterprise, request.day, parameters)
    if not is_engine_rated(product, request, enterprise):
        pricing = price_plan(product, request.plan, units, negotiated=request.premium)
        negotiated = "the premium was negotiated with the insurer" if request.premium else TARIFF
        return apply_score(product, pricing, score, untouched=negotiated)
    pricing = engine_rated_pricing(
        product,
        request.plan,
        units,
        enterprise,
        fx=fx,
        parameters=parameters,
        cache=runtime.reference.get(YearsCache),
        standing=standing,
    )
    rated = "compliant firm" if standing.compliant else "not a compliant firm"
    why = f"the risk engine rated the premium ({rated}: compliance.* parameters)"
    return apply_score(product, pricing, score, untouched=why)


def build_quote(
    runtime: Runtime, session: Session, request: QuoteRequest, *, now: datetime
) -> Quote:
    """Price ``request`` (reading the database in ``session``, writing nothing).

    ``now`` stamps the quote: the runtime's clock, read once per use case, so the quotes of
    one comparison share their moment.
    """
    product = runtime.reference.get(Catalog).product_on(request.product_id, request.day)
    _refuse_products_not_underwritten(runtime.caller, product.id)
    scope = scope_of(runtime.caller)
    enterprise = get_enterprise(session, request.enterprise, scope) if request.enterprise else None
    facts = _facts(enterprise, request.region_code)
    fx = runtime.reference.get(FxTable).usd_cny(request.day, request.fx_rate)
    pricing = _pricing(runtime, session, product, request, enterprise, fx[0])
    subsidy = best_subsidy(
        session,
        runtime.reference.get(Programmes),
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


def _refuse_products_not_underwritten(caller: Caller | None, product_id: str) -> None:
    """Refuse an insurer's quote of a product it does not underwrite (it could not see it)."""
    scope = scope_of(caller)
    if scope.reach is Reach.UNDERWRITER and product_id not in scope.products:
        raise Forbidden(
            Permission.QUOTES_WRITE.value, f"your organisation does not underwrite {product_id}"
        )


def _owner(runtime: Runtime) -> str | None:
    return None if runtime.caller is None else runtime.caller.organisation_id


def quote_product(runtime: Runtime, request: QuoteRequest) -> Quote:
    """Price ``request``, save the quote, and return it."""
    require(runtime.caller, Permission.QUOTES_WRITE)
    with runtime.unit_of_work() as session:
        quote = build_quote(runtime, session, request, now=runtime.clock.now())
        save_quote(session, quote, organisation_id=_owner(runtime))
    return quote


def compare_products(
    runtime: Runtime, request: QuoteRequest, product_ids: Sequence[str]
) -> list[Quote]:
    """Quote each product of ``product_ids`` for the same applicant and day; save them all."""
    require(runtime.caller, Permission.QUOTES_WRITE)
    if len(product_ids) < 2:
        raise InvalidInput(
            "product", "compare needs at least two products", message_id="refusal.two_products"
        )
    if len(set(product_ids)) != len(product_ids):
        raise InvalidInput(
            "product", "a product is named twice", message_id="refusal.product_twice"
        )
    require(runtime.caller, Permission.QUOTES_WRITE)
    now = runtime.clock.now()
    with runtime.unit_of_work() as session:
        quotes = [
            build_quote(runtime, session, replace(request, product_id=product_id), now=now)
            for product_id in product_ids
        ]
        for quote in quotes:
            save_quote(session, quote, organisation_id=_owner(runtime))
    return quotes


def saved_quote(runtime: Runtime, quote_id: str) -> Quote:
    """Return a saved quote the caller sees (another tenant's is not found)."""
    with runtime.unit_of_work() as session:
        found = get_quote(session, quote_id, scope_of(runtime.caller))
    require(runtime.caller, Permission.QUOTES_READ)
    return found


def saved_quotes(runtime: Runtime, *, enterprise: str | None = None) -> list[Quote]:
    """Return the saved quotes the caller sees, newest first, optionally of one enterprise."""
    require(runtime.caller, Permission.QUOTES_READ)
    scope = scope_of(runtime.caller)
    with runtime.unit_of_work() as session:
        enterprise_id = get_enterprise(session, enterprise, scope).id if enterprise else None
        return list_quotes(session, enterprise_id=enterprise_id, scope=scope)
