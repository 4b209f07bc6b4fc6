"""The claim state machine: no sequence of requested moves reaches an illegal state."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.claims.model import Claim, ClaimStatus, Reason, ReasonCode
from patentshield.claims.workflow import (
    OPENING,
    TRANSITIONS,
    MoveFacts,
    check_takes_invoices,
    move,
    opening,
)
from patentshield.kernel.errors import InvalidTransition, RuleViolation
from patentshield.kernel.money import Money

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
ZERO = Money.of("0", "CNY")
CLAIM = Claim(
    id="cl-1",
    case_id="c-1",
    case_number="337-TA-9999",
    policy_number="PS-1",
    respondent="sz",
    notified_on=date(2026, 4, 28),
    status=ClaimStatus.OPEN,
    notice_reasons=(Reason(ReasonCode.NOTICE_IN_TIME, "in time"),),
    created_at=NOW,
    adjudicated=Money.of("800000", "CNY"),
    paid=ZERO,
)

REQUEST = st.tuples(
    st.sampled_from(list(ClaimStatus)),  # the status asked for
    st.booleans(),  # everything adjudicated is paid by then
    st.integers(min_value=0, max_value=2),  # invoices not adjudicated by then
)


@given(st.sampled_from(sorted(OPENING)), st.lists(REQUEST, max_size=30))
def test_no_sequence_of_requested_moves_reaches_an_illegal_state(
    start: ClaimStatus, requests: list[tuple[ClaimStatus, bool, int]]
):
    claim = replace(CLAIM, status=start)
    last = opening(claim, at=NOW)
    recorded = [last]
    for number, (target, paid_up, pending) in enumerate(requests, start=1):
        asked = replace(claim, paid=claim.adjudicated if paid_up else ZERO)
        day = CLAIM.notified_on + timedelta(days=number)
        try:
            claim, last = move(
                asked, last, target, day=day, at=NOW, reason="asked", facts=MoveFacts(pending)
            )
        except InvalidTransition:
            assert target not in TRANSITIONS[asked.status]
            continue
        except RuleViolation:
            assert target is ClaimStatus.CLOSED and (pending or not paid_up)
            continue
        assert target is not ClaimStatus.CLOSED or (paid_up and not pending)
        recorded.append(last)
    assert claim.status in TRANSITIONS
    assert [e.sequence for e in recorded] == list(range(1, len(recorded) + 1))
    assert recorded[0].from_status is None and recorded[0].to_status is start
    for event in recorded[1:]:
        assert event.from_status is not None
        assert event.to_status in TRANSITIONS[event.from_status]
    assert recorded[-1].to_status is claim.status
    reopenings = [e for e in recorded if e.from_status is ClaimStatus.CLOSED]
    assert claim.reopened == len(reopenings)
    if start is ClaimStatus.DECLINED:
        assert recorded == [recorded[0]]  # a declined claim moves no more


def test_every_status_has_its_row_in_the_transition_table():
    assert set(TRANSITIONS) == set(ClaimStatus)
    assert TRANSITIONS[ClaimStatus.DECLINED] == frozenset()


def test_a_declined_notice_opens_the_history_with_its_declining_codes():
    declined = replace(
        CLAIM,
        status=ClaimStatus.DECLINED,
        notice_reasons=(
            Reason(ReasonCode.CLAIM_IN_PERIOD, "in period"),
            Reason(ReasonCode.KNOWN_DISPUTE, "known before the policy"),
        ),
    )
    event = opening(declined, at=NOW)
    assert (event.sequence, event.from_status, event.to_status) == (1, None, ClaimStatus.DECLINED)
    assert event.day == CLAIM.notified_on and event.reason == "notice declined: known_dispute"
    assert opening(CLAIM, at=NOW).reason == "notice accepted"
    with pytest.raises(InvalidTransition):
        opening(replace(CLAIM, status=ClaimStatus.CLOSED), at=NOW)


def test_a_claim_that_is_not_settled_is_not_closed():
    first = opening(CLAIM, at=NOW)
    with pytest.raises(RuleViolation, match="unpaid"):
        move(CLAIM, first, ClaimStatus.CLOSED, day=date(2026, 7, 1), at=NOW, reason="")
    paid = replace(CLAIM, paid=CLAIM.adjudicated)
    with pytest.raises(RuleViolation, match="not adjudicated"):
        move(
            paid,
            first,
            ClaimStatus.CLOSED,
            day=date(2026, 7, 1),
            at=NOW,
            reason="",
            facts=MoveFacts(invoices_not_adjudicated=1),
        )
    closed, event = move(paid, first, ClaimStatus.CLOSED, day=date(2026, 7, 1), at=NOW, reason="")
    assert closed.status is ClaimStatus.CLOSED and event.sequence == 2


def test_only_an_open_claim_takes_invoices():
    check_takes_invoices(CLAIM)
    with pytest.raises(InvalidTransition, match="reopen it first"):
        check_takes_invoices(replace(CLAIM, status=ClaimStatus.CLOSED))
    with pytest.raises(InvalidTransition, match="takes no invoices"):
        check_takes_invoices(replace(CLAIM, status=ClaimStatus.DECLINED))
