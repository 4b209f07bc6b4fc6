"""Table and repository of the insurer's written consents to settlements (``0020``).

``claim_settlement_consents`` holds every consent recorded on a claim, numbered per claim from
1 (the primary key makes two concurrent consents with one number fail): the counterparty, the
day, the maximum in the policy currency, the terms and who consented. Nothing is updated or
deleted; a later consent to the same counterparty supersedes an earlier one when adjudication
reads them (:func:`patentshield.claims.consent.consent_in_force`).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from patentshield.claims.model import SettlementConsent
from patentshield.claims.store import add_unique
from patentshield.kernel.db import Base, ExactNumeric, as_utc
from patentshield.kernel.errors import Conflict
from patentshield.kernel.money import Currency, Money


class SettlementConsentRow(Base):
    """One written consent of the insurer to a settlement or licence on a claim."""

    __tablename__ = "claim_settlement_consents"

    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    counterparty: Mapped[str] = mapped_column(String(200))
    consented_on: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    maximum: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    terms: Mapped[str] = mapped_column(Text)
    consented_by: Mapped[str] = mapped_column(String(254))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _to_consent(row: SettlementConsentRow) -> SettlementConsent:
    return SettlementConsent(
        claim_id=row.claim_id,
        sequence=row.sequence,
        counterparty=row.counterparty,
        consented_on=row.consented_on,
        maximum=Money(row.maximum, Currency(row.currency)),
        consented_by=row.consented_by,
        recorded_at=as_utc(row.recorded_at),
        terms=row.terms,
    )


def settlement_consents(session: Session, claim_id: str) -> list[SettlementConsent]:
    """Return every consent recorded on a claim, in the order recorded."""
    query = (
        select(SettlementConsentRow)
        .where(SettlementConsentRow.claim_id == claim_id)
        .order_by(SettlementConsentRow.sequence)
    )
    return [_to_consent(row) for row in session.scalars(query)]


def next_sequence(session: Session, claim_id: str) -> int:
    """Return the number the claim's next consent takes."""
    query = select(func.max(SettlementConsentRow.sequence)).where(
        SettlementConsentRow.claim_id == claim_id
    )
    return (session.scalar(query) or 0) + 1


def add_settlement_consent(session: Session, consent: SettlementConsent) -> None:
    """Record a consent; a concurrent one with the same number is a conflict."""
    row = SettlementConsentRow(
        claim_id=consent.claim_id,
        sequence=consent.sequence,
        counterparty=consent.counterparty,
        consented_on=consent.consented_on,
        currency=consent.maximum.currency.value,
        maximum=consent.maximum.amount,
        terms=consent.terms,
        consented_by=consent.consented_by,
        recorded_at=consent.recorded_at,
    )
    conflict = Conflict("another consent was recorded meanwhile; retry", field="claim")
    add_unique(session, row, conflict)
