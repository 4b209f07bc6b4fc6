"""What a compliance score does to a product's tariff terms, line by line.

A product may state how far a compliance score moves its terms
(:class:`~patentshield.catalog.model.ComplianceBounds`, in the catalog): with a score ``s``
between 0 and 1, the tariff premium is lowered by ``s × max_premium_discount`` and the
per-claim and aggregate limits are raised by ``s × max_limit_uplift``. Since ``s ≤ 1`` neither
effect ever passes the product's bound. The limits are raised from what the tariff gives for
the undiscounted premium (a limit that is a multiple of the premium is computed first): the
discount changes the price, not what is bought.

Only a tariff premium is moved. A premium negotiated with the insurer already reflects what it
knows, and the risk engine rates a compliant firm through its own named parameters
(``compliance.*`` in ``risk/data/parameters.yaml``), so neither is discounted twice; the quote
says so in its trace.

This module is pure: no I/O, no database, no clock. Nothing is rounded here; the quote rounds
once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from patentshield.catalog.model import Product
from patentshield.catalog.premium import Pricing
from patentshield.compliance.score import TOTAL_POINTS, Score


@dataclass(frozen=True, slots=True)
class Effect:
    """The discount and uplift a score gives under a product's bounds (fractions, 0 to bound)."""

    discount: Decimal
    uplift: Decimal


def effect_of(product: Product, fraction: Decimal) -> Effect:
    """Return the premium discount and limit uplift of a score ``fraction`` under ``product``.

    The fraction is held within [0, 1] first, so the effect never passes the bounds (both 0
    for a product that states none); each is rounded to a hundredth of a percent.
    """
    bounds = product.compliance
    if bounds is None:
        return Effect(Decimal(0), Decimal(0))
    share = min(max(fraction, Decimal(0)), Decimal(1))
    step = Decimal("0.0001")
    return Effect(
        (share * bounds.max_premium_discount).quantize(step),
        (share * bounds.max_limit_uplift).quantize(step),
    )


def _header(score: Score) -> str:
    return f"compliance score {score.points.normalize():f} of {TOTAL_POINTS} ({score.fraction:.0%})"


TARIFF = ""
"""The ``untouched`` reason of a tariff premium: none, the score moves it."""


def apply_score(
    product: Product, pricing: Pricing, score: Score, *, untouched: str = TARIFF
) -> Pricing:
    """Return ``pricing`` moved by ``score`` under the product's bounds, each step in its trace.

    A product that states no bounds is returned unchanged. ``untouched`` says why the premium
    is not the tariff's (negotiated, or rated by the engine); then only a line saying so is
    added.
    """
    bounds = product.compliance
    head = _header(score)
    if bounds is None:
        return pricing
    if untouched:
        return _noted(pricing, f"{head}: no tariff modifier, {untouched}")
    effect = effect_of(product, score.fraction)
    discount = pricing.gross_premium * effect.discount
    premium = pricing.gross_premium - discount
    per_claim = pricing.per_claim_limit + pricing.per_claim_limit * effect.uplift
    aggregate = pricing.aggregate_limit + pricing.aggregate_limit * effect.uplift
    tag = f"tag {bounds.tag}" + (f", {bounds.source}" if bounds.source else "")
    lines = (
        f"{head} × max premium discount {bounds.max_premium_discount:.0%} ({tag}) = "
        f"{effect.discount:.2%}: premium {pricing.gross_premium} − {discount} = {premium}",
        f"{head} × max limit uplift {bounds.max_limit_uplift:.0%} ({tag}) = "
        f"{effect.uplift:.2%}: aggregate limit {pricing.aggregate_limit} → {aggregate}, "
        f"per claim {pricing.per_claim_limit} → {per_claim}",
    )
    return replace(
        pricing,
        gross_premium=premium,
        per_claim_limit=per_claim,
        aggregate_limit=aggregate,
        trace=(*pricing.trace, *lines),
    )


def _noted(pricing: Pricing, line: str) -> Pricing:
    return replace(pricing, trace=(*pricing.trace, line))
