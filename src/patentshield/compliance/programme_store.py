"""Tables and repository of the compliance programme: declared controls and FTO opinions.

Every declaration of a control is kept (the score reads the latest on or before its day); an
FTO opinion is unique per enterprise and document (its SHA-256), and its document lives in the
evidence vault. The repository returns domain values; the service commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from patentshield.compliance.fto import FtoConclusion, FtoOpinion
from patentshield.compliance.score import ControlRecord
from patentshield.compliance.store import WatchRunRow
from patentshield.kernel.db import Base, as_utc


class ControlRow(Base):
    """One declaration of a control of an enterprise's programme."""

    __tablename__ = "compliance_controls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[str] = mapped_column(String(64), index=True)
    control: Mapped[str] = mapped_column(String(40))
    in_place: Mapped[bool] = mapped_column(Boolean)
    evidence: Mapped[str] = mapped_column(Text)
    day: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FtoOpinionRow(Base):
    """One freedom-to-operate opinion; its document is in the vault under ``sha256``."""

    __tablename__ = "compliance_fto_opinions"
    __table_args__ = (
        UniqueConstraint("enterprise_id", "sha256", name="uq_compliance_fto_opinion"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(String(64), index=True)
    counsel: Mapped[str] = mapped_column(String(500))
    issued_on: Mapped[date] = mapped_column(Date)
    patents: Mapped[list[str]] = mapped_column(JSON)
    products: Mapped[list[str]] = mapped_column(JSON)
    conclusion: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    filename: Mapped[str] = mapped_column(String(255))
    note: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def add_control(session: Session, record: ControlRecord, now: datetime) -> None:
    """Record one declaration of a control."""
    session.add(
        ControlRow(
            enterprise_id=record.enterprise_id,
            control=record.control,
            in_place=record.in_place,
            evidence=record.evidence,
            day=record.day,
            recorded_by=record.recorded_by,
            recorded_at=now,
        )
    )


def controls_of(session: Session, enterprise_id: str) -> list[ControlRecord]:
    """Return every declaration of the enterprise's controls, oldest first."""
    query = (
        select(ControlRow)
        .where(ControlRow.enterprise_id == enterprise_id)
        .order_by(ControlRow.day, ControlRow.id)
    )
    return [
        ControlRecord(
            row.enterprise_id, row.control, row.in_place, row.evidence, row.day, row.recorded_by
        )
        for row in session.scalars(query)
    ]


def add_opinion(session: Session, opinion: FtoOpinion) -> None:
    """Record an FTO opinion (its document already in the vault)."""
    session.add(
        FtoOpinionRow(
            id=opinion.id,
            enterprise_id=opinion.enterprise_id,
            counsel=opinion.counsel,
            issued_on=opinion.issued_on,
            patents=list(opinion.patents),
            products=list(opinion.products),
            conclusion=opinion.conclusion.value,
            sha256=opinion.sha256,
            size=opinion.size,
            filename=opinion.filename,
            note=opinion.note,
            added_at=opinion.added_at,
        )
    )


def _opinion(row: FtoOpinionRow) -> FtoOpinion:
    return FtoOpinion(
        id=row.id,
        enterprise_id=row.enterprise_id,
        counsel=row.counsel,
        issued_on=row.issued_on,
        patents=tuple(row.patents),
        products=tuple(row.products),
        conclusion=FtoConclusion(row.conclusion),
        sha256=row.sha256,
        size=row.size,
        filename=row.filename,
        added_at=as_utc(row.added_at),
        note=row.note,
    )


def opinion_with_content(session: Session, enterprise_id: str, sha256: str) -> FtoOpinion | None:
    """Return the enterprise's opinion whose document has this hash, if any."""
    query = select(FtoOpinionRow).where(
        FtoOpinionRow.enterprise_id == enterprise_id, FtoOpinionRow.sha256 == sha256
    )
    row = session.scalars(query).first()
    return _opinion(row) if row is not None else None


def opinions_of(session: Session, enterprise_ids: Sequence[str]) -> list[FtoOpinion]:
    """Return the FTO opinions of these enterprises, oldest first."""
    query = (
        select(FtoOpinionRow)
        .where(FtoOpinionRow.enterprise_id.in_(list(enterprise_ids)))
        .order_by(FtoOpinionRow.issued_on, FtoOpinionRow.id)
    )
    return [_opinion(row) for row in session.scalars(query)]


def enterprises_with_opinions(session: Session) -> list[str]:
    """Return the enterprises that filed an FTO opinion."""
    return list(session.scalars(select(FtoOpinionRow.enterprise_id).distinct()))


def is_referenced(session: Session, sha256: str) -> bool:
    """Tell whether an FTO opinion references the vault file with this content."""
    query = select(FtoOpinionRow.id).where(FtoOpinionRow.sha256 == sha256).limit(1)
    return session.scalars(query).first() is not None


def last_watch_day(session: Session, enterprise_id: str) -> date | None:
    """Return the day of the enterprise's latest watch run (UTC), if it ever ran."""
    query = (
        select(WatchRunRow.ran_at)
        .where(WatchRunRow.enterprise_id == enterprise_id)
        .order_by(WatchRunRow.ran_at.desc())
        .limit(1)
    )
    ran_at = session.scalars(query).first()
    return as_utc(ran_at).date() if ran_at is not None else None
