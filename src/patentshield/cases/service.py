"""Case use cases: open, show, advance; duties and counsel; the evidence and its dossier.

A case is shown with its schedule and tasks; duties and counsel consent are recorded; evidence
is added, listed, verified and exported as a dossier.

Every use case runs in one transaction (``database.unit_of_work()``); the state machine and the
duty rules are pure (:mod:`~patentshield.cases.lifecycle`, :mod:`~patentshield.cases.duties`).
Evidence content goes to the vault on disk (:mod:`~patentshield.cases.vault`) before its row is
written: the vault is content-addressed, so a rolled-back row leaves at most an unreferenced
copy, never a wrong one.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from patentshield.cases import store, vault
from patentshield.cases.duties import EvidenceKind, InsuredTerms, case_tasks, counsel_code
from patentshield.cases.letter import CoverLetter, LetterLine, cover_letter_pdf
from patentshield.cases.lifecycle import advance, open_case
from patentshield.cases.model import Case, Counsel, Task, Transition
from patentshield.enterprises.service import get_enterprise
from patentshield.kernel.db import Database
from patentshield.kernel.errors import Conflict, InvalidInput, NotFound, RuleViolation
from patentshield.policies import policy_store
from patentshield.policies.binding import Policy
from patentshield.usitc.schedule import ScheduleEvent, case_schedule
from patentshield.usitc.workflow import CaseState


@dataclass(frozen=True, slots=True)
class CaseView:
    """A case with what is derived from it on a day: schedule, tasks and recorded moves."""

    case: Case
    schedule: tuple[ScheduleEvent, ...]
    tasks: tuple[Task, ...]
    transitions: tuple[Transition, ...]
    today: date


@dataclass(frozen=True, slots=True)
class Evidence:
    """One file of the vault attached to a case."""

    id: str
    case_id: str
    sha256: str
    kind: EvidenceKind
    filename: str
    size: int
    added_by: str
    added_on: date
    note: str


@dataclass(frozen=True, slots=True)
class EvidenceCheck:
    """The result of re-hashing one evidence file."""

    evidence: Evidence
    state: vault.FileState


def _policy_of(session: Session, case: Case, key: str) -> Policy:
    respondent = case.respondent(key)
    if respondent.policy is None:
        raise RuleViolation(f"{key} is not insured in case {case.number}", field="respondent")
    return policy_store.get_policy(session, respondent.policy)


def insured_terms(session: Session, case: Case) -> dict[str, InsuredTerms]:
    """Return the duty-relevant terms of each insured respondent's policy."""
    terms = {}
    for respondent in case.insured_respondents():
        policy = _policy_of(session, case, respondent.key)
        terms[respondent.key] = InsuredTerms(
            policy.number, policy.terms.notice_days, policy.terms.counsel
        )
    return terms


def _check_insured(session: Session, case: Case) -> Case:
    """Check each insured respondent's enterprise and policy; name it after the enterprise."""
    named = []
    for respondent in case.respondents:
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
    return replace(case, respondents=tuple(named))


def new_case_id() -> str:
    """Return a fresh case id."""
    return f"c-{uuid.uuid4().hex[:12]}"


def open_new_case(database: Database, case: Case, *, now: datetime) -> Case:
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
    try:
        with database.unit_of_work() as session:
            checked, opening = open_case(_check_insured(session, case), now=now)
            store.add_case(session, checked, opening)
    except IntegrityError:
        raise Conflict(f"a case {case.number} already exists", field="number") from None
    return checked


def _evidence_days(session: Session, case_id: str) -> dict[EvidenceKind, date]:
    days: dict[EvidenceKind, date] = {}
    for item in _evidence(session, case_id):
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


def show_case(database: Database, id_or_number: str, *, today: date) -> CaseView:
    """Return one case with its schedule, tasks and moves."""
    with database.unit_of_work() as session:
        return view(session, store.get_case(session, id_or_number), today)


def list_cases(database: Database) -> list[Case]:
    """Return every case, latest complaint first."""
    with database.unit_of_work() as session:
        return store.list_cases(session)


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
    database: Database,
    id_or_number: str,
    target: CaseState,
    *,
    day: date,
    note: str = "",
    now: datetime,
) -> CaseView:
    """Move a case to ``target`` on ``day`` and record the move."""
    try:
        with database.unit_of_work() as session:
            moved = advance_in(session, id_or_number, target, day=day, note=note, now=now)
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
    database: Database, id_or_number: str, code: str, *, day: date, note: str, now: datetime
) -> CaseView:
    """Record a duty (a task code of ``case tasks``) as done on ``day``."""
    with database.unit_of_work() as session:
        case = store.get_case(session, id_or_number)
        codes = {task.code for task in view(session, case, day).tasks}
        if code not in codes:
            raise InvalidInput("task", f"case {case.number} has no task {code!r}")
        record_duty(session, case, code, day=day, note=note, now=now)
        return view(session, case, day)


def approve_counsel(
    database: Database,
    id_or_number: str,
    respondent: str,
    *,
    firm: str,
    day: date,
    panel: bool,
    now: datetime,
) -> CaseView:
    """Record the insurer's consent to ``firm`` as counsel of an insured respondent."""
    if not firm.strip():
        raise InvalidInput("firm", "name the law firm")
    with database.unit_of_work() as session:
        case = store.get_case(session, id_or_number, lock=True)
        try:
            key = case.respondent(respondent).key
        except KeyError:
            raise NotFound(
                f"no respondent {respondent!r} in {case.number}", field="respondent"
            ) from None
        _policy_of(session, case, key)
        store.set_counsel(session, case.id, Counsel(key, firm.strip(), day, panel))
        record_duty(session, case, counsel_code(key), day=day, note=firm.strip(), now=now)
        return view(session, store.get_case(session, case.id), day)


