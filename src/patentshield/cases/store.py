"""Tables and repository of cases, their moves, duties done, counsel and evidence (``0006``).

* ``cases`` — one row per case: the dates the schedule counts from and the state as columns,
  parties, patents and products as a JSON document;
* ``case_transitions`` — every move, numbered per case (the primary key makes two concurrent
  moves from the same state fail);
* ``case_duties`` — the day a duty was done (notice to the insurer, stay request …);
* ``case_counsel`` — counsel of an insured respondent and the day the insurer consented;
* ``evidence_files`` — metadata of the files in the vault (content in ``home/evidence``).

The functions take and return the domain values of :mod:`patentshield.cases.model`; the
services never see a row.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    exists,
    false,
    select,
    true,
)
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql import ColumnElement

from patentshield.cases.model import Case, Counsel, Party, Transition
from patentshield.enterprises.store import enterprise_in_scope
from patentshield.kernel.db import Base, as_utc, lock_rows_supported
from patentshield.kernel.errors import NotFound
from patentshield.kernel.tenancy import EVERYTHING, Reach, Scope
from patentshield.policies.store import PolicyRow
from patentshield.procedure.workflow import CaseState


class CaseRow(Base):
    """One Section 337 case."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(40))
    complaint_filed: Mapped[date] = mapped_column(Date)
    learned_on: Mapped[date] = mapped_column(Date)
    instituted: Mapped[date | None] = mapped_column(Date)
    served: Mapped[date | None] = mapped_column(Date)
    hearing: Mapped[date | None] = mapped_column(Date)
    target: Mapped[date | None] = mapped_column(Date)
    final_id_served: Mapped[date | None] = mapped_column(Date)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    parties: Mapped[dict[str, object]] = mapped_column(JSON)


class CasePartyRow(Base):
    """An enterprise or policy a case names (migration ``0017``): whose case it is."""

    __tablename__ = "case_parties"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[str | None] = mapped_column(String(64), index=True)
    policy_number: Mapped[str | None] = mapped_column(String(60), index=True)


def visible_cases(scope: Scope) -> ColumnElement[bool]:
    """Return the SQL condition on ``cases`` of the cases ``scope`` sees.

    An exporter sees the cases naming one of its enterprises, an insurer those where a
    policy of a product it underwrites answers for a party, an administration none.
    """
    if scope.reach is Reach.ALL:
        return true()
    if scope.reach is Reach.OWNER:
        named = enterprise_in_scope(CasePartyRow.enterprise_id, scope)
    elif scope.reach is Reach.UNDERWRITER:
        numbers = select(PolicyRow.number).where(PolicyRow.product_id.in_(sorted(scope.products)))
        named = CasePartyRow.policy_number.in_(numbers)
    else:
        return false()
    return exists().where(CasePartyRow.case_id == CaseRow.id, named)


class TransitionRow(Base):
    """One recorded move of a case."""

    __tablename__ = "case_transitions"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_state: Mapped[str | None] = mapped_column(String(40))
    to_state: Mapped[str] = mapped_column(String(40))
    day: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DutyRow(Base):
    """A duty of a case recorded as done."""

    __tablename__ = "case_duties"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(120), primary_key=True)
    done_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CounselRow(Base):
    """Counsel of one insured respondent, consented by its insurer."""

    __tablename__ = "case_counsel"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    respondent: Mapped[str] = mapped_column(String(200), primary_key=True)
    firm: Mapped[str] = mapped_column(String(200))
    consented_on: Mapped[date] = mapped_column(Date)
    panel: Mapped[bool] = mapped_column(Boolean)


def _party_json(party: Party) -> dict[str, str | None]:
    return {"name": party.name, "enterprise": party.enterprise_id, "policy": party.policy}


def _parties(case: Case) -> dict[str, object]:
    return {
        "complainants": list(case.complainants),
        "respondents": [_party_json(r) for r in case.respondents],
        "insured_complainants": [_party_json(c) for c in case.insured_complainants],
        "patents": list(case.patents),
        "products": list(case.products),
    }


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(item) for item in cast(list[object], value))


def _party(value: object) -> Party:
    item = cast(dict[str, str | None], value)
    return Party(
        name=str(item["name"]),
        enterprise_id=item.get("enterprise"),
        policy=item.get("policy"),
    )


def _to_case(row: CaseRow, counsel: tuple[Counsel, ...]) -> Case:
    parties = row.parties
    return Case(
        id=row.id,
        number=row.number,
        title=row.title,
        complaint_filed=row.complaint_filed,
        learned_on=row.learned_on,
        complainants=_strings(parties["complainants"]),
        respondents=tuple(_party(item) for item in cast(list[object], parties["respondents"])),
        insured_complainants=tuple(
            _party(item) for item in cast(list[object], parties.get("insured_complainants", []))
        ),
        patents=_strings(parties["patents"]),
        products=_strings(parties["products"]),
        state=CaseState(row.state),
        opened_at=as_utc(row.opened_at),
        instituted=row.instituted,
        served=row.served,
        hearing=row.hearing,
        target=row.target,
        final_id_served=row.final_id_served,
        counsel=counsel,
    )


