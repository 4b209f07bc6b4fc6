"""Which invoices a policy answers at all: the checks before any amount is computed.

Each invoice of a claim goes through the same checks, in this order; the first refusal
declines it (its code is in :data:`REFUSALS`), the other reasons are recorded beside it:

1. **Claim** — a declined notice declines every invoice; so does a district court's finding of
   wilful infringement against the insured under a wording that excludes it (or, under a
   final-adjudication clause, once the finding is final; :mod:`~patentshield.claims.wilful`).
2. **Late notice** — under an intentional or grossly negligent delay, an invoice incurred during
   the delay is the undeterminable part of the loss (PRC Insurance Law art. 21,
   :mod:`~patentshield.claims.latenotice`).
3. **Category** — a category the wording covers is paid; one it is *unclear* on is read as
   covered (PRC Insurance Law art. 30, :func:`patentshield.catalog.coverage.is_read_as_covered`,
   ``category_cover_unclear`` records the reading); one it does not cover is declined.
4. **Consent** — counsel fees and settlement or licence payments need the insurer's consent
   (:mod:`~patentshield.claims.consent`).
5. **Exclusions** — the insured's own staff as experts, where excluded.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from patentshield.catalog.coverage import ARTICLE_30, is_read_as_covered
from patentshield.catalog.model import CostCategory, Cover, Exclusion
from patentshield.claims.consent import Consent, counsel_reason, settlement_reason
from patentshield.claims.latenotice import LateNotice, undeterminable_reason
from patentshield.claims.model import Expense, Reason, ReasonCode, SettlementConsent
from patentshield.claims.wilful import WilfulFinding, good_faith_reason, wilful_reason
from patentshield.compliance.fto import FtoOpinion
from patentshield.kernel.money import Money
from patentshield.policies.terms import PolicyTerms

REFUSALS = frozenset(
    {
        ReasonCode.CLAIM_DECLINED,
        ReasonCode.WILFUL_INFRINGEMENT,
        ReasonCode.LATE_NOTICE_UNDETERMINABLE,
        ReasonCode.CATEGORY_NOT_COVERED,
        ReasonCode.NO_COUNSEL_CONSENT,
        ReasonCode.NOT_PANEL_COUNSEL,
        ReasonCode.NO_SETTLEMENT_CONSENT,
        ReasonCode.OWN_STAFF_EXPERT,
    }
)
"""Codes that decline the invoice they end."""


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """What adjudication needs besides the terms and the invoices.

    ``wilful`` is a district court's finding against this claim's insured; ``late_notice`` the
    notice given after its period; ``paid`` what was paid on the claim (recouped under a final
    finding); ``others_payable`` what the policy's other claims were adjudicated;
    ``good_faith`` the insured's FTO opinions and ``asserted`` the case's patents (named beside
    a wilful finding); ``panel`` the product's panel counsel (named when counsel lacks consent);
    ``consents`` the insurer's consents to counsel and ``settlements`` its written consents to
    settlements or licences, every one recorded on the claim (superseded ones too).
    """

    claim_id: str
    declined_by_notice: bool
    consents: tuple[Consent, ...] = ()
    settlements: tuple[SettlementConsent, ...] = ()
    wilful: WilfulFinding | None = None
    good_faith: tuple[FtoOpinion, ...] = ()
    asserted: tuple[str, ...] = ()
    panel: tuple[str, ...] = ()
    others_payable: Money | None = None
    late_notice: LateNotice | None = None
    paid: Money | None = None


def _claim_refusal(terms: PolicyTerms, facts: ClaimFacts, expense: Expense) -> list[Reason]:
    if facts.declined_by_notice:
        return [Reason(ReasonCode.CLAIM_DECLINED, "the notice of claim was declined")]
    reasons = []
    good_faith = good_faith_reason(facts.wilful, facts.good_faith, facts.asserted)
    if good_faith is not None:
        reasons.append(good_faith)
    wilful = wilful_reason(terms, facts.wilful)
    if wilful is not None:
        reasons.append(wilful)
        if wilful.code in REFUSALS:
            return reasons
    late = undeterminable_reason(facts.late_notice, expense)
    return [*reasons, late] if late is not None else reasons


def _category(terms: PolicyTerms, expense: Expense) -> Reason:
    cover = terms.cover_for(expense.category)
    name = expense.category.value
    if not is_read_as_covered(cover):
        return Reason(
            ReasonCode.CATEGORY_NOT_COVERED, f"{name} is not covered by {terms.product_id}"
        )
    if cover is Cover.UNCLEAR:
        text = f"the wording of {terms.product_id} is unclear on {name}: read as covered"
        return Reason(ReasonCode.CATEGORY_COVER_UNCLEAR, f"{text} ({ARTICLE_30})")
    return Reason(ReasonCode.CATEGORY_COVERED, f"{name} is covered")


def invoice_reasons(terms: PolicyTerms, facts: ClaimFacts, expense: Expense) -> list[Reason]:
    """Return the checks' reasons for one invoice; a refusal among them declines it."""
    reasons = _claim_refusal(terms, facts, expense)
    if reasons and reasons[-1].code in REFUSALS:
        return reasons
    reasons.append(_category(terms, expense))
    if reasons[-1].code in REFUSALS:
        return reasons
    for consent in (
        counsel_reason(expense, terms.counsel, facts.consents, panel=facts.panel),
        settlement_reason(expense, terms, facts.settlements),
    ):
        if consent is not None:
            reasons.append(consent)
    own = expense.own_staff and Exclusion.INSURED_OWN_STAFF_AS_EXPERTS in terms.exclusions
    if own and expense.category is CostCategory.EXPERTS:
        reasons.append(Reason(ReasonCode.OWN_STAFF_EXPERT, "the insured's own staff as experts"))
    return reasons


def is_declined(reasons: list[Reason]) -> bool:
    """Tell whether an invoice's reasons decline it (any refusal among them)."""
    return any(reason.code in REFUSALS for reason in reasons)
