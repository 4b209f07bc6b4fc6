"""Evidence records of cases: the ``evidence_files`` table and its repository functions.

Each record names a file kept read-only in the vault (:mod:`patentshield.kernel.vault`) under
its SHA-256, and links to the previous record of its case (the evidence chain,
:mod:`patentshield.cases.evidence_chain`). Split from :mod:`patentshield.cases.store` so that
each module keeps to one table family.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from patentshield.cases.model import Evidence, EvidenceKind
from patentshield.compliance import programme_store as fto_store
from patentshield.kernel.db import Base, as_utc


class EvidenceRow(Base):
    """Metadata of one file in the evidence vault."""

    __tablename__ = "evidence_files"
    __table_args__ = (UniqueConstraint("case_id", "sha256"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    added_by: Mapped[str] = mapped_column(String(200))
    added_on: Mapped[date] = mapped_column(Date)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str] = mapped_column(Text)
    sequence: Mapped[int] = mapped_column(Integer)
    record_hash: Mapped[str] = mapped_column(String(64))


def _to_evidence(row: EvidenceRow) -> Evidence:
    return Evidence(
        id=row.id,
        case_id=row.case_id,
        sha256=row.sha256,
        kind=EvidenceKind(row.kind),
        filename=row.filename,
        size=row.size,
        added_by=row.added_by,
        added_on=row.added_on,
        added_at=as_utc(row.added_at),
        note=row.note,
        sequence=row.sequence,
        record_hash=row.record_hash,
    )


def add_evidence(session: Session, evidence: Evidence) -> None:
    """Add the metadata of one file of the vault."""
    session.add(
        EvidenceRow(
            id=evidence.id,
            case_id=evidence.case_id,
            sha256=evidence.sha256,
            kind=evidence.kind.value,
            filename=evidence.filename,
            size=evidence.size,
            added_by=evidence.added_by,
            added_on=evidence.added_on,
            added_at=evidence.added_at,
            note=evidence.note,
            sequence=evidence.sequence,
            record_hash=evidence.record_hash,
        )
    )
    session.flush()


def evidence_with_hash(session: Session, case_id: str, sha256: str) -> Evidence | None:
    """Return the file of a case with this content, if the case has it."""
    row = session.scalars(
        select(EvidenceRow).where(EvidenceRow.case_id == case_id, EvidenceRow.sha256 == sha256)
    ).one_or_none()
    return None if row is None else _to_evidence(row)


def evidence_chain(session: Session, case_id: str) -> list[Evidence]:
    """Return the records of a case in the order they were chained (by sequence)."""
    query = (
        select(EvidenceRow)
        .where(EvidenceRow.case_id == case_id)
        .order_by(EvidenceRow.sequence, EvidenceRow.id)
    )
    return [_to_evidence(row) for row in session.scalars(query)]


def is_stored_content(session: Session, sha256: str) -> bool:
    """Tell whether any record references the vault file: a case's, or an FTO opinion."""
    query = select(EvidenceRow.id).where(EvidenceRow.sha256 == sha256).limit(1)
    return session.scalars(query).first() is not None or fto_store.is_referenced(session, sha256)


def evidence_of(session: Session, case_id: str) -> list[Evidence]:
    """Return the files of a case, oldest first (then by name)."""
    query = (
        select(EvidenceRow)
        .where(EvidenceRow.case_id == case_id)
        .order_by(EvidenceRow.added_on, EvidenceRow.filename, EvidenceRow.id)
    )
    return [_to_evidence(row) for row in session.scalars(query)]
