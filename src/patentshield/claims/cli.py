"""``patentshield claim`` and ``patentshield jointdefence``: thin adapters over the services.

Today's date and the clock are read here, at the edge.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated

import typer

from patentshield.claims import joint_service, outcome_service, service
from patentshield.claims.jointdefence import AllocationRule
from patentshield.claims.model import Phase
from patentshield.claims.outcomes import Order, OutcomeKind
from patentshield.claims.serialise import (
    EXPENSE_COLUMNS,
    LINE_COLUMNS,
    PAYMENT_COLUMNS,
    adjudication_json,
    claim_json,
    expense_json,
    expense_rows,
    line_rows,
    payment_json,
    payment_rows,
)
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
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Money, parse_currency, parse_decimal
from patentshield.products.model import CostCategory

app = typer.Typer(no_args_is_help=True)
joint_app = typer.Typer(no_args_is_help=True)

ClaimArgument = Annotated[str, typer.Argument(help="Claim id (cl-…).")]
CaseArgument = Annotated[str, typer.Argument(help="Case id or investigation number.")]


def view_json(view: service.ClaimView) -> dict[str, JsonValue]:
    """Return a claim view as JSON."""
    reserve = view.reserve
    return {
        **claim_json(view.claim),
        "adjudicated": view.adjudicated.to_json(),
        "paid": view.paid.to_json(),
        "outstanding": (view.adjudicated - view.paid).to_json(),
        "expenses": [expense_json(e) for e in view.expenses],
        "adjudication": adjudication_json(view.adjudication) if view.adjudication else None,
        "payments": [payment_json(p) for p in view.payments],
        "reserve": {
            "unpaid": reserve.unpaid.to_json(),
            "expected_to_come": reserve.expected_to_come.to_json(),
            "covered_to_come": reserve.covered_to_come.to_json(),
            "total": reserve.total.to_json(),
            "explanation": list(reserve.explanation),
        }
        if reserve
        else None,
    }


def _show(fmt: OutputFormat, view: service.ClaimView) -> None:
    def tables() -> None:
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
            rows.append(
                ["Reserve", f"{view.reserve.total} ({'; '.join(view.reserve.explanation)})"]
            )
        print_table(f"Claim {claim.id}", ("Field", "Value"), rows)
        print_table("Invoices", EXPENSE_COLUMNS, expense_rows(view.expenses))
        if view.adjudication is not None:
            print_table(
                f"Adjudication v{view.adjudication.version}",
                LINE_COLUMNS,
                line_rows(view.adjudication.lines),
            )
        print_table("Payments", PAYMENT_COLUMNS, payment_rows(view.payments))

    emit(fmt, view_json(view), tables)


@app.command()
def notify(
    ctx: typer.Context,
    case: CaseArgument,
    respondent: Annotated[str, typer.Option(help="Insured respondent (enterprise id).")],
    day: DayOption = None,
    first_accused_sale: Annotated[
        str | None, typer.Option(help="First US sale of an accused product (retroactive date).")
    ] = None,
    dispute_known: Annotated[
        str | None, typer.Option(help="Day the dispute was first known (e.g. a demand letter).")
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Notify the insurer of a claim; the notice is checked against the policy."""
    database = runtime(ctx).database
    claim = service.notify_claim(
        database,
        case,
        respondent,
        notified_on=day_or_today(day),
        first_accused_sale=optional_day(first_accused_sale, "first_accused_sale"),
        dispute_known_on=optional_day(dispute_known, "dispute_known"),
        now=datetime.now(UTC),
    )
    _show(fmt, service.show_claim(database, claim.id))


AmountOption = Annotated[str, typer.Option(help="Invoice amount.")]
CurrencyOption = Annotated[str, typer.Option(help="Invoice currency (CNY or USD).")]
CategoryOption = Annotated[CostCategory, typer.Option(help="Cost category.")]
PhaseOption = Annotated[Phase, typer.Option(help="Procedure phase.")]
FxOption = Annotated[
    str | None,
    typer.Option("--fx-rate", help="Policy currency per invoice currency (shipped rate)."),
]


