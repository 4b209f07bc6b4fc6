"""``patentshield claim invoice void | correct | history``: fix a claim's ledger, visibly.

A thin adapter over :mod:`patentshield.claims.correction_service`: an invoice entered wrongly
is voided or corrected with a reason, never deleted, and ``history`` lists every change with
the values before and after.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from patentshield.catalog.model import CostCategory
from patentshield.claims import correction_service
from patentshield.claims.corrections import InvoiceChange, change_to_json, correction_of
from patentshield.claims.model import Phase
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
from patentshield.kernel.jsonvalue import JsonValue

invoice_app = typer.Typer(no_args_is_help=True, add_completion=False)

Claim = Annotated[str, typer.Argument(help="Claim id (cl-…).")]
Invoice = Annotated[str, typer.Argument(help="Invoice number.")]
Reason = Annotated[str, typer.Option(help="Why (kept in the invoice's history).")]
CHANGE_COLUMNS = ("#", "Invoice", "Change", "Day", "Reason", "Before", "After")


def _values(values: dict[str, JsonValue] | None) -> str:
    if values is None:
        return "-"
    amount = values.get("amount")
    shown = f"{amount['currency']} {amount['amount']}" if isinstance(amount, dict) else str(amount)
    return f"{shown} {values.get('vendor')} {values.get('category')} {values.get('invoice_date')}"


def _print(changes: Sequence[InvoiceChange], fmt: OutputFormat, title: str) -> None:
    rows = [
        [str(c.sequence), c.invoice_number, c.kind.value, c.day.isoformat(), c.reason]
        + [_values(c.before), _values(c.after)]
        for c in changes
    ]
    emit(
        fmt,
        [change_to_json(change) for change in changes],
        lambda: print_table(title, CHANGE_COLUMNS, rows),
    )


@invoice_app.command()
def void(
    ctx: typer.Context,
    claim: Claim,
    invoice: Invoice,
    reason: Reason,
    day: DayOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Take an invoice out of an open claim's ledger (it stays, marked voided)."""
    change = correction_service.void_invoice(
        runtime(ctx), claim, invoice, day=day_or_today(day), reason=reason
    )
    _print([change], fmt, f"Invoice {invoice} voided")


@invoice_app.command()
def correct(
    ctx: typer.Context,
    claim: Claim,
    invoice: Invoice,
    reason: Reason,
    amount: Annotated[str | None, typer.Option(help="New amount.")] = None,
    currency: Annotated[str | None, typer.Option(help="Currency of --amount.")] = None,
    fx_rate: Annotated[str | None, typer.Option("--fx-rate", help="New rate.")] = None,
    vendor: Annotated[str | None, typer.Option(help="New vendor.")] = None,
    category: Annotated[CostCategory | None, typer.Option(help="New category.")] = None,
    phase: Annotated[Phase | None, typer.Option(help="New phase.")] = None,
    invoice_date: Annotated[str | None, typer.Option(help="New invoice date.")] = None,
    description: Annotated[str | None, typer.Option(help="New description.")] = None,
    day: DayOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Correct an invoice of an open claim, checked as a new one; the old values are kept."""
    correction = correction_of(
        amount=amount,
        currency=currency,
        fx_rate=fx_rate,
        vendor=vendor,
        category=category,
        phase=phase,
        invoice_date=optional_day(invoice_date, "invoice_date"),
        description=description,
    )
    change = correction_service.correct_invoice(
        runtime(ctx), claim, invoice, correction, day=day_or_today(day), reason=reason
    )
    _print([change], fmt, f"Invoice {invoice} corrected")


@invoice_app.command()
def history(ctx: typer.Context, claim: Claim, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """List every void and correction of a claim's invoices."""
    changes = correction_service.invoice_history(runtime(ctx), claim)
    _print(changes, fmt, f"Invoice history of {claim}")
