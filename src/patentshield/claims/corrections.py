"""Corrections of a claim's ledger: an invoice voided or corrected, with its history kept.

An invoice entered wrongly (a mistyped amount, the wrong vendor or phase) is never deleted or
edited without a trace: :class:`InvoiceChange` records who changed what, when and why, with
the invoice's values before and after. A voided invoice stays in the ledger, out of every
adjudication from then on; a corrected one keeps its id and number with the new values.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from patentshield.catalog.model import CostCategory
from patentshield.claims.model import Expense, Phase
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Money, parse_fx_rate, parse_money

MAX_REASON_LENGTH = 2000


class ChangeKind(StrEnum):
    """What happened to an invoice."""

    VOIDED = "voided"
    CORRECTED = "corrected"


@dataclass(frozen=True, slots=True)
class InvoiceCorrection:
    """The new values of a corrected invoice; ``None`` keeps the value it had."""

    amount: Money | None = None
    fx_rate: Decimal | None = None
    vendor: str | None = None
    category: CostCategory | None = None
    phase: Phase | None = None
    invoice_date: date | None = None
    description: str | None = None

    def is_empty(self) -> bool:
        """Tell whether the correction changes nothing."""
        return all(getattr(self, name) is None for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class InvoiceChange:
    """One entry of an invoice's history: a void or a correction, with the values around it."""

    claim_id: str
    expense_id: str
    invoice_number: str
    sequence: int
    kind: ChangeKind
    day: date
    reason: str
    before: dict[str, JsonValue]
    after: dict[str, JsonValue] | None
    recorded_at: datetime


def checked_reason(reason: str) -> str:
    """Return the reason of a change, required and bounded."""
    text = reason.strip()
    if not text:
        raise InvalidInput("reason", "say why the invoice is voided or corrected")
    if len(text) > MAX_REASON_LENGTH:
        raise InvalidInput("reason", f"at most {MAX_REASON_LENGTH} characters")
    return text


def corrected(expense: Expense, correction: InvoiceCorrection) -> Expense:
    """Return ``expense`` with the values of ``correction`` (not checked: see the service).

    Raises
    ------
    InvalidInput
        When the correction changes nothing, or changes the invoice's currency.
    """
    if correction.is_empty():
        raise InvalidInput("correction", "give at least one new value")
    amount = correction.amount or expense.amount
    if amount.currency is not expense.amount.currency:
        raise InvalidInput(
            "currency",
            f"an invoice in {expense.amount.currency.value} stays in it; void it and add a new one",
        )
    return replace(
        expense,
        amount=amount,
        fx_rate=expense.fx_rate if correction.fx_rate is None else correction.fx_rate,
        vendor=correction.vendor if correction.vendor is not None else expense.vendor,
        category=correction.category or expense.category,
        phase=correction.phase or expense.phase,
        invoice_date=correction.invoice_date or expense.invoice_date,
        description=expense.description
        if correction.description is None
        else correction.description,
    )


def invoice_values(expense: Expense) -> dict[str, JsonValue]:
    """Return the values of an invoice that a correction may change, as JSON."""
    return {
        "amount": expense.amount.to_json(),
        "fx_rate": str(expense.fx_rate),
        "vendor": expense.vendor,
        "category": expense.category.value,
        "phase": expense.phase.value,
        "invoice_date": expense.invoice_date.isoformat(),
        "description": expense.description,
    }


def correction_of(
    *,
    amount: str | None = None,
    currency: str | None = None,
    fx_rate: str | None = None,
    vendor: str | None = None,
    category: CostCategory | None = None,
    phase: Phase | None = None,
    invoice_date: date | None = None,
    description: str | None = None,
) -> InvoiceCorrection:
    """Return the correction of values given as text (CLI options, API fields).

    A new amount is in ``currency`` (CNY unless given); the rate is checked as a new invoice's.

    Raises
    ------
    InvalidInput
        When the amount, the currency or the rate cannot be read (named by its field).
    """
    new_amount = None
    if amount is not None:
        new_amount = parse_money(amount, currency or "CNY")
    return InvoiceCorrection(
        amount=new_amount,
        fx_rate=parse_fx_rate(fx_rate) if fx_rate is not None else None,
        vendor=vendor,
        category=category,
        phase=phase,
        invoice_date=invoice_date,
        description=description,
    )


def change_to_json(change: InvoiceChange) -> dict[str, JsonValue]:
    """Return the JSON shape of one void or correction (CLI ``--format json`` and API)."""
    return {
        "claim": change.claim_id,
        "invoice": change.invoice_number,
        "sequence": change.sequence,
        "change": change.kind.value,
        "date": change.day.isoformat(),
        "reason": change.reason,
        "before": change.before,
        "after": change.after,
        "recorded_at": change.recorded_at.isoformat(),
    }
