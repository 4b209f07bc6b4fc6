"""Table and repository of bound policies (migration ``0005``).

A policy row keeps what one filters on (number, enterprise, product, period, status) as
columns and the frozen terms as a JSON snapshot (:mod:`patentshield.policies.terms`), so a
later catalog version never changes a policy already sold. ``renews`` is unique: a policy is
renewed at most once.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import JSON, Date, DateTime, String, Text, false, select, true
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql import ColumnElement

from patentshield.enterprises.store import enterprise_in_scope
from patentshield.kernel.db import Base, ExactNumeric, as_utc, lock_rows_supported
from patentshield.kernel.errors import NotFound
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, Money
from patentshield.kernel.tenancy import EVERYTHING, Reach, Scope
from patentshield.policies.model import Policy
from patentshield.policies.terms import terms_from_json, terms_to_json


class PolicyRow(Base):
    """One bound policy."""

    __tablename__ = "policies"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    quote_id: Mapped[str] = mapped_column(String(40), unique=True)
    enterprise_id: Mapped[str] = mapped_column(String(64), index=True)
    product_id: Mapped[str] = mapped_column(String(80), index=True)
    insurer: Mapped[str] = mapped_column(String(200))
    plan: Mapped[str] = mapped_column(String(40))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    retroactive_date: Mapped[date | None] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    gross_premium: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    subsidy_amount: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    net_premium: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    subsidy_programme: Mapped[str | None] = mapped_column(String(80))
    renews: Mapped[str | None] = mapped_column(String(40), unique=True)
    cancelled_on: Mapped[date | None] = mapped_column(Date)
    cancel_reason: Mapped[str] = mapped_column(Text)
    bound_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    terms: Mapped[dict[str, object]] = mapped_column(JSON)


def visible_policies(scope: Scope) -> ColumnElement[bool]:
    """Return the SQL condition on ``policies`` of the policies ``scope`` sees.

    An exporter sees the policies of its enterprises, an insurer those of the products it
    underwrites, an administration none.
    """
    if scope.reach is Reach.ALL:
        return true()
    if scope.reach is Reach.OWNER:
        return enterprise_in_scope(PolicyRow.enterprise_id, scope)
    if scope.reach is Reach.UNDERWRITER:
        return PolicyRow.product_id.in_(sorted(scope.products))
    return false()


def policies_in_book(scope: Scope) -> ColumnElement[bool]:
    """Return the SQL condition on ``policies`` of the book ``scope`` analyses (programme views).

    The policies it sees, and for an administration those of the enterprises of its region:
    it reads them only as aggregates (statistics, triangles), never one by one.
    """
    if scope.reach is Reach.REGION:
        return enterprise_in_scope(PolicyRow.enterprise_id, scope)
    return visible_policies(scope)


def _to_policy(row: PolicyRow) -> Policy:
    currency = Currency(row.currency)
    return Policy(
        id=row.id,
        number=row.number,
        quote_id=row.quote_id,
        enterprise_id=row.enterprise_id,
        insurer=row.insurer,
        plan=row.plan,
        period_start=row.period_start,
        period_end=row.period_end,
        retroactive_date=row.retroactive_date,
        terms=terms_from_json(cast(dict[str, JsonValue], row.terms)),
        gross_premium=Money(row.gross_premium, currency),
        subsidy=Money(row.subsidy_amount, currency),
        net_premium=Money(row.net_premium, currency),
        subsidy_programme=row.subsidy_programme,
        bound_at=as_utc(row.bound_at),
        renews=row.renews,
        cancelled_on=row.cancelled_on,
        cancel_reason=row.cancel_reason,
    )


def add_policy(session: Session, policy: Policy) -> None:
    """Add ``policy`` to the session (the caller commits)."""
    session.add(
        PolicyRow(
            id=policy.id,
            number=policy.number,
            quote_id=policy.quote_id,
            enterprise_id=policy.enterprise_id,
            product_id=policy.terms.product_id,
            insurer=policy.insurer,
            plan=policy.plan,
            period_start=policy.period_start,
            period_end=policy.period_end,
            retroactive_date=policy.retroactive_date,
            currency=policy.gross_premium.currency.value,
            gross_premium=policy.gross_premium.amount,
            subsidy_amount=policy.subsidy.amount,
            net_premium=policy.net_premium.amount,
            subsidy_programme=policy.subsidy_programme,
            renews=policy.renews,
            cancelled_on=policy.cancelled_on,
            cancel_reason=policy.cancel_reason,
            bound_at=policy.bound_at,
            terms=cast(dict[str, object], terms_to_json(policy.terms)),
        )
    )
    session.flush()


def _row(
    session: Session, id_or_number: str, *, lock: bool = False, scope: Scope = EVERYTHING
) -> PolicyRow:
    query = select(PolicyRow).where(
        (PolicyRow.id == id_or_number) | (PolicyRow.number == id_or_number),
        visible_policies(scope),
    )
    if lock and lock_rows_supported(session):
        query = query.with_for_update()
    row = session.scalars(query).one_or_none()
    if row is None:
        raise NotFound(f"no policy {id_or_number!r}", field="policy")
    return row


def get_policy(session: Session, id_or_number: str, scope: Scope = EVERYTHING) -> Policy:
    """Return the policy with this id or number if ``scope`` sees it; raise :class:`NotFound`."""
    return _to_policy(_row(session, id_or_number, scope=scope))


def policy_for_quote(session: Session, quote_id: str) -> Policy | None:
    """Return the policy bound from ``quote_id``, if any."""
    row = session.scalars(select(PolicyRow).where(PolicyRow.quote_id == quote_id)).one_or_none()
    return None if row is None else _to_policy(row)


def renewal_of(session: Session, policy_id: str) -> Policy | None:
    """Return the policy that renews ``policy_id``, if any."""
    row = session.scalars(select(PolicyRow).where(PolicyRow.renews == policy_id)).one_or_none()
    return None if row is None else _to_policy(row)


def cancel_policy(session: Session, policy_id: str, day: date, reason: str) -> Policy:
    """Record the cancellation of ``policy_id`` from ``day`` and return the policy."""
    row = _row(session, policy_id, lock=True)
    row.cancelled_on = day
    row.cancel_reason = reason
    session.flush()
    return _to_policy(row)


def list_policies(
    session: Session,
    *,
    enterprise_id: str | None = None,
    scope: Scope = EVERYTHING,
    book: bool = False,
) -> list[Policy]:
    """Return the policies ``scope`` sees, latest period first, optionally of one enterprise.

    With ``book``, the policies of the scope's book (:func:`policies_in_book`).
    """
    query = (
        select(PolicyRow)
        .where(policies_in_book(scope) if book else visible_policies(scope))
        .order_by(PolicyRow.period_start.desc(), PolicyRow.number)
    )
    if enterprise_id is not None:
        query = query.where(PolicyRow.enterprise_id == enterprise_id)
    return [_to_policy(row) for row in session.scalars(query)]
