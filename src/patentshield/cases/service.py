"""Case use cases: open, show, list and advance a case; record duties and counsel consent.

A case is shown with its schedule and its tasks on a day. Every use case takes the
:class:`~patentshield.kernel.runtime.Runtime` first (the database, and the clock that stamps
each record) and runs in one transaction; the state machine and the duty rules are pure
(:mod:`~patentshield.cases.lifecycle`, :mod:`~patentshield.cases.duties`). The evidence vault
has its own use cases (:mod:`~patentshield.cases.evidence`), and so has the dossier sent to the
insurer (:mod:`~patentshield.cases.dossier`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from patentshield.cases import evidence_store, store
from patentshield.cases.duties import InsuredTerms, case_tasks, counsel_code
from patentshield.cases.lifecycle import advance, open_case
from patentshield.cases.model import Case, Counsel, EvidenceKind, Party, Task, Transition
from patentshield.compliance.providers import ProviderDirectory, check_panel
from patentshield.enterprises.service import get_enterprise
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import Conflict, InvalidInput, NotFound, RuleViolation
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.tenancy import Scope, scope_of
from patentshield.policies import store as policy_store
from patentshield.policies.model import Policy
from patentshield.procedure.schedule import ScheduleEvent, case_schedule
from patentshield.procedure.workflow import CaseState


@dataclass(frozen=True, slots=True)
class CaseView:
    """A case with what is derived from it on a day: schedule, tasks and recorded moves."""

    case: Case
    schedule: tuple[ScheduleEvent, ...]
    tasks: tuple[Task, ...]
    transitions: tuple[Transition, ...]
    today: date


def respondent_key(case: Case, reference: str, *, field: str = "respondent") -> str:
    """Return the key of the respondent (or insured complainant) named ``reference``.

    Raises
    ------
    NotFound
        When the case names no such party (about ``field``, the option that named it).
    """
    try:
        return case.party(reference).key
    except KeyError:
        raise NotFound(f"no respondent {reference!r} in {case.number}", field=field) from None


def policy_of(session: Session, case: Case, key: str) -> Policy:
    """Return the policy that answers for party ``key``; refuse an uninsured one."""
    respondent = case.party(key)
    if respondent.policy is None:
        raise RuleViolation(
            f"{key} is not insured in case {case.number}",
            field="respondent",
            message_id="refusal.not_insured",
            params={"case": case.number},
        )
    return policy_store.get_policy(session, respondent.policy)


def insured_terms(session: Session, case: Case) -> dict[str, InsuredTerms]:
    """Return the duty-relevant terms of each insured respondent's policy."""
    terms = {}
    for respondent in case.insured_parties():
        policy = policy_of(session, case, respondent.key)
        terms[respondent.key] = InsuredTerms(
            policy.number, policy.terms.notice_days, policy.terms.counsel
        )
    return terms


def _check_insured(session: Session, case: Case) -> Case:
    """Check each insured party's enterprise and policy; name it after the enterprise."""
    return replace(
        case,
        respondents=_checked(session, case.respondents),
        insured_complainants=_checked(session, case.insured_complainants),
    )


def _checked(session: Session, parties: tuple[Party, ...]) -> tuple[Party, ...]:
    named = []
    for respondent in parties:
        if respondent.policy is None or respondent.enterprise_id is None:
            named.append(respondent)
            continue
        enterprise = get_enterprise(session, respondent.enterprise_id)
        policy = policy_store.get_policy(session, respondent.policy)
        if policy.enterprise_id != enterprise.id:
            raise InvalidInput(
                "respondent",
                f"policy {policy.number} insures {policy.enterprise_id}, not {enterprise.id}",
            )
        name = enterprise.name if respondent.name == enterprise.id else respondent.name
        named.append(replace(respondent, name=name, policy=policy.number))
    return tuple(named)


def new_case_id() -> str:
    """Return a fresh case id."""
    return f"c-{uuid.uuid4().hex[:12]}"


def open_new_case(runtime: Runtime, case: Case) -> Case:
    """Check and save a new case with its opening transition.

    Raises
    ------
    InvalidInput
        For bad parties or dates, an insured respondent whose policy insures someone else.
    NotFound
        For an unknown enterprise or policy.
    Conflict
        When a case with the same number exists.
    """
    require(runtime.caller, Permission.CASES_WRITE)
    try:
        with runtime.unit_of_work() as session:
            _refuse_parties_not_seen(session, case, scope_of(runtime.caller))
            checked, opening = open_case(_check_insured(session, case), now=runtime.clock.now())
            store.add_case(session, checked, opening)
    except IntegrityError:
        raise Conflict(f"a case {case.number} already exists", field="number") from None
    return checked


def _evidence_days(session: Session, case_id: str) -> dict[EvidenceKind, date]:
    days: dict[EvidenceKind, date] = {}
    for item in evidence_store.evidence_of(session, case_id):
        if item.kind not in days or item.added_on < days[item.kind]:
            days[item.kind] = item.added_on
    return days


