"""The insured's duties in a Section 337 case, as tasks with due dates, overdue ones first.

Each duty cites where its due date comes from:

* **answer** — the response deadline of the schedule engine (19 CFR 210.13(a), 20 days after
  service [R4]); a case not yet served has no firm answer date, so the estimated service date
  counts (the task says so);
* **notify the insurer** (one per insured respondent) — the policy's notice period in calendar
  days from the day the insured learned of the complaint (``Case.learned_on``); the period is a
  term frozen in the policy (DOMAIN.md §4.2: no wording shows one; 30 days assumed by default);
* **counsel consent** (one per insured respondent whose policy restricts counsel) — before the
  answer is due: the answer is the first filing counsel makes;
* **district-court stay** — 28 U.S.C. 1659(a): within 30 days after being named in the ITC case
  (or after the civil action is filed, if later) [R25]; the schedule engine's stay event;
* **consider an IPR** — 60 days after service (an assumption, documented in docs/cases.md: the
  ITC does not stay for an IPR [R21]; the PTAB decides on institution ≈ 6 months after the
  petition [R60], so a later petition cannot weigh before a hearing at 8–9 months [R21][R22]);
* **evidence checklist** — the five kinds of :class:`EvidenceKind`, due with the notice to the
  insurer: the insurer needs them to see no wilful infringement (DOMAIN.md §4.2 exclusions).

A task is *overdue* after its due date, *at risk* within :data:`AT_RISK_DAYS` of it, *done*
once recorded (evidence: once a file of its kind is in the vault).

This module is pure: no I/O, no database, no clock (``today`` is a parameter).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from patentshield.cases.model import Case, EvidenceKind, Task, TaskStatus
from patentshield.catalog.model import CounselRule
from patentshield.procedure.schedule import ScheduleEvent
from patentshield.procedure.steps import StepId

AT_RISK_DAYS = 7
"""A task due within this many days (and not done) is at risk."""

IPR_DECISION_DAYS = 60
"""Days after service by which to decide on an IPR petition (assumption, see module doc)."""


EVIDENCE_LABELS: Mapping[EvidenceKind, str] = {
    EvidenceKind.RD_RECORDS: "R&D records (lab notebooks, design files, dated versions)",
    EvidenceKind.SEARCH_REPORTS: "Prior-art and freedom-to-operate search reports",
    EvidenceKind.TECHNICAL_COMPARISON: "Technical comparison charts (patent claims vs product)",
    EvidenceKind.PRODUCT_DOCUMENTATION: "Product documentation (specifications, manuals)",
    EvidenceKind.INDEPENDENT_DEVELOPMENT: "Proof of independent development",
    EvidenceKind.OTHER: "Other documents",
}

CHECKLIST = tuple(kind for kind in EvidenceKind if kind is not EvidenceKind.OTHER)

DUTIES = (
    "answer",
    "notify_insurer",
    "counsel_consent",
    "district_court_stay",
    "consider_ipr",
    *(f"evidence.{kind.value}" for kind in CHECKLIST),
)
"""Every kind of duty a case can have (``Task.duty``), whatever the case and its parties."""


@dataclass(frozen=True, slots=True)
class InsuredTerms:
    """What the duties need from the policy of one insured respondent."""

    policy_number: str
    notice_days: int
    counsel: CounselRule


def notify_code(respondent: str) -> str:
    """Return the task code of notifying the insurer for ``respondent``."""
    return f"notify_insurer:{respondent}"


def counsel_code(respondent: str) -> str:
    """Return the task code of obtaining counsel consent for ``respondent``."""
    return f"counsel_consent:{respondent}"


def evidence_code(kind: EvidenceKind) -> str:
    """Return the task code of one evidence checklist item."""
    return f"evidence:{kind.value}"


def task_status(due: date | None, done_on: date | None, today: date) -> TaskStatus:
    """Return the status of a task due on ``due`` and done on ``done_on``, on ``today``."""
    if done_on is not None:
        return TaskStatus.DONE
    if due is None:
        return TaskStatus.OPEN
    if today > due:
        return TaskStatus.OVERDUE
    if due - today <= timedelta(days=AT_RISK_DAYS):
        return TaskStatus.AT_RISK
    return TaskStatus.OPEN


def _event(schedule: Sequence[ScheduleEvent], step: StepId) -> ScheduleEvent | None:
    return next((event for event in schedule if event.step is step), None)


def _service(case: Case, schedule: Sequence[ScheduleEvent]) -> tuple[date, str]:
    if case.served is not None:
        return case.served, "service date given"
    event = _event(schedule, StepId.SERVICE)
    assumed = event.date if event is not None else case.complaint_filed
    return assumed, f"service not yet known: estimated {assumed}"


@dataclass(slots=True)
class _Builder:
    today: date
    done: Mapping[str, date]
    tasks: list[Task]

    def add(
        self,
        code: str,
        title: str,
        due: date | None,
        basis: str,
        terms: tuple[str, InsuredTerms] | None = None,
    ) -> None:
        """Add the task ``code``; ``terms`` are the insured respondent's and its policy's."""
        done_on = self.done.get(code)
        status = task_status(due, done_on, self.today)
        respondent, policy = (terms[0], terms[1].policy_number) if terms else (None, None)
        duty = code.split(":")[0] if terms else code.replace(":", ".")
        self.tasks.append(
            Task(code, title, due, basis, status, respondent, done_on, duty=duty, policy=policy)
        )

    def not_applicable(
        self, code: str, title: str, basis: str, terms: tuple[str, InsuredTerms]
    ) -> None:
        """Add the task ``code`` that the policy of ``terms`` makes not applicable."""
        respondent, policy = terms[0], terms[1].policy_number
        duty = code.split(":")[0]
        status = TaskStatus.NOT_APPLICABLE
        self.tasks.append(
            Task(code, title, None, basis, status, respondent, duty=duty, policy=policy)
        )


def _insured_duties(
    builder: _Builder, case: Case, policies: Mapping[str, InsuredTerms], answer_due: date
) -> date | None:
    earliest_notice: date | None = None
    for respondent in case.insured_parties():
        key = respondent.key
        terms = policies.get(key)
        if terms is None:
            continue
        notice_due = case.learned_on + timedelta(days=terms.notice_days)
        earliest_notice = min(earliest_notice or notice_due, notice_due)
        builder.add(
            notify_code(key),
            f"Notify the insurer of {key}'s claim (policy {terms.policy_number})",
            notice_due,
            f"policy {terms.policy_number}: notice within {terms.notice_days} days of learning "
            f"of the complaint ({case.learned_on})",
            (key, terms),
        )
        title = f"Obtain the insurer's consent to {key}'s counsel"
        if terms.counsel is CounselRule.FREE_CHOICE:
            basis = f"policy {terms.policy_number}: free choice of counsel"
            builder.not_applicable(counsel_code(key), title, basis, (key, terms))
        else:
            basis = (
                f"policy {terms.policy_number}: counsel rule {terms.counsel.value}; "
                "before the answer, the first filing counsel makes"
            )
            builder.add(counsel_code(key), title, answer_due, basis, (key, terms))
    return earliest_notice


def case_tasks(
    case: Case,
    schedule: Sequence[ScheduleEvent],
    policies: Mapping[str, InsuredTerms],
    *,
    done: Mapping[str, date],
    evidence: Mapping[EvidenceKind, date],
    today: date,
) -> tuple[Task, ...]:
    """Return the case's tasks: overdue first, then at risk, open, done; by due date.

    ``policies`` maps an insured respondent's key to its policy terms, ``done`` a task code to
    the day it was done, ``evidence`` a kind to the day its first file was added.
    """
    builder = _Builder(today, {**done, **{evidence_code(k): d for k, d in evidence.items()}}, [])
    served, service_note = _service(case, schedule)
    response = _event(schedule, StepId.RESPONSE)
    answer_due = response.date if response is not None else served + timedelta(days=20)
    builder.add(
        "answer",
        "Answer the complaint and notice of investigation",
        answer_due,
        f"19 CFR 210.13(a) [R4]: 20 days after service ({service_note})",
    )
    notice_due = _insured_duties(builder, case, policies, answer_due)
    stay = _event(schedule, StepId.DISTRICT_COURT_STAY)
    builder.add(
        "district_court_stay",
        "Request a stay of any parallel district-court action on the same patents",
        stay.date if stay is not None else None,
        "28 U.S.C. 1659(a) [R25]: within 30 days after being named in the ITC investigation "
        "or after the civil action is filed, whichever is later",
    )
    builder.add(
        "consider_ipr",
        "Decide whether to petition for inter partes review of the asserted patents",
        served + timedelta(days=IPR_DECISION_DAYS),
        f"{IPR_DECISION_DAYS} days after service (assumption): the ITC does not stay for an "
        "IPR [R21] and the PTAB decides on institution about 6 months after a petition [R60]",
    )
    evidence_due = notice_due or answer_due
    for kind in CHECKLIST:
        builder.add(
            evidence_code(kind),
            f"Evidence: {EVIDENCE_LABELS[kind]}",
            evidence_due,
            "handed to the insurer with the notice, to show no wilful infringement",
        )
    order = list(TaskStatus)
    return tuple(
        sorted(
            builder.tasks,
            key=lambda task: (order.index(task.status), task.due or date.max, task.code),
        )
    )
