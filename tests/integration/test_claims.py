"""Claims through the service on SQLite and PostgreSQL: notice, ledger, adjudication, payment."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from patentshield.cases.duties import notify_code
from patentshield.cases.evidence import add_evidence
from patentshield.cases.model import EvidenceKind, Party, TaskStatus
from patentshield.cases.service import approve_counsel, open_new_case, show_case
from patentshield.catalog.model import CostCategory
from patentshield.claims.adjudication_service import adjudicate_claim
from patentshield.claims.ledger_service import ExpenseInput, add_expense
from patentshield.claims.model import ClaimStatus, LineOutcome, NoticeFault, Phase, ReasonCode
from patentshield.claims.notice_service import NoticeFacts, notify_claim
from patentshield.claims.payment_service import pay_claim
from patentshield.claims.status_service import close_claim, reopen_claim
from patentshield.claims.view_service import show_claim
from patentshield.kernel.errors import Conflict, InvalidInput, InvalidTransition, RuleViolation
from patentshield.kernel.fx import FxTable
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from tests.factories import runtime_of
from tests.integration.case_factory import (
    PANEL_FIRM,
    led_case,
    notified_claim,
    runtime_at_home,
)
from tests.integration.insured import insured

FIRM = PANEL_FIRM
ENFORCEMENT = "picc-2013-enforcement"


def cny(amount: str) -> Money:
    return Money.of(amount, "CNY")


def invoice(number: str, category: CostCategory, amount: Money, **changes) -> ExpenseInput:
    fields: dict[str, Any] = {
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
def claim(runtime: Runtime):
    return notified_claim(runtime, first_accused_sale=date(2025, 1, 10))


def test_a_notice_in_time_opens_the_claim_and_closes_the_duty(runtime: Runtime, claim):
    assert claim.status is ClaimStatus.OPEN
    codes = [reason.code for reason in claim.notice_reasons]
    assert codes == [ReasonCode.CLAIM_IN_PERIOD, ReasonCode.ITC_COVERED, ReasonCode.NOTICE_IN_TIME]
    tasks = {t.code: t for t in show_case(runtime, "337-TA-1501", today=date(2026, 5, 1)).tasks}
    assert tasks[notify_code("sz-led-lighting")].status is TaskStatus.DONE
    with pytest.raises(Conflict):
        notify_claim(runtime, "337-TA-1501", "sz-led-lighting", notified_on=date(2026, 4, 29))


def open_with_counsel(runtime: Runtime) -> None:
    policy = insured(runtime.database)
    open_new_case(runtime, led_case(policy.number))
    approve_counsel(
        runtime, "337-TA-1501", "sz-led-lighting", firm=FIRM, day=date(2026, 4, 20), panel=True
    )


def test_art_21_a_late_notice_is_recorded_and_the_claim_is_paid(runtime: Runtime):
    open_with_counsel(runtime)
    late = notify_claim(runtime, "337-TA-1501", "sz-led-lighting", notified_on=date(2026, 5, 20))
    assert late.status is ClaimStatus.OPEN
    assert ReasonCode.NOTICE_LATE in [r.code for r in late.notice_reasons]
    add_expense(runtime, late.id, invoice("L1", CostCategory.US_COUNSEL, cny("600000")))
    assert adjudicate_claim(runtime, late.id, day=date(2026, 5, 21)).payable == cny("400000")
    (notice,) = show_claim(runtime, late.id).history
    assert (notice.from_status, notice.to_status) == (None, ClaimStatus.OPEN)


def test_art_21_a_grossly_negligent_delay_declines_the_costs_incurred_during_it(runtime: Runtime):
    open_with_counsel(runtime)
    facts = NoticeFacts(late_notice_fault=NoticeFault.GROSS_NEGLIGENCE)
    late = notify_claim(
        runtime, "337-TA-1501", "sz-led-lighting", notified_on=date(2026, 6, 20), facts=facts
    )
    assert late.late_notice_fault is NoticeFault.GROSS_NEGLIGENCE
    assert show_claim(runtime, late.id).claim.late_notice_fault is NoticeFault.GROSS_NEGLIGENCE
    # the notice was due on 2026-05-16 (30 days after learning on 2026-04-16)
    add_expense(runtime, late.id, invoice("L1", CostCategory.US_COUNSEL, cny("600000")))
    during = invoice("L2", CostCategory.US_COUNSEL, cny("300000"), invoice_date=date(2026, 6, 1))
    add_expense(runtime, late.id, during)
    result = adjudicate_claim(runtime, late.id, day=date(2026, 6, 21))
    lines = {line.invoice_number: line for line in result.lines}
    assert lines["L2"].reasons[-1].code is ReasonCode.LATE_NOTICE_UNDETERMINABLE
    assert result.payable == cny("400000")
    with pytest.raises(InvalidInput):
        notify_claim(
            runtime,
            "337-TA-1501",
            "sz-led-lighting",
            notified_on=date(2026, 4, 20),
            facts=NoticeFacts(late_notice_fault=NoticeFault.INTENTIONAL),
        )


def test_a_declined_notice_takes_no_invoices_and_cannot_be_closed(runtime: Runtime):
    policy = insured(runtime.database)
    open_new_case(runtime, led_case(policy.number, complaint_filed=date(2025, 3, 16)))
    outside = notify_claim(runtime, "337-TA-1501", "sz-led-lighting", notified_on=date(2026, 4, 20))
    assert outside.status is ClaimStatus.DECLINED
    with pytest.raises(InvalidTransition):
        add_expense(runtime, outside.id, invoice("L1", CostCategory.US_COUNSEL, cny("1000")))
    with pytest.raises(InvalidTransition):
        close_claim(runtime, outside.id, day=date(2026, 5, 21))
    (notice,) = show_claim(runtime, outside.id).history
    assert (notice.from_status, notice.to_status) == (None, ClaimStatus.DECLINED)
    assert notice.reason == "notice declined: claim_outside_period"


def test_products_sold_before_the_retroactive_date_decline_the_claim(runtime: Runtime):
    policy = insured(runtime.database)
    open_new_case(runtime, led_case(policy.number))
    early = notify_claim(
        runtime,
        "337-TA-1501",
        "sz-led-lighting",
        notified_on=date(2026, 4, 20),
        facts=NoticeFacts(first_accused_sale=date(2023, 6, 1)),
    )
    assert early.status is ClaimStatus.DECLINED
    assert ReasonCode.BEFORE_RETROACTIVE_DATE in [r.code for r in early.notice_reasons]


def test_invoices_are_adjudicated_partly_paid_and_never_overpaid(runtime: Runtime, claim):
    add_expense(runtime, claim.id, invoice("K-001", CostCategory.US_COUNSEL, cny("1200000")))
    add_expense(
        runtime,
        claim.id,
        invoice("X-001", CostCategory.US_COUNSEL, cny("300000"), vendor="Unapproved LLP"),
    )
    add_expense(
        runtime,
        claim.id,
        invoice(
            "T-001",
            CostCategory.EDISCOVERY_TRANSLATION,
            Money.of("600000", "USD"),
            vendor="LexTrans",
            phase=Phase.DISCOVERY,
            invoice_date=date(2026, 6, 1),
            fx_rate=Decimal("7.0"),
        ),
    )
    result = adjudicate_claim(runtime, claim.id, day=date(2026, 7, 1))
    outcomes = {line.invoice_number: line for line in result.lines}
    assert outcomes["X-001"].outcome is LineOutcome.DECLINED
    # 4,200,000 x 0.8 = 3,360,000, capped at the CNY 3 M sub-limit after the retention
    assert outcomes["T-001"].payable == cny("3000000")
    assert ReasonCode.SUB_LIMIT in [r.code for r in outcomes["T-001"].reasons]
    # (1,200,000 - 100,000) x 0.8 + 3,000,000
    assert result.payable == cny("3880000")
    first = pay_claim(
        runtime, claim.id, idempotency_key="pay-1", day=date(2026, 7, 5), amount=cny("1000000")
    )
    again = pay_claim(
        runtime, claim.id, idempotency_key="pay-1", day=date(2026, 7, 5), amount=cny("1000000")
    )
    assert again.id == first.id
    assert first.created_at == runtime.clock.now()  # stamped by the runtime's clock
    with pytest.raises(Conflict):
        pay_claim(runtime, claim.id, idempotency_key="pay-1", day=date(2026, 7, 6))
    with pytest.raises(RuleViolation):
        pay_claim(
            runtime,
            claim.id,
            idempotency_key="pay-2",
            day=date(2026, 7, 6),
            amount=cny("2880000.01"),
        )
    rest = pay_claim(runtime, claim.id, idempotency_key="pay-3", day=date(2026, 7, 6))
    assert rest.amount == cny("2880000")
    with pytest.raises(RuleViolation):
        pay_claim(runtime, claim.id, idempotency_key="pay-4", day=date(2026, 7, 7))
    view = show_claim(runtime, claim.id)
    assert view.paid == view.adjudicated == cny("3880000")
    assert view.reserve is not None and view.reserve.unpaid.is_zero()


def test_a_closed_claim_is_reopened_for_new_invoices(runtime: Runtime, claim):
    add_expense(runtime, claim.id, invoice("K-001", CostCategory.US_COUNSEL, cny("600000")))
    with pytest.raises(RuleViolation):
        close_claim(runtime, claim.id)
    adjudicate_claim(runtime, claim.id, day=date(2026, 7, 1))
    pay_claim(runtime, claim.id, idempotency_key="k", day=date(2026, 7, 2))
    closed = close_claim(runtime, claim.id, day=date(2026, 7, 3))
    assert closed.claim.status is ClaimStatus.CLOSED and closed.reserve is None
    with pytest.raises(InvalidTransition):
        close_claim(runtime, claim.id, day=date(2026, 7, 4))
    reopened = reopen_claim(runtime, claim.id, day=date(2026, 7, 20), note="appeal invoices")
    assert reopened.claim.reopened == 1
    with pytest.raises(InvalidTransition):
        reopen_claim(runtime, claim.id)
    moves = [(e.sequence, e.from_status, e.to_status, e.day) for e in reopened.history]
    assert moves == [
        (1, None, ClaimStatus.OPEN, date(2026, 4, 28)),
        (2, ClaimStatus.OPEN, ClaimStatus.CLOSED, date(2026, 7, 3)),
        (3, ClaimStatus.CLOSED, ClaimStatus.OPEN, date(2026, 7, 20)),
    ]
    assert reopened.history[-1].reason == "appeal invoices"
    assert all(e.recorded_at == runtime.clock.now() for e in reopened.history)
    add_expense(
        runtime,
        claim.id,
        invoice("K-002", CostCategory.US_COUNSEL, cny("100000"), invoice_date=date(2026, 8, 1)),
    )
    second = adjudicate_claim(runtime, claim.id, day=date(2026, 8, 5))
    assert second.version == 2
    assert second.payable == cny("480000")


def test_the_reserve_of_an_open_claim_adds_the_cost_to_come(runtime: Runtime, claim):
    view = show_claim(runtime, claim.id)
    assert view.reserve is not None
    # the risk engine's cost model for sz-led-lighting's US sales; served: all of it to come.
    assert view.reserve.expected_to_come > cny("0")
    assert view.reserve.covered_to_come <= view.policy.terms.per_claim_limit
    assert view.reserve.total == view.reserve.unpaid + view.reserve.covered_to_come


def test_an_attachment_must_be_a_file_of_the_cases_evidence(runtime: Runtime, claim, tmp_path):
    scan = tmp_path / "invoice-K-001.pdf"
    scan.write_bytes(b"%PDF-1.4 invoice K-001")
    stored = add_evidence(
        runtime_at_home(runtime.database, tmp_path / "home"),
        "337-TA-1501",
        scan,
        kind=EvidenceKind.OTHER,
        added_by="finance",
        day=date(2026, 5, 2),
    )
    with pytest.raises(InvalidInput):
        add_expense(
            runtime,
            claim.id,
            invoice("K-001", CostCategory.US_COUNSEL, cny("10"), attachment="0" * 64),
        )
    added = add_expense(
        runtime,
        claim.id,
        invoice("K-001", CostCategory.US_COUNSEL, cny("10"), attachment=stored.sha256),
    )
    assert added.attachment == stored.sha256


def test_a_foreign_invoice_takes_the_shipped_fixing_only_when_it_is_recent(runtime: Runtime, claim):
    with pytest.raises(InvalidInput) as error:
        add_expense(
            runtime, claim.id, invoice("U-1", CostCategory.EXPERTS, Money.of("1000", "USD"))
        )
    assert error.value.field == "fx_rate"
    recent = add_expense(
        runtime,
        claim.id,
        invoice(
            "U-2", CostCategory.EXPERTS, Money.of("1000", "USD"), invoice_date=date(2025, 1, 15)
        ),
    )
    assert recent.fx_rate == Decimal("7.1884")  # CFETS central parity of 31 Dec 2024


def test_a_foreign_invoice_takes_the_runtimes_exchange_rate_table(runtime: Runtime, claim):
    own = runtime_of(
        runtime.database,
        loaders={FxTable: lambda: FxTable.fixed_rate(Decimal("7.25"), source="insurer's rate")},
    )
    added = add_expense(
        own, claim.id, invoice("U-3", CostCategory.EXPERTS, Money.of("1000", "USD"))
    )
    assert added.fx_rate == Decimal("7.25")


def test_an_insured_complainant_notifies_its_enforcement_policy(runtime: Runtime):
    # issue 9 item 13: Chinese firms file 337 complaints; an enforcement product answers them
    defence = insured(runtime.database)
    enforcing = insured(
        runtime.database, "fs-kitchen-appliances", import_examples=False, product=ENFORCEMENT
    )
    complainant = Party("fs-kitchen-appliances", "fs-kitchen-appliances", enforcing.number)
    case = led_case(
        defence.number,
        complainants=("fs-kitchen-appliances",),
        insured_complainants=(complainant,),
    )
    opened = open_new_case(runtime, case)
    assert opened.insured_complainants[0].policy == enforcing.number
    assert show_case(runtime, opened.id, today=date(2026, 4, 20)).case == opened
    own = notify_claim(
        runtime, "337-TA-1501", "fs-kitchen-appliances", notified_on=date(2026, 4, 20)
    )
    assert own.status is ClaimStatus.OPEN
    codes = [reason.code for reason in own.notice_reasons]
    assert ReasonCode.ITC_COVER_UNCLEAR in codes  # read for the insured (art. 30)
    assert "own complaint" in own.notice_reasons[0].explanation
    against = notify_claim(runtime, "337-TA-1501", "sz-led-lighting", notified_on=date(2026, 4, 20))
    assert against.status is ClaimStatus.OPEN


def test_an_enforcement_policy_does_not_answer_a_complaint_against_its_insured(runtime: Runtime):
    enforcing = insured(runtime.database, product=ENFORCEMENT)
    open_new_case(runtime, led_case(enforcing.number))
    claim = notify_claim(runtime, "337-TA-1501", "sz-led-lighting", notified_on=date(2026, 4, 20))
    assert claim.status is ClaimStatus.DECLINED
    assert ReasonCode.ITC_NOT_COVERED in [reason.code for reason in claim.notice_reasons]
