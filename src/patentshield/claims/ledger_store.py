"""Tables and repository of a claim's ledger: invoices, adjudication runs, payments (``0007``).

* ``claim_expenses`` — the invoice ledger (invoice number unique per claim; ``0015`` adds the
  day it was voided; the day of the insurer's consent that ``0012`` added went with ``0020``,
  which records the consents themselves, :mod:`~patentshield.claims.settlement_store`);
* ``claim_adjudications`` — every adjudication run, numbered per claim, with its lines and
  reasons as a JSON document;
* ``claim_payments`` — payments with a unique idempotency key and the request's fingerprint;
* ``claim_invoice_changes`` — every void and correction of an invoice, with its values before
  and after (``0015``); a voided invoice keeps its row (``voided_on``) and leaves the ledger
  that adjudication reads.

:class:`LedgerRepository` takes and returns the values of :mod:`patentshield.claims.model`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from patentshield.catalog.model import CostCategory
from patentshield.claims.corrections import ChangeKind, InvoiceChange
from patentshield.claims.model import Adjudication, Expense, Payment, Phase
from patentshield.claims.serialise import adjudication_from_json, adjudication_json
from patentshield.claims.store import add_unique
from patentshield.kernel.db import Base, ExactNumeric, as_utc
from patentshield.kernel.errors import Conflict, NotFound
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, Money


class ExpenseRow(Base):
    """One invoice of a claim's ledger."""

    __tablename__ = "claim_expenses"
    __table_args__ = (UniqueConstraint("claim_id", "invoice_number"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    invoice_number: Mapped[str] = mapped_column(String(120))
    vendor: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(40))
    phase: Mapped[str] = mapped_column(String(30))
    invoice_date: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    fx_rate: Mapped[Decimal] = mapped_column(ExactNumeric(18, 8))
    description: Mapped[str] = mapped_column(Text)
    attachment: Mapped[str | None] = mapped_column(String(64))
    own_staff: Mapped[bool] = mapped_column(Boolean)
    joint_allocation: Mapped[str | None] = mapped_column(String(40))
    voided_on: Mapped[date | None] = mapped_column(Date)


class InvoiceChangeRow(Base):
    """One void or correction of an invoice (``sequence`` counts per claim)."""

    __tablename__ = "claim_invoice_changes"

    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    expense_id: Mapped[str] = mapped_column(ForeignKey("claim_expenses.id"), index=True)
    invoice_number: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    before: Mapped[dict[str, object]] = mapped_column(JSON)
    after: Mapped[dict[str, object] | None] = mapped_column(JSON)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AdjudicationRow(Base):
    """One adjudication run of a claim."""

    __tablename__ = "claim_adjudications"

    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    decided_on: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    claimed: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    eligible: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    payable: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    document: Mapped[dict[str, object]] = mapped_column(JSON)


class PaymentRow(Base):
    """One payment on a claim."""

    __tablename__ = "claim_payments"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    paid_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _to_expense(row: ExpenseRow) -> Expense:
    return Expense(
        id=row.id,
        claim_id=row.claim_id,
        invoice_number=row.invoice_number,
        vendor=row.vendor,
        category=CostCategory(row.category),
        phase=Phase(row.phase),
        invoice_date=row.invoice_date,
        amount=Money(row.amount, Currency(row.currency)),
        fx_rate=row.fx_rate,
        description=row.description,
        attachment=row.attachment,
        own_staff=row.own_staff,
        joint_allocation=row.joint_allocation,
    )


def _expense_row(expense: Expense) -> ExpenseRow:
    return ExpenseRow(
        id=expense.id,
        claim_id=expense.claim_id,
        invoice_number=expense.invoice_number,
        vendor=expense.vendor,
        category=expense.category.value,
        phase=expense.phase.value,
        invoice_date=expense.invoice_date,
        currency=expense.amount.currency.value,
        amount=expense.amount.amount,
        fx_rate=expense.fx_rate,
        description=expense.description,
        attachment=expense.attachment,
        own_staff=expense.own_staff,
        joint_allocation=expense.joint_allocation,
    )


def _to_change(row: InvoiceChangeRow) -> InvoiceChange:
    return InvoiceChange(
        claim_id=row.claim_id,
        expense_id=row.expense_id,
        invoice_number=row.invoice_number,
        sequence=row.sequence,
        kind=ChangeKind(row.kind),
        day=row.day,
        reason=row.reason,
        before=cast(dict[str, JsonValue], row.before),
        after=cast(dict[str, JsonValue] | None, row.after),
        recorded_at=as_utc(row.recorded_at),
    )


def _to_payment(row: PaymentRow) -> Payment:
    return Payment(
        id=row.id,
        claim_id=row.claim_id,
        idempotency_key=row.idempotency_key,
        amount=Money(row.amount, Currency(row.currency)),
        paid_on=row.paid_on,
        created_at=as_utc(row.created_at),
        note=row.note,
    )


class LedgerRepository:
    """Load and save a claim's invoices, adjudication runs and payments in one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_expense(self, expense: Expense) -> None:
        """Add one invoice to its claim's ledger.

        Raises
        ------
        Conflict
            When the claim already has an invoice with this number (the session stays usable).
        """
        conflict = Conflict(
            f"invoice {expense.invoice_number} is already in claim {expense.claim_id}",
            field="invoice",
        )
        add_unique(self.session, _expense_row(expense), conflict)

    def expenses(self, claim_id: str) -> list[Expense]:
        """Return a claim's invoices in force (not voided), oldest first."""
        query = (
            select(ExpenseRow)
            .where(ExpenseRow.claim_id == claim_id, ExpenseRow.voided_on.is_(None))
            .order_by(ExpenseRow.invoice_date, ExpenseRow.invoice_number)
        )
        return [_to_expense(row) for row in self.session.scalars(query)]

    def _row_of(self, claim_id: str, invoice_number: str) -> ExpenseRow:
        query = select(ExpenseRow).where(
            ExpenseRow.claim_id == claim_id, ExpenseRow.invoice_number == invoice_number.strip()
        )
        row = self.session.scalars(query).one_or_none()
        if row is None or row.voided_on is not None:
            state = "was voided" if row is not None else "is not in"
            raise NotFound(f"invoice {invoice_number} {state} claim {claim_id}", field="invoice")
        return row

    def expense(self, claim_id: str, invoice_number: str) -> Expense:
        """Return a claim's invoice in force by its number.

        Raises
        ------
        NotFound
            When the claim has no such invoice, or it was voided.
        """
        return _to_expense(self._row_of(claim_id, invoice_number))

    def replace_expense(self, expense: Expense, *, voided_on: date | None = None) -> None:
        """Write the values of ``expense`` over its row, or mark it voided on ``voided_on``."""
        row = self._row_of(expense.claim_id, expense.invoice_number)
        fresh = _expense_row(expense)
        for name in ("vendor", "category", "phase", "invoice_date", "currency", "amount"):
            setattr(row, name, getattr(fresh, name))
        row.fx_rate, row.description, row.voided_on = fresh.fx_rate, fresh.description, voided_on
        self.session.flush()

    def add_change(self, change: InvoiceChange) -> None:
        """Append a void or correction to the claim's invoice history."""
        self.session.add(
            InvoiceChangeRow(
                claim_id=change.claim_id,
                sequence=change.sequence,
                expense_id=change.expense_id,
                invoice_number=change.invoice_number,
                kind=change.kind.value,
                day=change.day,
                reason=change.reason,
                before=dict(change.before),
                after=None if change.after is None else dict(change.after),
                recorded_at=change.recorded_at,
            )
        )
        self.session.flush()

    def next_change(self, claim_id: str) -> int:
        """Return the sequence number of the claim's next invoice change."""
        query = select(func.coalesce(func.max(InvoiceChangeRow.sequence), 0)).where(
            InvoiceChangeRow.claim_id == claim_id
        )
        return int(self.session.scalar(query) or 0) + 1

    def changes(self, claim_id: str) -> list[InvoiceChange]:
        """Return the voids and corrections of a claim's invoices, in order."""
        query = (
            select(InvoiceChangeRow)
            .where(InvoiceChangeRow.claim_id == claim_id)
            .order_by(InvoiceChangeRow.sequence)
        )
        return [_to_change(row) for row in self.session.scalars(query)]

    def add_adjudication(self, adjudication: Adjudication) -> None:
        """Add one adjudication run with its lines and reasons."""
        self.session.add(
            AdjudicationRow(
                claim_id=adjudication.claim_id,
                version=adjudication.version,
                decided_on=adjudication.decided_on,
                currency=adjudication.payable.currency.value,
                claimed=adjudication.claimed.amount,
                eligible=adjudication.eligible.amount,
                payable=adjudication.payable.amount,
                document=cast(dict[str, object], adjudication_json(adjudication)),
            )
        )
        self.session.flush()

    def latest_adjudication(self, claim_id: str) -> Adjudication | None:
        """Return the latest adjudication run of a claim, if any."""
        query = (
            select(AdjudicationRow.document)
            .where(AdjudicationRow.claim_id == claim_id)
            .order_by(AdjudicationRow.version.desc())
            .limit(1)
        )
        document = self.session.scalars(query).one_or_none()
        return None if document is None else adjudication_from_json(document)

    def adjudication_history(self, claim_id: str) -> list[tuple[date, Money]]:
        """Return every adjudication run's day and payable amount, oldest version first."""
        query = (
            select(AdjudicationRow.decided_on, AdjudicationRow.payable, AdjudicationRow.currency)
            .where(AdjudicationRow.claim_id == claim_id)
            .order_by(AdjudicationRow.version)
        )
        return [
            (decided_on, Money(payable, Currency(currency)))
            for decided_on, payable, currency in self.session.execute(query)
        ]

    def add_payment(self, payment: Payment, *, fingerprint: str) -> None:
        """Add a payment with the fingerprint of the request that made it."""
        self.session.add(
            PaymentRow(
                id=payment.id,
                claim_id=payment.claim_id,
                idempotency_key=payment.idempotency_key,
                fingerprint=fingerprint,
                currency=payment.amount.currency.value,
                amount=payment.amount.amount,
                paid_on=payment.paid_on,
                note=payment.note,
                created_at=payment.created_at,
            )
        )
        self.session.flush()

    def payment_by_key(self, key: str) -> tuple[Payment, str] | None:
        """Return the payment made under an idempotency key with its fingerprint, if any."""
        row = self.session.scalars(
            select(PaymentRow).where(PaymentRow.idempotency_key == key)
        ).one_or_none()
        return None if row is None else (_to_payment(row), row.fingerprint)

    def payments(self, claim_id: str) -> list[Payment]:
        """Return a claim's payments, oldest first."""
        query = (
            select(PaymentRow)
            .where(PaymentRow.claim_id == claim_id)
            .order_by(PaymentRow.created_at, PaymentRow.id)
        )
        return [_to_payment(row) for row in self.session.scalars(query)]
