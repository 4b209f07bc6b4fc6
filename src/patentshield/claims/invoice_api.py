"""``/api/v1/claims/{claim}/invoices/…``: void or correct an invoice, and its history.

A thin adapter over :mod:`patentshield.claims.correction_service` (``patentshield claim
invoice void | correct | history``): an invoice entered wrongly is voided or corrected with a
reason, never deleted; the history lists every change with the values before and after. The
service checks the caller (``claims:expense`` to change, ``claims:read`` to read) and the
claim's tenant. Answers are the JSON of ``--format json``
(:func:`~patentshield.claims.corrections.change_to_json`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, Field

from patentshield.catalog.model import CostCategory
from patentshield.claims import correction_service
from patentshield.claims.corrections import MAX_REASON_LENGTH, change_to_json, correction_of
from patentshield.claims.model import Phase
from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Day, Document, Key, day_or_today
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.limits import MAX_TEXT_LENGTH

router = APIRouter(prefix="/claims/{claim}/invoices", tags=["claims"])

Reason = Annotated[
    str, Field(max_length=MAX_REASON_LENGTH, description="Why (kept in the invoice's history).")
]


class InvoiceChangeOut(Document):
    """A void or a correction of an invoice, with its values before and after."""

    claim: str
    invoice: str
    sequence: int
    change: str
    date: str
    reason: str


class VoidIn(BaseModel):
    """Why the invoice is voided, and the day (today by default)."""

    reason: Reason
    date: Day | None = Field(default=None, description="Day of the change (today).")


class CorrectIn(VoidIn):
    """The new values of an invoice; a value left out stays as it was."""

    amount: Annotated[str | None, Field(max_length=40, examples=["110000.00"])] = None
    currency: Annotated[
        str | None, Field(max_length=3, description="Currency of amount (CNY).")
    ] = None
    fx_rate: Annotated[str | None, Field(max_length=30)] = None
    vendor: Annotated[str | None, Field(min_length=1, max_length=200)] = None
    category: CostCategory | None = None
    phase: Phase | None = None
    invoice_date: Day | None = None
    description: Annotated[str | None, Field(max_length=MAX_TEXT_LENGTH)] = None


@router.post("/{invoice}/void", response_model=InvoiceChangeOut, summary="Void an invoice")
def void(claim: Key, invoice: Key, body: VoidIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Take an invoice out of an open claim's ledger (it stays, marked voided)."""
    day = day_or_today(runtime, body.date)
    change = correction_service.void_invoice(runtime, claim, invoice, day=day, reason=body.reason)
    return change_to_json(change)


@router.post("/{invoice}/correct", response_model=InvoiceChangeOut, summary="Correct an invoice")
def correct(claim: Key, invoice: Key, body: CorrectIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Correct an invoice of an open claim, checked as a new one; the old values are kept."""
    correction = correction_of(
        amount=body.amount,
        currency=body.currency,
        fx_rate=body.fx_rate,
        vendor=body.vendor,
        category=body.category,
        phase=body.phase,
        invoice_date=body.invoice_date,
        description=body.description,
    )
    change = correction_service.correct_invoice(
        runtime,
        claim,
        invoice,
        correction,
        day=day_or_today(runtime, body.date),
        reason=body.reason,
    )
    return change_to_json(change)


@router.get("/history", response_model=list[InvoiceChangeOut], summary="Invoice history")
def history(claim: Key, runtime: RuntimeDep) -> list[JsonValue]:
    """List every void and correction of the claim's invoices, in order."""
    return [change_to_json(change) for change in correction_service.invoice_history(runtime, claim)]
