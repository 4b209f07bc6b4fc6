"""Claims, invoices, adjudications and payments to JSON-ready dictionaries and table rows.

The saved documents (an adjudication, a notice's reasons, a joint-defence group's members) are
read back here too, their amounts with :meth:`~patentshield.kernel.money.Money.from_json`.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import cast

from patentshield.catalog.model import CostCategory
from patentshield.claims.jointdefence import Allocation, Group, Member
from patentshield.claims.model import (
    Adjudication,
    Claim,
    ClaimView,
    Expense,
    LineDecision,
    LineOutcome,
    Payment,
    Reason,
    ReasonCode,
    SettlementConsent,
    StatusEvent,
)
from patentshield.claims.outcomes import OutcomeResult
from patentshield.claims.reserve import Reserve
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Money

LINE_COLUMNS = ("Invoice", "Category", "Claimed", "Payable", "Outcome", "Reasons")
EXPENSE_COLUMNS = ("Invoice", "Date", "Vendor", "Category", "Phase", "Amount", "FX")
PAYMENT_COLUMNS = ("Paid on", "Amount", "Key", "Note")
HISTORY_COLUMNS = ("#", "Day", "From", "To", "Reason", "Recorded at")
CONSENT_COLUMNS = ("#", "Counterparty", "Consented on", "Maximum", "By", "Terms")


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
        "recoupment": adjudication.recoupment.to_json(),
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
        "first_accused_sale": _day(claim.first_accused_sale),
        "dispute_known_on": _day(claim.dispute_known_on),
        "first_demand_on": _day(claim.first_demand_on),
        "named_by_amendment_on": _day(claim.named_by_amendment_on),
        "served_on": _day(claim.served_on),
        "late_notice_fault": claim.late_notice_fault.value if claim.late_notice_fault else None,
        "notice": reasons_json(claim.notice_reasons),
    }


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


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


def _documents(value: object) -> list[Mapping[str, object]]:
    return cast(list[Mapping[str, object]], value)


def reasons_from_json(items: object) -> tuple[Reason, ...]:
    """Read reasons back from the JSON of :func:`reasons_json`."""
    return tuple(
        Reason(
            ReasonCode(str(item["code"])),
            str(item["explanation"]),
            None if item.get("amount") is None else Money.from_json(item["amount"]),
        )
        for item in _documents(items)
    )


def _line_from_json(item: Mapping[str, object]) -> LineDecision:
    return LineDecision(
        expense_id=str(item["expense"]),
        invoice_number=str(item["invoice"]),
        category=CostCategory(str(item["category"])),
        claimed=Money.from_json(item["claimed"]),
        eligible=Money.from_json(item["eligible"]),
        payable=Money.from_json(item["payable"]),
        outcome=LineOutcome(str(item["outcome"])),
        reasons=reasons_from_json(item["reasons"]),
    )


def adjudication_from_json(document: Mapping[str, object]) -> Adjudication:
    """Read an adjudication back from the JSON of :func:`adjudication_json`."""
    return Adjudication(
        claim_id=str(document["claim"]),
        version=int(str(document["version"])),
        decided_on=date.fromisoformat(str(document["decided_on"])),
        claimed=Money.from_json(document["claimed"]),
        eligible=Money.from_json(document["eligible"]),
        payable=Money.from_json(document["payable"]),
        lines=tuple(_line_from_json(item) for item in _documents(document["lines"])),
        reasons=reasons_from_json(document["reasons"]),
    )


def member_json(member: Member) -> dict[str, JsonValue]:
    """Return a joint-defence group member as JSON."""
    return {
        "key": member.key,
        "name": member.name,
        "insured": member.insured,
        "weight": str(member.weight),
    }


def members_from_json(items: object) -> tuple[Member, ...]:
    """Read a group's members back from the JSON of :func:`member_json`."""
    return tuple(
        Member(str(m["key"]), str(m["name"]), bool(m["insured"]), Decimal(str(m["weight"])))
        for m in _documents(items)
    )


