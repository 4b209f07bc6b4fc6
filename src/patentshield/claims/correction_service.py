"""Void or correct an invoice of an open claim, keeping its history.

An invoice that should not be in the ledger (entered twice, implausible, for another claim) is
**voided**: its row stays, marked with the day, and adjudication no longer reads it. An
invoice with a wrong value is **corrected**: the new values are checked exactly as a new
invoice's (:func:`~patentshield.claims.ledger_service.new_expense`: bounds, precision, rate)
and written over the row (the exchange rate stays unless a new one is given). Either way one
:class:`~patentshield.claims.corrections.InvoiceChange` records the values before and after,
the reason, the day and the runtime's clock, in the same transaction; the audit log records
the change too. Only an open claim's ledger changes (as for
a new invoice); the next adjudication works on the ledger as corrected, and never below what
was paid.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from patentshield.claims.corrections import (
    ChangeKind,
    InvoiceChange,
    InvoiceCorrection,
    checked_reason,
    corrected,
    invoice_values,
)
from patentshield.claims.ledger_service import ExpenseInput, new_expense
from patentshield.claims.ledger_store import LedgerRepository
from patentshield.claims.model import Claim, Expense
from patentshield.claims.scoping import claim_for
from patentshield.claims.store import ClaimRepository
from patentshield.claims.workflow import check_takes_invoices
from patentshield.kernel.access import Permission
from patentshield.kernel.fx import FxTable
from patentshield.kernel.runtime import Runtime


def _open_claim(session: Session, claim_id: str) -> Claim:
    claim = ClaimRepository(session).get(claim_id, lock=True)
    check_takes_invoices(claim)
    return claim


def _record(
    runtime: Runtime,
    ledger: LedgerRepository,
    before: Expense,
    after: Expense | None,
    *,
    day: date,
    reason: str,
) -> InvoiceChange:
    change = InvoiceChange(
        claim_id=before.claim_id,
        expense_id=before.id,
        invoice_number=before.invoice_number,
        sequence=ledger.next_change(before.claim_id),
        kind=ChangeKind.VOIDED if after is None else ChangeKind.CORRECTED,
        day=day,
        reason=reason,
        before=invoice_values(before),
        after=None if after is None else invoice_values(after),
        recorded_at=runtime.clock.now(),
    )
    ledger.add_change(change)
    return change


def void_invoice(
    runtime: Runtime, claim_id: str, invoice_number: str, *, day: date, reason: str
) -> InvoiceChange:
    """Take an invoice out of an open claim's ledger; its row and history stay.

    Raises
    ------
    NotFound
        When the claim has no such invoice in force.
    InvalidTransition
        When the claim is not open.
    InvalidInput
        When no reason is given.
    """
    why = checked_reason(reason)
    with runtime.unit_of_work() as session:
        claim_for(runtime, session, claim_id, Permission.CLAIMS_EXPENSE)
        claim = _open_claim(session, claim_id)
        ledger = LedgerRepository(session)
        expense = ledger.expense(claim.id, invoice_number)
        change = _record(runtime, ledger, expense, None, day=day, reason=why)
        ledger.replace_expense(expense, voided_on=day)
        return change


def correct_invoice(
    runtime: Runtime,
    claim_id: str,
    invoice_number: str,
    correction: InvoiceCorrection,
    *,
    day: date,
    reason: str,
) -> InvoiceChange:
    """Write new values over an invoice of an open claim, checked as a new invoice's.

    Raises
    ------
    NotFound
        When the claim has no such invoice in force.
    InvalidTransition
        When the claim is not open.
    InvalidInput
        When no reason is given, nothing changes, or a new value is out of bounds.
    """
    why = checked_reason(reason)
    fx = runtime.reference.get(FxTable)
    with runtime.unit_of_work() as session:
        claim_for(runtime, session, claim_id, Permission.CLAIMS_EXPENSE)
        claim = _open_claim(session, claim_id)
        ledger = LedgerRepository(session)
        before = ledger.expense(claim.id, invoice_number)
        wanted = corrected(before, correction)
        after = replace(new_expense(claim.id, _as_input(wanted), claim.currency, fx), id=before.id)
        change = _record(runtime, ledger, before, after, day=day, reason=why)
        ledger.replace_expense(after)
        return change


def _as_input(expense: Expense) -> ExpenseInput:
    """Return an invoice as input again; its rate stays unless the correction gave one."""
    return ExpenseInput(
        invoice_number=expense.invoice_number,
        vendor=expense.vendor,
        category=expense.category,
        phase=expense.phase,
        invoice_date=expense.invoice_date,
        amount=expense.amount,
        fx_rate=expense.fx_rate,
        description=expense.description,
        attachment=expense.attachment,
        own_staff=expense.own_staff,
        joint_allocation=expense.joint_allocation,
    )


def invoice_history(runtime: Runtime, claim_id: str) -> list[InvoiceChange]:
    """Return every void and correction of a claim's invoices, in order."""
    with runtime.unit_of_work() as session:
        claim = claim_for(runtime, session, claim_id, Permission.CLAIMS_READ)
        return LedgerRepository(session).changes(claim.id)
