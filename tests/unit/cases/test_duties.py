"""The insured's duties as tasks: due dates from the rules and the policy, status and order."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from patentshield.cases.duties import (
    CHECKLIST,
    IPR_DECISION_DAYS,
    InsuredTerms,
    case_tasks,
    counsel_code,
    evidence_code,
    notify_code,
)
from patentshield.cases.model import Case, EvidenceKind, Respondent, Task, TaskStatus
from patentshield.catalog.model import CounselRule
from patentshield.procedure.schedule import case_schedule
from patentshield.procedure.workflow import CaseState

CASE = Case(
    id="c-1",
    number="337-TA-1501",
    title="Certain LED Lighting Devices",
    complaint_filed=date(2026, 3, 16),
    learned_on=date(2026, 4, 16),
    complainants=("Lumina IP Holdings LLC",),
    respondents=(Respondent("sz", "sz", "PS-1"), Respondent("Zhongshan Lumen Co.")),
    patents=("US 9,876,543",),
    products=(),
    state=CaseState.SERVED,
    opened_at=datetime(2026, 4, 16, tzinfo=UTC),
    instituted=date(2026, 4, 15),
    served=date(2026, 4, 16),
)
TERMS = {"sz": InsuredTerms("PS-1", 30, CounselRule.PANEL_OR_CONSENT)}


def tasks(
    case: Case = CASE,
    policies: dict[str, InsuredTerms] = TERMS,
    *,
    done: dict[str, date] | None = None,
    evidence: dict[EvidenceKind, date] | None = None,
    today: date = date(2026, 4, 20),
) -> dict[str, Task]:
    found = case_tasks(
        case,
        case_schedule(case.known_dates()),
        policies,
        done=done or {},
        evidence=evidence or {},
        today=today,
    )
    return {task.code: task for task in found}


def test_a_served_respondent_answers_twenty_days_after_service():
    # 19 CFR 210.13(a) [R4]: Thu 16 Apr 2026 + 20 days = Wed 6 May 2026.
    assert tasks()["answer"].due == date(2026, 5, 6)


def test_the_insurer_is_notified_within_the_policys_days_of_learning_of_the_complaint():
    notify = tasks()[notify_code("sz")]
    assert notify.due == CASE.learned_on + timedelta(days=30)
    assert notify.respondent == "sz" and "PS-1" in notify.basis


def test_counsel_consent_is_due_with_the_answer_unless_the_choice_is_free():
    found = tasks()
    assert found[counsel_code("sz")].due == found["answer"].due
    free = tasks(policies={"sz": InsuredTerms("PS-1", 30, CounselRule.FREE_CHOICE)})
    assert free[counsel_code("sz")].status is TaskStatus.NOT_APPLICABLE


def test_uninsured_respondents_have_no_insurer_duties():
    found = tasks()
    assert not [code for code in found if "Zhongshan" in code]
    assert notify_code("sz") not in tasks(policies={})


def test_the_ipr_decision_and_the_evidence_follow_service_and_the_notice():
    found = tasks()
    assert CASE.served is not None
    assert found["consider_ipr"].due == CASE.served + timedelta(days=IPR_DECISION_DAYS)
    for kind in CHECKLIST:
        assert found[evidence_code(kind)].due == found[notify_code("sz")].due
    assert evidence_code(EvidenceKind.OTHER) not in found


def test_a_case_not_yet_served_counts_from_the_estimated_service():
    unserved = replace(CASE, state=CaseState.INSTITUTED, served=None)
    answer = tasks(unserved)["answer"]
    assert "service not yet known: estimated" in answer.basis
    assert CASE.instituted is not None
    assert answer.due is not None and answer.due > CASE.instituted


def test_a_duty_done_and_a_file_in_the_vault_close_their_tasks():
    found = tasks(
        done={"district_court_stay": date(2026, 4, 18)},
        evidence={EvidenceKind.RD_RECORDS: date(2026, 4, 19)},
    )
    assert found["district_court_stay"].status is TaskStatus.DONE
    assert found["district_court_stay"].done_on == date(2026, 4, 18)
    assert found[evidence_code(EvidenceKind.RD_RECORDS)].status is TaskStatus.DONE
    assert found[evidence_code(EvidenceKind.SEARCH_REPORTS)].status is TaskStatus.OPEN


@given(st.integers(min_value=0, max_value=120))
def test_tasks_come_overdue_first_then_at_risk_open_done_each_by_due_date(days: int):
    today = CASE.learned_on + timedelta(days=days)
    found = case_tasks(
        CASE,
        case_schedule(CASE.known_dates()),
        TERMS,
        done={"consider_ipr": CASE.learned_on},
        evidence={},
        today=today,
    )
    order = list(TaskStatus)
    keys = [(order.index(t.status), t.due or date.max) for t in found]
    assert keys == sorted(keys)
    for task in found:
        if task.status is TaskStatus.OVERDUE:
            assert task.due is not None and task.due < today
