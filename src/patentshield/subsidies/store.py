"""Tables and repository of the subsidy grant ledger and its running yearly totals.

Four tables (migration ``0002``):

* ``subsidy_grants`` — one row per grant, with a unique idempotency key and a fingerprint of
  the request, so a retried request returns the grant it already made;
* ``subsidy_programme_accounts`` — per (programme, year): what the programme granted in total
  (checked against its annual budget);
* ``subsidy_applicant_accounts`` — per (programme, applicant, year, cap key): what the applicant
  received under that cap (a programme may cap product types separately, as Shandong does);
* ``subsidy_ip_right_claims`` — per (programme, product type, IP right): the grant that used the
  right, for programmes that subsidise an IP right once per product type. Its primary key makes
  a concurrent second claim fail.

The service locks the two account rows of a request before reading them (:func:`lock_accounts`)
so that concurrent grants are serialised and never exceed a cap or the budget.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql import func

from patentshield.catalog.model import ProductType
from patentshield.enterprises.store import enterprise_in_scope
from patentshield.kernel.db import (
    Base,
    ExactNumeric,
    as_utc,
    insert_if_missing,
    lock_rows_supported,
)
from patentshield.kernel.money import Currency, Money
from patentshield.kernel.tenancy import EVERYTHING, Scope
from patentshield.subsidies.model import Grant

_RIGHTS_SEPARATOR = "\n"
_Row = TypeVar("_Row", "ProgrammeAccountRow", "ApplicantAccountRow")


class GrantRow(Base):
    """One subsidy granted for one policy."""

    __tablename__ = "subsidy_grants"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    programme_id: Mapped[str] = mapped_column(String(80), index=True)
    programme_version: Mapped[int] = mapped_column(Integer)
    applicant_id: Mapped[str] = mapped_column(String(64), index=True)
    year: Mapped[int] = mapped_column(Integer)
    premium_date: Mapped[date] = mapped_column(Date)
    product_type: Mapped[str] = mapped_column(String(60))
    year_cap_key: Mapped[str] = mapped_column(String(80))
    reference: Mapped[str] = mapped_column(String(120))
    ip_rights: Mapped[str] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(String(3))
    premium: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    amount: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    explanation: Mapped[list[str]] = mapped_column(JSON)
    warnings: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProgrammeAccountRow(Base):
    """What one programme granted in one calendar year."""

    __tablename__ = "subsidy_programme_accounts"

    programme_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    granted_total: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    grant_count: Mapped[int] = mapped_column(Integer)


class ApplicantAccountRow(Base):
    """What one programme granted one applicant in one calendar year under one cap."""

    __tablename__ = "subsidy_applicant_accounts"

    programme_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    applicant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    year_cap_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    granted_total: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    grant_count: Mapped[int] = mapped_column(Integer)


class IpRightClaimRow(Base):
    """An IP right subsidised once by a programme for one product type."""

    __tablename__ = "subsidy_ip_right_claims"

    programme_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    product_type: Mapped[str] = mapped_column(String(60), primary_key=True)
    ip_right: Mapped[str] = mapped_column(String(120), primary_key=True)
    grant_id: Mapped[str] = mapped_column(ForeignKey("subsidy_grants.id"))


@dataclass(slots=True)
class LockedAccounts:
    """The two account rows of a request, locked until the transaction ends."""

    programme: ProgrammeAccountRow
    applicant: ApplicantAccountRow

    @property
    def budget_used(self) -> Money:
        """What the programme granted this year."""
        return Money(self.programme.granted_total, Currency(self.programme.currency))

    @property
    def granted(self) -> Money:
        """What the applicant received this year under the cap."""
        return Money(self.applicant.granted_total, Currency(self.applicant.currency))


def _locked(session: Session, row: type[_Row], keys: dict[str, object]) -> _Row:
    query = select(row).filter_by(**keys).execution_options(populate_existing=True)
    if lock_rows_supported(session):
        query = query.with_for_update()
    return session.scalars(query).one()


def lock_accounts(
    session: Session, programme_id: str, applicant_id: str, year: int, year_cap_key: str
) -> LockedAccounts:
    """Create the request's account rows when missing, then lock and return them.

    Always the programme row first, then the applicant row, so that two transactions never
    wait for each other in opposite orders. On SQLite the transaction already holds the write
    lock (``BEGIN IMMEDIATE``, see :mod:`patentshield.kernel.db`); on PostgreSQL the rows are
    locked with ``SELECT … FOR UPDATE`` and read as last committed.
    """
    programme_keys: dict[str, object] = {"programme_id": programme_id, "year": year}
    applicant_keys: dict[str, object] = {
        **programme_keys,
        "applicant_id": applicant_id,
        "year_cap_key": year_cap_key,
    }
    zero: dict[str, object] = {"currency": "CNY", "granted_total": Decimal(0), "grant_count": 0}
    insert_if_missing(session, ProgrammeAccountRow, {**programme_keys, **zero})
    insert_if_missing(session, ApplicantAccountRow, {**applicant_keys, **zero})
    return LockedAccounts(
        programme=_locked(session, ProgrammeAccountRow, programme_keys),
        applicant=_locked(session, ApplicantAccountRow, applicant_keys),
    )


def _to_grant(row: GrantRow) -> Grant:
    currency = Currency(row.currency)
    return Grant(
        id=row.id,
        idempotency_key=row.idempotency_key,
        programme_id=row.programme_id,
        programme_version=row.programme_version,
        applicant_id=row.applicant_id,
        year=row.year,
        day=row.premium_date,
        product_type=ProductType(row.product_type),
        reference=row.reference,
        ip_rights=tuple(row.ip_rights.split(_RIGHTS_SEPARATOR)) if row.ip_rights else (),
        premium=Money(row.premium, currency),
        amount=Money(row.amount, currency),
        year_cap_key=row.year_cap_key,
        created_at=as_utc(row.created_at),
        explanation=tuple(row.explanation),
        warnings=tuple(row.warnings),
    )


def grant_by_key(session: Session, idempotency_key: str) -> tuple[Grant, str] | None:
    """Return the grant made under ``idempotency_key`` with its request fingerprint, if any."""
    row = session.scalars(
        select(GrantRow).where(GrantRow.idempotency_key == idempotency_key)
    ).one_or_none()
    return None if row is None else (_to_grant(row), row.request_fingerprint)


def subsidised_pairs(
    session: Session, programme_id: str, product_type: ProductType, rights: Iterable[str]
) -> frozenset[tuple[str, ProductType]]:
    """Return which of ``rights`` the programme already subsidised for ``product_type``."""
    wanted = list(rights)
    if not wanted:
        return frozenset()
    query = select(IpRightClaimRow.ip_right).where(
        IpRightClaimRow.programme_id == programme_id,
        IpRightClaimRow.product_type == product_type.value,
        IpRightClaimRow.ip_right.in_(wanted),
    )
    return frozenset((right, product_type) for right in session.scalars(query))


def _grant_row(grant: Grant, fingerprint: str) -> GrantRow:
    return GrantRow(
        id=grant.id,
        idempotency_key=grant.idempotency_key,
        request_fingerprint=fingerprint,
        programme_id=grant.programme_id,
        programme_version=grant.programme_version,
        applicant_id=grant.applicant_id,
        year=grant.year,
        premium_date=grant.day,
        product_type=grant.product_type.value,
        year_cap_key=grant.year_cap_key,
        reference=grant.reference,
        ip_rights=_RIGHTS_SEPARATOR.join(grant.ip_rights),
        currency=grant.amount.currency.value,
        premium=grant.premium.amount,
        amount=grant.amount.amount,
        explanation=list(grant.explanation),
        warnings=list(grant.warnings),
        created_at=grant.created_at,
    )


def add_grant(
    session: Session,
    grant: Grant,
    *,
    fingerprint: str,
    accounts: LockedAccounts,
    claimed_rights: Iterable[str] = (),
) -> None:
    """Add ``grant``, claim its IP rights and add its amount to the locked account totals."""
    session.add(_grant_row(grant, fingerprint))
    session.flush()  # the grant row first: the claims refer to it
    session.add_all(
        IpRightClaimRow(
            programme_id=grant.programme_id,
            product_type=grant.product_type.value,
            ip_right=right,
            grant_id=grant.id,
        )
        for right in claimed_rights
    )
    for account in (accounts.programme, accounts.applicant):
        account.granted_total = account.granted_total + grant.amount.amount
        account.grant_count += 1
    session.flush()


def list_grants(
    session: Session,
    *,
    programme_id: str | None = None,
    applicant_id: str | None = None,
    year: int | None = None,
    scope: Scope = EVERYTHING,
) -> list[Grant]:
    """Return the grants ``scope`` sees, oldest first, filtered by the arguments given.

    A grant is seen with its applicant enterprise (:func:`enterprise_in_scope`).
    """
    query = (
        select(GrantRow)
        .where(enterprise_in_scope(GrantRow.applicant_id, scope))
        .order_by(GrantRow.created_at, GrantRow.id)
    )
    if programme_id is not None:
        query = query.where(GrantRow.programme_id == programme_id)
    if applicant_id is not None:
        query = query.where(GrantRow.applicant_id == applicant_id)
    if year is not None:
        query = query.where(GrantRow.year == year)
    return [_to_grant(row) for row in session.scalars(query)]


def applicant_total(
    session: Session,
    programme_id: str,
    applicant_id: str,
    year: int,
    year_cap_key: str | None = None,
) -> Decimal:
    """Return what the programme granted the applicant in ``year`` (under one cap, if given)."""
    query = select(func.coalesce(func.sum(ApplicantAccountRow.granted_total), 0)).where(
        ApplicantAccountRow.programme_id == programme_id,
        ApplicantAccountRow.applicant_id == applicant_id,
        ApplicantAccountRow.year == year,
    )
    if year_cap_key is not None:
        query = query.where(ApplicantAccountRow.year_cap_key == year_cap_key)
    return Decimal(session.scalar(query) or 0)


def programme_total(session: Session, programme_id: str, year: int) -> Decimal:
    """Return what the programme granted everyone in ``year``."""
    row = session.get(ProgrammeAccountRow, (programme_id, year))
    return Decimal(0) if row is None else row.granted_total
