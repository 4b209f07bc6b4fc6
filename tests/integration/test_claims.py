"""Claims through the service on SQLite and PostgreSQL: notice, ledger, adjudication, payment."""

from datetime import date
from decimal import Decimal

import pytest

from patentshield.cases.duties import EvidenceKind, notify_code
from patentshield.cases.model import TaskStatus
from patentshield.cases.service import add_evidence, open_new_case, show_case
from patentshield.claims.model import ClaimStatus, LineOutcome, Phase, ReasonCode
from patentshield.claims.service import (
    ExpenseInput,
    add_expense,
    adjudicate_claim,
    close_claim,
    notify_claim,
    pay_claim,
    reopen_claim,
    show_claim,
)
from patentshield.kernel.db import Database
from patentshield.kernel.errors import Conflict, InvalidInput, InvalidTransition, RuleViolation
from patentshield.kernel.money import Money
from patentshield.products.model import CostCategory
from tests.integration.case_factory import OPENED, PANEL_FIRM, led_case, notified_claim
from tests.integration.insured import insured

FIRM = PANEL_FIRM


def cny(amount: str) -> Money:
    return Money.of(amount, "CNY")


def invoice(number: str, category: CostCategory, amount: Money, **changes) -> ExpenseInput:
    fields = {
        "invoice_number": number,
        "vendor": FIRM,
        "category": category,
        "phase": Phase.PLEADINGS,
        "invoice_date": date(2026, 5, 1),
        "amount": amount,
    }
    fields.update(changes)
    return ExpenseInput(**fields)


@pytest.fixture
def claim(database: Database):
    return notified_claim(database, first_accused_sale=date(2025, 1, 10))


def test_a_notice_in_time_opens_the_claim_and_closes_the_duty(database: Database, claim):
    assert claim.status is ClaimStatus.OPEN
    codes = [reason.code for reason in claim.notice_reasons]
    assert codes == [ReasonCode.CLAIM_IN_PERIOD, ReasonCode.ITC_COVERED, ReasonCode.NOTICE_IN_TIME]
    tasks = {t.code: t for t in show_case(database, "337-TA-1501", today=date(2026, 5, 1)).tasks}
    assert tasks[notify_code("sz-led-lighting")].status is TaskStatus.DONE
    with pytest.raises(Conflict):
        notify_claim(
            database, "337-TA-1501", "sz-led-lighting", notified_on=date(2026, 4, 29), now=OPENED
        )


def test_a_late_notice_is_recorded_and_declined(database: Database):
    policy = insured(database)
    open_new_case(database, led_case(policy.number), now=OPENED)
    late = notify_claim(
        database, "337-TA-1501", "sz-led-lighting", notified_on=date(2026, 5, 20), now=OPENED
    )
    assert late.status is ClaimStatus.DECLINED
    assert ReasonCode.NOTICE_LATE in [r.code for r in late.notice_reasons]
    with pytest.raises(InvalidTransition):
        add_expense(database, late.id, invoice("L1", CostCategory.US_COUNSEL, cny("1000")))


def test_products_sold_before_the_retroactive_date_decline_the_claim(database: Database):
    policy = insured(database)
    open_new_case(database, led_case(policy.number), now=OPENED)
    early = notify_claim(
        database,
        "337-TA-1501",
        "sz-led-lighting",
        notified_on=date(2026, 4, 20),
        first_accused_sale=date(2023, 6, 1),
        now=OPENED,
    )
    assert early.status is ClaimStatus.DECLINED
    assert ReasonCode.BEFORE_RETROACTIVE_DATE in [r.code for r in early.notice_reasons]


