"""``patentshield procedure …``: the 337 clock: deadline, schedule, steps.

A thin adapter: it parses options (dates and day counts
as text, so that a bad value is one ``invalid_input`` line naming the option), calls the pure
modules :mod:`~patentshield.procedure.deadlines`, :mod:`~patentshield.procedure.schedule` and
:mod:`~patentshield.procedure.steps`, and renders JSON or a table. Unverified rules (DOMAIN.md
flag U) carry :data:`~patentshield.procedure.steps.UNVERIFIED_MARK` in every output.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from patentshield.kernel.cli import FormatOption, OutputFormat, emit, print_table
from patentshield.kernel.dates import FederalCalendar, parse_date
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.procedure.deadlines import Deadline, count_backward, count_forward, label
from patentshield.procedure.schedule import KnownDates, ScheduleEvent, case_schedule
from patentshield.procedure.steps import UNVERIFIED_MARK, DayCount, Step, load_procedure

app = typer.Typer(no_args_is_help=True, add_completion=False)

ClosureOption = Annotated[
    list[str] | None,
    typer.Option(
        "--closure", help="A day the Commission is closed (snow day, shutdown); repeatable."
    ),
]


def _optional_date(value: str | None, field: str) -> date | None:
    return None if value is None else parse_date(value, field=field)


def _calendar(closures: list[str] | None) -> FederalCalendar:
    days = [parse_date(value, field="closure") for value in closures or ()]
    return FederalCalendar().with_closures(days)


def _whole_number(value: str, field: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise InvalidInput(field, f"{value!r} is not a whole number of days") from None


def deadline_to_json(deadline: Deadline, closures: FederalCalendar) -> dict[str, JsonValue]:
    """Return the JSON form of a counted deadline (``due``, ``naive_due``, ``rule``, …)."""
    return {
        "due": deadline.due.isoformat(),
        "naive_due": deadline.naive_due.isoformat(),
        "file_by": deadline.file_by.isoformat(),
        "rule": deadline.rule,
        "warnings": list(deadline.warnings),
        "from": deadline.trigger.isoformat(),
        "days": deadline.days,
        "direction": "backward" if deadline.backward else "forward",
        "counting": "business days" if deadline.business_days else "calendar days",
        "closures": [day.isoformat() for day in sorted(closures.closures)],
        "steps": [
            {"day": step.day, "date": step.date.isoformat(), "note": step.note}
            for step in deadline.steps
        ],
    }


def _print_deadline(deadline: Deadline) -> None:
    typer.echo(f"due: {label(deadline.due)}   naive: {label(deadline.naive_due)}")
    typer.echo(f"file by: {label(deadline.file_by)}")
    typer.echo(f"rule: {deadline.rule}")
    for warning in deadline.warnings:
        typer.echo(f"⚠ {warning}")
    rows = [["" if s.day is None else str(s.day), label(s.date), s.note] for s in deadline.steps]
    print_table("How the period was counted", ["Day", "Date", "Why"], rows)


@app.command("deadline")
def deadline(
    from_: Annotated[
        str, typer.Option("--from", help="Trigger date (or, with --backward, reference date).")
    ],
    days: Annotated[str, typer.Option("--days", help="Length of the period in days (1-3650).")],
    backward: Annotated[
        bool, typer.Option("--backward", help="Count back from --from (19 CFR 210.18(a)).")
    ] = False,
    closure: ClosureOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Count a period under 19 CFR 201.14(a), or backward under 210.18(a), and the naive way."""
    start = parse_date(from_, field="from")
    count, calendar = _whole_number(days, "days"), _calendar(closure)
    result = (count_backward if backward else count_forward)(start, count, calendar)
    emit(fmt, deadline_to_json(result, calendar), lambda: _print_deadline(result))


def event_to_json(event: ScheduleEvent) -> dict[str, JsonValue]:
    """Return the JSON form of a schedule event (``step``, ``date``, ``kind``, ``rule``, …)."""
    return {
        "step": event.step.value,
        "code": event.code,
        "title": event.title,
        "date": event.date.isoformat(),
        "latest": None if event.latest is None else event.latest.isoformat(),
        "kind": event.kind.value,
        "given": event.given,
        "rule": event.rule,
        "verified": event.verified,
        "note": event.note,
    }