def view(session: Session, case: Case, today: date) -> CaseView:
    """Return the case with its schedule, tasks on ``today`` and recorded moves."""
    schedule = case_schedule(case.known_dates())
    tasks = case_tasks(
        case,
        schedule,
        insured_terms(session, case),
        done=store.duties_done(session, case.id),
        evidence=_evidence_days(session, case.id),
        today=today,
    )
    return CaseView(case, schedule, tasks, tuple(store.transitions(session, case.id)), today)


def case_for(
    runtime: Runtime,
    session: Session,
    id_or_number: str,
    permission: Permission,
    *,
    lock: bool = False,
) -> Case:
    """Return a case the caller sees, then check it may do ``permission`` on it.

    Another tenant's case is not found (404), as a missing one; a visible case the caller's
    role may not act on is forbidden (403).
    """
    case = store.get_case(session, id_or_number, lock=lock, scope=scope_of(runtime.caller))
    require(runtime.caller, permission)
    return case


def show_case(runtime: Runtime, id_or_number: str, *, today: date | None = None) -> CaseView:
    """Return one case with its schedule, its tasks on ``today`` (the clock's) and its moves."""
    with runtime.unit_of_work() as session:
        case = case_for(runtime, session, id_or_number, Permission.CASES_READ)
        return view(session, case, today or runtime.clock.today())


def list_cases(runtime: Runtime) -> list[Case]:
    """Return every case the caller sees, latest complaint first."""
    require(runtime.caller, Permission.CASES_READ)
    with runtime.unit_of_work() as session:
        return store.list_cases(session, scope_of(runtime.caller))


def _refuse_parties_not_seen(session: Session, case: Case, scope: Scope) -> None:
    """Refuse a case naming an enterprise or policy the caller does not see (not found)."""
    if scope.everything:
        return
    for party in case.respondents + case.insured_complainants:
        if party.enterprise_id is not None:
            get_enterprise(session, party.enterprise_id, scope)
        if party.policy is not None:
            policy_store.get_policy(session, party.policy, scope)
    named = [p.enterprise_id for p in case.respondents + case.insured_complainants]
    if not any(named):
        raise InvalidInput("respondent", "name one of your enterprises among the parties")


def advance_in(
    session: Session,
    id_or_number: str,
    target: CaseState,
    *,
    day: date,
    note: str,
    now: datetime,
) -> Case:
    """Move a case to ``target`` in the caller's transaction (the case row is locked)."""
    case = store.get_case(session, id_or_number, lock=True)
    last = store.transitions(session, case.id)[-1]
    moved, transition = advance(case, last, target, day=day, note=note, now=now)
    store.update_case(session, moved)
    store.add_transition(session, transition)
    return moved


def advance_case(
    runtime: Runtime, id_or_number: str, target: CaseState, *, day: date, note: str = ""
) -> CaseView:
    """Move a case to ``target`` on ``day`` and record the move."""
    try:
        with runtime.unit_of_work() as session:
            case = case_for(runtime, session, id_or_number, Permission.CASES_WRITE, lock=True)
            now = runtime.clock.now()
            moved = advance_in(session, case.id, target, day=day, note=note, now=now)
            return view(session, moved, day)
    except IntegrityError:
        raise Conflict("the case moved meanwhile; show it and retry", field="state") from None


def record_duty(
    session: Session, case: Case, code: str, *, day: date, note: str, now: datetime
) -> bool:
    """Record a duty of ``case`` as done on ``day`` (in the caller's transaction)."""
    if day < case.complaint_filed:
        raise InvalidInput("date", f"{day} is before the complaint ({case.complaint_filed})")
    return store.record_duty(session, case.id, code, day, note, now)


def complete_duty(
    runtime: Runtime, id_or_number: str, code: str, *, day: date, note: str = ""
) -> CaseView:
    """Record a duty (a task code of ``case tasks``) as done on ``day``."""
    with runtime.unit_of_work() as session:
        case = case_for(runtime, session, id_or_number, Permission.CASES_WRITE)
        codes = {task.code for task in view(session, case, day).tasks}
        if code not in codes:
            raise InvalidInput("task", f"case {case.number} has no task {code!r}")
        record_duty(session, case, code, day=day, note=note, now=runtime.clock.now())
        return view(session, case, day)


def approve_counsel(
    runtime: Runtime,
    id_or_number: str,
    respondent: str,
    *,
    firm: str,
    day: date,
    panel: bool,
) -> CaseView:
    """Record the insurer's consent to ``firm`` as counsel of an insured respondent."""
    if not firm.strip():
        raise InvalidInput("firm", "name the law firm", message_id="refusal.name_the_firm")
    with runtime.unit_of_work() as session:
        case = case_for(runtime, session, id_or_number, Permission.CLAIMS_CONSENT, lock=True)
        key = respondent_key(case, respondent)
        policy = policy_of(session, case, key)
        if panel:
            check_panel(runtime.reference.get(ProviderDirectory), policy.terms.product_id, firm)
        store.set_counsel(session, case.id, Counsel(key, firm.strip(), day, panel))
        now = runtime.clock.now()
        record_duty(session, case, counsel_code(key), day=day, note=firm.strip(), now=now)
        return view(session, store.get_case(session, case.id), day)