def _apply(row: CaseRow, case: Case) -> None:
    row.state = case.state.value
    row.instituted = case.instituted
    row.served = case.served
    row.hearing = case.hearing
    row.target = case.target
    row.final_id_served = case.final_id_served


def add_case(session: Session, case: Case, opening: Transition) -> None:
    """Add a new case and its opening transition."""
    row = CaseRow(
        id=case.id,
        number=case.number,
        title=case.title,
        complaint_filed=case.complaint_filed,
        learned_on=case.learned_on,
        opened_at=case.opened_at,
        parties=_parties(case),
    )
    _apply(row, case)
    session.add(row)
    session.flush()
    for position, party in enumerate(case.respondents + case.insured_complainants):
        if party.enterprise_id is not None or party.policy is not None:
            session.add(
                CasePartyRow(
                    case_id=case.id,
                    position=position,
                    enterprise_id=party.enterprise_id,
                    policy_number=party.policy,
                )
            )
    session.flush()
    add_transition(session, opening)


def add_transition(session: Session, transition: Transition) -> None:
    """Add one recorded move."""
    session.add(
        TransitionRow(
            case_id=transition.case_id,
            sequence=transition.sequence,
            from_state=transition.from_state.value if transition.from_state else None,
            to_state=transition.to_state.value,
            day=transition.day,
            note=transition.note,
            recorded_at=transition.recorded_at,
        )
    )
    session.flush()


def update_case(session: Session, case: Case) -> None:
    """Write the state and dates of ``case``."""
    row = session.get(CaseRow, case.id)
    if row is None:
        raise NotFound(f"no case {case.id!r}", field="case")
    _apply(row, case)
    session.flush()


def _counsel(session: Session, case_id: str) -> tuple[Counsel, ...]:
    rows = session.scalars(
        select(CounselRow).where(CounselRow.case_id == case_id).order_by(CounselRow.respondent)
    )
    return tuple(Counsel(r.respondent, r.firm, r.consented_on, r.panel) for r in rows)


def get_case(
    session: Session, id_or_number: str, *, lock: bool = False, scope: Scope = EVERYTHING
) -> Case:
    """Return a case by id or number (locked for update when ``lock``); raise NotFound.

    A case ``scope`` does not see is not found, exactly as a missing one.
    """
    query = select(CaseRow).where(
        (CaseRow.id == id_or_number) | (CaseRow.number == id_or_number), visible_cases(scope)
    )
    if lock and lock_rows_supported(session):
        query = query.with_for_update()
    row = session.scalars(query.execution_options(populate_existing=True)).one_or_none()
    if row is None:
        raise NotFound(f"no case {id_or_number!r}", field="case")
    return _to_case(row, _counsel(session, row.id))


def list_cases(session: Session, scope: Scope = EVERYTHING) -> list[Case]:
    """Return every case ``scope`` sees, latest complaint first."""
    rows = session.scalars(
        select(CaseRow)
        .where(visible_cases(scope))
        .order_by(CaseRow.complaint_filed.desc(), CaseRow.number)
    )
    return [_to_case(row, _counsel(session, row.id)) for row in rows]


def transitions(session: Session, case_id: str) -> list[Transition]:
    """Return the recorded moves of a case, in order."""
    rows = session.scalars(
        select(TransitionRow)
        .where(TransitionRow.case_id == case_id)
        .order_by(TransitionRow.sequence)
    )
    return [
        Transition(
            case_id=row.case_id,
            sequence=row.sequence,
            from_state=CaseState(row.from_state) if row.from_state else None,
            to_state=CaseState(row.to_state),
            day=row.day,
            note=row.note,
            recorded_at=as_utc(row.recorded_at),
        )
        for row in rows
    ]


def duties_done(session: Session, case_id: str) -> dict[str, date]:
    """Return the day each recorded duty of the case was done."""
    rows = session.scalars(select(DutyRow).where(DutyRow.case_id == case_id))
    return {row.code: row.done_on for row in rows}


def record_duty(
    session: Session, case_id: str, code: str, done_on: date, note: str, now: datetime
) -> bool:
    """Record a duty as done on ``done_on``; return ``False`` when it already was."""
    if session.get(DutyRow, (case_id, code)) is not None:
        return False
    session.add(DutyRow(case_id=case_id, code=code, done_on=done_on, note=note, recorded_at=now))
    session.flush()
    return True


def set_counsel(session: Session, case_id: str, counsel: Counsel) -> None:
    """Record (or replace) the consented counsel of one respondent."""
    row = session.get(CounselRow, (case_id, counsel.respondent))
    if row is None:
        row = CounselRow(case_id=case_id, respondent=counsel.respondent)
        session.add(row)
    row.firm = counsel.firm
    row.consented_on = counsel.consented_on
    row.panel = counsel.panel
    session.flush()
