"""Reserves of open claims: unpaid adjudicated amounts plus the covered cost to come, from the
risk engine's cost model (issue 9 item 11)."""

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.catalog.conditions import ClaimConditions, SubLimitOrder
from patentshield.catalog.model import CostCategory
from patentshield.claims.reserve import (
    ORDERED,
    PHASES_DONE,
    EngineCostModel,
    ReserveFacts,
    claim_reserve,
    sub_limits_used,
)
from patentshield.kernel.money import Currency, FxRate, Money
from patentshield.policies.terms import PolicyTerms, freeze_terms
from patentshield.procedure.workflow import TRANSITIONS, CaseState, is_terminal
from patentshield.risk.expected import (
    defence_share_to_come,
    expected_defence_cost,
    lognormal_mean,
)
from patentshield.risk.parameters import Parameters
from tests.factories import cny, product, usd

FX = FxRate(Currency.USD, Currency.CNY, Decimal("7"), date(2025, 12, 31))
TERMS = replace(
    freeze_terms(product(), per_claim_limit=cny(15_000_000), aggregate_limit=cny(20_000_000)),
    deductible=cny(100_000),
    coinsurance=Decimal("0.2"),
)
PARAMETERS = Parameters.shipped()
ENGINE = EngineCostModel(PARAMETERS)


class HalfSpent:
    """A cost model with CNY 1,000,000 of counsel for the whole case, half of it to come."""

    def expected_to_come(
        self, state: CaseState, stake: Money, fx: FxRate, terms: PolicyTerms
    ) -> Mapping[CostCategory, Money]:
        return {CostCategory.US_COUNSEL: cny(500_000)}

    def basis(self, stake: Money, fx: FxRate) -> str:
        return "half of CNY 1,000,000"


def facts(**changes: object) -> ReserveFacts:
    values: dict[str, object] = {
        "state": CaseState.DISCOVERY,
        "stake": usd(5_000_000),
        "fx": FX,
        "adjudicated": cny(0),
        "paid": cny(0),
        "eligible_so_far": cny(0),
        "policy_adjudicated": cny(0),
    }
    values.update(changes)
    return ReserveFacts(**values)  # type: ignore[arg-type]


def test_the_cost_to_come_loses_the_deductible_left_and_the_coinsurance():
    reserve = claim_reserve(TERMS, facts(), HalfSpent())
    assert reserve.expected_to_come == cny(500_000)
    # (500,000 - 100,000 deductible) x 80 %
    assert reserve.covered_to_come == cny(320_000)
    assert reserve.unpaid.is_zero() and reserve.total == cny(320_000)


def test_an_adjudicated_but_unpaid_amount_is_reserved_in_full():
    reserve = claim_reserve(
        TERMS,
        facts(adjudicated=cny(400_000), paid=cny(100_000), eligible_so_far=cny(600_000)),
        HalfSpent(),
    )
    assert reserve.unpaid == cny(300_000)
    assert reserve.covered_to_come == cny(400_000)  # the deductible is used up: 500,000 x 80 %
    assert reserve.total == cny(700_000)


def test_the_cost_to_come_is_capped_by_the_aggregate_left():
    reserve = claim_reserve(TERMS, facts(policy_adjudicated=cny(19_900_000)), HalfSpent())
    assert reserve.covered_to_come == cny(100_000)


def test_the_cost_to_come_is_capped_by_what_is_left_of_a_sub_limit():
    capped = replace(TERMS, sub_limits={CostCategory.US_COUNSEL: cny(350_000)})
    used = facts(sub_limits_used={CostCategory.US_COUNSEL: cny(300_000)})
    assert claim_reserve(capped, used, HalfSpent()).covered_to_come == cny(50_000)


def test_a_category_the_wording_does_not_cover_is_expected_but_not_reserved():
    uncovered = replace(TERMS, coverage={})
    reserve = claim_reserve(uncovered, facts(), HalfSpent())
    assert reserve.expected_to_come == cny(500_000) and reserve.covered_to_come.is_zero()


