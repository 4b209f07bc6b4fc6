"""Claims as values: the notice, the expense ledger, decisions with reason codes, payments.

Every decision carries :class:`Reason` lines: a stable ``code`` (:class:`ReasonCode`, part of
the JSON contract), the amount it moved and a sentence that names the rule. Amounts are in the
policy currency; an invoice in another currency keeps its own amount and the FX rate of its
invoice date. A :class:`Claim` carries its running totals (adjudicated, paid), and a
:class:`PolicyAccount` the totals of all claims of one policy; both change only through their
methods, which return the changed value.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from patentshield.catalog.model import CostCategory
from patentshield.claims.reserve import Reserve
from patentshield.kernel.money import Currency, Money
from patentshield.policies.model import Policy


class ReasonCode(StrEnum):
    """Stable codes of every notice and adjudication decision."""

    NOTICE_IN_TIME = "notice_in_time"
    NOTICE_LATE = "notice_late"
    LATE_NOTICE_FAULT = "late_notice_fault"
    LATE_NOTICE_UNDETERMINABLE = "late_notice_undeterminable"
    CLAIM_IN_PERIOD = "claim_in_period"
    CLAIM_OUTSIDE_PERIOD = "claim_outside_period"
    POLICY_CANCELLED = "policy_cancelled"
    BEFORE_RETROACTIVE_DATE = "before_retroactive_date"
    RETROACTIVE_DATE_UNCHECKED = "retroactive_date_unchecked"
    KNOWN_DISPUTE = "known_dispute"
    ITC_COVERED = "itc_covered"
    ITC_NOT_COVERED = "itc_not_covered"
    ITC_COVER_UNCLEAR = "itc_cover_unclear"
    CLAIM_DECLINED = "claim_declined"
    CATEGORY_COVERED = "category_covered"
    CATEGORY_NOT_COVERED = "category_not_covered"
    CATEGORY_COVER_UNCLEAR = "category_cover_unclear"
    COUNSEL_CONSENTED = "counsel_consented"
    NO_COUNSEL_CONSENT = "no_counsel_consent"
    NOT_PANEL_COUNSEL = "not_panel_counsel"
    OWN_STAFF_EXPERT = "own_staff_expert"
    WILFUL_INFRINGEMENT = "wilful_infringement"
    WILFUL_FINDING_NOT_FINAL = "wilful_finding_not_final"
    GOOD_FAITH_EVIDENCE = "good_faith_evidence"
    RECOUPMENT = "recoupment"
    SETTLEMENT_CONSENTED = "settlement_consented"
    NO_SETTLEMENT_CONSENT = "no_settlement_consent"
    SETTLEMENT_OVER_CONSENT = "settlement_over_consent"
    SUB_LIMIT = "sub_limit"
    DEDUCTIBLE = "deductible"
    COINSURANCE = "coinsurance"
    PER_CLAIM_LIMIT = "per_claim_limit"
    AGGREGATE_LIMIT = "aggregate_limit"
    CURRENCY_CONVERTED = "currency_converted"


class NoticeFault(StrEnum):
    """Why a notice came late, when the insurer shows it (PRC Insurance Law art. 21).

    Only an intentional or grossly negligent delay lets the insurer refuse anything, and then
    only the part of the loss the delay made impossible to determine.
    """

    INTENTIONAL = "intentional"
    GROSS_NEGLIGENCE = "gross_negligence"


class ClaimStatus(StrEnum):
    """Where a claim stands; the moves between them are :mod:`patentshield.claims.workflow`'s."""

    OPEN = "open"
    DECLINED = "declined"
    CLOSED = "closed"


class Phase(StrEnum):
    """Procedure phase an invoice belongs to (for the ledger and the reserve)."""

    PRE_INSTITUTION = "pre_institution"
    PLEADINGS = "pleadings"
    DISCOVERY = "discovery"
    HEARING = "hearing"
    REVIEW = "review"
    REMEDY = "remedy"
    APPEAL = "appeal"
    POST_ORDER = "post_order"
    SETTLEMENT = "settlement"