def test_invoices_are_adjudicated_partly_paid_and_never_overpaid(database: Database, claim):
    add_expense(database, claim.id, invoice("K-001", CostCategory.US_COUNSEL, cny("1200000")))
    add_expense(
        database,
        claim.id,
        invoice("X-001", CostCategory.US_COUNSEL, cny("300000"), vendor="Unapproved LLP"),
    )
    add_expense(
        database,
        claim.id,
        invoice(
            "T-001",
            CostCategory.EDISCOVERY_TRANSLATION,
            Money.of("500000", "USD"),
            vendor="LexTrans",
            phase=Phase.DISCOVERY,
            invoice_date=date(2026, 6, 1),
            fx_rate=Decimal("7.0"),
        ),
    )
    result = adjudicate_claim(database, claim.id, day=date(2026, 7, 1))
    outcomes = {line.invoice_number: line for line in result.lines}
    assert outcomes["X-001"].outcome is LineOutcome.DECLINED
    assert outcomes["T-001"].eligible == cny("3000000")  # 3,500,000 capped at the sub-limit
    assert ReasonCode.SUB_LIMIT in [r.code for r in outcomes["T-001"].reasons]
    # (1,200,000 - 100,000) x 0.8 + 3,000,000 x 0.8
    assert result.payable == cny("3280000")
    first = pay_claim(
        database, claim.id, idempotency_key="pay-1", day=date(2026, 7, 5), amount=cny("1000000")
    )
    again = pay_claim(
        database, claim.id, idempotency_key="pay-1", day=date(2026, 7, 5), amount=cny("1000000")
    )
    assert again.id == first.id
    with pytest.raises(Conflict):
        pay_claim(database, claim.id, idempotency_key="pay-1", day=date(2026, 7, 6))
    with pytest.raises(RuleViolation):
        pay_claim(
            database,
            claim.id,
            idempotency_key="pay-2",
            day=date(2026, 7, 6),
            amount=cny("2280000.01"),
        )
    rest = pay_claim(database, claim.id, idempotency_key="pay-3", day=date(2026, 7, 6))
    assert rest.amount == cny("2280000")
    with pytest.raises(RuleViolation):
        pay_claim(database, claim.id, idempotency_key="pay-4", day=date(2026, 7, 7))
    view = show_claim(database, claim.id)
    assert view.paid == view.adjudicated == cny("3280000")
    assert view.reserve is not None and view.reserve.unpaid.is_zero()


def test_a_closed_claim_is_reopened_for_new_invoices(database: Database, claim):
    add_expense(database, claim.id, invoice("K-001", CostCategory.US_COUNSEL, cny("600000")))
    with pytest.raises(RuleViolation):
        close_claim(database, claim.id)
    adjudicate_claim(database, claim.id, day=date(2026, 7, 1))
    pay_claim(database, claim.id, idempotency_key="k", day=date(2026, 7, 2))
    closed = close_claim(database, claim.id)
    assert closed.claim.status is ClaimStatus.CLOSED and closed.reserve is None
    reopened = reopen_claim(database, claim.id)
    assert reopened.claim.reopened == 1
    add_expense(
        database,
        claim.id,
        invoice("K-002", CostCategory.US_COUNSEL, cny("100000"), invoice_date=date(2026, 8, 1)),
    )
    second = adjudicate_claim(database, claim.id, day=date(2026, 8, 5))
    assert second.version == 2
    assert second.payable == cny("480000")


def test_the_reserve_of_an_open_claim_adds_the_cost_to_come(database: Database, claim):
    view = show_claim(database, claim.id)
    assert view.reserve is not None
    # sz-led-lighting's US sales put it in the AIPLA band of its stake; served: 90 % to come.
    assert view.reserve.expected_to_come > cny("0")
    assert view.reserve.covered_to_come <= view.policy.terms.per_claim_limit
    assert view.reserve.total == view.reserve.unpaid + view.reserve.covered_to_come


def test_an_attachment_must_be_a_file_of_the_cases_evidence(database: Database, claim, tmp_path):
    scan = tmp_path / "invoice-K-001.pdf"
    scan.write_bytes(b"%PDF-1.4 invoice K-001")
    stored = add_evidence(
        database,
        tmp_path / "vault",
        "337-TA-1501",
        scan,
        kind=EvidenceKind.OTHER,
        added_by="finance",
        day=date(2026, 5, 2),
        now=OPENED,
    )
    with pytest.raises(InvalidInput):
        add_expense(
            database,
            claim.id,
            invoice("K-001", CostCategory.US_COUNSEL, cny("10"), attachment="0" * 64),
        )
    added = add_expense(
        database,
        claim.id,
        invoice("K-001", CostCategory.US_COUNSEL, cny("10"), attachment=stored.sha256),
    )
    assert added.attachment == stored.sha256


def test_a_foreign_invoice_takes_the_shipped_fixing_only_when_it_is_recent(
    database: Database, claim
):
    with pytest.raises(InvalidInput) as error:
        add_expense(
            database, claim.id, invoice("U-1", CostCategory.EXPERTS, Money.of("1000", "USD"))
        )
    assert error.value.field == "fx_rate"
    recent = add_expense(
        database,
        claim.id,
        invoice(
            "U-2", CostCategory.EXPERTS, Money.of("1000", "USD"), invoice_date=date(2025, 1, 15)
        ),
    )
    assert recent.fx_rate == Decimal("7.1884")  # CFETS central parity of 31 Dec 2024