def _invoice(
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
) -> service.ExpenseInput:
    return service.ExpenseInput(
        invoice_number=invoice,
        vendor=vendor,
        category=category,
        phase=phase,
        invoice_date=day_or_today(day, "date"),
        amount=Money(parse_decimal(amount, field="amount"), parse_currency(currency)),
        fx_rate=parse_decimal(fx_rate, field="fx_rate") if fx_rate else None,
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
    data = _invoice(
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
    added = service.add_expense(runtime(ctx).database, claim, data)
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
    result = service.adjudicate_claim(runtime(ctx).database, claim, day=day_or_today(day))
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
    database = runtime(ctx).database
    paying = None
    if amount is not None:
        currency = service.show_claim(database, claim).policy.terms.currency
        paying = Money(parse_decimal(amount, field="amount"), currency)
    payment = service.pay_claim(
        database,
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
    _show(fmt, service.show_claim(runtime(ctx).database, claim))


@app.command("list")
def list_command(
    ctx: typer.Context,
    policy: Annotated[str | None, typer.Option(help="Policy number.")] = None,
    case: Annotated[str | None, typer.Option(help="Case number.")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """List claims with what was adjudicated, paid and reserved."""
    views = service.list_claims(runtime(ctx).database, policy=policy, case=case)
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


@app.command()
def close(ctx: typer.Context, claim: ClaimArgument, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Close a settled claim (every invoice adjudicated, every adjudicated amount paid)."""
    _show(fmt, service.close_claim(runtime(ctx).database, claim))


@app.command()
def reopen(
    ctx: typer.Context, claim: ClaimArgument, fmt: FormatOption = OutputFormat.TABLE
) -> None:
    """Reopen a closed claim for new invoices."""
    _show(fmt, service.reopen_claim(runtime(ctx).database, claim))


@app.command()
def outcome(
    ctx: typer.Context,
    case: CaseArgument,
    kind: Annotated[OutcomeKind, typer.Option(help="How the case ended.")],
    order: Annotated[list[Order] | None, typer.Option(help="Remedial order (repeat).")] = None,
    wilful: Annotated[bool, typer.Option(help="Wilful infringement was found.")] = False,
    day: DayOption = None,
    note: Annotated[str, typer.Option(help="Note.")] = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Record how a case ended; its claims are closed when settled, else reserved."""
    result = outcome_service.record_outcome(
        runtime(ctx).database,
        case,
        kind,
        day=day_or_today(day),
        orders=order or (),
        wilful=wilful,
        note=note,
        now=datetime.now(UTC),
    )
    claims: list[JsonValue] = [
        {
            "claim": c.claim_id,
            "respondent": c.respondent,
            "status": c.status.value,
            "reserve": c.reserve.total.to_json() if c.reserve else None,
            "why_open": c.why_open or None,
        }
        for c in result.claims
    ]
    emit(
        fmt,
        {
            "outcome": result.id,
            "kind": result.kind.value,
            "day": result.day.isoformat(),
            "orders": [o.value for o in result.orders],
            "case_state": result.case.state.value,
            "claims": claims,
        },
        lambda: print_table(
            f"{result.case.number}: {result.kind.value} on {result.day}; "
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
        ),
    )


# --- joint defence -------------------------------------------------------------------------


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
        runtime(ctx).database,
        case,
        name,
        rule,
        member,
        weights=_weights(share),
        now=datetime.now(UTC),
    )
    emit(
        fmt,
        {
            "id": group.id,
            "case": group.case_number,
            "name": group.name,
            "rule": group.rule.value,
            "members": [
                {"key": m.key, "name": m.name, "insured": m.insured, "weight": str(m.weight)}
                for m in group.members
            ],
        },
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
    data = _invoice(invoice, vendor, category, phase, day, amount, currency, fx_rate)
    result = joint_service.allocate_invoice(
        runtime(ctx).database, case, group, data, now=datetime.now(UTC)
    )
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
        {
            "allocation": result.id,
            "invoice": result.invoice_number,
            "shares": [
                {
                    "member": s.member.key,
                    "amount": s.amount.to_json(),
                    "fraction": str(s.fraction),
                    "expense": result.expenses[s.member.key].id
                    if s.member.key in result.expenses
                    else None,
                }
                for s in result.shares
            ],
            "borne": list(result.borne),
        },
        lambda: print_table(
            f"Invoice {result.invoice_number} split",
            ("Member", "Share", "Fraction", "Filed as"),
            rows,
        ),
    )
