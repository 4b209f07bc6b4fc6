"""Claims as values: the notice, the expense ledger, decisions with reason codes, payments.

Every decision carries :class:`Reason` lines: a stable ``code`` (:class:`ReasonCode`, part of
the JSON contract), the amount it moved and a sentence that names the rule. Amounts are in the
policy currency; an invoice in another currency keeps its own amount and the FX rate of its
invoice date.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from patentshield.kernel.money import Money
from patentshield.products.model import CostCategory


class ReasonCode(StrEnum):
    """Stable codes of every notice and adjudication decision."""

    NOTICE_IN_TIME = "notice_in_time"
    NOTICE_LATE = "notice_late"
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
    SUB_LIMIT = "sub_limit"
    DEDUCTIBLE = "deductible"
    COINSURANCE = "coinsurance"
    PER_CLAIM_LIMIT = "per_claim_limit"
    AGGREGATE_LIMIT = "aggregate_limit"
    CURRENCY_CONVERTED = "currency_converted"


class ClaimStatus(StrEnum):
    """Where a claim stands."""

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
    """A notice of claim under one policy for one insured respondent of one case."""

    id: str
    case_id: str
    case_number: str
    policy_number: str
    respondent: str
    notified_on: date
    status: ClaimStatus
    notice_reasons: tuple[Reason, ...]
    created_at: datetime
    reopened: int = 0
    first_accused_sale: date | None = None
    dispute_known_on: date | None = None


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
