"""Table and repository of subsidy applications (migration ``0019``), and their premium basis.

``subsidy_applications`` holds one row per application with its status and decision; the
reference (policy number or quote id) and the enterprise are columns, so that tenancy filters
and the one-open-application check are queries. Quotes and policies live in the layers above
(a policy is bound from a quote, a quote is priced with the best subsidy): this store reads
the few columns an application needs from their tables by name (:func:`premium_basis`), as
the enterprises store does for an insurer's policyholders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import JSON, Date, DateTime, String, Text, column, select, table
from sqlalchemy.orm import Mapped, Session, mapped_column

from patentshield.catalog.model import ProductType
from patentshield.enterprises.store import enterprise_in_scope
from patentshield.kernel.db import Base, ExactNumeric, as_utc, lock_rows_supported
from patentshield.kernel.errors import NotFound
from patentshield.kernel.money import Currency, Money
from patentshield.kernel.tenancy import EVERYTHING, Scope
from patentshield.subsidies.applications import OPEN, Application, ApplicationStatus


class ApplicationRow(Base):
    """One subsidy application."""

    __tablename__ = "subsidy_applications"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    programme_id: Mapped[str] = mapped_column(String(80), index=True)
    enterprise_id: Mapped[str] = mapped_column(String(64), index=True)
    region_code: Mapped[str] = mapped_column(String(6), index=True)
    reference: Mapped[str] = mapped_column(String(120), index=True)
    quote_id: Mapped[str | None] = mapped_column(String(40))
    policy_id: Mapped[str | None] = mapped_column(String(40))
    product_type: Mapped[str] = mapped_column(String(60))
    currency: Mapped[str] = mapped_column(String(3))
    premium: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    premium_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), index=True)
    organisation_id: Mapped[str | None] = mapped_column(String(40))
    submitted_by: Mapped[str] = mapped_column(String(254))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(254))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(Text)
    grant_id: Mapped[str | None] = mapped_column(String(32))
    amount: Mapped[Decimal | None] = mapped_column(ExactNumeric(18, 2))
    decision_key: Mapped[str | None] = mapped_column(String(200))


def _to_application(row: ApplicationRow) -> Application:
    currency = Currency(row.currency)
    return Application(
        id=row.id,
        programme_id=row.programme_id,
        enterprise_id=row.enterprise_id,
        region_code=row.region_code,
        reference=row.reference,
        quote_id=row.quote_id,
        policy_id=row.policy_id,
        product_type=ProductType(row.product_type),
        premium=Money(row.premium, currency),
        premium_date=row.premium_date,
        status=ApplicationStatus(row.status),
        organisation_id=row.organisation_id,
        submitted_by=row.submitted_by,
        submitted_at=as_utc(row.submitted_at),
        note=row.note,
        decided_by=row.decided_by,
        decided_at=as_utc(row.decided_at) if row.decided_at else None,
        reason=row.reason,
        grant_id=row.grant_id,
        amount=None if row.amount is None else Money(row.amount, currency),
        decision_key=row.decision_key,
    )


def _write_decision(row: ApplicationRow, application: Application) -> None:
    row.status = application.status.value
    row.decided_by = application.decided_by
    row.decided_at = application.decided_at
    row.reason = application.reason
    row.grant_id = application.grant_id
    row.amount = None if application.amount is None else application.amount.amount
    row.decision_key = application.decision_key


def add_application(session: Session, application: Application) -> None:
    """Add a new application."""
    row = ApplicationRow(
        id=application.id,
        programme_id=application.programme_id,
        enterprise_id=application.enterprise_id,
        region_code=application.region_code,
        reference=application.reference,
        quote_id=application.quote_id,
        policy_id=application.policy_id,
        product_type=application.product_type.value,
        currency=application.premium.currency.value,
        premium=application.premium.amount,
        premium_date=application.premium_date,
        organisation_id=application.organisation_id,
        submitted_by=application.submitted_by,
        submitted_at=application.submitted_at,
        note=application.note,
    )
    _write_decision(row, application)
    session.add(row)
    session.flush()


def save_decision(session: Session, application: Application) -> None:
    """Write the status and decision of an application read with :func:`get_application`."""
    row = session.get(ApplicationRow, application.id)
    if row is None:
        raise NotFound(f"no application {application.id!r}", field="application")
    _write_decision(row, application)
    session.flush()


def get_application(
    session: Session, application_id: str, *, scope: Scope = EVERYTHING, lock: bool = False
) -> Application:
    """Return an application ``scope`` sees (locked when ``lock``); raise :class:`NotFound`.

    An application is seen with its enterprise (:func:`enterprise_in_scope`): the exporter
    owning it, the administrations of its region, the insurers of its quotes or policies, the
    platform.
    """
    query = select(ApplicationRow).where(
        ApplicationRow.id == application_id,
        enterprise_in_scope(ApplicationRow.enterprise_id, scope),
    )
    if lock and lock_rows_supported(session):
        query = query.with_for_update()
    row = session.scalars(query.execution_options(populate_existing=True)).one_or_none()
    if row is None:
        raise NotFound(f"no application {application_id!r}", field="application")
    return _to_application(row)


@dataclass(frozen=True, slots=True)
class ApplicationFilter:
    """Which applications to list; ``None`` means any."""

    status: ApplicationStatus | None = None
    programme_id: str | None = None
    enterprise_id: str | None = None


def list_applications(
    session: Session, filters: ApplicationFilter, *, scope: Scope = EVERYTHING
) -> list[Application]:
    """Return the applications ``scope`` sees that match ``filters``, newest first."""
    query = (
        select(ApplicationRow)
        .where(enterprise_in_scope(ApplicationRow.enterprise_id, scope))
        .order_by(ApplicationRow.submitted_at.desc(), ApplicationRow.id)
    )
    if filters.status is not None:
        query = query.where(ApplicationRow.status == filters.status.value)
    if filters.programme_id is not None:
        query = query.where(ApplicationRow.programme_id == filters.programme_id)
    if filters.enterprise_id is not None:
        query = query.where(ApplicationRow.enterprise_id == filters.enterprise_id)
    return [_to_application(row) for row in session.scalars(query)]


def open_application(session: Session, programme_id: str, reference: str) -> str | None:
    """Return the id of a submitted or approved application for the programme and reference."""
    query = select(ApplicationRow.id).where(
        ApplicationRow.programme_id == programme_id,
        ApplicationRow.reference == reference,
        ApplicationRow.status.in_(sorted(status.value for status in OPEN)),
    )
    return session.scalars(query).first()


# The quotes and policies of the layers above, named by their tables only.
_QUOTES = table(
    "quotes",
    column("id", String()),
    column("enterprise_id", String()),
    column("quote_date", Date()),
    column("currency", String()),
    column("gross_premium", ExactNumeric(18, 2)),
    column("document", JSON()),
)
_POLICIES = table(
    "policies",
    column("id", String()),
    column("number", String()),
    column("enterprise_id", String()),
    column("period_start", Date()),
    column("currency", String()),
    column("gross_premium", ExactNumeric(18, 2)),
    column("terms", JSON()),
)


@dataclass(frozen=True, slots=True)
class PremiumBasis:
    """What an application is for: the premium of one quote or policy of one enterprise."""

    reference: str
    quote_id: str | None
    policy_id: str | None
    enterprise_id: str | None
    product_type: ProductType
    premium: Money
    day: date


def _product_type(document: object, *path: str) -> ProductType:
    """Return the product type stored at ``path`` in a quote's document or a policy's terms."""
    value = document
    for key in path:
        value = cast(dict[str, object], value)[key]
    return ProductType(str(value))


def premium_basis(
    session: Session, *, quote_id: str | None, policy: str | None, scope: Scope
) -> PremiumBasis:
    """Return the premium of a quote (by id) or a policy (by id or number) ``scope`` sees.

    Raises
    ------
    NotFound
        When no such quote or policy exists, or its enterprise is not in ``scope``.
    """
    if quote_id is not None:
        q = _QUOTES.c
        found = session.execute(
            select(
                q.id, q.enterprise_id, q.quote_date, q.currency, q.gross_premium, q.document
            ).where(q.id == quote_id, enterprise_in_scope(q.enterprise_id, scope))
        ).first()
        if found is None:
            raise NotFound(f"no quote {quote_id!r}", field="quote")
        money = Money(found.gross_premium, Currency(found.currency))
        return PremiumBasis(
            found.id,
            found.id,
            None,
            found.enterprise_id,
            _product_type(found.document, "product", "product_type"),
            money,
            found.quote_date,
        )
    p = _POLICIES.c
    row = session.execute(
        select(
            p.id, p.number, p.enterprise_id, p.period_start, p.currency, p.gross_premium, p.terms
        ).where(
            (p.id == policy) | (p.number == policy), enterprise_in_scope(p.enterprise_id, scope)
        )
    ).first()
    if row is None:
        raise NotFound(f"no policy {policy!r}", field="policy")
    money = Money(row.gross_premium, Currency(row.currency))
    return PremiumBasis(
        row.number,
        None,
        row.id,
        row.enterprise_id,
        _product_type(row.terms, "product_type"),
        money,
        row.period_start,
    )
