"""``/api/v1/claims``: notice, invoices, adjudication, payments, status, outcomes.

A thin adapter over the claims services (``patentshield claim …``): a notice is checked against
the policy; invoices go into the claim's ledger; adjudication applies the policy's frozen terms;
a payment needs an ``Idempotency-Key`` header (the same key answers the first payment, and the
payment service keeps its own key in the same transaction as the payment, so a key never pays
twice); close and reopen move the claim's status, whose history is recorded; the insurer's
claims handler records its written consent to a settlement (``settlement-consents``), listed
on the claim. Answers are the
JSON of ``--format json`` (:mod:`patentshield.claims.serialise`). The joint defence of
co-respondents is in :mod:`patentshield.claims.joint_api`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from patentshield.catalog.model import CostCategory
from patentshield.claims import (
    adjudication_service,
    ledger_service,
    notice_service,
    outcome_service,
    payment_service,
    settlement_service,
    status_service,
    view_service,
)
from patentshield.claims.model import NoticeFault, Phase
from patentshield.claims.outcomes import Order, OutcomeKind
from patentshield.claims.serialise import (
    adjudication_json,
    consent_json,
    event_json,
    expense_json,
    outcome_json,
    payment_json,
    view_json,
)
from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import (
    Day,
    Document,
    IdempotencyHeader,
    Key,
    MoneyOut,
    day_or_today,
    once_per_key,
)
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.limits import MAX_TEXT_LENGTH
from patentshield.kernel.money import Money, parse_amount, parse_fx_rate, parse_money
from patentshield.kernel.runtime import Runtime

router = APIRouter(tags=["claims"])

Name = Annotated[str, Field(min_length=1, max_length=200)]
Note = Annotated[str, Field(max_length=MAX_TEXT_LENGTH)]


class ClaimOut(Document):
    """A claim with its ledger, adjudication, payments, reserve and status history."""

    id: str
    case: str
    policy: str
    respondent: str
    status: str
    adjudicated: MoneyOut
    paid: MoneyOut
    outstanding: MoneyOut


class ExpenseOut(Document):
    """An invoice of a claim's ledger."""

    id: str
    invoice: str
    category: str
    amount: MoneyOut


class PaymentOut(Document):
    """A payment on a claim."""

    id: str
    amount: MoneyOut
    paid_on: str


class NoticeIn(BaseModel):
    """A notice of claim by an insured respondent (or insured complainant) of a case."""

    case: Name
    respondent: Name
    date: Day | None = Field(default=None, description="Day of the notice (today).")
    first_accused_sale: Day | None = None
    dispute_known: Day | None = None
    first_demand: Day | None = None
    named_by_amendment: Day | None = None
    served: Day | None = None
    late_notice_fault: NoticeFault | None = None


class InvoiceIn(BaseModel):
    """An invoice: amount as decimal text in CNY or USD."""

    invoice: Name
    vendor: Name
    category: CostCategory
    phase: Phase
    amount: Annotated[str, Field(max_length=40, examples=["120000.00"])]
    currency: Annotated[str, Field(max_length=3)] = "CNY"
    date: Day | None = Field(default=None, description="Invoice date (today).")
    fx_rate: Annotated[str | None, Field(max_length=30)] = None
    description: Note = ""
    attachment: Annotated[str | None, Field(max_length=64)] = None
    own_staff: bool = False


class SettlementConsentIn(BaseModel):
    """The insurer's written consent to a settlement or licence with one counterparty."""

    counterparty: Name
    maximum: Annotated[str, Field(max_length=40, examples=["6000000.00"])]
    currency: Annotated[str, Field(max_length=3)] = "CNY"
    date: Day | None = Field(default=None, description="Day of the consent (today).")
    terms: Note = ""


class DayIn(BaseModel):
    """A day (today by default) and a note."""

    date: Day | None = None
    note: Note = ""


class PaymentIn(DayIn):
    """A payment; by default all that is adjudicated and unpaid."""

    amount: Annotated[str | None, Field(max_length=40)] = None


class OutcomeIn(DayIn):
    """How a case, or one respondent's part of it, ended."""

    kind: OutcomeKind
    orders: Annotated[list[Order], Field(max_length=3)] = []
    respondent: Annotated[str | None, Field(min_length=1, max_length=200)] = None
    wilful: bool = False
    final: bool = False


def expense_input(runtime: Runtime, body: InvoiceIn) -> ledger_service.ExpenseInput:
    """Return the invoice of a request (also what the joint defence allocates)."""
    return ledger_service.ExpenseInput(
        invoice_number=body.invoice,
        vendor=body.vendor,
        category=body.category,
        phase=body.phase,
        invoice_date=day_or_today(runtime, body.date),
        amount=parse_money(body.amount, body.currency),
        fx_rate=None if body.fx_rate is None else parse_fx_rate(body.fx_rate),
        description=body.description,
        attachment=body.attachment,
        own_staff=body.own_staff,
    )


def _claim(runtime: Runtime, claim: str) -> dict[str, JsonValue]:
    return view_json(view_service.show_claim(runtime, claim))