def reserve_json(reserve: Reserve) -> dict[str, JsonValue]:
    """Return a claim's reserve as JSON."""
    return {
        "unpaid": reserve.unpaid.to_json(),
        "expected_to_come": reserve.expected_to_come.to_json(),
        "covered_to_come": reserve.covered_to_come.to_json(),
        "total": reserve.total.to_json(),
        "explanation": list(reserve.explanation),
    }


def view_json(view: ClaimView) -> dict[str, JsonValue]:
    """Return a claim with its ledger, adjudication, payments and reserve as JSON."""
    return {
        **claim_json(view.claim),
        "adjudicated": view.adjudicated.to_json(),
        "paid": view.paid.to_json(),
        "outstanding": (view.adjudicated - view.paid).to_json(),
        "expenses": [expense_json(e) for e in view.expenses],
        "adjudication": adjudication_json(view.adjudication) if view.adjudication else None,
        "payments": [payment_json(p) for p in view.payments],
        "reserve": reserve_json(view.reserve) if view.reserve else None,
        "history": [event_json(event) for event in view.history],
        "settlement_consents": [consent_json(c) for c in view.settlement_consents],
    }


def consent_json(consent: SettlementConsent) -> dict[str, JsonValue]:
    """Return the insurer's consent to a settlement as JSON."""
    return {
        "claim": consent.claim_id,
        "sequence": consent.sequence,
        "counterparty": consent.counterparty,
        "consented_on": consent.consented_on.isoformat(),
        "maximum": consent.maximum.to_json(),
        "terms": consent.terms,
        "consented_by": consent.consented_by,
        "recorded_at": consent.recorded_at.isoformat(),
    }


def consent_rows(items: Sequence[SettlementConsent]) -> list[list[str]]:
    """Return consents to settlements as table rows."""
    return [
        [str(c.sequence), c.counterparty, c.consented_on.isoformat(), str(c.maximum)]
        + [c.consented_by, c.terms or "-"]
        for c in items
    ]


def event_json(event: StatusEvent) -> dict[str, JsonValue]:
    """Return one move of a claim's status as JSON."""
    return {
        "sequence": event.sequence,
        "from": event.from_status.value if event.from_status else None,
        "to": event.to_status.value,
        "day": event.day.isoformat(),
        "reason": event.reason,
        "recorded_at": event.recorded_at.isoformat(),
    }


def event_rows(events: Sequence[StatusEvent]) -> list[list[str]]:
    """Return one table row per move of a claim's status."""
    return [
        [
            str(e.sequence),
            e.day.isoformat(),
            e.from_status.value if e.from_status else "-",
            e.to_status.value,
            e.reason,
            e.recorded_at.isoformat(timespec="seconds"),
        ]
        for e in events
    ]


def group_json(group: Group) -> dict[str, JsonValue]:
    """Return a joint-defence group as JSON."""
    return {
        "id": group.id,
        "case": group.case_number,
        "name": group.name,
        "rule": group.rule.value,
        "members": [member_json(m) for m in group.members],
    }


def shares_json(allocation: Allocation) -> list[JsonValue]:
    """Return each member's share of an allocated invoice, and the invoice it became."""
    return [
        {
            "member": s.member.key,
            "amount": s.amount.to_json(),
            "fraction": str(s.fraction),
            "expense": allocation.expenses[s.member.key].id
            if s.member.key in allocation.expenses
            else None,
        }
        for s in allocation.shares
    ]


def allocation_json(allocation: Allocation) -> dict[str, JsonValue]:
    """Return an allocated invoice as JSON."""
    return {
        "allocation": allocation.id,
        "invoice": allocation.invoice_number,
        "shares": shares_json(allocation),
        "borne": list(allocation.borne),
    }


def outcome_json(result: OutcomeResult) -> dict[str, JsonValue]:
    """Return a recorded outcome with the case's state after it and its claims as JSON."""
    outcome = result.outcome
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
    return {
        "outcome": outcome.id,
        "kind": outcome.kind.value,
        "day": outcome.day.isoformat(),
        "respondent": outcome.respondent,
        "wilful": outcome.wilful_infringement,
        "final": outcome.final,
        "orders": [o.value for o in outcome.orders],
        "case_state": result.case.state.value,
        "claims": claims,
    }
