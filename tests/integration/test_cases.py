"""Cases through the service on SQLite and PostgreSQL: open, tasks, moves, counsel, duties."""

from datetime import date

import pytest

from patentshield.cases.duties import counsel_code, notify_code
from patentshield.cases.model import Respondent, TaskStatus
from patentshield.cases.service import (
    advance_case,
    approve_counsel,
    complete_duty,
    list_cases,
    open_new_case,
    show_case,
)
from patentshield.kernel.errors import Conflict, InvalidInput, InvalidTransition, NotFound
from patentshield.kernel.runtime import Runtime
from patentshield.procedure.workflow import TRANSITIONS, CaseState
from tests.integration.case_factory import SERVED, led_case
from tests.integration.insured import insured


def statuses(view) -> dict[str, tuple[TaskStatus, date | None]]:
    return {task.code: (task.status, task.due) for task in view.tasks}


def test_a_case_is_opened_with_insured_and_uninsured_respondents(runtime: Runtime):
    policy = insured(runtime.database)
    opened = open_new_case(runtime, led_case(policy.number))
    assert opened.respondents[0].name == "Shenzhen Brightway LED Lighting Co., Ltd."
    assert [r.insured for r in opened.respondents] == [True, False, False, False, False]
    view = show_case(runtime, "337-TA-1501", today=SERVED)
    assert view.case == opened
    assert [(m.from_state, m.to_state) for m in view.transitions] == [(None, CaseState.SERVED)]
    assert view.transitions[0].recorded_at == runtime.clock.now()  # the runtime's clock
    assert [c.number for c in list_cases(runtime)] == ["337-TA-1501"]
    with pytest.raises(Conflict):
        open_new_case(runtime, led_case(policy.number))


def test_the_duties_have_due_dates_from_the_rules_and_the_policy(runtime: Runtime):
    policy = insured(runtime.database)
    open_new_case(runtime, led_case(policy.number))
    tasks = statuses(show_case(runtime, "337-TA-1501", today=SERVED))
    # 20 days after service on Thu 16 Apr 2026 (19 CFR 210.13(a), 201.14(a)): Wed 6 May.
    assert tasks["answer"] == (TaskStatus.OPEN, date(2026, 5, 6))
    # Notice period of 30 days from the day the insured learned of the complaint.
    assert tasks[notify_code("sz-led-lighting")] == (TaskStatus.OPEN, date(2026, 5, 16))
    # Counsel consent is due with the answer (panel-or-consent product).
    assert tasks[counsel_code("sz-led-lighting")] == (TaskStatus.OPEN, date(2026, 5, 6))
    # 28 U.S.C. 1659(a): 30 days after institution on 15 Apr 2026.
    assert tasks["district_court_stay"][1] == date(2026, 5, 15)
    assert tasks["consider_ipr"][1] == date(2026, 6, 15)
    assert len([code for code in tasks if code.startswith("evidence:")]) == 5


def test_overdue_and_at_risk_tasks_come_first(runtime: Runtime):
    policy = insured(runtime.database)
    open_new_case(runtime, led_case(policy.number))
    view = show_case(runtime, "337-TA-1501", today=date(2026, 5, 10))
    order = [task.status for task in view.tasks]
    assert order == sorted(order, key=list(TaskStatus).index)
    assert view.tasks[0].status is TaskStatus.OVERDUE
    assert view.tasks[0].code == "answer"
    at_risk = [t.code for t in view.tasks if t.status is TaskStatus.AT_RISK]
    assert "district_court_stay" in at_risk


def test_counsel_consent_and_a_duty_done_close_their_tasks(runtime: Runtime):
    policy = insured(runtime.database)
    open_new_case(runtime, led_case(policy.number))
    view = approve_counsel(
        runtime,
        "337-TA-1501",
        "sz-led-lighting",
        firm="Kirkland & Pell LLP",
        day=date(2026, 4, 20),
        panel=True,
    )
    assert view.case.counsel[0].firm == "Kirkland & Pell LLP"
    view = complete_duty(
        runtime,
        "337-TA-1501",
        "district_court_stay",
        day=date(2026, 4, 22),
        note="motion filed in D. Del.",
    )
    tasks = statuses(view)
    assert tasks[counsel_code("sz-led-lighting")][0] is TaskStatus.DONE
    assert tasks["district_court_stay"][0] is TaskStatus.DONE
    with pytest.raises(InvalidInput):
        complete_duty(runtime, "337-TA-1501", "no_such_task", day=SERVED, note="")
    with pytest.raises(NotFound):
        approve_counsel(runtime, "337-TA-1501", "nobody", firm="X", day=SERVED, panel=False)


def test_every_move_is_checked_and_recorded(runtime: Runtime):
    policy = insured(runtime.database)
    open_new_case(runtime, led_case(policy.number))
    advance_case(runtime, "337-TA-1501", CaseState.ANSWERED, day=date(2026, 5, 6))
    with pytest.raises(InvalidTransition):
        advance_case(runtime, "337-TA-1501", CaseState.ORDERS, day=date(2026, 5, 7))
    with pytest.raises(InvalidInput):
        advance_case(runtime, "337-TA-1501", CaseState.DISCOVERY, day=date(2026, 5, 1))
    view = advance_case(
        runtime,
        "337-TA-1501",
        CaseState.DISCOVERY,
        day=date(2026, 5, 8),
        note="ground rules",
    )
    moves = view.transitions
    assert [m.sequence for m in moves] == [1, 2, 3]
    assert all(m.to_state in TRANSITIONS[m.from_state] for m in moves if m.from_state)
    assert view.case.state is CaseState.DISCOVERY


def test_a_case_from_the_complaint_records_the_institution_date_when_it_moves(
    runtime: Runtime,
):
    policy = insured(runtime.database)
    case = led_case(
        policy.number,
        state=CaseState.COMPLAINT_FILED,
        instituted=None,
        served=None,
        learned_on=date(2026, 3, 20),
    )
    open_new_case(runtime, case)
    view = advance_case(runtime, "337-TA-1501", CaseState.INSTITUTED, day=date(2026, 4, 15))
    assert view.case.instituted == date(2026, 4, 15)
    tasks = statuses(view)
    assert tasks[notify_code("sz-led-lighting")][1] == date(2026, 4, 19)


def test_bad_parties_are_refused_and_nothing_is_written(runtime: Runtime):
    policy = insured(runtime.database)
    doubled = led_case(policy.number, respondents=(Respondent("A"), Respondent("A")))
    with pytest.raises(InvalidInput):
        open_new_case(runtime, doubled)
    stranger = led_case(
        policy.number,
        respondents=(Respondent("nb-standing-desks", "nb-standing-desks", policy.number),),
    )
    with pytest.raises(InvalidInput):
        open_new_case(runtime, stranger)
    with pytest.raises(NotFound):
        open_new_case(runtime, led_case("PS-NONE"))
    assert list_cases(runtime) == []