@given(
    st.integers(min_value=0, max_value=20_000_000),
    st.integers(min_value=0, max_value=20_000_000),
    st.integers(min_value=0, max_value=25_000_000),
    st.sampled_from(list(CaseState)),
)
def test_the_covered_cost_to_come_never_exceeds_the_limits_left(
    adjudicated: int, paid: int, policy: int, state: CaseState
):
    reserve = claim_reserve(
        TERMS,
        facts(
            state=state,
            adjudicated=cny(adjudicated),
            paid=cny(min(paid, adjudicated)),
            policy_adjudicated=cny(max(policy, adjudicated)),
        ),
        ENGINE,
    )
    assert not reserve.covered_to_come.amount < 0
    assert reserve.covered_to_come <= max(TERMS.per_claim_limit - cny(adjudicated), cny(0))
    assert reserve.covered_to_come <= max(
        TERMS.aggregate_limit - cny(max(policy, adjudicated)), cny(0)
    )
    assert reserve.total == reserve.unpaid + reserve.covered_to_come


def test_no_defence_is_to_come_once_the_case_has_ended():
    for state in CaseState:
        to_come = ENGINE.expected_to_come(state, usd(5_000_000), FX, TERMS)
        if is_terminal(state) or state not in PHASES_DONE:
            assert to_come[CostCategory.US_COUNSEL].is_zero(), state
    served = ENGINE.expected_to_come(CaseState.SERVED, usd(5_000_000), FX, TERMS)
    assert served[CostCategory.US_COUNSEL] > cny(0)


def test_every_state_a_defence_goes_through_has_its_phases_done():
    defended = {s for s in CaseState if TRANSITIONS[s] and s not in ORDERED}
    defended -= {CaseState.CONSENT_ORDER, CaseState.CBP_ENFORCEMENT, CaseState.NO_VIOLATION}
    assert defended <= set(PHASES_DONE)


def test_the_share_to_come_follows_the_engines_phase_spend():
    spend = PARAMETERS.group("costs.phase_spend")
    assert defence_share_to_come(PARAMETERS, 0) == pytest.approx(1.0)
    # answered: the answer phase is spent (10 %); in discovery 90 % is still to come
    assert defence_share_to_come(PARAMETERS, 1) == pytest.approx(1 - spend["answer"])
    assert defence_share_to_come(PARAMETERS, 6) == pytest.approx(0.0, abs=1e-12)


def test_the_defence_cost_is_the_pricing_models_aipla_median_times_itc_factor_and_spread():
    # USD 5 M of yearly US sales x 3 years = USD 15 M at risk: between the AIPLA 2015 rows
    # USD 2.0 M (5 M) and 3.1 M (17.5 M), log-log interpolated [R51]
    total = expected_defence_cost(PARAMETERS, 5_000_000)
    median = total / PARAMETERS.get("costs.itc_factor") / lognormal_mean(0.5)
    assert 2_000_000 < median < 3_100_000
    assert "AIPLA 2015" in ENGINE.basis(usd(5_000_000), FX)


def test_a_liability_wording_reserves_settlement_and_damages_while_they_can_come():
    served = ENGINE.expected_to_come(CaseState.SERVED, usd(5_000_000), FX, TERMS)
    assert served[CostCategory.SETTLEMENT_LICENCE] > cny(0)
    ordered = ENGINE.expected_to_come(CaseState.ORDERS, usd(5_000_000), FX, TERMS)
    assert ordered[CostCategory.SETTLEMENT_LICENCE].is_zero()
    assert ordered[CostCategory.DAMAGES] > served[CostCategory.DAMAGES] > cny(0)
    ended = ENGINE.expected_to_come(CaseState.NO_VIOLATION, usd(5_000_000), FX, TERMS)
    assert all(amount.is_zero() for amount in ended.values())


def test_a_sub_limit_counts_payable_after_retention_and_eligible_before_it():
    lines = ((CostCategory.IPR_PTAB, cny(1_000), cny(720)),)
    after = replace(TERMS, conditions=ClaimConditions())
    before = replace(
        TERMS, conditions=ClaimConditions(sub_limit_order=SubLimitOrder.BEFORE_RETENTION)
    )
    assert sub_limits_used(after, lines) == {CostCategory.IPR_PTAB: cny(720)}
    assert sub_limits_used(before, lines) == {CostCategory.IPR_PTAB: cny(1_000)}
