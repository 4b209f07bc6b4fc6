"""Tables and repository of claims, their ledger, adjudications, payments (migration ``0007``).

* ``claims`` — one per (case, insured respondent), with the running adjudicated and paid
  totals the payment lock guards;
* ``claim_expenses`` — the invoice ledger (invoice number unique per claim);
* ``claim_adjudications`` — every adjudication run, numbered per claim, with its lines and
  reasons as JSON;
* ``claim_payments`` — payments with a unique idempotency key and the request's fingerprint;
* ``policy_claim_accounts`` — per policy: the total adjudicated and paid over all its claims,
  locked by adjudication so the aggregate limit holds across concurrent claims;
* ``joint_defence_groups`` / ``joint_defence_allocations`` — groups of co-respondents sharing
  invoices, and each allocation made;
* ``case_outcomes`` — how a case ended for the parties (settlement, orders …).
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
    Numeric,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from patentshield.claims.model import (
    Claim,
    ClaimStatus,
    Expense,
    Payment,
    Phase,
    Reason,
    ReasonCode,
)
from patentshield.kernel.db import Base, as_utc, insert_if_missing, lock_rows_supported
from patentshield.kernel.errors import NotFound
from patentshield.kernel.money import Currency, Money
from patentshield.products.model import CostCategory


class ClaimRow(Base):
    """One claim of one insured respondent in one case."""

    __tablename__ = "claims"
    __table_args__ = (UniqueConstraint("case_id", "respondent"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    policy_number: Mapped[str] = mapped_column(String(60), index=True)
    respondent: Mapped[str] = mapped_column(String(200))
    notified_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    notice_reasons: Mapped[list[object]] = mapped_column(JSON)
    first_accused_sale: Mapped[date | None] = mapped_column(Date)
    dispute_known_on: Mapped[date | None] = mapped_column(Date)
    reopened: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    adjudicated: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    paid: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    adjudication_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


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
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    fx_rate: Mapped[Decimal] = mapped_column(Numeric(18, 8))
    description: Mapped[str] = mapped_column(Text)
    attachment: Mapped[str | None] = mapped_column(String(64))
    own_staff: Mapped[bool] = mapped_column(Boolean)
    joint_allocation: Mapped[str | None] = mapped_column(String(40))


class AdjudicationRow(Base):
    """One adjudication run of a claim."""

    __tablename__ = "claim_adjudications"

    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    decided_on: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    claimed: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    eligible: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    payable: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    document: Mapped[dict[str, object]] = mapped_column(JSON)


class PaymentRow(Base):
    """One payment on a claim."""

    __tablename__ = "claim_payments"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    paid_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PolicyAccountRow(Base):
    """What all claims of one policy were adjudicated and paid."""

    __tablename__ = "policy_claim_accounts"

    policy_number: Mapped[str] = mapped_column(String(60), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    adjudicated: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    paid: Mapped[Decimal] = mapped_column(Numeric(18, 2))


class JointGroupRow(Base):
    """A joint-defence group of co-respondents in one case."""

    __tablename__ = "joint_defence_groups"
    __table_args__ = (UniqueConstraint("case_id", "name"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    rule: Mapped[str] = mapped_column(String(20))
    members: Mapped[list[object]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JointAllocationRow(Base):
    """One shared invoice split among a group's members."""

    __tablename__ = "joint_defence_allocations"
    __table_args__ = (UniqueConstraint("group_id", "invoice_number"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    group_id: Mapped[str] = mapped_column(ForeignKey("joint_defence_groups.id"), index=True)
    invoice_number: Mapped[str] = mapped_column(String(120))
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    document: Mapped[dict[str, object]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OutcomeRow(Base):
    """How a case ended, or an event of its end (orders, appeal, design-around)."""

    __tablename__ = "case_outcomes"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    day: Mapped[date] = mapped_column(Date)
    orders: Mapped[list[object]] = mapped_column(JSON)
    wilful_infringement: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def reasons_from_json(items: list[object]) -> tuple[Reason, ...]:
    """Rebuild reasons from JSON."""
    reasons = []
    for item in items:
        value = cast(dict[str, object], item)
        amount = cast(dict[str, str] | None, value.get("amount"))
        reasons.append(
            Reason(
                ReasonCode(str(value["code"])),
                str(value["explanation"]),
                Money.of(amount["amount"], amount["currency"]) if amount else None,
            )
        )
    return tuple(reasons)


def to_claim(row: ClaimRow, case_number: str) -> Claim:
    """Return the domain claim of a row."""
    return Claim(
        id=row.id,
        case_id=row.case_id,
        case_number=case_number,
        policy_number=row.policy_number,
        respondent=row.respondent,
        notified_on=row.notified_on,
        status=ClaimStatus(row.status),
        notice_reasons=reasons_from_json(row.notice_reasons),
        created_at=as_utc(row.created_at),
        reopened=row.reopened,
        first_accused_sale=row.first_accused_sale,
        dispute_known_on=row.dispute_known_on,
    )


def claim_row(session: Session, claim_id: str, *, lock: bool = False) -> ClaimRow:
    """Return the row of a claim (locked for update when ``lock``); raise NotFound."""
    query = select(ClaimRow).where(ClaimRow.id == claim_id)
    if lock and lock_rows_supported(session):
        query = query.with_for_update()
    row = session.scalars(query.execution_options(populate_existing=True)).one_or_none()
    if row is None:
        raise NotFound(f"no claim {claim_id!r}", field="claim")
    return row


def claims_of_case(session: Session, case_id: str) -> list[ClaimRow]:
    """Return the claim rows of a case."""
    return list(
        session.scalars(select(ClaimRow).where(ClaimRow.case_id == case_id).order_by(ClaimRow.id))
    )


def to_expense(row: ExpenseRow) -> Expense:
    """Return the domain expense of a row."""
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


def add_expense(session: Session, expense: Expense) -> None:
    """Add one invoice to the ledger."""
    session.add(
        ExpenseRow(
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
    )
    session.flush()


def expenses(session: Session, claim_id: str) -> list[Expense]:
    """Return a claim's invoices, oldest first."""
    query = (
        select(ExpenseRow)
        .where(ExpenseRow.claim_id == claim_id)
        .order_by(ExpenseRow.invoice_date, ExpenseRow.invoice_number)
    )
    return [to_expense(row) for row in session.scalars(query)]


def payments(session: Session, claim_id: str) -> list[Payment]:
    """Return a claim's payments, oldest first."""
    query = (
        select(PaymentRow)
        .where(PaymentRow.claim_id == claim_id)
        .order_by(PaymentRow.created_at, PaymentRow.id)
    )
    return [to_payment(row) for row in session.scalars(query)]


def to_payment(row: PaymentRow) -> Payment:
    """Return the domain payment of a row."""
    return Payment(
        id=row.id,
        claim_id=row.claim_id,
        idempotency_key=row.idempotency_key,
        amount=Money(row.amount, Currency(row.currency)),
        paid_on=row.paid_on,
        created_at=as_utc(row.created_at),
        note=row.note,
    )


def payment_by_key(session: Session, key: str) -> PaymentRow | None:
    """Return the payment made under an idempotency key, if any."""
    return session.scalars(
        select(PaymentRow).where(PaymentRow.idempotency_key == key)
    ).one_or_none()


def lock_policy_account(
    session: Session, policy_number: str, currency: Currency
) -> PolicyAccountRow:
    """Create the policy's claim account when missing, then lock and return it."""
    values = {
        "policy_number": policy_number,
        "currency": currency.value,
        "adjudicated": Decimal(0),
        "paid": Decimal(0),
    }
    insert_if_missing(session, PolicyAccountRow, values)
    query = select(PolicyAccountRow).where(PolicyAccountRow.policy_number == policy_number)
    if lock_rows_supported(session):
        query = query.with_for_update()
    return session.scalars(query.execution_options(populate_existing=True)).one()


def latest_adjudication(session: Session, claim_id: str) -> AdjudicationRow | None:
    """Return the latest adjudication run of a claim, if any."""
    query = (
        select(AdjudicationRow)
        .where(AdjudicationRow.claim_id == claim_id)
        .order_by(AdjudicationRow.version.desc())
        .limit(1)
    )
    return session.scalars(query).one_or_none()
