"""Checking a notice of claim against the policy: period, basis, dates, ITC cover, notice.

The checks: the day the claim was made (by the policy's trigger, :mod:`~.claimdate`) in the
policy period under the claims basis, the retroactive date, known disputes, whether the policy
answers the insured's side of a Section 337 case, and the notice period (:mod:`~.latenotice`).

Under a claims-made policy the day the claim was made must fall in the policy period; under an
occurrence policy the complaint naming the insured stands for the occurrence (the first accused
import is rarely known), and the retroactive date is checked against the first US sale of an
accused product when it is given. A cancelled policy answers only claims made before the
cancellation.

The policy must answer the insured's **side** of the case: a defensive product a complaint
against the insured (a respondent), an enforcement product the insured's own complaint (a
complainant; :func:`patentshield.catalog.coverage.enforces_in_337`). A wording *unclear* on
whether an ITC investigation is covered answers it: PRC Insurance Law art. 30 reads an
ambiguous standard term in favour of the insured (``itc_cover_unclear`` records the reading).
A notice after the notice period is recorded (``notice_late``) but, under PRC Insurance Law
art. 21, declines nothing by itself.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from datetime import date

from patentshield.catalog.coverage import ARTICLE_30
from patentshield.catalog.model import Answer, ClaimsBasis, Exclusion
from patentshield.claims.claimdate import ClaimDates, claim_made_on
from patentshield.claims.latenotice import notice_reasons
from patentshield.claims.model import NoticeFault, Reason, ReasonCode
from patentshield.policies.model import Policy

DECLINING = frozenset(
    {
        ReasonCode.CLAIM_OUTSIDE_PERIOD,
        ReasonCode.POLICY_CANCELLED,
        ReasonCode.BEFORE_RETROACTIVE_DATE,
        ReasonCode.KNOWN_DISPUTE,
        ReasonCode.ITC_NOT_COVERED,
    }
)
"""Notice reasons that decline the whole claim."""


def _period(policy: Policy, dates: ClaimDates) -> list[Reason]:
    basis = policy.terms.claims_basis
    made_on, what = claim_made_on(policy.terms, dates)
    when = "made" if basis is ClaimsBasis.CLAIMS_MADE else "occurring"
    period = f"{policy.period_start} to {policy.period_end} (end excluded)"
    if not policy.covers_day(made_on):
        text = f"{basis.value}: {what} of {made_on} is not a claim {when} in {period}"
        return [Reason(ReasonCode.CLAIM_OUTSIDE_PERIOD, text)]
    text = f"{basis.value}: claim {when} on {made_on} ({what}), in {period}"
    reasons = [Reason(ReasonCode.CLAIM_IN_PERIOD, text)]
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


def _itc(policy: Policy, complainant: bool) -> Reason:
    terms = policy.terms
    answer = terms.enforces_in_337 if complainant else terms.responds_to_337
    side = "the insured's own 337 complaint" if complainant else "a 337 case against the insured"
    if answer is Answer.YES:
        return Reason(ReasonCode.ITC_COVERED, f"the wording covers {side} (an ITC investigation)")
    if answer is Answer.NO:
        return Reason(ReasonCode.ITC_NOT_COVERED, f"the policy does not respond to {side}")
    return Reason(
        ReasonCode.ITC_COVER_UNCLEAR,
        "the wording says lawsuit (诉讼); whether an ITC investigation counts is unclear "
        f"(DOMAIN.md §7 item 7): read as covered ({ARTICLE_30}), the claim is adjudicated",
    )


def check_notice(
    policy: Policy,
    dates: ClaimDates,
    *,
    learned_on: date,
    notified_on: date,
    first_accused_sale: date | None = None,
    dispute_known_on: date | None = None,
    late_notice_fault: NoticeFault | None = None,
) -> tuple[Reason, ...]:
    """Return the reasons of a notice decision; any code in :data:`DECLINING` declines it.

    Raises
    ------
    InvalidInput
        When the claim's dates contradict the procedure, the policy's trigger needs a date
        not given, or a fault is given for a notice in time.
    """
    return (
        *_period(policy, dates),
        *_retroactive(policy, first_accused_sale),
        *_known(policy, dispute_known_on),
        _itc(policy, dates.complainant),
        *notice_reasons(policy.terms, learned_on, notified_on, late_notice_fault),
    )


def declines(reasons: tuple[Reason, ...]) -> bool:
    """Tell whether a notice decision declines the claim."""
    return any(reason.code in DECLINING for reason in reasons)
