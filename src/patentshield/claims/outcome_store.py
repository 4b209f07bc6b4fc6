"""Table and repository of case outcomes (migration ``0007``; ``0012`` adds two columns).

``case_outcomes`` — how a case ended for the parties (settlement, orders …) or an event of its
end (an appeal, design-around work, a district court's judgment), with the orders issued, the
respondent it concerns (``0012``; none: the whole investigation), and whether wilful
infringement was found and the finding is final (``0012``). :class:`OutcomeRepository` takes
and returns :class:`~patentshield.claims.outcomes.Outcome`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from patentshield.claims.outcomes import Outcome, OutcomeKind
from patentshield.claims.wilful import WilfulFinding
from patentshield.kernel.db import Base


class OutcomeRow(Base):
    """How a case ended, or an event of its end (orders, appeal, design-around)."""

    __tablename__ = "case_outcomes"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    day: Mapped[date] = mapped_column(Date)
    orders: Mapped[list[object]] = mapped_column(JSON)
    wilful_infringement: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    respondent: Mapped[str | None] = mapped_column(String(200))
    final: Mapped[bool | None] = mapped_column(Boolean)


class OutcomeRepository:
    """Record case outcomes and answer what adjudication asks of them, in one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, outcome: Outcome) -> None:
        """Record an outcome."""
        self.session.add(
            OutcomeRow(
                id=outcome.id,
                case_id=outcome.case_id,
                kind=outcome.kind.value,
                day=outcome.day,
                orders=[order.value for order in outcome.orders],
                wilful_infringement=outcome.wilful_infringement,
                note=outcome.note,
                created_at=outcome.recorded_at,
                respondent=outcome.respondent,
                final=outcome.final,
            )
        )
        self.session.flush()

    def wilful_finding(self, case_id: str, respondent: str) -> WilfulFinding | None:
        """Return the latest district court's finding of wilfulness against ``respondent``."""
        query = (
            select(OutcomeRow)
            .where(
                OutcomeRow.case_id == case_id,
                OutcomeRow.kind == OutcomeKind.DISTRICT_COURT_JUDGMENT.value,
                OutcomeRow.respondent == respondent,
                OutcomeRow.wilful_infringement.is_(True),
            )
            .order_by(OutcomeRow.day.desc(), OutcomeRow.created_at.desc())
        )
        row = self.session.scalars(query.limit(1)).first()
        return None if row is None else WilfulFinding(row.day, final=bool(row.final))
