"""``patentshield claim``: thin adapters over the claim services.

Each command parses its options, calls a service with the invocation's runtime and prints the
result (JSON shapes in :mod:`~patentshield.claims.serialise`); a ``--date`` left out is today by
the runtime's clock. The joint-defence commands are in :mod:`~patentshield.claims.joint_cli`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from patentshield.catalog.model import CostCategory
from patentshield.claims import (
    adjudication_service,
    ledger_service,
    notice_service,
    outcome_service,
    payment_service,
    status_service,
    view_service,
)
from patentshield.claims.invoice_cli import invoice_app
from patentshield.claims.model import ClaimView, NoticeFault, Phase
from patentshield.claims.outcomes import Order, OutcomeKind, OutcomeResult
from patentshield.claims.serialise import (
    CONSENT_COLUMNS,
    EXPENSE_COLUMNS,
    HISTORY_COLUMNS,
    LINE_COLUMNS,
    PAYMENT_COLUMNS,
    adjudication_json,
    consent_rows,
    event_rows,
    expense_json,
    expense_rows,
    line_rows,
    outcome_json,
    payment_json,
    payment_rows,
    view_json,
)
from patentshield.claims.settlement_cli import consent_settlement
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
from patentshield.kernel.money import Money, parse_amount, parse_fx_rate, parse_money

app = typer.Typer(no_args_is_help=True, add_completion=False)
app.add_typer(invoice_app, name="invoice", help="Void or correct an invoice; its history.")
app.command("consent-settlement")(consent_settlement)

ClaimArgument = Annotated[str, typer.Argument(help="Claim id (cl-…).")]
CaseArgument = Annotated[str, typer.Argument(help="Case id or investigation number.")]
AmountOption = Annotated[str, typer.Option(help="Invoice amount.")]
CurrencyOption = Annotated[str, typer.Option(help="Invoice currency (CNY or USD).")]
CategoryOption = Annotated[CostCategory, typer.Option(help="Cost category.")]
PhaseOption = Annotated[Phase, typer.Option(help="Procedure phase.")]


FxOption = Annotated[
    str | None,
    typer.Option("--fx-rate", help="Policy currency per invoice currency (shipped rate)."),
]


def _claim_rows(view: ClaimView) -> list[list[str]]:
    claim = view.claim
    rows = [
        ["Claim", claim.id],
        ["Case / respondent", f"{claim.case_number} / {claim.respondent}"],
        ["Policy", claim.policy_number],
        [
            "Status",
            claim.status.value + (f" (reopened {claim.reopened}x)" if claim.reopened else ""),
        ],
        ["Notice", "; ".join(f"{r.code.value}: {r.explanation}" for r in claim.notice_reasons)],
        ["Adjudicated / paid", f"{view.adjudicated} / {view.paid}"],
    ]
    if view.reserve is not None:
        rows.append(["Reserve", f"{view.reserve.total} ({'; '.join(view.reserve.explanation)})"])
    return rows


def _show(fmt: OutputFormat, view: ClaimView) -> None:
    def tables() -> None:
        print_table(f"Claim {view.claim.id}", ("Field", "Value"), _claim_rows(view))
        print_table("Invoices", EXPENSE_COLUMNS, expense_rows(view.expenses))
        if view.adjudication is not None:
            print_table(
                f"Adjudication v{view.adjudication.version}",
                LINE_COLUMNS,
                line_rows(view.adjudication.lines),
            )
        print_table("Payments", PAYMENT_COLUMNS, payment_rows(view.payments))
        if view.settlement_consents:
            rows = consent_rows(view.settlement_consents)
            print_table("Consents to settle", CONSENT_COLUMNS, rows)
        print_table("Status history", HISTORY_COLUMNS, event_rows(view.history))

    emit(fmt, view_json(view), tables)


@app.command()
def notify(
    ctx: typer.Context,
    case: CaseArgument,
    respondent: Annotated[
        str, typer.Option(help="Insured respondent, or insured complainant (enterprise id).")
    ],
    day: DayOption = None,
    first_accused_sale: Annotated[
        str | None, typer.Option(help="First US sale of an accused product (retroactive date).")
    ] = None,
    dispute_known: Annotated[
        str | None, typer.Option(help="Day the dispute was first known (e.g. a demand letter).")
    ] = None,
    first_demand: Annotated[
        str | None, typer.Option(help="Day of the insured's first written demand (demand letter).")
    ] = None,
    named_by_amendment: Annotated[
        str | None, typer.Option(help="Day of the amended complaint that added the insured.")
    ] = None,
    served: Annotated[
        str | None, typer.Option(help="Service on the insured (default: the case's service date).")
    ] = None,
    late_notice_fault: Annotated[
        NoticeFault | None,
        typer.Option(
            help="The insurer shows the late notice was intentional or grossly negligent."
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Notify the insurer of a claim; the notice is checked against the policy."""
    facts = notice_service.NoticeFacts(
        first_accused_sale=optional_day(first_accused_sale, "first_accused_sale"),
        dispute_known_on=optional_day(dispute_known, "dispute_known"),
        first_demand_on=optional_day(first_demand, "first_demand"),
        named_by_amendment_on=optional_day(named_by_amendment, "named_by_amendment"),
        served_on=optional_day(served, "served"),
        late_notice_fault=late_notice_fault,
    )
    claim = notice_service.notify_claim(
        runtime(ctx), case, respondent, notified_on=day_or_today(day), facts=facts
    )
    _show(fmt, view_service.show_claim(runtime(ctx), claim.id))


