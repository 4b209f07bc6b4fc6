"""Claims, invoices, adjudications and payments to JSON-ready dictionaries and table rows.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence

from patentshield.claims.model import Adjudication, Claim, Expense, LineDecision, Payment, Reason
from patentshield.kernel.jsonvalue import JsonValue

LINE_COLUMNS = ("Invoice", "Category", "Claimed", "Payable", "Outcome", "Reasons")
EXPENSE_COLUMNS = ("Invoice", "Date", "Vendor", "Category", "Phase", "Amount", "FX")
PAYMENT_COLUMNS = ("Paid on", "Amount", "Key", "Note")


def reasons_json(reasons: Sequence[Reason]) -> list[JsonValue]:
    """Return reasons as JSON."""
    return [
        {
            "code": r.code.value,
            "explanation": r.explanation,
            "amount": r.amount.to_json() if r.amount is not None else None,
        }
        for r in reasons
    ]


def line_json(line: LineDecision) -> dict[str, JsonValue]:
    """Return one invoice decision as JSON."""
    return {
        "expense": line.expense_id,
        "invoice": line.invoice_number,
        "category": line.category.value,
        "claimed": line.claimed.to_json(),
        "eligible": line.eligible.to_json(),
        "payable": line.payable.to_json(),
        "outcome": line.outcome.value,
        "reasons": reasons_json(line.reasons),
    }


def adjudication_json(adjudication: Adjudication) -> dict[str, JsonValue]:
    """Return an adjudication as JSON."""
    return {
        "claim": adjudication.claim_id,
        "version": adjudication.version,
        "decided_on": adjudication.decided_on.isoformat(),
        "claimed": adjudication.claimed.to_json(),
        "eligible": adjudication.eligible.to_json(),
        "payable": adjudication.payable.to_json(),
        "lines": [line_json(line) for line in adjudication.lines],
        "reasons": reasons_json(adjudication.reasons),
    }


def expense_json(expense: Expense) -> dict[str, JsonValue]:
    """Return one invoice as JSON."""
    return {
        "id": expense.id,
        "invoice": expense.invoice_number,
        "vendor": expense.vendor,
        "category": expense.category.value,
        "phase": expense.phase.value,
        "invoice_date": expense.invoice_date.isoformat(),
        "amount": expense.amount.to_json(),
        "fx_rate": str(expense.fx_rate),
        "description": expense.description,
        "attachment": expense.attachment,
        "own_staff": expense.own_staff,
        "joint_allocation": expense.joint_allocation,
    }


def payment_json(payment: Payment) -> dict[str, JsonValue]:
    """Return one payment as JSON."""
    return {
        "id": payment.id,
        "amount": payment.amount.to_json(),
        "paid_on": payment.paid_on.isoformat(),
        "idempotency_key": payment.idempotency_key,
        "note": payment.note,
    }


def claim_json(claim: Claim) -> dict[str, JsonValue]:
    """Return a claim's notice facts as JSON."""
    return {
        "id": claim.id,
        "case": claim.case_number,
        "policy": claim.policy_number,
        "respondent": claim.respondent,
        "notified_on": claim.notified_on.isoformat(),
        "status": claim.status.value,
        "reopened": claim.reopened,
        "first_accused_sale": claim.first_accused_sale.isoformat()
        if claim.first_accused_sale
        else None,
        "dispute_known_on": claim.dispute_known_on.isoformat() if claim.dispute_known_on else None,
        "notice": reasons_json(claim.notice_reasons),
    }


def _reason_text(reasons: Sequence[Reason]) -> str:
    return "; ".join(
        f"{r.code.value}" + (f" {r.amount}" if r.amount is not None else "") for r in reasons
    )


def line_rows(lines: Sequence[LineDecision]) -> list[list[str]]:
    """Return one table row per invoice decision."""
    return [
        [
            line.invoice_number,
            line.category.value,
            str(line.claimed),
            str(line.payable),
            line.outcome.value,
            _reason_text(line.reasons),
        ]
        for line in lines
    ]


def expense_rows(items: Sequence[Expense]) -> list[list[str]]:
    """Return one table row per invoice."""
    return [
        [
            e.invoice_number,
            e.invoice_date.isoformat(),
            e.vendor,
            e.category.value,
            e.phase.value,
            str(e.amount),
            str(e.fx_rate),
        ]
        for e in items
    ]


def payment_rows(items: Sequence[Payment]) -> list[list[str]]:
    """Return one table row per payment."""
    return [[p.paid_on.isoformat(), str(p.amount), p.idempotency_key, p.note] for p in items]
