"""Joint defence and outcomes on SQLite and PostgreSQL."""

from datetime import date
from decimal import Decimal

import pytest

from patentshield.cases.service import advance_case, show_case
from patentshield.claims.joint_service import allocate_invoice, create_group
from patentshield.claims.jointdefence import AllocationRule
from patentshield.claims.model import ClaimStatus, Phase
from patentshield.claims.outcome_service import record_outcome
from patentshield.claims.outcomes import Order, OutcomeKind
from patentshield.claims.service import (
    ExpenseInput,
    add_expense,
    adjudicate_claim,
    pay_claim,
    show_claim,
)
from patentshield.kernel.db import Database
from patentshield.kernel.errors import Conflict, InvalidInput, InvalidTransition
from patentshield.kernel.money import Money
from patentshield.products.model import CostCategory
from patentshield.usitc.workflow import CaseState
from tests.integration.case_factory import (
    CO_RESPONDENTS,
    OPENED,
    PANEL_FIRM,
    notified_claim,
)

FIRM = PANEL_FIRM


@pytest.fixture
def claim(database: Database):
    return notified_claim(database)


def shared_invoice(number: str, amount: str) -> ExpenseInput:
    return ExpenseInput(
        invoice_number=number,
        vendor="Dr. Chen Optics Consulting",
        category=CostCategory.EXPERTS,
        phase=Phase.DISCOVERY,
        invoice_date=date(2026, 7, 15),
        amount=Money.of(amount, "CNY"),
    )


def test_a_shared_invoice_is_split_and_the_insured_share_filed_in_its_claim(
    database: Database, claim
):
    members = ["sz-led-lighting", *CO_RESPONDENTS[:2]]
    create_group(database, "337-TA-1501", "experts", AllocationRule.EQUAL, members, now=OPENED)
    result = allocate_invoice(
        database, "337-TA-1501", "experts", shared_invoice("EXP-7", "1000000"), now=OPENED
    )
    assert sum(s.amount.amount for s in result.shares) == Decimal("1000000")
    assert result.expenses["sz-led-lighting"].amount == Money.of("333333.34", "CNY")
    assert set(result.borne) == set(CO_RESPONDENTS[:2])
    ledger = show_claim(database, claim.id).expenses
    assert [e.invoice_number for e in ledger] == ["EXP-7/sz-led-lighting"]
    with pytest.raises(Conflict):
        allocate_invoice(
            database, "337-TA-1501", "experts", shared_invoice("EXP-7", "1"), now=OPENED
        )


def test_shares_by_us_sales_use_the_profile_or_the_figure_given(database: Database, claim):
    with pytest.raises(InvalidInput):
        create_group(
            database,
            "337-TA-1501",
            "sales",
            AllocationRule.US_SALES,
            ["sz-led-lighting", CO_RESPONDENTS[0]],
            now=OPENED,
        )
    group = create_group(
        database,
        "337-TA-1501",
        "sales",
        AllocationRule.US_SALES,
        ["sz-led-lighting", CO_RESPONDENTS[0]],
        weights={CO_RESPONDENTS[0]: Decimal("1000000")},
        now=OPENED,
    )
    weights = {m.key: m.weight for m in group.members}
    assert weights["sz-led-lighting"] > 0
    custom = create_group(
        database,
        "337-TA-1501",
        "custom",
        AllocationRule.CUSTOM,
        ["sz-led-lighting", CO_RESPONDENTS[1]],
        weights={"sz-led-lighting": Decimal(3), CO_RESPONDENTS[1]: Decimal(1)},
        now=OPENED,
    )
    result = allocate_invoice(
        database, "337-TA-1501", custom.name, shared_invoice("EXP-8", "400000"), now=OPENED
    )
    assert result.expenses["sz-led-lighting"].amount == Money.of("300000", "CNY")


def test_a_paid_settlement_closes_the_claim_and_terminates_the_case(database: Database, claim):
    add_expense(
        database,
        claim.id,
        ExpenseInput(
            invoice_number="SET-1",
            vendor="Lumina IP Holdings LLC",
            category=CostCategory.SETTLEMENT_LICENCE,
            phase=Phase.SETTLEMENT,
            invoice_date=date(2026, 8, 1),
            amount=Money.of("2000000", "CNY"),
        ),
    )
    adjudicate_claim(database, claim.id, day=date(2026, 8, 2))
    pay_claim(database, claim.id, idempotency_key="settle", day=date(2026, 8, 3))
    result = record_outcome(
        database,
        "337-TA-1501",
        OutcomeKind.SETTLEMENT,
        day=date(2026, 8, 5),
        note="licence agreement",
        now=OPENED,
    )
    assert result.case.state is CaseState.TERMINATED
    assert [c.status for c in result.claims] == [ClaimStatus.CLOSED]
    moves = show_case(database, "337-TA-1501", today=date(2026, 8, 5)).transitions
    assert moves[-1].to_state is CaseState.TERMINATED


