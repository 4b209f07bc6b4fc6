"""Tables of the audit log (migration ``0009``): the entries and the one-row chain head.

Appending locks the chain head first — ``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the
transaction already holds the write lock from ``BEGIN IMMEDIATE`` — so concurrent writers
append one after the other and the chain never forks. Both tables are marked
``info={"audit": False}``: the recorder never audits its own writes.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, insert, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from patentshield.audit.chain import Action, Change, Entry, Head, chained
from patentshield.kernel.db import Base, as_utc, lock_rows_supported

HEAD_ID = 1
NOT_AUDITED = {"info": {"audit": False}}


class EntryRow(Base):
    """One entry of the audit chain."""

    __tablename__ = "audit_entries"
    __table_args__ = NOT_AUDITED

    sequence: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(254))
    organisation_id: Mapped[str | None] = mapped_column(String(40), index=True)
    action: Mapped[str] = mapped_column(String(10))
    object_type: Mapped[str] = mapped_column(String(80))
    object_id: Mapped[str] = mapped_column(String(400))
    digest: Mapped[str] = mapped_column(String(64))
    previous: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class HeadRow(Base):
    """The chain head: the last sequence number and hash (one row, id 1)."""

    __tablename__ = "audit_chain_head"
    __table_args__ = NOT_AUDITED

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    sequence: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


def entry_of(row: EntryRow) -> Entry:
    """Return the entry of a row."""
    change = Change(
        at=as_utc(row.at),
        actor=row.actor,
        organisation_id=row.organisation_id,
        action=Action(row.action),
        object_type=row.object_type,
        object_id=row.object_id,
        digest=row.digest,
    )
    return Entry(row.sequence, change, row.previous, row.hash)


def read_head(session: Session, *, lock: bool = False) -> Head:
    """Return the chain head, locked until the transaction ends if asked (PostgreSQL)."""
    query = select(HeadRow.sequence, HeadRow.hash).where(HeadRow.id == HEAD_ID)
    if lock and lock_rows_supported(session):
        query = query.with_for_update()
    found = session.execute(query).one()
    return Head(found.sequence, found.hash)


def append(session: Session, changes: Sequence[Change]) -> list[Entry]:
    """Append ``changes`` to the chain after its head, in this transaction."""
    entries = chained(changes, read_head(session, lock=True))
    if not entries:
        return entries
    session.execute(insert(EntryRow), [_values(entry) for entry in entries])
    last = entries[-1]
    session.execute(
        update(HeadRow).where(HeadRow.id == HEAD_ID).values(sequence=last.sequence, hash=last.hash)
    )
    return entries


def _values(entry: Entry) -> dict[str, object]:
    change = entry.change
    return {
        "sequence": entry.sequence,
        "at": change.at,
        "actor": change.actor,
        "organisation_id": change.organisation_id,
        "action": change.action.value,
        "object_type": change.object_type,
        "object_id": change.object_id,
        "digest": change.digest,
        "previous": entry.previous,
        "hash": entry.hash,
    }


def iter_entries(
    session: Session,
    *,
    after: int = 0,
    organisation_id: str | None = None,
    limit: int | None = None,
    batch: int = 1000,
) -> Generator[Entry, None, None]:
    """Yield entries in order of sequence after ``after``, of one organisation if given."""
    query = select(EntryRow).where(EntryRow.sequence > after).order_by(EntryRow.sequence)
    if organisation_id is not None:
        query = query.where(EntryRow.organisation_id == organisation_id)
    if limit is not None:
        query = query.limit(limit)
    with session.scalars(query.execution_options(yield_per=batch)) as rows:
        for row in rows:
            yield entry_of(row)
