"""Gross premium and limits of a product plan for a number of insured units (tariff pricing).

The catalog states each plan's premium rule and limit rule (``products.model``); this module
evaluates them:

========================  ==================================================================
premium rule              gross premium
========================  ==================================================================
fixed per unit            amount × units
base + per added patent   base + per_added × max(0, patents − included)   (PICC 2013, [R84])
rate on limit             rate × fixed aggregate limit
risk-rated                the premium negotiated with the insurer (given by the caller)
========================  ==================================================================

A limit that is a multiple of the premium (Foshan Chancheng: 6× to 90×, [R84]) is computed on
the gross premium, before any subsidy: the subsidy changes who pays, not what is bought.

This module is pure: no I/O, no database, no clock. Nothing is rounded here; the quote rounds
once, at its named rounding point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from patentshield.catalog.model import (
    BasePlusPerAddedPatent,
    FixedLimit,
    FixedPerUnit,
    InsuredUnit,
    MultipleOfPremium,
    Plan,
    Product,
    RateOnLimit,
    RiskRated,
)
from patentshield.enterprises.model import Enterprise
from patentshield.kernel.errors import InvalidInput, RuleViolation
from patentshield.kernel.limits import MAX_UNITS
from patentshield.kernel.money import Money


@dataclass(frozen=True, slots=True)
class Pricing:
    """Premium and limits of one plan, with the steps that produced them."""

    plan: str
    units: int
    gross_premium: Money
    base_premium: Money | None
    per_claim_limit: Money
    aggregate_limit: Money
    trace: tuple[str, ...]


def _premium(
    product: Product, plan: Plan, units: int, negotiated: Money | None
) -> tuple[Money, Money | None, str]:
    rule = plan.premium
    if negotiated is not None:
        return _negotiated(product, plan, units, negotiated)
    if isinstance(rule, FixedPerUnit):
        total = rule.amount * units
        return total, None, f"premium {rule.amount} per {product.insured_unit} × {units} = {total}"
    if isinstance(rule, BasePlusPerAddedPatent):
        added = max(0, units - rule.included)
        total = rule.base + rule.per_added * added
        text = f"base {rule.base} + {rule.per_added} × {added} added patent(s) = {total}"
        return total, rule.base, text
    if isinstance(rule, RateOnLimit):
        if not isinstance(plan.limit, FixedLimit):
            raise RuleViolation(f"plan {plan.name}: a rate on limit needs a fixed limit")
        total = plan.limit.aggregate * rule.rate
        return total, None, f"rate {rule.rate} × aggregate limit {plan.limit.aggregate} = {total}"
    assert isinstance(rule, RiskRated)
    raise RuleViolation(
        f"{product.id} is risk-rated: give the premium negotiated with {product.insurer} "
        "(--premium), or name the exporter (--enterprise) for the risk engine to rate it",
        field="premium",
    )


def _negotiated(
    product: Product, plan: Plan, units: int, negotiated: Money
) -> tuple[Money, Money | None, str]:
    if negotiated.currency is not product.currency:
        raise InvalidInput("premium", f"premium must be in {product.currency}")
    if negotiated.amount <= 0:
        raise InvalidInput("premium", f"premium must be positive, got {negotiated.amount}")
    if isinstance(plan.premium, RiskRated):
        return negotiated, None, f"negotiated premium {negotiated} (risk-rated product)"
    if product.premium_range is None:
        raise InvalidInput(
            "premium", f"{product.id} has a tariff premium; a premium cannot be chosen"
        )
    low, high = product.premium_range
    per_unit = Money(negotiated.amount / units, negotiated.currency)
    if not low <= per_unit <= high:
        raise InvalidInput(
            "premium", f"premium per unit {per_unit} is outside the product's range {low}–{high}"
        )
    return negotiated, None, f"premium chosen within {low}–{high} per unit: {negotiated}"


def _limits(plan: Plan, premium: Money) -> tuple[Money, Money, str]:
    rule = plan.limit
    if isinstance(rule, MultipleOfPremium):
        aggregate = premium * rule.aggregate
        per_claim = premium * rule.per_claim if rule.per_claim is not None else aggregate
        text = f"aggregate limit {rule.aggregate} × premium {premium} = {aggregate}"
        return per_claim, aggregate, text
    assert isinstance(rule, FixedLimit)
    per_claim = rule.per_claim if rule.per_claim is not None else rule.aggregate
    return per_claim, rule.aggregate, f"fixed aggregate limit {rule.aggregate}"


def check_units(product: Product, units: int) -> None:
    """Refuse a unit count the product cannot insure."""
    if units < 1:
        raise InvalidInput("units", f"units must be at least 1, got {units}")
    if units > MAX_UNITS:
        raise InvalidInput("units", f"{units:,} units is implausible: at most {MAX_UNITS:,}")
    if product.insured_unit is InsuredUnit.PER_ENTERPRISE and units != 1:
        raise InvalidInput("units", f"{product.id} insures the whole enterprise: units must be 1")


def price_plan(
    product: Product, plan_name: str | None, units: int, *, negotiated: Money | None = None
) -> Pricing:
    """Return the gross premium and limits of ``plan_name`` for ``units`` insured units.

    Parameters
    ----------
    product
        The product version.
    plan_name
        A plan of the product; ``None`` takes the first (default) plan.
    units
        Insured units: patents, commodities (product classes), packages, or 1 for the
        enterprise.
    negotiated
        A premium agreed with the insurer: required for risk-rated products, allowed inside
        the product's ``premium_range`` otherwise.
    """
    check_units(product, units)
    try:
        plan = product.plan(plan_name)
    except KeyError:
        names = ", ".join(p.name for p in product.plans)
        raise InvalidInput(
            "plan", f"{product.id} has no plan {plan_name!r}; plans: {names}"
        ) from None
    premium, base, premium_text = _premium(product, plan, units, negotiated)
    per_claim, aggregate, limit_text = _limits(plan, premium)
    return Pricing(
        plan=plan.name,
        units=units,
        gross_premium=premium,
        base_premium=base,
        per_claim_limit=per_claim,
        aggregate_limit=aggregate,
        trace=(premium_text, limit_text),
    )


def default_units(product: Product, enterprise: Enterprise | None) -> int:
    """Units when the caller gives none: enough to insure the whole enterprise.

    One per patent, per package of patents, or per commodity — a product class (HTS line)
    of the enterprise profile; 1 for an enterprise policy or when no enterprise is named.
    """
    if enterprise is None or product.insured_unit is InsuredUnit.PER_ENTERPRISE:
        return 1
    if product.insured_unit is InsuredUnit.PER_COMMODITY:
        return max(1, len(enterprise.product_classes))
    patents = len(enterprise.patents)
    if product.insured_unit is InsuredUnit.PATENT_PACKAGE and product.package_size:
        return max(1, math.ceil(patents / product.package_size))
    return max(1, patents)
