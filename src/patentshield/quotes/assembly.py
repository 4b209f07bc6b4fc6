"""Assemble a quote from its parts, with the warnings a buyer must read.

Rounding happens here, once, at the quote's named rounding point: every amount a quote states
is rounded to the minor unit (fen / cent) after the premium, limits and subsidy are computed.

This module is pure: the quote id and creation time are given by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from patentshield.catalog.gaps import GapReport
from patentshield.catalog.model import InsuredUnit, Product
from patentshield.catalog.premium import Pricing
from patentshield.catalog.serialise import illustrative_notices
from patentshield.kernel.money import Currency, FxRate, Money
from patentshield.quotes.benchmarks import benchmark_for
from patentshield.quotes.model import Quote
from patentshield.subsidies.choice import SubsidyOutcome


@dataclass(frozen=True, slots=True)
class ApplicantFacts:
    """What a quote knows about the applicant (all optional: a quote may be anonymous).

    ``commodities`` counts the product classes (HTS lines) of the enterprise profile, the
    units of a per-commodity product.
    """

    enterprise_id: str | None = None
    region_code: str | None = None
    us_sales: Money | None = None
    patents: int | None = None
    commodities: int | None = None


def _units_warning(product: Product, units: int, facts: ApplicantFacts) -> list[str]:
    if product.insured_unit is InsuredUnit.PER_COMMODITY and facts.commodities is not None:
        if units < facts.commodities:
            return [f"{units} of the enterprise's {facts.commodities} product classes are insured"]
        return []
    if facts.patents is None:
        return []
    if product.insured_unit is InsuredUnit.PER_PATENT and units < facts.patents:
        return [f"{units} of the enterprise's {facts.patents} patents are insured"]
    if product.insured_unit is InsuredUnit.PATENT_PACKAGE and product.package_size:
        insured = units * product.package_size
        if insured < facts.patents:
            return [f"{units} package(s) insure {insured} of {facts.patents} patents"]
    return []


def _limit_warning(aggregate: Money, fx: FxRate, facts: ApplicantFacts) -> list[str]:
    if facts.us_sales is None or aggregate.currency is not Currency.CNY:
        return []
    band = benchmark_for(facts.us_sales)
    limit_usd = fx.convert(aggregate).rounded()
    share = (limit_usd.amount / band.total.amount * 100).quantize(1)
    if share >= 100:
        return []
    return [
        f"aggregate limit {limit_usd} covers {share} % of the {band.edition} median cost of "
        f"defending a US patent suit with {facts.us_sales} at risk ({band.total}; "
        "DOMAIN.md §2.1; a 337 defence is probably no cheaper)"
    ]


def net_premium(gross: Money, subsidy: Money) -> Money:
    """Return what the insured pays: gross premium less subsidy, never below zero."""
    net = gross - subsidy
    return Money.zero(gross.currency) if net.is_negative() else net


def assemble_quote(
    *,
    quote_id: str,
    created_at: datetime,
    day: date,
    product: Product,
    pricing: Pricing,
    subsidy: SubsidyOutcome,
    fx: tuple[FxRate, tuple[str, ...]],
    gaps: GapReport,
    facts: ApplicantFacts,
) -> Quote:
    """Return the quote, every amount rounded, with its warnings."""
    rate, fx_warnings = fx
    gross = pricing.gross_premium.rounded()
    granted = subsidy.amount.rounded()
    warnings = [
        *illustrative_notices(product),
        *gaps.warnings,
        *_limit_warning(pricing.aggregate_limit, rate, facts),
        *_units_warning(product, pricing.units, facts),
        *subsidy.warnings,
        *fx_warnings,
    ]
    return Quote(
        id=quote_id,
        created_at=created_at,
        day=day,
        product_id=product.id,
        product_version=product.version,
        product_name=product.name,
        insurer=product.insurer,
        product_type=product.product_type.value,
        plan=pricing.plan,
        units=pricing.units,
        enterprise_id=facts.enterprise_id,
        region_code=facts.region_code,
        gross_premium=gross,
        subsidy=subsidy,
        net_premium=net_premium(gross, granted),
        per_claim_limit=pricing.per_claim_limit.rounded(),
        aggregate_limit=pricing.aggregate_limit.rounded(),
        deductible=product.deductible.rounded() if product.deductible else None,
        coinsurance=product.coinsurance,
        fx_rate=rate,
        gap_report=gaps,
        pricing_trace=pricing.trace,
        warnings=tuple(warnings),
        illustrative=product.illustrative,
        illustrative_terms=product.illustrative_terms,
    )
