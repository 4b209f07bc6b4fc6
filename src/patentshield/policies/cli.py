"""``patentshield policy``: bind a saved quote, show, list and cancel policies.

A thin adapter over :mod:`patentshield.policies.service`; today's date is read here, from the
runtime's clock.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from patentshield.kernel.cli import (
    FormatOption,
    OutputFormat,
    day_or_today,
    emit,
    optional_day,
    print_table,
    runtime,
)
from patentshield.policies import service as policy_service
from patentshield.policies.model import Policy
from patentshield.policies.serialise import (
    LIST_COLUMNS,
    detail_rows,
    list_rows,
    policy_to_json,
)
from patentshield.policies.terms import DEFAULT_NOTICE_DAYS

app = typer.Typer(no_args_is_help=True, add_completion=False)

PolicyArgument = Annotated[str, typer.Argument(help="Policy id or number.")]
TodayOption = Annotated[
    str | None, typer.Option("--date", help="Day the status is given for, YYYY-MM-DD (today).")
]


def _show(fmt: OutputFormat, policy: Policy, day: date) -> None:
    emit(
        fmt,
        policy_to_json(policy, day),
        lambda: print_table(
            f"Policy {policy.number}", ("Field", "Value"), detail_rows(policy, day)
        ),
    )


@app.command()
def bind(
    ctx: typer.Context,
    quote_id: Annotated[str, typer.Argument(help="Saved quote id (q-…).")],
    start: Annotated[
        str | None, typer.Option(help="First day of the period, YYYY-MM-DD (the quote date).")
    ] = None,
    months: Annotated[int, typer.Option(help="Length of the period in months.")] = 12,
    notice_days: Annotated[
        int,
        typer.Option(help="Days to notify the insurer of a claim (no wording states it)."),
    ] = DEFAULT_NOTICE_DAYS,
    number: Annotated[str | None, typer.Option(help="Policy number (generated).")] = None,
    renews: Annotated[str | None, typer.Option(help="Policy this one renews.")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Bind a saved quote into a policy with its terms frozen."""
    request = policy_service.BindRequest(
        quote_id=quote_id,
        start=optional_day(start, "start"),
        months=months,
        notice_days=notice_days,
        number=number,
        renews=renews,
    )
    policy = policy_service.bind_policy(runtime(ctx), request)
    _show(fmt, policy, policy.period_start)


@app.command()
def show(
    ctx: typer.Context,
    policy: PolicyArgument,
    day: TodayOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Show a policy, its status on a day and its frozen terms."""
    found = policy_service.get_policy(runtime(ctx), policy)
    _show(fmt, found, day_or_today(day))


@app.command("list")
def list_policies(
    ctx: typer.Context,
    enterprise: Annotated[str | None, typer.Option(help="Enterprise id.")] = None,
    day: TodayOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """List policies, latest period first."""
    policies = policy_service.list_policies(runtime(ctx), enterprise=enterprise)
    when = day_or_today(day)
    emit(
        fmt,
        [policy_to_json(policy, when) for policy in policies],
        lambda: print_table("Policies", LIST_COLUMNS, list_rows(policies, when)),
    )


@app.command()
def cancel(
    ctx: typer.Context,
    policy: PolicyArgument,
    reason: Annotated[str, typer.Option(help="Why the policy is cancelled.")],
    day: Annotated[str | None, typer.Option("--date", help="Cancelled from, YYYY-MM-DD.")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Cancel a policy from a day."""
    when = day_or_today(day)
    cancelled = policy_service.cancel_policy(runtime(ctx), policy, day=when, reason=reason)
    _show(fmt, cancelled, when)