def _event_row(event: ScheduleEvent) -> list[str]:
    when = label(event.date) + (f"\n– {label(event.latest)}" if event.latest else "")
    kind = "given" if event.given else event.kind.value
    title = event.title if event.verified else f"{event.title} {UNVERIFIED_MARK}"
    return [when, f"{event.code} {title}", kind, event.rule, event.note]


def _print_schedule(events: tuple[ScheduleEvent, ...]) -> None:
    caveats = " | ".join(load_procedure().caveats)
    rows = [_event_row(event) for event in events]
    columns = ["Date", "Event", "Kind", "Rule", "Note"]
    print_table("Section 337 case calendar", columns, rows, caption=caveats)


@app.command("schedule")
def schedule(
    complaint_filed: Annotated[
        str, typer.Option("--complaint-filed", help="Date the complaint was filed.")
    ],
    instituted: Annotated[
        str | None, typer.Option("--instituted", help="Notice of investigation published.")
    ] = None,
    served: Annotated[
        str | None, typer.Option("--served", help="Complaint and notice served.")
    ] = None,
    target: Annotated[str | None, typer.Option("--target", help="Target date set.")] = None,
    hearing: Annotated[
        str | None, typer.Option("--hearing", help="First day of the evidentiary hearing.")
    ] = None,
    final_id_served: Annotated[
        str | None,
        typer.Option("--final-id-served", help="Final initial determination served."),
    ] = None,
    closure: ClosureOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Every expected date and deadline of a case, each with its rule; given dates win."""
    known = KnownDates(
        complaint_filed=parse_date(complaint_filed, field="complaint_filed"),
        instituted=_optional_date(instituted, "instituted"),
        served=_optional_date(served, "served"),
        hearing=_optional_date(hearing, "hearing"),
        target=_optional_date(target, "target"),
        final_id_served=_optional_date(final_id_served, "final_id_served"),
    )
    events = case_schedule(known, calendar=_calendar(closure))
    emit(fmt, [event_to_json(event) for event in events], lambda: _print_schedule(events))


def _period_to_json(period: DayCount) -> dict[str, JsonValue]:
    return {
        "id": period.id.value,
        "label": period.label,
        "amount": period.amount,
        "amount_high": period.amount_high,
        "unit": period.unit.value,
        "counting": period.counting.value,
        "direction": period.direction.value,
        "anchor": period.anchor,
        "rule": period.citation(),
        "confidence": period.confidence.value,
        "verified": period.verified,
        "sources": list(period.sources),
        "note": period.note,
    }


def step_to_json(step: Step) -> dict[str, JsonValue]:
    """Return the JSON form of a procedure step with its day counts and sources."""
    procedure = load_procedure()
    return {
        "id": step.id.value,
        "code": step.code,
        "kind": step.kind.value,
        "name": step.name,
        "trigger": step.trigger,
        "rule": step.citation(),
        "confidence": step.confidence.value,
        "verified": step.verified,
        "sources": [{"tag": tag, "url": procedure.reference(tag).url} for tag in step.sources],
        "summary": step.summary,
        "periods": [_period_to_json(period) for period in step.periods],
    }


def _count_text(period: DayCount) -> str:
    flag = "" if period.verified else f" {UNVERIFIED_MARK}"
    counted = f"{period.amount_text()} {period.direction.value} {period.anchor}"
    return f"{period.label}: {counted} — {period.rule} ({period.counting.value}){flag}"


def _print_procedure(steps: tuple[Step, ...]) -> None:
    rows = [
        [
            step.code,
            step.name,
            step.citation(),
            step.confidence.value,
            "\n".join(_count_text(period) for period in step.periods) or "—",
        ]
        for step in steps
    ]
    caption = "Flags: V verified, S secondary source, U unverified, D derived (DOMAIN.md)"
    columns = ["Code", "Step", "Rule", "Flag", "Day counts"]
    print_table("Section 337 procedure", columns, rows, caption=caption)


@app.command("steps")
def steps(fmt: FormatOption = OutputFormat.TABLE) -> None:
    """List the steps, exits and parallel tracks of a 337 case with their rules and day counts."""
    steps = load_procedure().steps
    emit(fmt, [step_to_json(step) for step in steps], lambda: _print_procedure(steps))