def test_an_unpaid_claim_stays_open_with_a_reserve_when_the_case_ends(database: Database, claim):
    add_expense(
        database,
        claim.id,
        ExpenseInput(
            invoice_number="K-1",
            vendor=FIRM,
            category=CostCategory.US_COUNSEL,
            phase=Phase.PLEADINGS,
            invoice_date=date(2026, 5, 1),
            amount=Money.of("600000", "CNY"),
        ),
    )
    adjudicate_claim(database, claim.id, day=date(2026, 5, 10))
    result = record_outcome(
        database, "337-TA-1501", OutcomeKind.WITHDRAWAL, day=date(2026, 5, 20), now=OPENED
    )
    (after,) = result.claims
    assert after.status is ClaimStatus.OPEN
    assert after.reserve is not None
    assert after.reserve.unpaid == Money.of("400000", "CNY")
    assert after.reserve.covered_to_come.is_zero()  # terminated: nothing more to come


def test_orders_need_a_violation_and_a_violation_needs_the_final_determination(
    database: Database, claim
):
    with pytest.raises(InvalidInput):
        record_outcome(
            database,
            "337-TA-1501",
            OutcomeKind.SETTLEMENT,
            day=date(2026, 6, 1),
            orders=[Order.LEO],
            now=OPENED,
        )
    with pytest.raises(InvalidInput):
        record_outcome(
            database, "337-TA-1501", OutcomeKind.VIOLATION, day=date(2026, 6, 1), now=OPENED
        )
    with pytest.raises(InvalidTransition):
        record_outcome(
            database,
            "337-TA-1501",
            OutcomeKind.VIOLATION,
            day=date(2026, 6, 1),
            orders=[Order.LEO, Order.CDO],
            now=OPENED,
        )


def test_a_violation_with_orders_and_wilful_infringement_declines_on_readjudication(
    database: Database, claim
):
    add_expense(
        database,
        claim.id,
        ExpenseInput(
            invoice_number="K-1",
            vendor=FIRM,
            category=CostCategory.US_COUNSEL,
            phase=Phase.HEARING,
            invoice_date=date(2026, 5, 1),
            amount=Money.of("600000", "CNY"),
        ),
    )
    assert adjudicate_claim(database, claim.id, day=date(2026, 5, 2)).payable == Money.of(
        "400000", "CNY"
    )
    path = (
        CaseState.ANSWERED,
        CaseState.DISCOVERY,
        CaseState.HEARING,
        CaseState.FINAL_INITIAL_DETERMINATION,
        CaseState.COMMISSION_REVIEW,
        CaseState.FINAL_DETERMINATION,
    )
    for month, state in enumerate(path, start=5):
        advance_case(database, "337-TA-1501", state, day=date(2026, month, 10), now=OPENED)
    design = record_outcome(
        database,
        "337-TA-1501",
        OutcomeKind.DESIGN_AROUND,
        day=date(2026, 10, 20),
        note="new driver board",
        now=OPENED,
    )
    assert design.case.state is CaseState.FINAL_DETERMINATION
    result = record_outcome(
        database,
        "337-TA-1501",
        OutcomeKind.VIOLATION,
        day=date(2026, 11, 1),
        orders=[Order.LEO, Order.CDO],
        wilful=True,
        now=OPENED,
    )
    assert result.case.state is CaseState.ORDERS
    assert result.orders == (Order.CDO, Order.LEO)
    (after,) = result.claims
    assert after.status is ClaimStatus.OPEN  # adjudicated but unpaid: reserved
    assert after.reserve is not None and after.reserve.unpaid == Money.of("400000", "CNY")
    again = adjudicate_claim(database, claim.id, day=date(2026, 11, 2))
    assert again.payable.is_zero()
    assert [r.code.value for r in again.lines[0].reasons] == ["wilful_infringement"]
