"""Choose the subsidy a quote applies: the best eligible programme of the applicant's region.

Each programme of the applicant's region in force on the quote day is evaluated by
:func:`patentshield.subsidies.service.subsidy_options`, which counts what the grant ledger
shows the programme already granted this applicant that year and the budget it has used.
Only one programme is applied: programmes forbid double subsidy across granting bodies
(DOMAIN.md §4.3, e.g. Shenzhen's "no double subsidy from other city bodies"). The others are
reported as alternatives so the buyer sees why they were not chosen.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from patentshield.enterprises.industries import is_shenzhen_strategic
from patentshield.enterprises.model import Enterprise
from patentshield.kernel.money import Currency, Money
from patentshield.policies.model import SubsidyOutcome
from patentshield.policies.premium import Pricing
from patentshield.products.model import Product
from patentshield.subsidies.model import Applicant, SubsidyDecision
from patentshield.subsidies.service import subsidy_options

SHENZHEN_STRATEGIC_TAG = "shenzhen_strategic"


def applicant_of(enterprise: Enterprise | None, region_code: str | None) -> Applicant:
    """Return what a subsidy evaluation may know of the applicant.

    An anonymous quote (region only) leaves industries and flags unknown, so the evaluation
    assumes them and says so; an enterprise's industry tags gain ``shenzhen_strategic`` when
    one of them lies in Shenzhen's strategic clusters (the tag Shenzhen's programme requires).
    """
    if enterprise is None:
        return Applicant(region_code=region_code)
    industries = set(enterprise.industries)
    if is_shenzhen_strategic(industries):
        industries.add(SHENZHEN_STRATEGIC_TAG)
    return Applicant(
        id=enterprise.id,
        region_code=enterprise.region.code,
        industries=frozenset(industries),
        flags=frozenset(flag.value for flag in enterprise.flags),
    )


def _alternative(decision: SubsidyDecision) -> str:
    if decision.eligible:
        return f"{decision.programme_id}: {decision.amount} (not applied: one programme only)"
    why = "; ".join(decision.refusals) or "not eligible"
    return f"{decision.programme_id}: not eligible — {why}"


def _none(region_code: str | None, product: Product) -> SubsidyOutcome:
    zero = Money.zero(Currency.CNY)
    if region_code is None:
        text = "no enterprise or region given: no subsidy programme can apply"
        return SubsidyOutcome(zero, None, None, (text,), warnings=(text,))
    text = f"no programme of region {region_code} subsidises {product.product_type} that day"
    return SubsidyOutcome(zero, None, None, (text,))


def best_subsidy(
    session: Session,
    *,
    product: Product,
    pricing: Pricing,
    day: date,
    enterprise: Enterprise | None,
    region_code: str | None,
) -> SubsidyOutcome:
    """Return the subsidy to apply to ``pricing`` (the largest eligible one), with its trace."""
    if region_code is None or pricing.gross_premium.currency is not Currency.CNY:
        return _none(region_code, product)
    decisions = subsidy_options(
        session,
        day=day,
        product_type=product.product_type,
        premium=pricing.gross_premium,
        applicant=applicant_of(enterprise, region_code),
        base_premium=pricing.base_premium,
        ip_rights=enterprise.patent_numbers() if enterprise else (),
    )
    if not decisions:
        return _none(region_code, product)
    best, others = decisions[0], decisions[1:]
    if not best.eligible:
        return SubsidyOutcome(
            Money.zero(Currency.CNY),
            None,
            None,
            best.explanation,
            warnings=best.warnings,
            alternatives=tuple(_alternative(d) for d in decisions),
        )
    return SubsidyOutcome(
        amount=best.amount,
        programme_id=best.programme_id,
        programme_version=best.programme_version,
        explanation=best.explanation,
        warnings=best.warnings,
        alternatives=tuple(_alternative(d) for d in others),
    )
