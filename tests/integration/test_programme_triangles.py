"""Triangles from the claims ledger reconcile to it, on SQLite and PostgreSQL."""

from datetime import date
from typing import Any

from patentshield.catalog.model import CostCategory
from patentshield.claims.adjudication_service import adjudicate_claim
from patentshield.claims.ledger_service import ExpenseInput, add_expense
from patentshield.claims.model import Phase
from patentshield.claims.payment_service import pay_claim
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.programme.triangles_service import TrianglesRequest, claims_development
from tests.integration.case_factory import PANEL_FIRM, notified_claim


def cny(amount: str) -> dict[str, str]:
    return Money.of(amount, "CNY").to_json()


def test_ledger_triangles_reconcile_to_payments_and_adjudications(runtime: Runtime):
    claim = notified_claim(runtime, first_accused_sale=date(2025, 1, 10))
    add_expense(
        runtime,
        claim.id,
        ExpenseInput(
            invoice_number="K-001",
            vendor=PANEL_FIRM,
            category=CostCategory.US_COUNSEL,
            phase=Phase.PLEADINGS,
            invoice_date=date(2026, 5, 1),
            amount=Money.of("1200000", "CNY"),
        ),
    )
    adjudicate_claim(runtime, claim.id, day=date(2026, 7, 1))  # (1.2 M - 0.1 M) x 80 %
    pay_claim(
        runtime,
        claim.id,
        idempotency_key="p1",
        day=date(2026, 7, 5),
        amount=Money.of("300000", "CNY"),
    )
    pay_claim(runtime, claim.id, idempotency_key="p2", day=date(2027, 2, 1))

    document: Any = claims_development(runtime, TrianglesRequest(day=date(2027, 3, 31)))
    [book] = document["triangles"]
    assert book["origins"] == [2026] and book["claims"] == [1]
    assert book["paid"] == [[cny("300000"), cny("880000")]]
    assert book["incurred"] == [[cny("880000"), cny("880000")]]
    reserves = book["reserves"]
    assert reserves["total"]["paid"] == cny("880000")  # every payment of the ledger
    assert reserves["origins"][0]["premium"] == cny("400000")
    assert document["reserves_note"] is None

    before: Any = claims_development(runtime, TrianglesRequest(day=date(2026, 6, 30)))
    assert before["triangles"][0]["incurred"] == [[cny("0")]]  # nothing adjudicated yet
