"""A claim's ledger cannot be blocked: bounded invoices, voids and corrections with history.

Issue 15, defects 2 and 9: an invoice of 9,999,999,999,999,999.99 was accepted and then every
``claim adjudicate`` failed on PostgreSQL; a rate of 0.000000004 was stored as 0; no command
withdrew an invoice; a payment of -1000 was refused for being "more than" what was unpaid.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from patentshield.catalog.model import CostCategory
from patentshield.claims.adjudication_service import adjudicate_claim
from patentshield.claims.correction_service import (
    correct_invoice,
    invoice_history,
    void_invoice,
)
from patentshield.claims.corrections import ChangeKind, InvoiceCorrection
from patentshield.claims.ledger_service import ExpenseInput, add_expense
from patentshield.claims.model import Phase
from patentshield.claims.payment_service import pay_claim
from patentshield.claims.status_service import close_claim
from patentshield.claims.view_service import show_claim
from patentshield.kernel.errors import InvalidInput, InvalidTransition, NotFound
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from tests.integration.case_factory import PANEL_FIRM, notified_claim

DAY = date(2026, 5, 1)


def cny(amount: str) -> Money:
    return Money.of(amount, "CNY")


def invoice(number: str, amount: Money, **changes: object) -> ExpenseInput:
    fields: dict[str, object] = {
        "invoice_number": number,
        "vendor": PANEL_FIRM,
        "category": CostCategory.US_COUNSEL,
        "phase": Phase.PLEADINGS,
        "invoice_date": DAY,
        "amount": amount,
    }
    fields.update(changes)
    return ExpenseInput(**fields)  # type: ignore[arg-type]


@pytest.fixture
def claim(runtime: Runtime):
    return notified_claim(runtime, first_accused_sale=date(2025, 1, 10))


def test_an_implausible_invoice_is_refused_and_the_claim_still_adjudicates(runtime, claim):
    with pytest.raises(InvalidInput) as error:
        add_expense(runtime, claim.id, invoice("K-1", cny("9999999999999999.99")))
    assert error.value.field == "amount"
    assert "implausible" in error.value.reason
    assert show_claim(runtime, claim.id).expenses == ()
    add_expense(runtime, claim.id, invoice("K-2", cny("1200000")))
    assert adjudicate_claim(runtime, claim.id, day=date(2026, 7, 1)).payable == cny("880000")


def test_a_rate_that_would_be_stored_as_zero_is_refused(runtime, claim):
    usd = invoice("T-1", Money.of("1000", "USD"), fx_rate=Decimal("0.000000004"))
    with pytest.raises(InvalidInput) as error:
        add_expense(runtime, claim.id, usd)
    assert error.value.field == "fx_rate"
    assert show_claim(runtime, claim.id).expenses == ()


@pytest.mark.parametrize("field", ["vendor", "invoice_number"])
def test_a_100000_character_invoice_field_is_one_line_on_both_databases(runtime, claim, field):
    with pytest.raises(InvalidInput) as error:
        add_expense(runtime, claim.id, invoice("K-1", cny("1000"), **{field: "x" * 100_000}))
    assert error.value.field == field
    assert "100,000 characters" in error.value.reason
    assert show_claim(runtime, claim.id).expenses == ()


def test_a_voided_invoice_leaves_adjudication_and_keeps_its_history(runtime, claim):
    add_expense(runtime, claim.id, invoice("K-1", cny("1200000")))
    add_expense(runtime, claim.id, invoice("K-2", cny("500000")))
    change = void_invoice(runtime, claim.id, "K-2", day=DAY, reason="entered twice")
    assert (change.kind, change.sequence, change.after) == (ChangeKind.VOIDED, 1, None)
    assert change.before["amount"] == {"amount": "500000.00", "currency": "CNY"}
    assert [e.invoice_number for e in show_claim(runtime, claim.id).expenses] == ["K-1"]
    assert adjudicate_claim(runtime, claim.id, day=date(2026, 7, 1)).payable == cny("880000")
    with pytest.raises(NotFound, match="was voided"):
        void_invoice(runtime, claim.id, "K-2", day=DAY, reason="again")
    assert [c.invoice_number for c in invoice_history(runtime, claim.id)] == ["K-2"]


def test_a_corrected_invoice_is_checked_like_a_new_one_and_keeps_the_old_values(runtime, claim):
    add_expense(runtime, claim.id, invoice("K-1", cny("12000000")))
    with pytest.raises(InvalidInput, match="implausible"):
        correct_invoice(
            runtime,
            claim.id,
            "K-1",
            InvoiceCorrection(amount=cny("9999999999999999.99")),
            day=DAY,
            reason="typo",
        )
    change = correct_invoice(
        runtime, claim.id, "K-1", InvoiceCorrection(amount=cny("1200000")), day=DAY, reason="typo"
    )
    assert change.before["amount"] == {"amount": "12000000.00", "currency": "CNY"}
    assert change.after is not None
    assert change.after["amount"] == {"amount": "1200000.00", "currency": "CNY"}
    (expense,) = show_claim(runtime, claim.id).expenses
    assert expense.amount == cny("1200000")
    assert adjudicate_claim(runtime, claim.id, day=date(2026, 7, 1)).payable == cny("880000")
    assert [c.kind for c in invoice_history(runtime, claim.id)] == [ChangeKind.CORRECTED]


def test_a_change_needs_a_reason_and_an_open_claim(runtime, claim):
    add_expense(runtime, claim.id, invoice("K-1", cny("1000")))
    with pytest.raises(InvalidInput) as error:
        void_invoice(runtime, claim.id, "K-1", day=DAY, reason="  ")
    assert error.value.field == "reason"
    with pytest.raises(InvalidInput, match="at least one new value"):
        correct_invoice(runtime, claim.id, "K-1", InvoiceCorrection(), day=DAY, reason="x")
    adjudicate_claim(runtime, claim.id, day=DAY)  # below the deductible: nothing to pay
    close_claim(runtime, claim.id, day=DAY)
    with pytest.raises(InvalidTransition):
        void_invoice(runtime, claim.id, "K-1", day=DAY, reason="too late")


def test_a_negative_payment_names_the_real_reason(runtime, claim):
    add_expense(runtime, claim.id, invoice("K-1", cny("1200000")))
    adjudicate_claim(runtime, claim.id, day=date(2026, 7, 1))
    with pytest.raises(InvalidInput) as error:
        pay_claim(runtime, claim.id, idempotency_key="p", day=DAY, amount=cny("-1000"))
    assert error.value.field == "amount"
    assert "above zero" in error.value.reason
    assert show_claim(runtime, claim.id).paid == cny("0")
