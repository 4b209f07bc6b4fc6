"""Tables and repository of claims, their status history and the policies' claim accounts.

* ``claims`` (migration ``0007``) — one per (case, insured party), with its status and the
  running adjudicated and paid totals the payment lock guards; ``0012`` adds the notice's
  claim-date facts (first written demand, amended complaint, service) and the late-notice fault;
* ``claim_status_events`` (``0008``) — every move of a claim's status, numbered per claim from
  its notice (the primary key makes two concurrent moves from one status fail);
* ``policy_claim_accounts`` (``0007``) — per policy: the total adjudicated and paid over all its
  claims, locked by adjudication so the aggregate limit holds across concurrent claims.

:class:`ClaimRepository` takes and returns the values of :mod:`patentshield.claims.model`; the
services never see a row. Locking: :meth:`ClaimRepository.get` with ``lock`` and
:meth:`ClaimRepository.lock_account` read the row as last committed and, on PostgreSQL, lock it
with ``SELECT … FOR UPDATE`` until the transaction ends (on SQLite the transaction already holds
the write lock, ``BEGIN IMMEDIATE``). The invoices, adjudication runs and payments of a claim
are in :mod:`~patentshield.claims.ledger_store`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql import ColumnElement

from patentshield.cases.store import CaseRow
from patentshield.claims.model import Claim, ClaimStatus, NoticeFault, PolicyAccount, StatusEvent
from patentshield.claims.serialise import reasons_from_json, reasons_json
from patentshield.kernel.db import (
    Base,
    ExactNumeric,
    as_utc,
    insert_if_missing,
    lock_rows_supported,
)
from patentshield.kernel.errors import Conflict, NotFound
from patentshield.kernel.money import Currency, Money
from patentshield.kernel.tenancy import EVERYTHING, Scope
from patentshield.policies.store import PolicyRow, policies_in_book, visible_policies


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
    first_demand_on: Mapped[date | None] = mapped_column(Date)
    named_by_amendment_on: Mapped[date | None] = mapped_column(Date)
    served_on: Mapped[date | None] = mapped_column(Date)
    late_notice_fault: Mapped[str | None] = mapped_column(String(20))
    reopened: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    adjudicated: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    paid: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    adjudication_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StatusEventRow(Base):
    """One move of a claim's status."""

    __tablename__ = "claim_status_events"

    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PolicyAccountRow(Base):
    """What all claims of one policy were adjudicated and paid."""

    __tablename__ = "policy_claim_accounts"

    policy_number: Mapped[str] = mapped_column(String(60), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    adjudicated: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    paid: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))


def add_unique(session: Session, row: Base, conflict: Conflict) -> None:
    """Add ``row`` in a savepoint; when it breaks a unique key, raise ``conflict`` instead.

    The savepoint keeps the caller's transaction usable after the refusal.
    """
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        raise conflict from None


def visible_claims(scope: Scope, *, book: bool = False) -> ColumnElement[bool]:
    """Return the SQL condition on ``claims`` of the claims ``scope`` sees: those on its policies.

    An exporter sees the claims on the policies of its enterprises, an insurer those on the
    policies of the products it underwrites, an administration none — but with ``book`` (the
    aggregates of programme views) those on the policies of its region.
    """
    condition = policies_in_book(scope) if book else visible_policies(scope)
    numbers = select(PolicyRow.number).where(condition)
    return ClaimRow.policy_number.in_(numbers)


def _to_claim(row: ClaimRow, case_number: str) -> Claim:
    currency = Currency(row.currency)
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
        adjudicated=Money(row.adjudicated, currency),
        paid=Money(row.paid, currency),
        adjudication_version=row.adjudication_version,
        reopened=row.reopened,
        first_accused_sale=row.first_accused_sale,
        dispute_known_on=row.dispute_known_on,
        first_demand_on=row.first_demand_on,
        named_by_amendment_on=row.named_by_amendment_on,
        served_on=row.served_on,
        late_notice_fault=NoticeFault(row.late_notice_fault) if row.late_notice_fault else None,
    )


def _write(row: ClaimRow, claim: Claim) -> None:
    """Copy what changes over a claim's life onto its row."""
    row.status = claim.status.value
    row.reopened = claim.reopened
    row.adjudicated = claim.adjudicated.amount
    row.paid = claim.paid.amount
    row.adjudication_version = claim.adjudication_version


def _to_event(row: StatusEventRow) -> StatusEvent:
    return StatusEvent(
        claim_id=row.claim_id,
        sequence=row.sequence,
        from_status=ClaimStatus(row.from_status) if row.from_status else None,
        to_status=ClaimStatus(row.to_status),
        day=row.day,
        reason=row.reason,
        recorded_at=as_utc(row.recorded_at),
    )


def _to_account(row: PolicyAccountRow) -> PolicyAccount:
    currency = Currency(row.currency)
    return PolicyAccount(
        row.policy_number, Money(row.adjudicated, currency), Money(row.paid, currency)
    )


