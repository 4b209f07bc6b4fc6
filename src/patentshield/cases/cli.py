"""``patentshield case`` and ``patentshield evidence``: thin adapters over the case service.

The services take the invocation's runtime (its database, clock and settings: the vault lives
in ``PATENTSHIELD_HOME/evidence``); a ``--date`` left out is today by the runtime's clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from patentshield.cases import dossier, dossier_check, evidence, service
from patentshield.cases.model import EvidenceKind, Party
from patentshield.cases.opening import CaseFacts, case_from_facts, insured_party, learned_on
from patentshield.cases.serialise import (
    CASE_COLUMNS,
    EVIDENCE_COLUMNS,
    MOVE_COLUMNS,
    SCHEDULE_COLUMNS,
    TASK_COLUMNS,
    case_rows,
    case_to_json,
    case_view_json,
    evidence_rows,
    evidence_to_json,
    move_rows,
    schedule_rows,
    task_rows,
    task_to_json,
)
from patentshield.kernel.cli import (
    DayOption,
    FormatOption,
    OutputFormat,
    day_or_today,
    emit,
    now,
    optional_day,
    print_table,
    runtime,
)
from patentshield.kernel.dates import parse_date
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.vault import FileState
from patentshield.procedure.workflow import CaseState

app = typer.Typer(no_args_is_help=True, add_completion=False)
evidence_app = typer.Typer(no_args_is_help=True, add_completion=False)

CaseArgument = Annotated[str, typer.Argument(help="Case id or investigation/docket number.")]


def _insured(spec: str, field: str = "insured") -> Party:
    enterprise, separator, policy = spec.partition("=")
    if not separator:
        raise InvalidInput(field, f"{spec!r}: give ENTERPRISE=POLICY")
    return insured_party(enterprise, policy, field)


def _party(respondent: Party) -> str:
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
            ["Insured complainants", "; ".join(map(_party, case.insured_complainants)) or "-"],
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
    insured_complainant: Annotated[
        list[str] | None,
        typer.Option(help="Insured complainant ENTERPRISE=POLICY, an enforcement policy (repeat)."),
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
    facts = CaseFacts(
        number=number,
        complaint_filed=parse_date(complaint, field="complaint"),
        complainants=tuple(complainant),
        patents=tuple(patent),
        insured=tuple(_insured(spec) for spec in insured or ()),
        respondents=tuple(respondent or ()),
        insured_complainants=tuple(
            _insured(spec, "insured_complainant") for spec in insured_complainant or ()
        ),
        products=tuple(product or ()),
        title=title,
        learned=optional_day(learned, "learned"),
        instituted=optional_day(instituted, "instituted"),
        served=optional_day(served, "served"),
        hearing=optional_day(hearing, "hearing"),
        target=optional_day(target, "target"),
    )
    case = case_from_facts(facts, case_id=service.new_case_id(), opened_at=now())
    opened = service.open_new_case(runtime(ctx), case)
    _show(fmt, service.show_case(runtime(ctx), opened.id, today=learned_on(facts)))


@app.command()
def show(
    ctx: typer.Context,
    case: CaseArgument,
    day: DayOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Show a case: facts, tasks (overdue first), schedule and recorded moves."""
    _show(fmt, service.show_case(runtime(ctx), case, today=day_or_today(day)))


@app.command("list")
def list_command(ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """List the cases, latest complaint first."""
    cases = service.list_cases(runtime(ctx))
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
    shown = service.show_case(runtime(ctx), case, today=day_or_today(day))
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
    shown = service.advance_case(runtime(ctx), case, to, day=day_or_today(day), note=note)
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
        runtime(ctx), case, respondent, firm=firm, day=day_or_today(day), panel=panel
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
    shown = service.complete_duty(runtime(ctx), case, task, day=day_or_today(day), note=note)
    _show(fmt, shown)


# --- evidence ------------------------------------------------------------------------------


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
    """Store files in the vault and attach them to a case: all of them, or none on an error.

    A file whose content the case already holds is not added again; a warning on standard
    error names the record that holds it.
    """
    details = evidence.EvidenceDetails(kind, by, day_or_today(day), note)
    results = evidence.add_evidence_files(runtime(ctx), case, files, details)
    for path, result in zip(files, results, strict=True):
        if not result.added:
            held = result.evidence
            typer.echo(
                f"warning: {path} is already evidence {held.id} of the case ({held.filename}, "
                f"added {held.added_on} by {held.added_by}); not added again",
                err=True,
            )
    items = [result.evidence for result in results]
    emit(
        fmt,
        [evidence_to_json(i) for i in items],
        lambda: print_table("Evidence added", EVIDENCE_COLUMNS, evidence_rows(items)),
    )


@evidence_app.command("list")
def list_evidence(
    ctx: typer.Context, case: CaseArgument, fmt: FormatOption = OutputFormat.TABLE
) -> None:
    """List a case's evidence."""
    items = evidence.list_evidence(runtime(ctx), case)
    emit(
        fmt,
        [evidence_to_json(i) for i in items],
        lambda: print_table("Evidence", EVIDENCE_COLUMNS, evidence_rows(items)),
    )


@evidence_app.command()
def verify(ctx: typer.Context, case: CaseArgument, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Check every evidence record against its file and the chain; exit 1 if one fails."""
    checks = evidence.verify_evidence(runtime(ctx), case)
    emit(
        fmt,
        [{**evidence_to_json(c.evidence), "state": c.state.value} for c in checks],
        lambda: print_table(
            "Evidence verification",
            ("State", "File", "SHA-256"),
            [[c.state.value, c.evidence.filename, c.evidence.sha256] for c in checks],
        ),
    )
    if any(c.state is not FileState.INTACT for c in checks):
        raise typer.Exit(1)


@evidence_app.command("verify-dossier")
def verify_dossier_command(
    file: Annotated[Path, typer.Argument(help="Dossier ZIP written by `evidence export`.")],
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Check every document of an exported dossier against its manifest; exit 1 if one fails."""
    report = dossier_check.verify_dossier(file)
    emit(
        fmt,
        {
            "dossier": report.source,
            "case": report.case,
            "intact": report.is_intact,
            "documents": [
                {"path": d.path, "state": d.state.value, "sha256": d.expected, "found": d.found}
                for d in report.documents
            ],
        },
        lambda: print_table(
            f"Dossier {report.source} (case {report.case})",
            ("State", "Document", "SHA-256 listed", "SHA-256 found"),
            [[d.state.value, d.path, d.expected or "-", d.found or "-"] for d in report.documents],
        ),
    )
    if not report.is_intact:
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
    items = dossier.export_dossier(runtime(ctx), case, respondent, out, day=day_or_today(day))
    emit(
        fmt,
        {"dossier": str(out), "files": [evidence_to_json(i) for i in items]},
        lambda: print_table(f"Dossier {out}", EVIDENCE_COLUMNS, evidence_rows(items)),
    )
