"""``patentshield case`` and ``patentshield evidence``: thin adapters over the case service.

Today's date and the clock are read here, at the edge; the vault lives in
``PATENTSHIELD_HOME/evidence``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from patentshield.cases import service
from patentshield.cases.duties import EvidenceKind
from patentshield.cases.model import Case, Respondent
from patentshield.cases.serialise import (
    CASE_COLUMNS,
    MOVE_COLUMNS,
    SCHEDULE_COLUMNS,
    TASK_COLUMNS,
    case_rows,
    case_to_json,
    case_view_json,
    move_rows,
    schedule_rows,
    task_rows,
    task_to_json,
)
from patentshield.cases.vault import FileState
from patentshield.kernel.cli import (
    DayOption,
    FormatOption,
    OutputFormat,
    day_or_today,
    emit,
    optional_day,
    print_table,
    runtime,
)
from patentshield.kernel.dates import parse_date
from patentshield.kernel.errors import InvalidInput
from patentshield.usitc.workflow import INITIAL_STATE, CaseState

app = typer.Typer(no_args_is_help=True)
evidence_app = typer.Typer(no_args_is_help=True)

CaseArgument = Annotated[str, typer.Argument(help="Case id or investigation/docket number.")]


def vault_root(ctx: typer.Context) -> Path:
    """Return the folder of the evidence vault."""
    return runtime(ctx).settings.home / "evidence"


def _insured(spec: str) -> Respondent:
    enterprise, separator, policy = spec.partition("=")
    if not separator or not enterprise.strip() or not policy.strip():
        raise InvalidInput("insured", f"{spec!r}: give ENTERPRISE=POLICY")
    return Respondent(
        name=enterprise.strip(), enterprise_id=enterprise.strip(), policy=policy.strip()
    )


def _party(respondent: Respondent) -> str:
    if respondent.insured:
        return f"{respondent.name} (insured: {respondent.policy})"
    return f"{respondent.name} (uninsured)"


def _show(fmt: OutputFormat, shown: service.CaseView) -> None:
    case = shown.case

    def tables() -> None:
        rows = [
            ["Number", case.number],
            ["Title", case.title],
            ["State", case.state.value],
            ["Complainants", ", ".join(case.complainants)],
            [
                "Respondents",
                "; ".join(_party(r) for r in case.respondents),
            ],
            ["Patents", ", ".join(case.patents)],
            ["Accused products", ", ".join(case.products) or "-"],
            [
                "Counsel",
                "; ".join(f"{c.respondent}: {c.firm} ({c.consented_on})" for c in case.counsel)
                or "-",
            ],
        ]
        print_table(f"Case {case.number}", ("Field", "Value"), rows)
        print_table(f"Tasks on {shown.today}", TASK_COLUMNS, task_rows(shown.tasks))
        print_table("Schedule", SCHEDULE_COLUMNS, schedule_rows(shown.schedule))
        print_table("Moves", MOVE_COLUMNS, move_rows(shown.transitions))

    emit(
        fmt,
        case_view_json(case, shown.schedule, shown.tasks, shown.transitions, shown.today),
        tables,
    )


@app.command("open")
def open_command(
    ctx: typer.Context,
    number: Annotated[str, typer.Option(help="Investigation number (337-TA-…) or docket number.")],
    complaint: Annotated[str, typer.Option(help="Complaint filing date, YYYY-MM-DD.")],
    complainant: Annotated[list[str], typer.Option(help="Complainant (repeat).")],
    patent: Annotated[list[str], typer.Option(help="Asserted patent (repeat).")],
    insured: Annotated[
        list[str] | None, typer.Option(help="Insured respondent ENTERPRISE=POLICY (repeat).")
    ] = None,
    respondent: Annotated[
        list[str] | None, typer.Option(help="Uninsured co-respondent's name (repeat).")
    ] = None,
    product: Annotated[list[str] | None, typer.Option(help="Accused product (repeat).")] = None,
    title: Annotated[str, typer.Option(help="Short title (Certain LED Lighting Devices…).")] = "",
    learned: Annotated[
        str | None, typer.Option(help="Day the insured learned of the complaint (served, else …).")
    ] = None,
    instituted: Annotated[str | None, typer.Option(help="Institution date.")] = None,
    served: Annotated[str | None, typer.Option(help="Service date.")] = None,
    hearing: Annotated[str | None, typer.Option(help="Hearing date.")] = None,
    target: Annotated[str | None, typer.Option(help="Target date.")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Open a case from a complaint or notice of investigation."""
    filed = parse_date(complaint, field="complaint")
    known = {
        "instituted": optional_day(instituted, "instituted"),
        "served": optional_day(served, "served"),
    }
    state = INITIAL_STATE
    if known["served"] is not None:
        state = CaseState.SERVED
    elif known["instituted"] is not None:
        state = CaseState.INSTITUTED
    learned_on = optional_day(learned, "learned") or known["served"] or known["instituted"] or filed
    respondents = tuple(_insured(spec) for spec in insured or ()) + tuple(
        Respondent(name=name) for name in respondent or ()
    )
    case = Case(
        id=service.new_case_id(),
        number=number.strip(),
        title=title.strip(),
        complaint_filed=filed,
        learned_on=learned_on,
        complainants=tuple(complainant),
        respondents=respondents,
        patents=tuple(patent),
        products=tuple(product or ()),
        state=state,
        opened_at=datetime.now(UTC),
        instituted=known["instituted"],
        served=known["served"],
        hearing=optional_day(hearing, "hearing"),
        target=optional_day(target, "target"),
    )
    database = runtime(ctx).database
    opened = service.open_new_case(database, case, now=datetime.now(UTC))
    _show(fmt, service.show_case(database, opened.id, today=learned_on))