class ClaimRepository:
    """Load and save claims and policy claim accounts in one session (the unit of work)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _case_number(self, case_id: str) -> str:
        return self.session.scalars(select(CaseRow.number).where(CaseRow.id == case_id)).one()

    def get(self, claim_id: str, *, lock: bool = False, scope: Scope = EVERYTHING) -> Claim:
        """Return a claim as last committed (its row locked when ``lock``); raise NotFound.

        A claim ``scope`` does not see is not found, exactly as a missing one.
        """
        query = select(ClaimRow).where(ClaimRow.id == claim_id)
        if not scope.everything:
            query = query.where(visible_claims(scope))
        if lock and lock_rows_supported(self.session):
            query = query.with_for_update()
        row = self.session.scalars(query.execution_options(populate_existing=True)).one_or_none()
        if row is None:
            raise NotFound(f"no claim {claim_id!r}", field="claim")
        return _to_claim(row, self._case_number(row.case_id))

    def add(self, claim: Claim) -> None:
        """Add a newly notified claim (a second claim of a respondent in a case fails)."""
        row = ClaimRow(
            id=claim.id,
            case_id=claim.case_id,
            policy_number=claim.policy_number,
            respondent=claim.respondent,
            notified_on=claim.notified_on,
            notice_reasons=reasons_json(claim.notice_reasons),
            first_accused_sale=claim.first_accused_sale,
            dispute_known_on=claim.dispute_known_on,
            first_demand_on=claim.first_demand_on,
            named_by_amendment_on=claim.named_by_amendment_on,
            served_on=claim.served_on,
            late_notice_fault=claim.late_notice_fault.value if claim.late_notice_fault else None,
            currency=claim.currency.value,
            created_at=claim.created_at,
        )
        _write(row, claim)
        self.session.add(row)
        self.session.flush()

    def save(self, claim: Claim) -> None:
        """Write a claim's status and totals (read first with :meth:`get`)."""
        row = self.session.get(ClaimRow, claim.id)
        if row is None:
            raise NotFound(f"no claim {claim.id!r}", field="claim")
        _write(row, claim)
        self.session.flush()

    def matching(
        self,
        *,
        policy_number: str | None = None,
        case_id: str | None = None,
        scope: Scope = EVERYTHING,
        book: bool = False,
    ) -> list[Claim]:
        """Return the claims ``scope`` sees of a policy, of a case, or all, oldest notice first."""
        query = (
            select(ClaimRow, CaseRow.number)
            .join(CaseRow, CaseRow.id == ClaimRow.case_id)
            .order_by(ClaimRow.notified_on, ClaimRow.id)
        )
        if not scope.everything:
            query = query.where(visible_claims(scope, book=book))
        if policy_number is not None:
            query = query.where(ClaimRow.policy_number == policy_number)
        if case_id is not None:
            query = query.where(ClaimRow.case_id == case_id)
        return [_to_claim(row, number) for row, number in self.session.execute(query)]

    def add_event(self, event: StatusEvent) -> None:
        """Append one move to its claim's status history."""
        self.session.add(
            StatusEventRow(
                claim_id=event.claim_id,
                sequence=event.sequence,
                from_status=event.from_status.value if event.from_status else None,
                to_status=event.to_status.value,
                day=event.day,
                reason=event.reason,
                recorded_at=event.recorded_at,
            )
        )
        self.session.flush()

    def history(self, claim_id: str) -> list[StatusEvent]:
        """Return every move of a claim's status, in order (the notice first)."""
        query = (
            select(StatusEventRow)
            .where(StatusEventRow.claim_id == claim_id)
            .order_by(StatusEventRow.sequence)
        )
        return [_to_event(row) for row in self.session.scalars(query)]

    def account(self, policy_number: str) -> PolicyAccount | None:
        """Return what the claims of a policy were adjudicated and paid, if any was."""
        row = self.session.get(PolicyAccountRow, policy_number)
        return None if row is None else _to_account(row)

    def lock_account(self, policy_number: str, currency: Currency) -> PolicyAccount:
        """Create the policy's claim account when missing, then lock and return it."""
        values = {
            "policy_number": policy_number,
            "currency": currency.value,
            "adjudicated": Decimal(0),
            "paid": Decimal(0),
        }
        insert_if_missing(self.session, PolicyAccountRow, values)
        query = select(PolicyAccountRow).where(PolicyAccountRow.policy_number == policy_number)
        if lock_rows_supported(self.session):
            query = query.with_for_update()
        return _to_account(
            self.session.scalars(query.execution_options(populate_existing=True)).one()
        )

    def save_account(self, account: PolicyAccount) -> None:
        """Write a policy's claim totals (locked first with :meth:`lock_account`)."""
        row = self.session.get(PolicyAccountRow, account.policy_number)
        if row is None:
            raise NotFound(f"no claim account of policy {account.policy_number!r}", field="policy")
        row.adjudicated = account.adjudicated.amount
        row.paid = account.paid.amount
        self.session.flush()