def invoice_input(
    invoice: str,
    vendor: str,
    category: CostCategory,
    phase: Phase,
    day: str | None,
    amount: str,
    currency: str,
    fx_rate: str | None,
    description: str = "",
    attachment: str | None = None,
    own_staff: bool = False,
) -> ledger_service.ExpenseInput:
    """Return the invoice the options of ``claim expense`` or ``jointdefence allocate`` give."""
    return ledger_service.ExpenseInput(
        invoice_number=invoice,
        vendor=vendor,
        category=category,
        phase=phase,
        invoice_date=day_or_today(day, "date"),
        amount=parse_money(amount, currency),
        fx_rate=parse_fx_rate(fx_rate) if fx_rate else None,
        description=description,
        attachment=attachment,
        own_staff=own_staff,
    )


@app.command()
def expense(
    ctx: typer.Context,
    claim: ClaimArgument,
    invoice: Annotated[str, typer.Option(help="Invoice number.")],
    vendor: Annotated[str, typer.Option(help="Who invoiced (law firm, expert …).")],
    category: CategoryOption,
    phase: PhaseOption,
    amount: AmountOption,
    currency: CurrencyOption = "CNY",
    day: DayOption = None,
    fx_rate: FxOption = None,
    description: Annotated[str, typer.Option(help="What was done.")] = "",
    attachment: Annotated[
        str | None, typer.Option(help="SHA-256 of the invoice in the vault.")
    ] = None,
    own_staff: Annotated[bool, typer.Option(help="The insured's own staff (as experts).")] = False,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Add an invoice to a claim's ledger."""
    data = invoice_input(
        invoice,
        vendor,
        category,
        phase,
        day,
        amount,
        currency,
        fx_rate,
        description,
        attachment,
        own_staff,
    )
    added = ledger_service.add_expense(runtime(ctx), claim, data)
    emit(
        fmt,
        expense_json(added),
        lambda: print_table("Invoice added", EXPENSE_COLUMNS, expense_rows([added])),
    )


@app.command()
def adjudicate(
    ctx: typer.Context,
    claim: ClaimArgument,
    day: DayOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Adjudicate every invoice of a claim against the policy's frozen terms."""
    result = adjudication_service.adjudicate_claim(runtime(ctx), claim, day=day_or_today(day))
    emit(
        fmt,
        adjudication_json(result),
        lambda: print_table(
            f"Adjudication v{result.version}: payable {result.payable} of {result.claimed}",
            LINE_COLUMNS,
            line_rows(result.lines),
        ),
    )


@app.command()
def pay(
    ctx: typer.Context,
    claim: ClaimArgument,
    idempotency_key: Annotated[str, typer.Option(help="Unique key: a retry with it pays once.")],
    amount: Annotated[str | None, typer.Option(help="Amount (default: all outstanding).")] = None,
    day: DayOption = None,
    note: Annotated[str, typer.Option(help="Note.")] = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Pay a claim, never more than adjudicated and unpaid."""
    paying = None
    if amount is not None:
        currency = view_service.show_claim(runtime(ctx), claim).claim.currency
        paying = Money(parse_amount(amount, field="amount"), currency)
    payment = payment_service.pay_claim(
        runtime(ctx),
        claim,
        idempotency_key=idempotency_key,
        day=day_or_today(day),
        amount=paying,
        note=note,
    )
    emit(
        fmt,
        payment_json(payment),
        lambda: print_table("Payment", PAYMENT_COLUMNS, payment_rows([payment])),
    )


@app.command()
def show(ctx: typer.Context, claim: ClaimArgument, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Show a claim: notice, invoices, adjudication, payments and reserve."""
    _show(fmt, view_service.show_claim(runtime(ctx), claim))


@app.command("list")
def list_command(
    ctx: typer.Context,
    policy: Annotated[str | None, typer.Option(help="Policy number.")] = None,
    case: Annotated[str | None, typer.Option(help="Case number.")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """List claims with what was adjudicated, paid and reserved."""
    views = view_service.list_claims(runtime(ctx), policy=policy, case=case)
    rows = [
        [
            v.claim.id,
            v.claim.case_number,
            v.claim.respondent,
            v.claim.policy_number,
            v.claim.status.value,
            str(v.adjudicated),
            str(v.paid),
            str(v.reserve.total) if v.reserve else "-",
        ]
        for v in views
    ]
    caption = ""
    if policy is not None and views:
        terms = views[0].policy.terms
        total = sum((v.adjudicated for v in views), terms.aggregate_limit * 0)
        caption = f"adjudicated on the policy: {total} of the {terms.aggregate_limit} aggregate"
    emit(
        fmt,
        [view_json(v) for v in views],
        lambda: print_table(
            "Claims",
            ("Claim", "Case", "Respondent", "Policy", "Status", "Adjudicated", "Paid", "Reserve"),
            rows,
            caption=caption,
        ),
    )


NoteOption = Annotated[str, typer.Option(help="Why (recorded in the status history).")]


@app.command()
def close(
    ctx: typer.Context,
    claim: ClaimArgument,
    day: DayOption = None,
    note: NoteOption = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Close a settled claim (every invoice adjudicated, every adjudicated amount paid)."""
    closed = status_service.close_claim(runtime(ctx), claim, day=day_or_today(day), note=note)
    _show(fmt, closed)


@app.command()
def reopen(
    ctx: typer.Context,
    claim: ClaimArgument,
    day: DayOption = None,
    note: NoteOption = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Reopen a closed claim for new invoices."""
    reopened = status_service.reopen_claim(runtime(ctx), claim, day=day_or_today(day), note=note)
    _show(fmt, reopened)


def _outcome_table(result: OutcomeResult) -> None:
    outcome = result.outcome
    part = f" ({outcome.respondent}'s part)" if outcome.respondent else ""
    print_table(
        f"{result.case.number}: {outcome.kind.value} on {outcome.day}{part}; "
        f"case {result.case.state.value}",
        ("Claim", "Respondent", "Status", "Reserve", "Why open"),
        [
            [
                c.claim_id,
                c.respondent,
                c.status.value,
                str(c.reserve.total) if c.reserve else "-",
                c.why_open,
            ]
            for c in result.claims
        ],
    )


@app.command()
def outcome(
    ctx: typer.Context,
    case: CaseArgument,
    kind: Annotated[OutcomeKind, typer.Option(help="How the case ended.")],
    order: Annotated[list[Order] | None, typer.Option(help="Remedial order (repeat).")] = None,
    respondent: Annotated[
        str | None, typer.Option(help="The respondent whose own part ends (default: the case).")
    ] = None,
    wilful: Annotated[
        bool, typer.Option(help="A district court found wilful infringement (its judgment).")
    ] = False,
    final: Annotated[bool, typer.Option(help="The district court's judgment is final.")] = False,
    day: DayOption = None,
    note: Annotated[str, typer.Option(help="Note.")] = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Record how a case, or one respondent's part, ended; claims close when settled."""
    result = outcome_service.record_outcome(
        runtime(ctx),
        case,
        kind,
        day=day_or_today(day),
        orders=order or (),
        wilful=wilful,
        note=note,
        respondent=respondent,
        final=final,
    )
    emit(fmt, outcome_json(result), lambda: _outcome_table(result))
