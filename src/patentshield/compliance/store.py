"""Tables and repository of the compliance watch: US patents, watch lists, runs and alerts.

A US patent row keeps its number, kind, title, dates, PTA and the assignees and CPC groups as
JSON lists; a re-import replaces a changed patent. A watch list belongs to an enterprise. A
run records when the watch ran for an enterprise and what it found; an alert is unique per
(enterprise, product, kind, subject), so a later run can only add what is new. The repository
returns domain values; the service commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from patentshield.compliance.model import Alert, AlertKind, WatchList
from patentshield.compliance.patents import UsPatent
from patentshield.enterprises.store import enterprise_in_scope
from patentshield.kernel.db import Base, as_utc
from patentshield.kernel.errors import Conflict, NotFound
from patentshield.kernel.tenancy import Scope


class UsPatentRow(Base):
    """One imported US patent."""

    __tablename__ = "compliance_patents"

    number: Mapped[str] = mapped_column(String(12), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(Text)
    granted: Mapped[date] = mapped_column(Date)
    filed: Mapped[date | None] = mapped_column(Date)
    adjustment_days: Mapped[int] = mapped_column(Integer)
    withdrawn: Mapped[int] = mapped_column(Integer)
    assignees: Mapped[list[str]] = mapped_column(JSON)
    cpc: Mapped[list[str]] = mapped_column(JSON)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class WatchListRow(Base):
    """One watch list of an enterprise."""

    __tablename__ = "compliance_watch_lists"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(String(64), index=True)
    assignees: Mapped[list[str]] = mapped_column(JSON)
    cpc: Mapped[list[str]] = mapped_column(JSON)
    keywords: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class WatchRunRow(Base):
    """One run of the watch for an enterprise."""

    __tablename__ = "compliance_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[str] = mapped_column(String(64), index=True)
    ran_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    products: Mapped[int] = mapped_column(Integer)
    found: Mapped[int] = mapped_column(Integer)
    new: Mapped[int] = mapped_column(Integer)


class WatchAlertRow(Base):
    """One alert, recorded by the run that first found it."""

    __tablename__ = "compliance_alerts"
    __table_args__ = (
        UniqueConstraint("enterprise_id", "product", "kind", "subject", name="uq_compliance_alert"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    enterprise_id: Mapped[str] = mapped_column(String(64), index=True)
    product: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    expires: Mapped[date | None] = mapped_column(Date)
    run_id: Mapped[int] = mapped_column(Integer, ForeignKey("compliance_runs.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def save_patents(session: Session, patents: Iterable[UsPatent], now: datetime) -> tuple[int, int]:
    """Add new patents and replace changed ones; return (added, updated)."""
    added = updated = 0
    for patent in patents:
        row = session.get(UsPatentRow, patent.number)
        values = _patent_values(patent)
        if row is None:
            session.add(UsPatentRow(number=patent.number, imported_at=now, **values))
            added += 1
        elif any(getattr(row, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            row.imported_at = now
            updated += 1
    return added, updated


def _patent_values(patent: UsPatent) -> dict[str, object]:
    return {
        "kind": patent.kind,
        "title": patent.title,
        "granted": patent.granted,
        "filed": patent.filed,
        "adjustment_days": patent.adjustment_days,
        "withdrawn": int(patent.withdrawn),
        "assignees": list(patent.assignees),
        "cpc": list(patent.cpc),
    }


def patents(session: Session) -> list[UsPatent]:
    """Return every imported patent, by number."""
    rows = session.scalars(select(UsPatentRow).order_by(UsPatentRow.number))
    return [
        UsPatent(
            number=row.number,
            kind=row.kind,
            title=row.title,
            granted=row.granted,
            filed=row.filed,
            assignees=tuple(row.assignees),
            cpc=tuple(row.cpc),
            adjustment_days=row.adjustment_days,
            withdrawn=bool(row.withdrawn),
        )
        for row in rows
    ]


def add_watch_list(session: Session, watch_list: WatchList, now: datetime) -> None:
    """Add a watch list; a list with the same id is a :class:`Conflict`."""
    if session.get(WatchListRow, watch_list.id) is not None:
        raise Conflict(f"watch list {watch_list.id!r} exists already", field="id")
    session.add(
        WatchListRow(
            id=watch_list.id,
            enterprise_id=watch_list.enterprise_id,
            assignees=list(watch_list.assignees),
            cpc=list(watch_list.cpc),
            keywords=list(watch_list.keywords),
            created_at=now,
        )
    )


def watch_lists(
    session: Session, enterprise_id: str | None = None, scope: Scope | None = None
) -> list[WatchList]:
    """Return the watch lists (of one enterprise, or all; of the enterprises ``scope`` sees)."""
    query = select(WatchListRow).order_by(WatchListRow.id)
    if scope is not None:
        query = query.where(enterprise_in_scope(WatchListRow.enterprise_id, scope))
    if enterprise_id is not None:
        query = query.where(WatchListRow.enterprise_id == enterprise_id)
    return [
        WatchList(
            row.id, row.enterprise_id, tuple(row.assignees), tuple(row.cpc), tuple(row.keywords)
        )
        for row in session.scalars(query)
    ]


def start_run(session: Session, enterprise_id: str, products: int, now: datetime) -> int:
    """Record a run and return its id (its counts are set by :func:`finish_run`)."""
    row = WatchRunRow(enterprise_id=enterprise_id, ran_at=now, products=products, found=0, new=0)
    session.add(row)
    session.flush()
    return row.id


def finish_run(session: Session, run_id: int, *, found: int, new: int) -> None:
    """Set what a run found and how much of it was new."""
    row = session.get(WatchRunRow, run_id)
    if row is None:  # pragma: no cover - the run was started in this transaction
        raise NotFound(f"run {run_id}", field="run")
    row.found, row.new = found, new


def known_alerts(session: Session, enterprise_id: str) -> set[tuple[str, str, str]]:
    """Return (product, kind, subject) of every alert already recorded for the enterprise."""
    query = select(WatchAlertRow.product, WatchAlertRow.kind, WatchAlertRow.subject).where(
        WatchAlertRow.enterprise_id == enterprise_id
    )
    return {(product, kind, subject) for product, kind, subject in session.execute(query)}


def add_alerts(session: Session, alerts: Sequence[Alert]) -> None:
    """Record new alerts."""
    for alert in alerts:
        session.add(
            WatchAlertRow(
                enterprise_id=alert.enterprise_id,
                product=alert.product,
                kind=alert.kind.value,
                subject=alert.subject,
                title=alert.title,
                score=alert.score,
                reasons=list(alert.reasons),
                expires=alert.expires,
                run_id=alert.run_id,
                created_at=alert.created_at,
            )
        )


def alerts(
    session: Session, enterprise_id: str | None = None, scope: Scope | None = None
) -> list[Alert]:
    """Return the alerts (of one enterprise, or all), newest run first, best score first.

    With a ``scope``, only the alerts of the enterprises it sees.
    """
    row = WatchAlertRow
    query = select(row).order_by(row.run_id.desc(), row.score.desc(), row.id)
    if scope is not None:
        query = query.where(enterprise_in_scope(row.enterprise_id, scope))
    if enterprise_id is not None:
        query = query.where(WatchAlertRow.enterprise_id == enterprise_id)
    return [
        Alert(
            enterprise_id=row.enterprise_id,
            product=row.product,
            kind=AlertKind(row.kind),
            subject=row.subject,
            title=row.title,
            score=row.score,
            reasons=tuple(row.reasons),
            run_id=row.run_id,
            created_at=as_utc(row.created_at),
            expires=row.expires,
        )
        for row in session.scalars(query)
    ]