@app.command()
def show(
    ctx: typer.Context,
    case: CaseArgument,
    day: DayOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Show a case: facts, tasks (overdue first), schedule and recorded moves."""
    _show(fmt, service.show_case(runtime(ctx).database, case, today=day_or_today(day)))


@app.command("list")
def list_command(ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """List the cases, latest complaint first."""
    cases = service.list_cases(runtime(ctx).database)
    emit(
        fmt,
        [case_to_json(c) for c in cases],
        lambda: print_table("Cases", CASE_COLUMNS, case_rows(cases)),
    )


@app.command()
def tasks(
    ctx: typer.Context,
    case: CaseArgument,
    day: DayOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """List a case's duties on a day: overdue and at-risk first."""
    shown = service.show_case(runtime(ctx).database, case, today=day_or_today(day))
    emit(
        fmt,
        [task_to_json(task) for task in shown.tasks],
        lambda: print_table(
            f"Tasks of {shown.case.number} on {shown.today}", TASK_COLUMNS, task_rows(shown.tasks)
        ),
    )


@app.command()
def advance(
    ctx: typer.Context,
    case: CaseArgument,
    to: Annotated[CaseState, typer.Option("--to", help="State to move to.")],
    day: DayOption = None,
    note: Annotated[str, typer.Option(help="Why (order number, filing …).")] = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Move a case to its next state (the move is checked and recorded)."""
    shown = service.advance_case(
        runtime(ctx).database, case, to, day=day_or_today(day), note=note, now=datetime.now(UTC)
    )
    _show(fmt, shown)


@app.command()
def counsel(
    ctx: typer.Context,
    case: CaseArgument,
    respondent: Annotated[str, typer.Option(help="Insured respondent (enterprise id).")],
    firm: Annotated[str, typer.Option(help="Law firm the insurer consented to.")],
    panel: Annotated[bool, typer.Option(help="The firm is on the insurer's panel.")] = False,
    day: DayOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Record the insurer's consent to an insured respondent's counsel."""
    shown = service.approve_counsel(
        runtime(ctx).database,
        case,
        respondent,
        firm=firm,
        day=day_or_today(day),
        panel=panel,
        now=datetime.now(UTC),
    )
    _show(fmt, shown)


@app.command()
def done(
    ctx: typer.Context,
    case: CaseArgument,
    task: Annotated[str, typer.Argument(help="Task code (see `case tasks`).")],
    day: DayOption = None,
    note: Annotated[str, typer.Option(help="What was done.")] = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Record a duty as done."""
    shown = service.complete_duty(
        runtime(ctx).database, case, task, day=day_or_today(day), note=note, now=datetime.now(UTC)
    )
    _show(fmt, shown)


# --- evidence ------------------------------------------------------------------------------


def _evidence_json(item: service.Evidence) -> dict[str, str | int]:
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


def _evidence_rows(items: list[service.Evidence]) -> list[list[str]]:
    return [
        [i.added_on.isoformat(), i.kind.value, i.filename, str(i.size), i.sha256[:16], i.added_by]
        for i in items
    ]


EVIDENCE_COLUMNS = ("Added", "Kind", "File", "Bytes", "SHA-256 (start)", "By")


@evidence_app.command()
def add(
    ctx: typer.Context,
    case: CaseArgument,
    files: Annotated[list[Path], typer.Argument(help="Files to store.")],
    kind: Annotated[EvidenceKind, typer.Option(help="What the files show.")],
    by: Annotated[str, typer.Option(help="Who adds them.")],
    day: DayOption = None,
    note: Annotated[str, typer.Option(help="Note.")] = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Store files in the vault (content-addressed, read-only) and attach them to a case."""
    when, now = day_or_today(day), datetime.now(UTC)
    items = [
        service.add_evidence(
            runtime(ctx).database,
            vault_root(ctx),
            case,
            path,
            kind=kind,
            added_by=by,
            day=when,
            note=note,
            now=now,
        )
        for path in files
    ]
    emit(
        fmt,
        [_evidence_json(i) for i in items],
        lambda: print_table("Evidence added", EVIDENCE_COLUMNS, _evidence_rows(items)),
    )


@evidence_app.command("list")
def list_evidence(
    ctx: typer.Context, case: CaseArgument, fmt: FormatOption = OutputFormat.TABLE
) -> None:
    """List a case's evidence."""
    items = service.list_evidence(runtime(ctx).database, case)
    emit(
        fmt,
        [_evidence_json(i) for i in items],
        lambda: print_table("Evidence", EVIDENCE_COLUMNS, _evidence_rows(items)),
    )


@evidence_app.command()
def verify(ctx: typer.Context, case: CaseArgument, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Re-hash every evidence file of a case; exit status 1 when one is altered or missing."""
    checks = service.verify_evidence(runtime(ctx).database, vault_root(ctx), case)
    emit(
        fmt,
        [{**_evidence_json(c.evidence), "state": c.state.value} for c in checks],
        lambda: print_table(
            "Evidence verification",
            ("State", "File", "SHA-256"),
            [[c.state.value, c.evidence.filename, c.evidence.sha256] for c in checks],
        ),
    )
    if any(c.state is not FileState.INTACT for c in checks):
        raise typer.Exit(1)


@evidence_app.command()
def export(
    ctx: typer.Context,
    case: CaseArgument,
    respondent: Annotated[str, typer.Option(help="Insured respondent the dossier is for.")],
    out: Annotated[Path, typer.Option(help="ZIP file to write.")],
    day: DayOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Write the dossier for the insurer: documents, manifest.json and a PDF cover letter."""
    items = service.export_dossier(
        runtime(ctx).database, vault_root(ctx), case, respondent, out, day=day_or_today(day)
    )
    emit(
        fmt,
        {"dossier": str(out), "files": [_evidence_json(i) for i in items]},
        lambda: print_table(f"Dossier {out}", EVIDENCE_COLUMNS, _evidence_rows(items)),
    )
