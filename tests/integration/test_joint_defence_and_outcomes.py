"""Joint defence and outcomes on SQLite and PostgreSQL."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any, cast

import pytest

from patentshield.cases.service import advance_case, show_case
from patentshield.catalog.conditions import ClaimConditions
from patentshield.catalog.model import CostCategory
from patentshield.claims.adjudication_service import adjudicate_claim
from patentshield.claims.joint_service import allocate_invoice, create_group
from patentshield.claims.jointdefence import AllocationRule
from patentshield.claims.ledger_service import ExpenseInput, add_expense
from patentshield.claims.model import ClaimStatus, Phase
from patentshield.claims.outcome_service import record_outcome
from patentshield.claims.outcomes import Order, OutcomeKind
from patentshield.claims.payment_service import pay_claim
from patentshield.claims.settlement_service import SettlementConsentInput, consent_to_settlement
from patentshield.claims.view_service import show_claim
from patentshield.kernel.errors import Conflict, InvalidInput, InvalidTransition
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.policies.store import PolicyRow
from patentshield.policies.terms import terms_to_json
from patentshield.procedure.workflow import CaseState
from tests.integration.case_factory import (
    CO_RESPONDENTS,
    PANEL_FIRM,
    notified_claim,
)

FIRM = PANEL_FIRM


@pytest.fixture
def claim(runtime: Runtime):
    return notified_claim(runtime)


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
    runtime: Runtime, claim
):
    members = ["sz-led-lighting", *CO_RESPONDENTS[:2]]
    create_group(runtime, "337-TA-1501", "experts", AllocationRule.EQUAL, members)
    result = allocate_invoice(runtime, "337-TA-1501", "experts", shared_invoice("EXP-7", "1000000"))
    assert sum(s.amount.amount for s in result.shares) == Decimal("1000000")
    assert result.expenses["sz-led-lighting"].amount == Money.of("333333.34", "CNY")
    assert set(result.borne) == set(CO_RESPONDENTS[:2])
    ledger = show_claim(runtime, claim.id).expenses
    assert [e.invoice_number for e in ledger] == ["EXP-7/sz-led-lighting"]
    with pytest.raises(Conflict):
        allocate_invoice(runtime, "337-TA-1501", "experts", shared_invoice("EXP-7", "1"))


def test_shares_by_us_sales_use_the_profile_or_the_figure_given(runtime: Runtime, claim):
    with pytest.raises(InvalidInput):
        create_group(
            runtime,
            "337-TA-1501",
            "sales",
            AllocationRule.US_SALES,
            ["sz-led-lighting", CO_RESPONDENTS[0]],
        )
    group = create_group(
        runtime,
        "337-TA-1501",
        "sales",
        AllocationRule.US_SALES,
        ["sz-led-lighting", CO_RESPONDENTS[0]],
        weights={CO_RESPONDENTS[0]: Decimal("1000000")},
    )
    weights = {m.key: m.weight for m in group.members}
    assert weights["sz-led-lighting"] > 0
    custom = create_group(
        runtime,
        "337-TA-1501",
        "custom",
        AllocationRule.CUSTOM,
        ["sz-led-lighting", CO_RESPONDENTS[1]],
        weights={"sz-led-lighting": Decimal(3), CO_RESPONDENTS[1]: Decimal(1)},
    )
    result = allocate_invoice(
        runtime, "337-TA-1501", custom.name, shared_invoice("EXP-8", "400000")
    )
    assert result.expenses["sz-led-lighting"].amount == Money.of("300000", "CNY")


def test_a_paid_settlement_closes_the_claim_and_terminates_the_case(runtime: Runtime, claim):
    consent = SettlementConsentInput(
        "Lumina IP Holdings LLC", date(2026, 7, 30), Money.of("2000000", "CNY")
    )
    consent_to_settlement(runtime, claim.id, consent)
    add_expense(
        runtime,
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
    adjudicate_claim(runtime, claim.id, day=date(2026, 8, 2))
    pay_claim(runtime, claim.id, idempotency_key="settle", day=date(2026, 8, 3))
    result = record_outcome(
        runtime,
        "337-TA-1501",
        OutcomeKind.SETTLEMENT,
        day=date(2026, 8, 5),
        note="licence agreement",
    )
    assert result.case.state is CaseState.TERMINATED
    assert [c.status for c in result.claims] == [ClaimStatus.CLOSED]
    closing = show_claim(runtime, claim.id).history[-1]
    assert (closing.from_status, closing.to_status) == (ClaimStatus.OPEN, ClaimStatus.CLOSED)
    assert closing.day == date(2026, 8, 5) and closing.reason.startswith("settlement recorded")
    moves = show_case(runtime, "337-TA-1501", today=date(2026, 8, 5)).transitions
    assert moves[-1].to_state is CaseState.TERMINATED


def test_an_unpaid_claim_stays_open_with_a_reserve_when_the_case_ends(runtime: Runtime, claim):
    add_expense(
        runtime,
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
    adjudicate_claim(runtime, claim.id, day=date(2026, 5, 10))
    result = record_outcome(runtime, "337-TA-1501", OutcomeKind.WITHDRAWAL, day=date(2026, 5, 20))
    (after,) = result.claims
    assert after.status is ClaimStatus.OPEN
    assert len(show_claim(runtime, claim.id).history) == 1  # no move was recorded
    assert after.reserve is not None
    assert after.reserve.unpaid == Money.of("400000", "CNY")
    assert after.reserve.covered_to_come.is_zero()  # terminated: nothing more to come


def test_orders_need_a_violation_and_a_violation_needs_the_final_determination(
    runtime: Runtime, claim
):
    with pytest.raises(InvalidInput):
        record_outcome(
            runtime,
            "337-TA-1501",
            OutcomeKind.SETTLEMENT,
            day=date(2026, 6, 1),
            orders=[Order.LEO],
        )
    with pytest.raises(InvalidInput):
        record_outcome(runtime, "337-TA-1501", OutcomeKind.VIOLATION, day=date(2026, 6, 1))
    with pytest.raises(InvalidTransition):
        record_outcome(
            runtime,
            "337-TA-1501",
            OutcomeKind.VIOLATION,
            day=date(2026, 6, 1),
            orders=[Order.LEO, Order.CDO],
        )


def test_a_violation_with_orders_and_a_wilful_finding_declines_on_readjudication(
    runtime: Runtime, claim
):
    add_expense(
        runtime,
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
    assert adjudicate_claim(runtime, claim.id, day=date(2026, 5, 2)).payable == Money.of(
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
        advance_case(runtime, "337-TA-1501", state, day=date(2026, month, 10))
    design = record_outcome(
        runtime,
        "337-TA-1501",
        OutcomeKind.DESIGN_AROUND,
        day=date(2026, 10, 20),
        note="new driver board",
    )
    assert design.case.state is CaseState.FINAL_DETERMINATION
    with pytest.raises(InvalidInput) as raised:  # wilfulness is not an ITC finding
        record_outcome(
            runtime,
            "337-TA-1501",
            OutcomeKind.VIOLATION,
            day=date(2026, 11, 1),
            orders=[Order.LEO, Order.CDO],
            wilful=True,
        )
    assert raised.value.field == "wilful"
    result = record_outcome(
        runtime,
        "337-TA-1501",
        OutcomeKind.VIOLATION,
        day=date(2026, 11, 1),
        orders=[Order.LEO, Order.CDO],
    )
    assert result.case.state is CaseState.ORDERS
    assert result.outcome.orders == (Order.CDO, Order.LEO)
    (after,) = result.claims
    assert after.status is ClaimStatus.OPEN  # adjudicated but unpaid: reserved
    assert after.reserve is not None and after.reserve.unpaid == Money.of("400000", "CNY")
    assert adjudicate_claim(runtime, claim.id, day=date(2026, 11, 2)).payable == Money.of(
        "400000", "CNY"
    )  # a violation alone excludes nothing
    court = record_outcome(
        runtime,
        "337-TA-1501",
        OutcomeKind.DISTRICT_COURT_JUDGMENT,
        day=date(2026, 11, 20),
        wilful=True,
        respondent="sz-led-lighting",
        note="parallel suit, D. Del.",
    )
    assert court.case.state is CaseState.ORDERS  # a district court's judgment moves no case
    again = adjudicate_claim(runtime, claim.id, day=date(2026, 11, 21))
    assert again.payable.is_zero()
    assert [r.code.value for r in again.lines[0].reasons] == ["wilful_infringement"]


def test_one_respondents_settlement_ends_its_own_part_not_the_case(runtime: Runtime, claim):
    # issue 9 item 8: outcomes per respondent
    other = record_outcome(
        runtime,
        "337-TA-1501",
        OutcomeKind.SETTLEMENT,
        day=date(2026, 6, 1),
        respondent=CO_RESPONDENTS[0],
    )
    assert other.case.state is CaseState.SERVED  # the case goes on for the others
    assert other.outcome.respondent == CO_RESPONDENTS[0]
    assert other.claims == ()  # the insured's claim is not touched
    assert show_claim(runtime, claim.id).claim.status is ClaimStatus.OPEN
    own = record_outcome(
        runtime,
        "337-TA-1501",
        OutcomeKind.CONSENT_ORDER,
        day=date(2026, 6, 2),
        respondent="sz-led-lighting",
    )
    assert own.case.state is CaseState.SERVED
    assert [c.status for c in own.claims] == [ClaimStatus.CLOSED]  # nothing was unpaid
    with pytest.raises(InvalidInput) as raised:  # the Commission's, for the whole case
        record_outcome(
            runtime,
            "337-TA-1501",
            OutcomeKind.NO_VIOLATION,
            day=date(2026, 6, 3),
            respondent=CO_RESPONDENTS[1],
        )
    assert raised.value.field == "respondent"


def test_a_consent_order_of_the_whole_case_is_not_a_settlement(runtime: Runtime, claim):
    result = record_outcome(runtime, "337-TA-1501", OutcomeKind.CONSENT_ORDER, day=date(2026, 6, 1))
    assert result.case.state is CaseState.CONSENT_ORDER


def test_a_final_wilful_finding_under_the_clause_recoups_the_costs_advanced(
    runtime: Runtime, claim
):
    policy = show_claim(runtime, claim.id).policy
    clause = replace(policy.terms, conditions=ClaimConditions(final_adjudication=True))
    with runtime.unit_of_work() as session:
        row = session.get(PolicyRow, policy.id)
        assert row is not None
        row.terms = cast(dict[str, object], terms_to_json(clause))
    add_expense(
        runtime,
        claim.id,
        ExpenseInput(
            invoice_number="K-9",
            vendor=FIRM,
            category=CostCategory.US_COUNSEL,
            phase=Phase.DISCOVERY,
            invoice_date=date(2026, 5, 1),
            amount=Money.of("600000", "CNY"),
        ),
    )
    finding: dict[str, Any] = {"wilful": True, "respondent": "sz-led-lighting"}
    kind = OutcomeKind.DISTRICT_COURT_JUDGMENT
    record_outcome(runtime, "337-TA-1501", kind, day=date(2026, 6, 1), **finding)
    advanced = adjudicate_claim(runtime, claim.id, day=date(2026, 6, 2))
    assert advanced.payable == Money.of("400000", "CNY")  # advanced until final
    pay_claim(runtime, claim.id, idempotency_key="adv", day=date(2026, 6, 3))
    record_outcome(runtime, "337-TA-1501", kind, day=date(2027, 6, 1), final=True, **finding)
    final = adjudicate_claim(runtime, claim.id, day=date(2027, 6, 2))
    assert final.payable.is_zero()
    assert final.recoupment == Money.of("400000", "CNY")
    view = show_claim(runtime, claim.id)
    assert view.adjudicated.is_zero() and view.paid == Money.of("400000", "CNY")
