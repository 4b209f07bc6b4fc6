"""The case state machine of DOMAIN.md §1.3: its table, its guard and what is reachable."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.kernel.errors import InvalidTransition
from patentshield.procedure.workflow import (
    INITIAL_STATE,
    TRANSITIONS,
    CaseState,
    allowed_moves,
    check_move,
    is_terminal,
)

S = CaseState

DIAGRAM_ARROWS = [
    (S.COMPLAINT_FILED, S.NOT_INSTITUTED),
    (S.COMPLAINT_FILED, S.INSTITUTED),
    (S.INSTITUTED, S.SERVED),
    (S.SERVED, S.ANSWERED),
    (S.SERVED, S.SHOW_CAUSE),
    (S.SHOW_CAUSE, S.DEFAULTED),
    (S.INSTITUTED, S.TARGET_SET),
    (S.ANSWERED, S.DISCOVERY),
    (S.DISCOVERY, S.MARKMAN),
    (S.DISCOVERY, S.SUMMARY_DETERMINATION),
    (S.MARKMAN, S.HEARING),
    (S.DISCOVERY, S.HEARING),
    (S.HEARING, S.FINAL_INITIAL_DETERMINATION),
    (S.FINAL_INITIAL_DETERMINATION, S.PETITIONS),
    (S.PETITIONS, S.COMMISSION_REVIEW),
    (S.COMMISSION_REVIEW, S.FINAL_DETERMINATION),
    (S.FINAL_DETERMINATION, S.NO_VIOLATION),
    (S.FINAL_DETERMINATION, S.ORDERS),
    (S.ORDERS, S.PRESIDENTIAL_REVIEW),
    (S.PRESIDENTIAL_REVIEW, S.DISAPPROVED),
    (S.PRESIDENTIAL_REVIEW, S.ORDERS_FINAL),
    (S.ORDERS_FINAL, S.CBP_ENFORCEMENT),
    (S.ORDERS_FINAL, S.FEDERAL_CIRCUIT_APPEAL),
    (S.CBP_ENFORCEMENT, S.POST_ORDER),
    (S.INSTITUTED, S.TERMINATED),
    (S.DISCOVERY, S.TERMINATED),
    (S.HEARING, S.TERMINATED),
]


def reachable_from(start: CaseState) -> set[CaseState]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_the_table_covers_every_state():
    assert set(TRANSITIONS) == set(CaseState)


@pytest.mark.parametrize(("current", "target"), DIAGRAM_ARROWS)
def test_every_arrow_of_the_domain_diagram_is_allowed(current, target):
    check_move(current, target)
    assert target in allowed_moves(current)


@pytest.mark.parametrize(
    "state",
    [
        S.INSTITUTED,
        S.SERVED,
        S.ANSWERED,
        S.DISCOVERY,
        S.MARKMAN,
        S.SUMMARY_DETERMINATION,
        S.HEARING,
        S.FINAL_INITIAL_DETERMINATION,
        S.PETITIONS,
        S.COMMISSION_REVIEW,
    ],
)
def test_an_early_exit_can_end_the_case_from_institution_to_commission_review(state):
    assert S.TERMINATED in allowed_moves(state)


@pytest.mark.parametrize(
    "state", [S.ANSWERED, S.DISCOVERY, S.MARKMAN, S.SUMMARY_DETERMINATION, S.HEARING]
)
def test_a_respondent_that_answered_may_give_notice_of_intent_to_default(state):
    assert S.DEFAULTED in allowed_moves(state)


def test_the_default_path_goes_through_review_of_the_default_id_and_the_remedy_and_bond_phase():
    # 19 CFR 210.16, 210.42(c): the default is an ID the Commission reviews; 1337(g)(1): then
    # remedy, public interest and bond, before orders (the diagram's direct arrow is replaced)
    assert allowed_moves(S.DEFAULTED) == {S.DEFAULT_REVIEW, S.TERMINATED, S.CONSENT_ORDER}
    assert S.REMEDY_BOND in allowed_moves(S.DEFAULT_REVIEW)
    assert S.ORDERS in allowed_moves(S.REMEDY_BOND)
    with pytest.raises(InvalidTransition):
        check_move(S.DEFAULTED, S.ORDERS)


@pytest.mark.parametrize("state", [S.INSTITUTED, S.SERVED, S.DISCOVERY, S.COMMISSION_REVIEW])
def test_a_consent_order_is_told_apart_from_a_settlement(state):
    # 19 CFR 210.21(c): a consent order ends the case but is an order, enforced afterwards
    assert {S.TERMINATED, S.CONSENT_ORDER} <= allowed_moves(state)
    assert allowed_moves(S.CONSENT_ORDER) == {S.POST_ORDER}
    assert is_terminal(S.TERMINATED) and not is_terminal(S.CONSENT_ORDER)


def test_a_case_cannot_jump_from_the_complaint_to_the_hearing():
    with pytest.raises(InvalidTransition) as raised:
        check_move(S.COMPLAINT_FILED, S.HEARING)
    assert raised.value.code == "invalid_transition"
    assert raised.value.field == "state"
    assert "allowed: instituted, not_instituted" in raised.value.message


def test_a_terminated_case_cannot_move_again():
    assert is_terminal(S.TERMINATED)
    with pytest.raises(InvalidTransition, match="terminal state"):
        check_move(S.TERMINATED, S.DISCOVERY)


def test_no_move_leads_back_to_the_complaint():
    assert all(S.COMPLAINT_FILED not in targets for targets in TRANSITIONS.values())


def test_every_state_is_reachable_from_the_complaint():
    assert reachable_from(INITIAL_STATE) == set(CaseState)


def test_every_state_can_reach_an_end():
    terminal = {state for state in CaseState if is_terminal(state)}
    assert terminal == {
        S.NOT_INSTITUTED,
        S.DISAPPROVED,
        S.FEDERAL_CIRCUIT_APPEAL,
        S.POST_ORDER,
        S.TERMINATED,
    }
    for state in CaseState:
        assert reachable_from(state) & terminal, state


@given(st.lists(st.integers(min_value=0, max_value=10), max_size=40))
def test_a_walk_that_only_takes_allowed_moves_never_fails_the_guard(choices):
    state = INITIAL_STATE
    for choice in choices:
        moves = sorted(allowed_moves(state))
        if not moves:
            break
        target = moves[choice % len(moves)]
        check_move(state, target)
        state = target
    assert state in TRANSITIONS


@given(st.sampled_from(list(CaseState)), st.sampled_from(list(CaseState)))
def test_the_guard_accepts_exactly_the_moves_of_the_table(current, target):
    if target in TRANSITIONS[current]:
        check_move(current, target)
    else:
        with pytest.raises(InvalidTransition):
            check_move(current, target)
