"""Choose the subsidy a quote applies: the best eligible programme of the applicant's region.

Each programme of the applicant's region in force on the quote day is evaluated against the
grant ledger by :func:`patentshield.subsidies.options_service.best_subsidy` (what the programme
already granted this applicant that year, the budget it has used); this module chooses among those
decisions. Only one programme is applied: programmes forbid double subsidy across granting
bodies (DOMAIN.md §4.3, e.g. Shenzhen's "no double subsidy from other city bodies"). The others
are reported as alternatives so the buyer sees why they were not chosen. A programme whose rate
is not published is never applied: it is reported, with its warning, and the quote has no
subsidy.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from patentshield.catalog.model import ProductType
from patentshield.enterprises.industries import is_shenzhen_strategic
from patentshield.enterprises.model import Enterprise
from patentshield.kernel.money import Currency, Money
from patentshield.subsidies.model import (
    RATE_NOT_PUBLISHED,
    Applicant,
    SubsidyDecision,
)

SHENZHEN_STRATEGIC_TAG = "shenzhen_strategic"


@dataclass(frozen=True, slots=True)
class SubsidyOutcome:
    """The subsidy a quote applies: the best eligible programme, or none, with its trace."""

    amount: Money
    programme_id: str | None
    programme_version: int | None
    explanation: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()


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


def best_first(decisions: Sequence[SubsidyDecision]) -> list[SubsidyDecision]:
    """Return ``decisions`` ordered eligible first, then by amount (largest first), then id."""
    return sorted(decisions, key=lambda d: (not d.eligible, -d.amount.amount, d.programme_id))


def _alternative(decision: SubsidyDecision) -> str:
    if not decision.rate_published:
        return f"{decision.programme_id}: {RATE_NOT_PUBLISHED}, no subsidy computed"
    if decision.eligible:
        return f"{decision.programme_id}: {decision.amount} (not applied: one programme only)"
    why = "; ".join(decision.refusals) or "not eligible"
    return f"{decision.programme_id}: not eligible — {why}"


def _none(region_code: str | None, product_type: ProductType) -> SubsidyOutcome:
    zero = Money.zero(Currency.CNY)
    if region_code is None:
        text = "no enterprise or region given: no subsidy programme can apply"
        return SubsidyOutcome(zero, None, None, (text,), warnings=(text,))
    text = f"no programme of region {region_code} subsidises {product_type} that day"
    return SubsidyOutcome(zero, None, None, (text,))


def choose_subsidy(
    decisions: Sequence[SubsidyDecision], *, region_code: str | None, product_type: ProductType
) -> SubsidyOutcome:
    """Return the subsidy to apply: the largest eligible decision, the others as alternatives.

    Parameters
    ----------
    decisions
        One decision per programme of the applicant's region in force that day, in any order.
    region_code
        The applicant's region; ``None`` (an anonymous quote without a region) applies nothing.
    product_type
        The quoted product's type, named when no programme subsidises it.
    """
    if region_code is None or not decisions:
        return _none(region_code, product_type)
    best, *others = best_first(decisions)
    if not best.eligible or not best.rate_published:
        return SubsidyOutcome(
            Money.zero(Currency.CNY),
            None,
            None,
            best.explanation,
            warnings=best.warnings,
            alternatives=tuple(_alternative(d) for d in (best, *others)),
        )
    return SubsidyOutcome(
        amount=best.amount,
        programme_id=best.programme_id,
        programme_version=best.programme_version,
        explanation=best.explanation,
        warnings=best.warnings,
        alternatives=tuple(_alternative(d) for d in others),
    )
