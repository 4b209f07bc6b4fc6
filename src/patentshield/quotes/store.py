"""Tables and repository of saved quotes.

A quote row keeps the figures one filters and sums on (premium, subsidy, limits, product,
enterprise) as columns, and the whole quote document — trace, coverage rows, warnings — as
JSON, so what was shown to the buyer can be shown again exactly. The repository speaks
:class:`Quote`: it saves a quote's document (:func:`~patentshield.quotes.serialise.quote_to_json`)
and reads quotes back from it (:func:`~patentshield.quotes.serialise.quote_from_json`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import JSON, Date, DateTime, Integer, String, false, or_, select, true
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql import ColumnElement

from patentshield.enterprises.store import enterprise_in_scope
from patentshield.kernel.db import Base, ExactNumeric
from patentshield.kernel.errors import NotFound
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.tenancy import EVERYTHING, Reach, Scope
from patentshield.quotes.model import Quote
from patentshield.quotes.serialise import quote_from_json, quote_to_json


class QuoteRow(Base):
    """One saved quote."""

    __tablename__ = "quotes"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    quote_date: Mapped[date] = mapped_column(Date)
    enterprise_id: Mapped[str | None] = mapped_column(String(64), index=True)
    product_id: Mapped[str] = mapped_column(String(80), index=True)
    product_version: Mapped[int] = mapped_column(Integer)
    plan: Mapped[str] = mapped_column(String(40))
    units: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    gross_premium: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    subsidy_amount: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    net_premium: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    aggregate_limit: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    subsidy_programme_id: Mapped[str | None] = mapped_column(String(80))
    fx_rate: Mapped[Decimal] = mapped_column(ExactNumeric(18, 8))
    document: Mapped[dict[str, object]] = mapped_column(JSON)
    organisation_id: Mapped[str | None] = mapped_column(String(40), index=True)


def visible_quotes(scope: Scope) -> ColumnElement[bool]:
    """Return the SQL condition on ``quotes`` of the quotes ``scope`` sees.

    An exporter sees the quotes of its enterprises and those it saved itself; an insurer the
    quotes of the products it underwrites; an administration none.
    """
    if scope.reach is Reach.ALL:
        return true()
    if scope.reach is Reach.OWNER:
        return or_(
            enterprise_in_scope(QuoteRow.enterprise_id, scope),
            QuoteRow.organisation_id == scope.organisation_id,
        )
    if scope.reach is Reach.UNDERWRITER:
        return QuoteRow.product_id.in_(sorted(scope.products))
    return false()


def save_quote(session: Session, quote: Quote, *, organisation_id: str | None = None) -> None:
    """Add ``quote`` with its JSON document to the session (the caller commits).

    ``organisation_id`` names the organisation that asked for it (``None``: the operator).
    """
    session.add(
        QuoteRow(
            organisation_id=organisation_id,
            id=quote.id,
            created_at=quote.created_at,
            quote_date=quote.day,
            enterprise_id=quote.enterprise_id,
            product_id=quote.product_id,
            product_version=quote.product_version,
            plan=quote.plan,
            units=quote.units,
            currency=quote.gross_premium.currency.value,
            gross_premium=quote.gross_premium.amount,
            subsidy_amount=quote.subsidy.amount.rounded().amount,
            net_premium=quote.net_premium.amount,
            aggregate_limit=quote.aggregate_limit.amount,
            subsidy_programme_id=quote.subsidy.programme_id,
            fx_rate=quote.fx_rate.rate,
            document=cast(dict[str, object], quote_to_json(quote)),
        )
    )


def _quote(row: QuoteRow) -> Quote:
    return quote_from_json(cast(dict[str, JsonValue], row.document))


def get_quote(session: Session, quote_id: str, scope: Scope = EVERYTHING) -> Quote:
    """Return the saved quote ``quote_id`` if ``scope`` sees it; raise :class:`NotFound`."""
    query = select(QuoteRow).where(QuoteRow.id == quote_id, visible_quotes(scope))
    row = session.scalars(query).one_or_none()
    if row is None:
        raise NotFound(f"no quote {quote_id!r}", field="quote")
    return _quote(row)


def list_quotes(
    session: Session,
    *,
    enterprise_id: str | None = None,
    limit: int = 50,
    scope: Scope = EVERYTHING,
) -> list[Quote]:
    """Return saved quotes ``scope`` sees, newest first, optionally of one enterprise."""
    query = (
        select(QuoteRow)
        .where(visible_quotes(scope))
        .order_by(QuoteRow.created_at.desc(), QuoteRow.id)
        .limit(limit)
    )
    if enterprise_id is not None:
        query = query.where(QuoteRow.enterprise_id == enterprise_id)
    return [_quote(row) for row in session.scalars(query)]
