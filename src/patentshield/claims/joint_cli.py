"""``patentshield jointdefence``: form a group of co-respondents, split a shared invoice.

Thin adapters over :mod:`~patentshield.claims.joint_service`; the invoice options are those of
``claim expense`` (:func:`patentshield.claims.cli.invoice_input`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import typer

from patentshield.claims import joint_service
from patentshield.claims.cli import (
    AmountOption,
    CaseArgument,
    CategoryOption,
    CurrencyOption,
    FxOption,
    PhaseOption,
    invoice_input,
)
from patentshield.claims.jointdefence import AllocationRule
from patentshield.claims.serialise import allocation_json, group_json
from patentshield.kernel.cli import (
    DayOption,
    FormatOption,
    OutputFormat,
    emit,
    print_table,
    runtime,
)
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import parse_decimal

joint_app = typer.Typer(no_args_is_help=True, add_completion=False)


def _weights(values: list[str] | None) -> dict[str, Decimal]:
    weights = {}
    for value in values or []:
        key, separator, number = value.rpartition("=")
        if not separator or not key.strip():
            raise InvalidInput("share", f"{value!r}: give MEMBER=NUMBER")
        weights[key.strip()] = parse_decimal(number, field="share")
    return weights


@joint_app.command()
def create(
    ctx: typer.Context,
    case: CaseArgument,
    name: Annotated[str, typer.Option(help="Group name.")],
    member: Annotated[list[str], typer.Option(help="Respondent (enterprise id or name; repeat).")],
    rule: Annotated[
        AllocationRule, typer.Option(help="How shared invoices are split.")
    ] = AllocationRule.EQUAL,
    share: Annotated[
        list[str] | None, typer.Option(help="MEMBER=NUMBER: custom share, or US sales (USD).")
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Form a joint-defence group of co-respondents."""
    group = joint_service.create_group(
        runtime(ctx), case, name, rule, member, weights=_weights(share)
    )
    emit(
        fmt,
        group_json(group),
        lambda: print_table(
            f"Joint defence {group.name} ({group.rule.value})",
            ("Member", "Name", "Insured", "Weight"),
            [[m.key, m.name, "yes" if m.insured else "no", str(m.weight)] for m in group.members],
        ),
    )


@joint_app.command("allocate")
def allocate_command(
    ctx: typer.Context,
    case: CaseArgument,
    group: Annotated[str, typer.Option(help="Group name.")],
    invoice: Annotated[str, typer.Option(help="Invoice number.")],
    vendor: Annotated[str, typer.Option(help="Who invoiced.")],
    category: CategoryOption,
    phase: PhaseOption,
    amount: AmountOption,
    currency: CurrencyOption = "CNY",
    day: DayOption = None,
    fx_rate: FxOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Split a shared invoice; each insured member's share goes into its own claim."""
    data = invoice_input(invoice, vendor, category, phase, day, amount, currency, fx_rate)
    result = joint_service.allocate_invoice(runtime(ctx), case, group, data)
    rows = [
        [
            s.member.key,
            str(s.amount),
            f"{s.fraction * 100:.2f} %",
            result.expenses[s.member.key].id
            if s.member.key in result.expenses
            else "borne by the member",
        ]
        for s in result.shares
    ]
    emit(
        fmt,
        allocation_json(result),
        lambda: print_table(
            f"Invoice {result.invoice_number} split",
            ("Member", "Share", "Fraction", "Filed as"),
            rows,
        ),
    )