# --- evidence ------------------------------------------------------------------------------


def _to_evidence(row: store.EvidenceRow) -> Evidence:
    return Evidence(
        id=row.id,
        case_id=row.case_id,
        sha256=row.sha256,
        kind=EvidenceKind(row.kind),
        filename=row.filename,
        size=row.size,
        added_by=row.added_by,
        added_on=row.added_on,
        note=row.note,
    )


def _evidence(session: Session, case_id: str) -> list[Evidence]:
    query = (
        select(store.EvidenceRow)
        .where(store.EvidenceRow.case_id == case_id)
        .order_by(store.EvidenceRow.added_on, store.EvidenceRow.filename, store.EvidenceRow.id)
    )
    return [_to_evidence(row) for row in session.scalars(query)]


def add_evidence(
    database: Database,
    root: Path,
    id_or_number: str,
    source: Path,
    *,
    kind: EvidenceKind,
    added_by: str,
    day: date,
    note: str = "",
    now: datetime,
) -> Evidence:
    """Store ``source`` in the vault and attach it to a case (the same content once per case)."""
    if not source.is_file():
        raise InvalidInput("file", f"{source} is not a readable file")
    if not added_by.strip():
        raise InvalidInput("by", "say who adds the file")
    stored = vault.put(root, source)
    with database.unit_of_work() as session:
        case = store.get_case(session, id_or_number, lock=True)
        existing = session.scalars(
            select(store.EvidenceRow).where(
                store.EvidenceRow.case_id == case.id, store.EvidenceRow.sha256 == stored.sha256
            )
        ).one_or_none()
        if existing is not None:
            return _to_evidence(existing)
        row = store.EvidenceRow(
            id=f"ev-{uuid.uuid4().hex[:12]}",
            case_id=case.id,
            sha256=stored.sha256,
            kind=kind.value,
            filename=source.name[:255],
            size=stored.size,
            added_by=added_by.strip(),
            added_on=day,
            added_at=now,
            note=note,
        )
        session.add(row)
        session.flush()
        return _to_evidence(row)


def list_evidence_in(session: Session, case_id: str) -> list[Evidence]:
    """Return the evidence of a case in the caller's transaction, oldest first."""
    return _evidence(session, case_id)


def list_evidence(database: Database, id_or_number: str) -> list[Evidence]:
    """Return the evidence of a case, oldest first."""
    with database.unit_of_work() as session:
        return _evidence(session, store.get_case(session, id_or_number).id)


def verify_evidence(database: Database, root: Path, id_or_number: str) -> list[EvidenceCheck]:
    """Re-hash every evidence file of a case and report intact, altered or missing."""
    return [
        EvidenceCheck(item, vault.check(root, item.sha256))
        for item in list_evidence(database, id_or_number)
    ]


def _manifest(case: Case, policy: Policy, items: Sequence[Evidence], day: date) -> bytes:
    document = {
        "case": {"number": case.number, "title": case.title, "id": case.id},
        "insured": policy.enterprise_id,
        "policy": policy.number,
        "insurer": policy.insurer,
        "generated_on": day.isoformat(),
        "complainants": list(case.complainants),
        "respondents": [r.name for r in case.respondents],
        "patents": list(case.patents),
        "files": [
            {
                "path": _zip_path(item),
                "kind": item.kind.value,
                "filename": item.filename,
                "sha256": item.sha256,
                "size": item.size,
                "added_by": item.added_by,
                "added_on": item.added_on.isoformat(),
                "note": item.note,
            }
            for item in items
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")


def _zip_path(item: Evidence) -> str:
    return f"documents/{item.kind.value}/{item.sha256[:12]}-{item.filename}"


def export_dossier(
    database: Database,
    root: Path,
    id_or_number: str,
    respondent: str,
    out: Path,
    *,
    day: date,
) -> list[Evidence]:
    """Write the dossier ZIP of an insured respondent: documents, manifest, cover letter.

    Every file is verified first; the ZIP is written to a temporary file and renamed.

    Raises
    ------
    RuleViolation
        When the case has no evidence, or a file is altered or missing.
    """
    with database.unit_of_work() as session:
        case = store.get_case(session, id_or_number)
        try:
            key = case.respondent(respondent).key
        except KeyError:
            raise NotFound(
                f"no respondent {respondent!r} in {case.number}", field="respondent"
            ) from None
        policy = _policy_of(session, case, key)
        items = _evidence(session, case.id)
    if not items:
        raise RuleViolation(f"case {case.number} has no evidence to export", field="case")
    broken = [
        item for item in items if vault.check(root, item.sha256) is not vault.FileState.INTACT
    ]
    if broken:
        names = ", ".join(item.filename for item in broken)
        raise RuleViolation(
            f"evidence altered or missing: {names}; run evidence verify", field="evidence"
        )
    letter = CoverLetter(
        day=day,
        case_number=case.number,
        case_title=case.title,
        insured=f"{case.respondent(key).name} ({key})",
        policy=policy.number,
        insurer=policy.insurer,
        complainants=case.complainants,
        patents=case.patents,
        documents=[LetterLine(i.kind.value, i.filename, i.sha256, i.size) for i in items],
    )
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("cover_letter.pdf", stamp), cover_letter_pdf(letter))
        archive.writestr(
            zipfile.ZipInfo("manifest.json", stamp), _manifest(case, policy, items, day)
        )
        for item in items:
            info = zipfile.ZipInfo(_zip_path(item), stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, vault.path_of(root, item.sha256).read_bytes())
    out.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=out.parent, prefix=".dossier-")
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(buffer.getvalue())
    os.replace(temporary, out)
    return items