@router.post(
    "/claims",
    response_model=ClaimOut,
    status_code=status.HTTP_201_CREATED,
    summary="Notify a claim",
)
def notify(body: NoticeIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Notify the insurer of a claim; the notice is checked against the policy."""
    facts = notice_service.NoticeFacts(
        first_accused_sale=body.first_accused_sale,
        dispute_known_on=body.dispute_known,
        first_demand_on=body.first_demand,
        named_by_amendment_on=body.named_by_amendment,
        served_on=body.served,
        late_notice_fault=body.late_notice_fault,
    )
    claim = notice_service.notify_claim(
        runtime,
        body.case,
        body.respondent,
        notified_on=day_or_today(runtime, body.date),
        facts=facts,
    )
    return _claim(runtime, claim.id)


@router.get("/claims", response_model=list[ClaimOut], summary="Claims")
def list_claims(
    runtime: RuntimeDep,
    policy: Annotated[str | None, Query(max_length=200)] = None,
    case: Annotated[str | None, Query(max_length=200)] = None,
) -> list[JsonValue]:
    """List claims (of a policy or a case) with what was adjudicated, paid and reserved."""
    return [view_json(v) for v in view_service.list_claims(runtime, policy=policy, case=case)]


@router.get("/claims/{claim}", response_model=ClaimOut, summary="A claim")
def show_claim(claim: Key, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Show a claim: notice, invoices, adjudication, payments, reserve and history."""
    return _claim(runtime, claim)


@router.get("/claims/{claim}/history", response_model=list[Document], summary="Status history")
def history(claim: Key, runtime: RuntimeDep) -> list[JsonValue]:
    """List every move of the claim's status, in order."""
    return [event_json(event) for event in view_service.show_claim(runtime, claim).history]


@router.get("/claims/{claim}/invoices", response_model=list[ExpenseOut], summary="Invoices")
def list_invoices(claim: Key, runtime: RuntimeDep) -> list[JsonValue]:
    """List the invoices of the claim's ledger."""
    return [expense_json(e) for e in view_service.show_claim(runtime, claim).expenses]


@router.post(
    "/claims/{claim}/invoices",
    response_model=ExpenseOut,
    status_code=status.HTTP_201_CREATED,
    summary="Add an invoice",
)
def add_invoice(claim: Key, body: InvoiceIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Add an invoice to the claim's ledger."""
    return expense_json(ledger_service.add_expense(runtime, claim, expense_input(runtime, body)))


@router.post(
    "/claims/{claim}/settlement-consents",
    response_model=Document,
    status_code=status.HTTP_201_CREATED,
    summary="Consent to a settlement",
)
def consent_settlement(
    claim: Key, body: SettlementConsentIn, runtime: RuntimeDep
) -> dict[str, JsonValue]:
    """Record the insurer's written consent to a settlement or licence (claims handler)."""
    data = settlement_service.SettlementConsentInput(
        counterparty=body.counterparty,
        consented_on=day_or_today(runtime, body.date),
        maximum=parse_money(body.maximum, body.currency, field="maximum"),
        terms=body.terms,
    )
    return consent_json(settlement_service.consent_to_settlement(runtime, claim, data))


@router.post("/claims/{claim}/adjudication", response_model=Document, summary="Adjudicate")
def adjudicate(claim: Key, body: DayIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Adjudicate every invoice against the policy's frozen terms, with reason codes."""
    day = day_or_today(runtime, body.date)
    return adjudication_json(adjudication_service.adjudicate_claim(runtime, claim, day=day))


@router.get("/claims/{claim}/payments", response_model=list[PaymentOut], summary="Payments")
def list_payments(claim: Key, runtime: RuntimeDep) -> list[JsonValue]:
    """List the payments made on the claim."""
    return [payment_json(p) for p in view_service.show_claim(runtime, claim).payments]


@router.post(
    "/claims/{claim}/payments",
    response_model=PaymentOut,
    status_code=status.HTTP_201_CREATED,
    summary="Pay a claim (Idempotency-Key required)",
)
def pay(
    claim: Key,
    body: PaymentIn,
    request: Request,
    runtime: RuntimeDep,
    key: IdempotencyHeader = None,
) -> JSONResponse:
    """Pay a claim, never more than adjudicated and unpaid; a retry returns the first payment."""

    def produce() -> JsonValue:
        paying = None
        if body.amount is not None:
            currency = view_service.show_claim(runtime, claim).claim.currency
            paying = Money(parse_amount(body.amount, field="amount"), currency)
        payment = payment_service.pay_claim(
            runtime,
            claim,
            idempotency_key=key or "",
            day=day_or_today(runtime, body.date),
            amount=paying,
            note=body.note,
        )
        return payment_json(payment)

    return once_per_key(runtime, request, key, body.model_dump(mode="json"), produce)


@router.post("/claims/{claim}/close", response_model=ClaimOut, summary="Close a settled claim")
def close(claim: Key, body: DayIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Close a claim whose invoices are adjudicated and paid."""
    day = day_or_today(runtime, body.date)
    return view_json(status_service.close_claim(runtime, claim, day=day, note=body.note))


@router.post("/claims/{claim}/reopen", response_model=ClaimOut, summary="Reopen a claim")
def reopen(claim: Key, body: DayIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Reopen a closed claim for new invoices."""
    day = day_or_today(runtime, body.date)
    return view_json(status_service.reopen_claim(runtime, claim, day=day, note=body.note))


@router.post("/cases/{case}/outcome", response_model=Document, summary="Record a case's outcome")
def outcome(case: Key, body: OutcomeIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Record how a case (or a respondent's part) ended; claims close or get reserves."""
    result = outcome_service.record_outcome(
        runtime,
        case,
        body.kind,
        day=day_or_today(runtime, body.date),
        orders=body.orders,
        wilful=body.wilful,
        note=body.note,
        respondent=body.respondent,
        final=body.final,
    )
    return outcome_json(result)
