"""Tables and repository of imported USITC investigations, their parties, raw rows and imports.

An investigation row keeps the facts one filters on as columns (number, kind, status,
outcome, key dates), the rest of the record as a JSON document, and a fingerprint of the whole
record so that a re-import can count it unchanged. Parties and raw feed rows have tables of
their own (parties can be queried by country; raw rows keep every field as read). Each import
is logged with its counts and rejected rows. The repository returns
:class:`~patentshield.usitc.records.Investigation` values; the service commits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from patentshield.kernel.db import Base, lock_rows_supported
from patentshield.kernel.errors import NotFound, RecordError
from patentshield.usitc.records import (
    FeedLayout,
    Investigation,
    Party,
    RawRow,
    RecordKind,
)
from patentshield.usitc.serialise import (
    details_to_json,
    investigation_from_json,
    party_from_json,
)

_NUMBER_FK = "usitc_investigations.number"


class InvestigationRow(Base):
    """One imported investigation (or docketed pre-institution complaint)."""

    __tablename__ = "usitc_investigations"

    number: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20))
    layout: Mapped[str] = mapped_column(String(20))
    title: Mapped[str | None] = mapped_column(Text)
    docket: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(20))
    complaint_filed: Mapped[date | None] = mapped_column(Date)
    instituted: Mapped[date | None] = mapped_column(Date)
    terminated: Mapped[date | None] = mapped_column(Date)
    final_determination: Mapped[date | None] = mapped_column(Date)
    details: Mapped[dict[str, object]] = mapped_column(JSON)
    fingerprint: Mapped[str] = mapped_column(String(64))
    first_imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PartyRow(Base):
    """One party of an imported investigation, in the order the feed listed it."""

    __tablename__ = "usitc_parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    investigation_number: Mapped[str] = mapped_column(
        String(20), ForeignKey(_NUMBER_FK, ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text, index=True)
    disposition: Mapped[str | None] = mapped_column(Text)
    disposition_kind: Mapped[str | None] = mapped_column(String(20))
    disposition_date: Mapped[date | None] = mapped_column(Date)


class RawRowRecord(Base):
    """One feed row exactly as read, kept so that nothing in the feed is lost."""

    __tablename__ = "usitc_raw_rows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    investigation_number: Mapped[str] = mapped_column(
        String(20), ForeignKey(_NUMBER_FK, ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    layout: Mapped[str] = mapped_column(String(20))
    row_number: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, object]] = mapped_column(JSON)


class ImportRow(Base):
    """One import of a feed file: where from, when, and what it did."""

    __tablename__ = "usitc_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    source: Mapped[str] = mapped_column(Text)
    layouts: Mapped[str] = mapped_column(String(80))
    feed_date: Mapped[date | None] = mapped_column(Date)
    rows: Mapped[int] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer)
    updated: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    skipped: Mapped[int] = mapped_column(Integer)
    rejections: Mapped[list[dict[str, object]]] = mapped_column(JSON)


def fingerprints(session: Session, numbers: Iterable[str]) -> dict[str, str]:
    """Return the stored fingerprint of each of ``numbers`` already imported (rows locked)."""
    wanted = sorted(set(numbers))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        query = select(InvestigationRow.number, InvestigationRow.fingerprint).where(
            InvestigationRow.number.in_(wanted[start : start + 500])
        )
        if lock_rows_supported(session):
            query = query.with_for_update()
        found.update({number: print_ for number, print_ in session.execute(query)})
    return found


def add_investigation(session: Session, record: Investigation, print_: str, now: datetime) -> None:
    """Add a newly imported record with its parties and raw rows (the caller commits)."""
    session.add(
        InvestigationRow(
            number=record.number, first_imported_at=now, **_columns(record, print_, now)
        )
    )
    session.flush()
    _add_children(session, record)


def replace_investigation(
    session: Session, record: Investigation, print_: str, now: datetime
) -> None:
    """Replace a stored record by its newly imported version (the caller commits)."""
    row = session.get(InvestigationRow, record.number)
    if row is None:
        raise NotFound(f"no imported investigation {record.number}", field="number")
    for name, value in _columns(record, print_, now).items():
        setattr(row, name, value)
    session.execute(delete(PartyRow).where(PartyRow.investigation_number == record.number))
    session.execute(delete(RawRowRecord).where(RawRowRecord.investigation_number == record.number))
    _add_children(session, record)


def _columns(record: Investigation, print_: str, now: datetime) -> dict[str, object]:
    return {
        "kind": record.kind.value,
        "source": record.source.value,
        "layout": record.layout.value,
        "title": record.title,
        "docket": record.docket,
        "status": record.status,
        "outcome": record.outcome.value,
        "complaint_filed": record.dates.complaint_filed,
        "instituted": record.dates.institution(),
        "terminated": record.dates.terminated,
        "final_determination": record.dates.final_determination,
        "details": details_to_json(record),
        "fingerprint": print_,
        "changed_at": now,
    }


def _add_children(session: Session, record: Investigation) -> None:
    for position, party in enumerate(record.parties):
        session.add(
            PartyRow(
                investigation_number=record.number,
                position=position,
                role=party.role.value,
                name=party.name,
                country=party.country,
                disposition=party.disposition,
                disposition_kind=(party.disposition_kind.value if party.disposition_kind else None),
                disposition_date=party.disposition_date,
            )
        )
    for position, raw in enumerate(record.raw_rows):
        session.add(
            RawRowRecord(
                investigation_number=record.number,
                position=position,
                layout=raw.layout.value,
                row_number=raw.row,
                data=raw.data,
            )
        )


def add_import(
    session: Session,
    *,
    now: datetime,
    source: str,
    layouts: Sequence[FeedLayout],
    feed_date: date | None,
    counts: dict[str, int],
    rejected: Sequence[RecordError],
) -> None:
    """Log one import with its counts and rejected rows (the caller commits)."""
    session.add(
        ImportRow(
            imported_at=now,
            source=source[:2000],
            layouts=",".join(layout.value for layout in layouts)[:80],
            feed_date=feed_date,
            rows=counts["rows"],
            added=counts["added"],
            updated=counts["updated"],
            unchanged=counts["unchanged"],
            rejected=len(rejected),
            skipped=counts["skipped"],
            rejections=[
                {"row": error.row, "field": error.field, "reason": error.reason}
                for error in rejected
            ],
        )
    )


def imported_investigations(
    session: Session, *, kind: RecordKind | None = None, with_raw_rows: bool = False
) -> list[Investigation]:
    """Return the imported records (of ``kind`` when given), ordered by number."""
    query = select(InvestigationRow).order_by(InvestigationRow.number)
    if kind is not None:
        query = query.where(InvestigationRow.kind == kind.value)
    rows = list(session.scalars(query))
    parties = _parties_by_number(session)
    raws = _raw_rows_by_number(session) if with_raw_rows else {}
    return [_record(row, parties[row.number], raws.get(row.number, [])) for row in rows]


def imported_investigation(session: Session, number: str) -> Investigation:
    """Return one imported record with its raw rows; raise :class:`NotFound`."""
    row = session.get(InvestigationRow, number)
    if row is None:
        raise NotFound(f"no imported investigation {number!r}", field="number")
    parties = _parties_by_number(session, number)
    return _record(row, parties[number], _raw_rows_by_number(session, number)[number])


def _record(row: InvestigationRow, parties: list[Party], raws: list[RawRow]) -> Investigation:
    columns = {
        "number": row.number,
        "kind": row.kind,
        "source": row.source,
        "layout": row.layout,
        "outcome": row.outcome,
        "title": row.title,
        "docket": row.docket,
        "status": row.status,
    }
    return investigation_from_json(columns, row.details, parties, raws)


def _parties_by_number(session: Session, number: str | None = None) -> dict[str, list[Party]]:
    query = select(PartyRow).order_by(PartyRow.investigation_number, PartyRow.position)
    if number is not None:
        query = query.where(PartyRow.investigation_number == number)
    grouped: defaultdict[str, list[Party]] = defaultdict(list)
    for row in session.scalars(query):
        grouped[row.investigation_number].append(
            party_from_json(
                {
                    "role": row.role,
                    "name": row.name,
                    "country": row.country,
                    "disposition": row.disposition,
                    "disposition_kind": row.disposition_kind,
                    "disposition_date": row.disposition_date.isoformat()
                    if row.disposition_date
                    else None,
                }
            )
        )
    return grouped


def _raw_rows_by_number(session: Session, number: str | None = None) -> dict[str, list[RawRow]]:
    query = select(RawRowRecord).order_by(RawRowRecord.investigation_number, RawRowRecord.position)
    if number is not None:
        query = query.where(RawRowRecord.investigation_number == number)
    grouped: defaultdict[str, list[RawRow]] = defaultdict(list)
    for row in session.scalars(query):
        grouped[row.investigation_number].append(
            RawRow(FeedLayout(row.layout), row.row_number, row.data)
        )
    return grouped


def import_log(session: Session, limit: int = 20) -> list[ImportRow]:
    """Return the latest imports, newest first."""
    query = select(ImportRow).order_by(ImportRow.id.desc()).limit(limit)
    return list(session.scalars(query))
