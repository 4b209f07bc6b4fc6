"""``patentshield subsidy application apply | list | show | approve | reject | withdraw``.

A thin adapter over :mod:`patentshield.subsidies.application_service`: an exporter applies on a
quote or policy, a programme officer (or the operator) approves — recording the grant under the
caps, idempotently with ``--idempotency-key`` — or rejects with ``--reason``.
"""

from __future__ import annotations

from typing import Annotated

import typer

from patentshield.kernel.cli import FormatOption, OutputFormat, emit, print_table, runtime
from patentshield.subsidies import application_service as service
from patentshield.subsidies.application_serialise import (
    APPLICATION_COLUMNS,
    application_fields,
    application_row,
    application_to_json,
)
from patentshield.subsidies.application_store import ApplicationFilter
from patentshield.subsidies.applications import Application, ApplicationStatus

app = typer.Typer(no_args_is_help=True, add_completion=False)

IdArgument = Annotated[str, typer.Argument(help="Application id.")]
KeyOption = Annotated[
    str,
    typer.Option(
        "--idempotency-key", help="Key of this decision; a retry with it changes nothing."
    ),
]


def _emit_one(fmt: OutputFormat, application: Application) -> None:
    emit(
        fmt,
        application_to_json(application),
        lambda: print_table(
            f"Subsidy application {application.id}",
            ["field", "value"],
            application_fields(application),
        ),
    )


@app.command("apply")
def apply_command(
    ctx: typer.Context,
    programme: Annotated[str, typer.Option("--programme", help="Programme id, e.g. shenzhen.")],
    quote: Annotated[str | None, typer.Option("--quote", help="Saved quote id.")] = None,
    policy: Annotated[str | None, typer.Option("--policy", help="Policy id or number.")] = None,
    note: Annotated[str, typer.Option("--note", help="Note to the administration.")] = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Apply for a programme's subsidy on a quote or policy of your enterprise."""
    made = service.apply(runtime(ctx), programme, quote_id=quote, policy=policy, note=note)
    _emit_one(fmt, made)


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: Annotated[
        ApplicationStatus | None, typer.Option("--status", help="Only this status.")
    ] = None,
    programme: Annotated[str | None, typer.Option("--programme", help="Programme id.")] = None,
    enterprise: Annotated[str | None, typer.Option("--enterprise", help="Enterprise id.")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """List the subsidy applications you see, newest first."""
    found = service.applications(runtime(ctx), ApplicationFilter(status, programme, enterprise))
    emit(
        fmt,
        [application_to_json(a) for a in found],
        lambda: print_table(
            "Subsidy applications",
            APPLICATION_COLUMNS,
            [application_row(a) for a in found],
            caption=f"{len(found)} application(s)",
        ),
    )


@app.command("show")
def show_command(
    ctx: typer.Context, application_id: IdArgument, fmt: FormatOption = OutputFormat.TABLE
) -> None:
    """Show one application with its decision and reason."""
    _emit_one(fmt, service.application(runtime(ctx), application_id))


@app.command("approve")
def approve_command(
    ctx: typer.Context,
    application_id: IdArgument,
    idempotency_key: KeyOption,
    reason: Annotated[str, typer.Option("--reason", help="Note on the approval.")] = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Approve an application: the grant is recorded in the ledger, within every cap."""
    decided = service.decide(
        runtime(ctx), application_id, approve=True, reason=reason, idempotency_key=idempotency_key
    )
    _emit_one(fmt, decided)


@app.command("reject")
def reject_command(
    ctx: typer.Context,
    application_id: IdArgument,
    reason: Annotated[str, typer.Option("--reason", help="Why the application is rejected.")],
    idempotency_key: KeyOption,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Reject an application with a reason the applicant sees."""
    decided = service.decide(
        runtime(ctx), application_id, approve=False, reason=reason, idempotency_key=idempotency_key
    )
    _emit_one(fmt, decided)


@app.command("withdraw")
def withdraw_command(
    ctx: typer.Context,
    application_id: IdArgument,
    reason: Annotated[str, typer.Option("--reason", help="Why it is withdrawn.")] = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Withdraw an application not decided yet."""
    _emit_one(fmt, service.withdraw(runtime(ctx), application_id, reason=reason))
