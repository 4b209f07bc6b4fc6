"""From exporters and products to the risk engine's plain inputs, and back to money.

The risk engine (:mod:`patentshield.risk`) knows no enterprises, products or ``Money``: it
reads an :class:`~patentshield.risk.exposure.ExposureProfile` (HTS chapter and annual US
sales per product class, modifier flags) and :class:`~patentshield.risk.terms.CoverTerms`
(USD floats, one entry per cost category). This module builds both and converts the engine's
USD floats back to ``Money`` at one named point (:func:`money_from_usd`).

Unclear terms are read as claims adjudication reads them, so that no premium is charged for
cover that claims then refuse: PRC Insurance Law art. 30 reads an ambiguous standard term in
favour of the insured (:func:`patentshield.catalog.coverage.is_read_as_covered`). A wording
unclear on whether an ITC investigation counts as a covered lawsuit (DOMAIN.md §7 item 7)
*responds*, in every reading. Categories a wording neither names nor excludes are read
``favourable`` (as covered: the rule, and the default) or, as a sensitivity only, ``strict``
(as not covered: what the cover would be worth if a court read them against the insured,
contrary to art. 30); every result says which.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from patentshield.catalog.coverage import ARTICLE_30, is_read_as_covered, non_response_reason
from patentshield.catalog.model import Answer, CostCategory, Cover, Product
from patentshield.catalog.premium import Pricing
from patentshield.compliance.score import Standing
from patentshield.enterprises.model import Enterprise, PatentJurisdiction
from patentshield.kernel.errors import CurrencyMismatch, InvalidInput
from patentshield.kernel.money import Currency, FxRate, Money
from patentshield.risk.exposure import ClassExposure, ExposureProfile
from patentshield.risk.parameters import Parameters
from patentshield.risk.proceedings import CATEGORIES
from patentshield.risk.terms import CoverTerms


class Reading(StrEnum):
    """How unclear terms of a wording are read."""

    FAVOURABLE = "favourable"
    STRICT = "strict"


def check_category_order() -> None:
    """Refuse a risk engine whose categories differ from the catalog's (a wiring error)."""
    if tuple(c.value for c in CostCategory) != CATEGORIES:
        raise RuntimeError(
            "risk.proceedings.CATEGORIES must list catalog.model.CostCategory in order"
        )


def exposure_profile(
    enterprise: Enterprise, *, standing: Standing | None = None
) -> ExposureProfile:
    """Return the exposure inputs of ``enterprise`` (one class per product class).

    ``standing`` is how its compliance score reads for the engine
    (:func:`patentshield.compliance.score.standing`); ``None`` reads the profile's legacy flag
    as a programme, and the firm as not compliant.
    """
    if not enterprise.product_classes:
        raise InvalidInput("enterprise", f"{enterprise.id} lists no product classes sold in the US")
    classes = tuple(
        ClassExposure(
            name=item.name,
            chapter=int(item.hts_codes[0][:2]) if item.hts_codes else 0,
            annual_us_sales_usd=float(item.annual_us_sales.amount),
        )
        for item in enterprise.product_classes
    )
    return ExposureProfile(
        classes=classes,
        past_itc_case=enterprise.has_itc_history(),
        own_us_patents=any(p.jurisdiction is PatentJurisdiction.US for p in enterprise.patents),
        compliance_programme=(
            enterprise.has_compliance_programme if standing is None else standing.programme
        ),
        compliant=standing is not None and standing.compliant,
    )


def usd_amount(money: Money, fx: FxRate) -> float:
    """Return ``money`` in USD as a float (the engine's unit)."""
    if money.currency is Currency.USD:
        return float(money.amount)
    return float(fx.convert(money).amount)


def money_from_usd(
    value: float, currency: Currency = Currency.USD, fx: FxRate | None = None
) -> Money:
    """Return an engine figure (USD float) as rounded ``Money`` in ``currency``.

    ``fx`` converts to another currency; a USD figure needs none.
    """
    if not math.isfinite(value):
        raise InvalidInput("amount", f"cannot express {value} as money")
    usd = Money(Decimal(repr(value)), Currency.USD)
    if currency is Currency.USD:
        return usd.rounded()
    if fx is None:
        raise CurrencyMismatch(f"an engine figure in USD needs an exchange rate to {currency}")
    return fx.convert(usd).rounded()


@dataclass(frozen=True, slots=True)
class TermsReading:
    """A product's terms for the engine and the assumptions made to read them."""

    terms: CoverTerms
    assumptions: tuple[str, ...]


def policy_terms(
    product: Product,
    pricing: Pricing,
    fx: FxRate,
    parameters: Parameters,
    *,
    reading: Reading = Reading.FAVOURABLE,
) -> TermsReading:
    """Return the engine's terms for ``product`` priced as ``pricing``."""
    check_category_order()
    favourable = reading is Reading.FAVOURABLE
    assumptions = []
    covered = []
    for category in CostCategory:
        cover = product.cover_for(category)
        covered.append(is_read_as_covered(cover) if favourable else cover is Cover.COVERED)
        if cover is Cover.UNCLEAR:
            read = "covered (art. 30)" if favourable else "not covered (strict sensitivity)"
            assumptions.append(f"{category.value} is unclear: read as {read}")
    reason = non_response_reason(product)
    responds = reason is None and is_read_as_covered(product.itc_counts_as_lawsuit)
    if reason is None and product.itc_counts_as_lawsuit is Answer.UNCLEAR:
        assumptions.append(
            "whether an ITC investigation counts as a covered lawsuit is unclear: read as yes, "
            f"as claims are adjudicated ({ARTICLE_30})"
        )
    shares = [parameters.get(f"exclusions.{e.value}") for e in product.exclusions]
    excluded = 1.0 - math.prod(1.0 - s for s in shares)
    sub_limits = tuple(
        usd_amount(product.sub_limits[c], fx) if c in product.sub_limits else math.inf
        for c in CostCategory
    )
    terms = CoverTerms(
        covered=tuple(covered),
        sub_limits=sub_limits,
        deductible=usd_amount(product.deductible, fx) if product.deductible else 0.0,
        coinsurance=float(product.coinsurance),
        per_claim_limit=usd_amount(pricing.per_claim_limit, fx),
        aggregate_limit=usd_amount(pricing.aggregate_limit, fx),
        responds=responds,
        excluded_share=excluded,
    )
    return TermsReading(terms, tuple(assumptions))