class LineOutcome(StrEnum):
    """What adjudication did to one invoice."""

    ACCEPTED = "accepted"
    PARTIAL = "partial"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class Reason:
    """One step of a decision: its code, the amount it moved (if any) and why."""

    code: ReasonCode
    explanation: str
    amount: Money | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A notice of claim under one policy for one insured respondent of one case.

    ``adjudicated`` is the payable amount of the latest adjudication (number
    ``adjudication_version``), ``paid`` the sum of its payments, both in the policy currency.
    """

    id: str
    case_id: str
    case_number: str
    policy_number: str
    respondent: str
    notified_on: date
    status: ClaimStatus
    notice_reasons: tuple[Reason, ...]
    created_at: datetime
    adjudicated: Money
    paid: Money
    adjudication_version: int = 0
    reopened: int = 0
    first_accused_sale: date | None = None
    dispute_known_on: date | None = None
    first_demand_on: date | None = None
    named_by_amendment_on: date | None = None
    served_on: date | None = None
    late_notice_fault: NoticeFault | None = None

    @property
    def currency(self) -> Currency:
        """The policy currency the claim is kept in."""
        return self.adjudicated.currency

    def adjudicated_as(self, adjudication: Adjudication) -> Claim:
        """Return the claim after ``adjudication`` (its payable replaces the previous one)."""
        return replace(
            self, adjudicated=adjudication.payable, adjudication_version=adjudication.version
        )

    def paying(self, amount: Money) -> Claim:
        """Return the claim after a payment of ``amount``."""
        return replace(self, paid=self.paid + amount)


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """One move of a claim's status: from (``None`` for the notice), to, day, why, when recorded.

    ``reason`` says why the claim moved: the notice's decision, what settled it (an outcome, a
    close), or the note of whoever reopened it.
    """

    claim_id: str
    sequence: int
    from_status: ClaimStatus | None
    to_status: ClaimStatus
    day: date
    reason: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class PolicyAccount:
    """What all claims of one policy were adjudicated and paid (the aggregate limit's account)."""

    policy_number: str
    adjudicated: Money
    paid: Money

    def readjudicated(self, before: Claim, after: Claim) -> PolicyAccount:
        """Return the account after one of its claims went from ``before`` to ``after``."""
        return replace(self, adjudicated=self.adjudicated - before.adjudicated + after.adjudicated)

    def paying(self, amount: Money) -> PolicyAccount:
        """Return the account after a payment of ``amount`` on one of its claims."""
        return replace(self, paid=self.paid + amount)


@dataclass(frozen=True, slots=True)
class Expense:
    """One invoice in a claim's ledger (``amount`` in the invoice currency)."""

    id: str
    claim_id: str
    invoice_number: str
    vendor: str
    category: CostCategory
    phase: Phase
    invoice_date: date
    amount: Money
    fx_rate: Decimal
    description: str = ""
    attachment: str | None = None
    own_staff: bool = False
    joint_allocation: str | None = None


@dataclass(frozen=True, slots=True)
class SettlementConsent:
    """The insurer's written consent to a settlement or licence with one counterparty.

    ``maximum`` (in the policy currency) is the most the insurer agreed the claim pays the
    ``counterparty`` (the complainant, or the licensor); ``sequence`` counts the claim's
    consents from 1, so that a later consent to the same counterparty supersedes an earlier one
    (:func:`patentshield.claims.consent.consent_in_force`) while both stay recorded.
    """

    claim_id: str
    sequence: int
    counterparty: str
    consented_on: date
    maximum: Money
    consented_by: str
    recorded_at: datetime
    terms: str = ""


@dataclass(frozen=True, slots=True)
class LineDecision:
    """Adjudication of one invoice: claimed (policy currency), payable and the reasons."""

    expense_id: str
    invoice_number: str
    category: CostCategory
    claimed: Money
    eligible: Money
    payable: Money
    outcome: LineOutcome
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Adjudication:
    """Adjudication of a whole claim against the frozen terms (one version per run)."""

    claim_id: str
    version: int
    decided_on: date
    claimed: Money
    eligible: Money
    payable: Money
    lines: tuple[LineDecision, ...]
    reasons: tuple[Reason, ...]

    @property
    def recoupment(self) -> Money:
        """What the insured owes back of the costs advanced (zero unless a reason recoups)."""
        owed = [-r.amount for r in self.reasons if r.code is ReasonCode.RECOUPMENT and r.amount]
        return sum(owed, Money.zero(self.payable.currency))


@dataclass(frozen=True, slots=True)
class Payment:
    """Money paid on a claim, never more than adjudicated and not yet paid."""

    id: str
    claim_id: str
    idempotency_key: str
    amount: Money
    paid_on: date
    created_at: datetime
    note: str = ""


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim with its policy, ledger, adjudication, payments, reserve, history and consents."""

    claim: Claim
    policy: Policy
    expenses: tuple[Expense, ...]
    adjudication: Adjudication | None
    payments: tuple[Payment, ...]
    reserve: Reserve | None
    history: tuple[StatusEvent, ...]
    settlement_consents: tuple[SettlementConsent, ...] = ()

    @property
    def adjudicated(self) -> Money:
        """The payable amount of the latest adjudication."""
        return self.claim.adjudicated

    @property
    def paid(self) -> Money:
        """What was paid on the claim."""
        return self.claim.paid
