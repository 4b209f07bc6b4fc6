"""Cases, tasks, moves and evidence to JSON-ready dictionaries and table rows.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from patentshield.cases.model import Case, Evidence, Party, Task, Transition
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.procedure.schedule import ScheduleEvent

TASK_COLUMNS = ("Status", "Due", "Task", "Respondent", "Basis")
CASE_COLUMNS = ("Number", "Title", "State", "Complaint", "Respondents", "Insured")
MOVE_COLUMNS = ("#", "Day", "From", "To", "Note")
SCHEDULE_COLUMNS = ("Date", "Kind", "Event", "Rule")
EVIDENCE_COLUMNS = ("Added", "Kind", "File", "Bytes", "SHA-256 (start)", "By")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def task_to_json(task: Task) -> dict[str, JsonValue]:
    """Return one task as JSON."""
    return {
        "code": task.code,
        "title": task.title,
        "due": _day(task.due),
        "status": task.status.value,
        "respondent": task.respondent,
        "done_on": _day(task.done_on),
        "basis": task.basis,
    }


def transition_to_json(move: Transition) -> dict[str, JsonValue]:
    """Return one recorded move as JSON."""
    return {
        "sequence": move.sequence,
        "from": move.from_state.value if move.from_state else None,
        "to": move.to_state.value,
        "day": move.day.isoformat(),
        "note": move.note,
        "recorded_at": move.recorded_at.isoformat(),
    }


def event_to_json(event: ScheduleEvent) -> dict[str, JsonValue]:
    """Return one schedule event as JSON (the fields the case view needs)."""
    return {
        "step": event.step.value,
        "title": event.title,
        "date": event.date.isoformat(),
        "latest": _day(event.latest),
        "kind": event.kind.value,
        "rule": event.rule,
    }


def _party_json(party: Party) -> dict[str, JsonValue]:
    return {
        "name": party.name,
        "enterprise": party.enterprise_id,
        "policy": party.policy,
        "insured": party.insured,
    }


def case_to_json(case: Case) -> dict[str, JsonValue]:
    """Return a case's facts as JSON."""
    return {
        "id": case.id,
        "number": case.number,
        "title": case.title,
        "state": case.state.value,
        "complaint_filed": case.complaint_filed.isoformat(),
        "learned_on": case.learned_on.isoformat(),
        "instituted": _day(case.instituted),
        "served": _day(case.served),
        "hearing": _day(case.hearing),
        "target": _day(case.target),
        "final_id_served": _day(case.final_id_served),
        "complainants": list(case.complainants),
        "respondents": [_party_json(r) for r in case.respondents],
        "insured_complainants": [_party_json(c) for c in case.insured_complainants],
        "patents": list(case.patents),
        "products": list(case.products),
        "counsel": [
            {
                "respondent": c.respondent,
                "firm": c.firm,
                "consented_on": c.consented_on.isoformat(),
                "panel": c.panel,
            }
            for c in case.counsel
        ],
    }


def case_view_json(
    case: Case,
    schedule: Sequence[ScheduleEvent],
    tasks: Sequence[Task],
    moves: Sequence[Transition],
    today: date,
) -> dict[str, JsonValue]:
    """Return a case with its schedule, tasks and moves as JSON."""
    return {
        **case_to_json(case),
        "today": today.isoformat(),
        "tasks": [task_to_json(task) for task in tasks],
        "schedule": [event_to_json(event) for event in schedule],
        "transitions": [transition_to_json(move) for move in moves],
    }


def task_rows(tasks: Sequence[Task]) -> list[list[str]]:
    """Return one row per task, in the order given (overdue first)."""
    return [
        [
            task.status.value.upper()
            if task.status.value in ("overdue", "at_risk")
            else task.status.value,
            _day(task.due) or "-",
            task.title,
            task.respondent or "-",
            task.basis,
        ]
        for task in tasks
    ]


def case_rows(cases: Sequence[Case]) -> list[list[str]]:
    """Return one row per case."""
    return [
        [
            case.number,
            case.title,
            case.state.value,
            case.complaint_filed.isoformat(),
            str(len(case.respondents)),
            ", ".join(r.key for r in case.insured_parties()) or "-",
        ]
        for case in cases
    ]


def move_rows(moves: Sequence[Transition]) -> list[list[str]]:
    """Return one row per recorded move."""
    return [
        [
            str(move.sequence),
            move.day.isoformat(),
            move.from_state.value if move.from_state else "-",
            move.to_state.value,
            move.note,
        ]
        for move in moves
    ]


def schedule_rows(schedule: Sequence[ScheduleEvent]) -> list[list[str]]:
    """Return one row per schedule event."""
    return [[e.date.isoformat(), e.kind.value, e.title, e.rule] for e in schedule]


def evidence_to_json(item: Evidence) -> dict[str, JsonValue]:
    """Return one evidence file's metadata as JSON (the CLI's and the dossier manifest's)."""
    return {
        "id": item.id,
        "kind": item.kind.value,
        "filename": item.filename,
        "sha256": item.sha256,
        "size": item.size,
        "added_by": item.added_by,
        "added_on": item.added_on.isoformat(),
        "note": item.note,
    }


def evidence_rows(items: Sequence[Evidence]) -> list[list[str]]:
    """Return one row per evidence file."""
    return [
        [i.added_on.isoformat(), i.kind.value, i.filename, str(i.size), i.sha256[:16], i.added_by]
        for i in items
    ]
