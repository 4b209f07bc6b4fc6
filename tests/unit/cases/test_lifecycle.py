"""The case state machine admits no illegal move; task statuses and order."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.cases.duties import AT_RISK_DAYS, task_status
from patentshield.cases.lifecycle import advance, open_case
from patentshield.cases.model import Case, Party, Respondent, TaskStatus
from patentshield.kernel.errors import InvalidInput, InvalidTransition
from patentshield.procedure.workflow import TRANSITIONS, CaseState

NOW = datetime(2026, 4, 1, tzinfo=UTC)
CASE = Case(
    id="c-1",
    number="337-TA-9999",
    title="Certain widgets",
    complaint_filed=date(2026, 3, 2),
    learned_on=date(2026, 3, 2),
    complainants=("Acme",),
    respondents=(Respondent("sz", "sz", "PS-1"), Respondent("Other Co")),
    patents=("US 1",),
    products=("widget",),
    state=CaseState.COMPLAINT_FILED,
    opened_at=NOW,
)


@given(st.lists(st.sampled_from(list(CaseState)), max_size=30))
def test_no_sequence_of_requested_moves_records_an_illegal_one(targets: list[CaseState]):
    case, last = open_case(CASE, now=NOW)
    recorded = [last]
    day = CASE.learned_on
    for target in targets:
        day += timedelta(days=5)
        try:
            case, last = advance(case, last, target, day=day, note="", now=NOW)
        except InvalidTransition:
            assert target not in TRANSITIONS[case.state]
            continue
        recorded.append(last)
    for move in recorded[1:]:
        assert move.from_state is not None
        assert move.to_state in TRANSITIONS[move.from_state]
    assert [m.sequence for m in recorded] == list(range(1, len(recorded) + 1))
    assert recorded[-1].to_state is case.state


def test_a_move_into_institution_fixes_its_date_once():
    case, last = open_case(CASE, now=NOW)
    moved, _ = advance(case, last, CaseState.INSTITUTED, day=date(2026, 4, 1), note="", now=NOW)
    assert moved.instituted == date(2026, 4, 1)


def test_a_case_opened_from_a_notice_needs_its_dates():
    with pytest.raises(InvalidInput) as error:
        open_case(replace(CASE, state=CaseState.SERVED, instituted=date(2026, 4, 1)), now=NOW)
    assert error.value.field == "served"
    with pytest.raises(InvalidInput):
        open_case(replace(CASE, state=CaseState.HEARING), now=NOW)
    with pytest.raises(InvalidInput):
        open_case(replace(CASE, learned_on=date(2026, 3, 1)), now=NOW)


def test_an_insured_respondent_needs_its_enterprise():
    with pytest.raises(InvalidInput):
        open_case(replace(CASE, respondents=(Respondent("X", None, "PS-1"),)), now=NOW)


def test_an_insured_complainant_needs_its_policy_and_is_no_respondent_of_the_same_case():
    # issue 9 item 13: a case where the insured is the complainant is representable
    own = Party("fs", "fs", "PS-9")
    opened, _ = open_case(replace(CASE, complainants=("fs",), insured_complainants=(own,)), now=NOW)
    assert opened.party("fs") == own and opened.is_complainant("fs")
    assert opened.insured_parties() == (CASE.respondents[0], own)
    uninsured, also_respondent, twice = (Party("fs"),), (Party("sz", "sz", "PS-9"),), (own, own)
    for parties in (uninsured, also_respondent, twice):
        with pytest.raises(InvalidInput) as raised:
            open_case(replace(CASE, insured_complainants=parties), now=NOW)
        assert raised.value.field == "insured_complainant"


@given(st.integers(min_value=-30, max_value=30), st.booleans())
def test_a_task_is_overdue_after_its_due_day_and_at_risk_just_before(offset: int, done: bool):
    due = date(2026, 5, 6)
    today = due + timedelta(days=offset)
    status = task_status(due, today if done else None, today)
    if done:
        assert status is TaskStatus.DONE
    elif offset > 0:
        assert status is TaskStatus.OVERDUE
    elif -offset <= AT_RISK_DAYS:
        assert status is TaskStatus.AT_RISK
    else:
        assert status is TaskStatus.OPEN
