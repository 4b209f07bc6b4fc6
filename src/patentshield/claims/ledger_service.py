"""The ledger use case: an invoice added to an open claim, in the policy currency's terms.

An invoice's amount must be plausible (at most CNY/USD 10¹², whole cents) and a rate given
with it storable (:mod:`patentshield.kernel.limits`), checked before anything is written.
An invoice in another currency than the policy's takes the rate given with it, or else the
runtime's USD/CNY table (:class:`~patentshield.kernel.fx.FxTable`) on the invoice date, provided
that fixing is recent (``STALE_AFTER_DAYS``); an attachment must be a file of the case's
evidence vault.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from patentshield.cases import evidence_store
from patentshield.catalog.model import CostCategory
from patentshield.claims.ledger_store import LedgerRepository
from patentshield.claims.model import Expense, Phase
from patentshield.claims.scoping import claim_for
from patentshield.claims.store import ClaimRepository
from patentshield.claims.workflow import check_takes_invoices
from patentshield.kernel.access import Permission
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.fx import FxTable
from patentshield.kernel.money import Currency, Money, check_amount, check_fx_rate
from patentshield.kernel.runtime import Runtime


@dataclass(frozen=True, slots=True)
class ExpenseInput:
    """An invoice as the user gives it; ``fx_rate`` defaults to the table's rate of its day."""

    invoice_number: str
    vendor: str
    category: CostCategory
    phase: Phase
    invoice_date: date
    amount: Money
    fx_rate: Decimal | None = None
    description: str = ""
    attachment: str | None = None
    own_staff: bool = False
    joint_allocation: str | None = None


def _rate(data: ExpenseInput, currency: Currency, fx: FxTable) -> Decimal:
    """Return the policy currency per invoice currency for ``data``."""
    if data.amount.currency is currency:
        return Decimal(1)
    if data.fx_rate is not None:
        return check_fx_rate(data.fx_rate)
    rate, stale = fx.usd_cny(data.invoice_date)
    if stale:
        raise InvalidInput(
            "fx_rate",
            f"the latest USD/CNY fixing ({rate.as_of}) is too old for an invoice of "
            f"{data.invoice_date}: give the rate of the invoice date",
            message_id="refusal.fx_stale",
            params={"fixing": rate.as_of, "invoice_date": data.invoice_date},
        )
    if data.amount.currency is rate.base:
        return rate.rate
    return Decimal(1) / rate.rate


def new_expense(claim_id: str, data: ExpenseInput, currency: Currency, fx: FxTable) -> Expense:
    """Check an invoice and return it as a ledger line (not saved)."""
    if not data.invoice_number.strip():
        raise InvalidInput("invoice", "give the invoice number")
    if not data.vendor.strip():
        raise InvalidInput("vendor", "name the vendor")
    if data.amount.amount <= 0:
        raise InvalidInput("amount", "must be positive", message_id="refusal.not_positive")
    check_amount(data.amount.amount, field="amount")
    return Expense(
        id=f"ex-{uuid.uuid4().hex[:12]}",
        claim_id=claim_id,
        invoice_number=data.invoice_number.strip(),
        vendor=data.vendor.strip(),
        category=data.category,
        phase=data.phase,
        invoice_date=data.invoice_date,
        amount=data.amount.rounded(),
        fx_rate=_rate(data, currency, fx),
        description=data.description,
        attachment=data.attachment,
        own_staff=data.own_staff,
        joint_allocation=data.joint_allocation,
    )


def record_expense(session: Session, claim_id: str, data: ExpenseInput, *, fx: FxTable) -> Expense:
    """Add an invoice to an open claim's ledger (in the caller's transaction)."""
    claim = ClaimRepository(session).get(claim_id, lock=True)
    check_takes_invoices(claim)
    expense = new_expense(claim.id, data, claim.currency, fx)
    attachment = expense.attachment
    if attachment is not None and not evidence_store.evidence_with_hash(
        session, claim.case_id, attachment
    ):
        raise InvalidInput("attachment", f"{attachment} is not a file of the case's evidence")
    LedgerRepository(session).add_expense(expense)
    return expense


def add_expense(runtime: Runtime, claim_id: str, data: ExpenseInput) -> Expense:
    """Add an invoice to an open claim's ledger."""
    fx = runtime.reference.get(FxTable)
    with runtime.unit_of_work() as session:
        claim_for(runtime, session, claim_id, Permission.CLAIMS_EXPENSE)
        return record_expense(session, claim_id, data, fx=fx)
