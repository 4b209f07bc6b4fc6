"""Checking a notice of claim against the policy: period, basis, dates, ITC cover, notice.

The checks: the policy period under the claims basis, the retroactive date, known disputes,
whether the policy responds to an ITC investigation, and the notice period.

The *claim* of a Section 337 case is made against the insured when the complaint naming it is
filed (19 CFR 210.8; the complaint names the proposed respondents). Under a claims-made policy
that day must fall in the policy period; under an occurrence policy the complaint day stands
for the occurrence too (the first accused import is rarely known), and the retroactive date is
checked against the first US sale of an accused product when it is given. A cancelled policy
answers only claims made before the cancellation. The notice period counts calendar days from
the day the insured learned of the complaint.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from datetime import date, timedelta

from patentshield.claims.model import Reason, ReasonCode
from patentshield.policies.binding import Policy
from patentshield.products.model import Answer, ClaimsBasis, Exclusion

DECLINING = frozenset(
    {
        ReasonCode.NOTICE_LATE,
        ReasonCode.CLAIM_OUTSIDE_PERIOD,
        ReasonCode.POLICY_CANCELLED,
        ReasonCode.BEFORE_RETROACTIVE_DATE,
        ReasonCode.KNOWN_DISPUTE,
        ReasonCode.ITC_NOT_COVERED,
    }
)
"""Notice reasons that decline the whole claim."""


def _period(policy: Policy, made_on: date) -> list[Reason]:
    basis = policy.terms.claims_basis
    when = "made" if basis is ClaimsBasis.CLAIMS_MADE else "occurring"
    period = f"{policy.period_start} to {policy.period_end} (end excluded)"
    if not policy.covers_day(made_on):
        text = f"{basis.value}: the complaint of {made_on} is not a claim {when} in {period}"
        return [Reason(ReasonCode.CLAIM_OUTSIDE_PERIOD, text)]
    reasons = [
        Reason(ReasonCode.CLAIM_IN_PERIOD, f"{basis.value}: claim {when} on {made_on}, in {period}")
    ]
    if policy.cancelled_on is not None and made_on >= policy.cancelled_on:
        text = f"the policy was cancelled from {policy.cancelled_on}, before the claim"
        reasons.append(Reason(ReasonCode.POLICY_CANCELLED, text))
    return reasons


def _retroactive(policy: Policy, first_sale: date | None) -> list[Reason]:
    retro = policy.retroactive_date
    if retro is None:
        return []
    if first_sale is None:
        text = f"retroactive date {retro}: first US sale of the accused products not given"
        return [Reason(ReasonCode.RETROACTIVE_DATE_UNCHECKED, text)]
    if first_sale < retro:
        text = f"accused products first sold on {first_sale}, before the retroactive date {retro}"
        return [Reason(ReasonCode.BEFORE_RETROACTIVE_DATE, text)]
    return []


def _known(policy: Policy, known_on: date | None) -> list[Reason]:
    if Exclusion.KNOWN_DISPUTES not in policy.terms.exclusions or known_on is None:
        return []
    if known_on < policy.period_start:
        text = (
            f"the dispute was known on {known_on}, before the policy began "
            f"({policy.period_start}): known disputes are excluded"
        )
        return [Reason(ReasonCode.KNOWN_DISPUTE, text)]
    return []


def _itc(policy: Policy) -> Reason:
    answer = policy.terms.responds_to_337
    if answer is Answer.YES:
        return Reason(ReasonCode.ITC_COVERED, "the wording covers an ITC investigation")
    if answer is Answer.NO:
        return Reason(ReasonCode.ITC_NOT_COVERED, "the policy does not respond to a 337 case")
    return Reason(
        ReasonCode.ITC_COVER_UNCLEAR,
        "the wording says lawsuit (诉讼); whether an ITC investigation counts is unclear "
        "(DOMAIN.md §7 item 7): invoices are referred to the insurer, not paid",
    )


def _notice(policy: Policy, learned_on: date, notified_on: date) -> Reason:
    days = policy.terms.notice_days
    due = learned_on + timedelta(days=days)
    if notified_on > due:
        text = f"notified on {notified_on}, after {due} ({days} days from {learned_on})"
        return Reason(ReasonCode.NOTICE_LATE, text)
    text = f"notified on {notified_on}, by {due} ({days} days from {learned_on})"
    return Reason(ReasonCode.NOTICE_IN_TIME, text)


def check_notice(
    policy: Policy,
    *,
    complaint_filed: date,
    learned_on: date,
    notified_on: date,
    first_accused_sale: date | None = None,
    dispute_known_on: date | None = None,
) -> tuple[Reason, ...]:
    """Return the reasons of a notice decision; any code in :data:`DECLINING` declines it."""
    return (
        *_period(policy, complaint_filed),
        *_retroactive(policy, first_accused_sale),
        *_known(policy, dispute_known_on),
        _itc(policy),
        _notice(policy, learned_on, notified_on),
    )


def declines(reasons: tuple[Reason, ...]) -> bool:
    """Tell whether a notice decision declines the claim."""
    return any(reason.code in DECLINING for reason in reasons)
