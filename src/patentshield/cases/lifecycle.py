"""Opening a case and moving it through the Section 337 state machine, as pure functions.

:func:`open_case` checks what a complaint or notice gives (dates in procedure order, at least
one complainant and respondent, no respondent named twice, insured respondents and insured
complainants with their policy, an insured complainant not also a respondent) and returns the
case in its first state with the opening transition. :func:`advance` checks a move against
:data:`patentshield.procedure.workflow.TRANSITIONS` and returns the moved case with its
:class:`~patentshield.cases.model.Transition`; a move into a state that fixes a date
(instituted, served, hearing, final initial determination) records that date when the case did
not know it. Days never go backwards.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from patentshield.cases.model import Case, Party, Respondent, Transition
from patentshield.kernel.errors import InvalidInput
from patentshield.procedure.schedule import case_schedule
from patentshield.procedure.workflow import INITIAL_STATE, CaseState, check_move

MAX_PARTIES = 200

OPENING_STATES = (
    CaseState.COMPLAINT_FILED,
    CaseState.INSTITUTED,
    CaseState.TARGET_SET,
    CaseState.SERVED,
    CaseState.ANSWERED,
)
"""States a case may be opened in: from the complaint, or from the notice of investigation."""

_DATE_OF_STATE = {
    CaseState.INSTITUTED: "instituted",
    CaseState.SERVED: "served",
    CaseState.HEARING: "hearing",
    CaseState.FINAL_INITIAL_DETERMINATION: "final_id_served",
}


def _names(values: tuple[str, ...], field: str, *, required: bool) -> tuple[str, ...]:
    cleaned = tuple(value.strip() for value in values)
    if required and not cleaned:
        raise InvalidInput(field, "name at least one")
    if any(not value for value in cleaned):
        raise InvalidInput(field, "a name is empty")
    if len(set(cleaned)) != len(cleaned):
        raise InvalidInput(field, "a name is given twice")
    if len(cleaned) > MAX_PARTIES:
        raise InvalidInput(field, f"at most {MAX_PARTIES}")
    return cleaned


def _respondents(respondents: tuple[Respondent, ...]) -> None:
    if not respondents:
        raise InvalidInput("respondent", "name at least one respondent")
    keys = [respondent.key for respondent in respondents]
    if len(set(keys)) != len(keys):
        raise InvalidInput("respondent", "a respondent is named twice")
    for respondent in respondents:
        if respondent.policy is not None and respondent.enterprise_id is None:
            raise InvalidInput(
                "respondent", f"{respondent.name}: an insured respondent needs its enterprise"
            )


def _insured_complainants(case: Case) -> None:
    respondents = {respondent.key for respondent in case.respondents}
    for party in case.insured_complainants:
        if party.policy is None or party.enterprise_id is None:
            raise InvalidInput(
                "insured_complainant", f"{party.name}: give its enterprise and its policy"
            )
        if party.key in respondents:
            raise InvalidInput(
                "insured_complainant", f"{party.key} is a respondent of the same case"
            )
    _no_repeats(case.insured_complainants)


def _no_repeats(parties: tuple[Party, ...]) -> None:
    keys = [party.key for party in parties]
    if len(set(keys)) != len(keys):
        raise InvalidInput("insured_complainant", "an insured complainant is named twice")


def _opening_state(case: Case) -> None:
    if case.state not in OPENING_STATES:
        allowed = ", ".join(OPENING_STATES)
        raise InvalidInput("state", f"a case is opened in one of {allowed}, not {case.state}")
    if case.state is not INITIAL_STATE and case.instituted is None:
        raise InvalidInput(
            "instituted", f"a case opened in {case.state} needs its institution date"
        )
    if case.state in (CaseState.SERVED, CaseState.ANSWERED) and case.served is None:
        raise InvalidInput("served", f"a case opened in {case.state} needs its service date")


def open_case(case: Case, *, now: datetime) -> tuple[Case, Transition]:
    """Check a new case and return it in its first state with the opening transition.

    The case's ``state`` says how far the procedure is when it is opened: the complaint (filed)
    or the notice of investigation (instituted, served …); ``learned_on`` may not precede the
    complaint.

    Raises
    ------
    InvalidInput
        For a missing or repeated party, an empty number, or dates out of procedure order.
    """
    if not case.number.strip():
        raise InvalidInput("number", "give the investigation or docket number")
    _names(case.complainants, "complainant", required=True)
    _names(case.patents, "patent", required=True)
    _names(case.products, "product", required=False)
    _respondents(case.respondents)
    _insured_complainants(case)
    if case.learned_on < case.complaint_filed:
        raise InvalidInput(
            "learned_on", f"{case.learned_on} is before the complaint ({case.complaint_filed})"
        )
    _opening_state(case)
    case_schedule(case.known_dates())  # refuses dates out of procedure order
    opening = Transition(
        case_id=case.id,
        sequence=1,
        from_state=None,
        to_state=case.state,
        day=case.learned_on,
        note="case opened" if case.state is INITIAL_STATE else f"case opened in {case.state}",
        recorded_at=now,
    )
    return case, opening


def _with_date(case: Case, field: str, day: date) -> Case:
    if field == "instituted":
        return replace(case, instituted=day)
    if field == "served":
        return replace(case, served=day)
    if field == "hearing":
        return replace(case, hearing=day)
    return replace(case, final_id_served=day)


def advance(
    case: Case,
    last: Transition,
    target: CaseState,
    *,
    day: date,
    note: str,
    now: datetime,
) -> tuple[Case, Transition]:
    """Move ``case`` (whose last recorded move is ``last``) to ``target`` on ``day``.

    Raises
    ------
    InvalidTransition
        When the state machine does not allow the move.
    InvalidInput
        When ``day`` is before the last move, or the dates it fixes break procedure order.
    """
    check_move(case.state, target)
    if day < last.day:
        raise InvalidInput("date", f"{day} is before the last move of the case ({last.day})")
    moved = replace(case, state=target)
    field = _DATE_OF_STATE.get(target)
    if field is not None and getattr(case, field) is None:
        moved = _with_date(moved, field, day)
        case_schedule(moved.known_dates())
    transition = Transition(
        case_id=case.id,
        sequence=last.sequence + 1,
        from_state=case.state,
        to_state=target,
        day=day,
        note=note.strip(),
        recorded_at=now,
    )
    return moved, transition
