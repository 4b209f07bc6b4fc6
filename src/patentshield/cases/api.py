"""``/api/v1/cases``: the 337 case manager and its evidence vault.

A thin adapter over :mod:`patentshield.cases.service`, :mod:`~patentshield.cases.evidence` and
:mod:`~patentshield.cases.dossier` (``patentshield case …`` and ``evidence …``): open a case
from a complaint, list and show cases with their schedule, duties and moves, advance them,
record the insurer's consent to counsel, upload evidence (multipart, each file at most
:data:`~patentshield.kernel.http_io.MAX_UPLOAD_BYTES`; stored by SHA-256), list, download and
verify it, and download the insurer's dossier (ZIP). Answers are the JSON of ``--format json``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile, status
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, Field

from patentshield.cases import dossier, evidence, service
from patentshield.cases.model import EvidenceKind, Party
from patentshield.cases.opening import CaseFacts, case_from_facts, insured_party, learned_on
from patentshield.cases.serialise import (
    case_to_json,
    case_view_json,
    event_to_json,
    evidence_to_json,
    task_to_json,
)
from patentshield.kernel import vault
from patentshield.kernel.errors import NotFound, RuleViolation
from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Day, Document, Key, day_or_today, saved_upload
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.limits import MAX_TEXT_LENGTH
from patentshield.procedure.workflow import CaseState

router = APIRouter(prefix="/cases", tags=["cases"])

Name = Annotated[str, Field(min_length=1, max_length=200)]
Names = Annotated[list[Name], Field(max_length=100)]
Note = Annotated[str, Field(max_length=MAX_TEXT_LENGTH)]
DayQuery = Annotated[Day | None, Query(description="Day the tasks are given for (today).")]
MAX_FILES = 20


class CaseOut(Document):
    """A case: its number, parties, patents, state and dates."""

    id: str
    number: str
    state: str


class CaseViewOut(CaseOut):
    """A case with its tasks on a day, its schedule and its recorded moves."""

    today: str
    tasks: list[Document]
    schedule: list[Document]
    transitions: list[Document]


class EvidenceOut(Document):
    """One evidence file's metadata."""

    id: str
    kind: str
    filename: str
    sha256: str
    size: int


class EvidenceCheckOut(EvidenceOut):
    """An evidence file and what checking it against the vault and the chain found."""

    state: str


class InsuredIn(BaseModel):
    """An insured party: the enterprise and its policy."""

    enterprise: Name
    policy: Name


class OpenIn(BaseModel):
    """A complaint or notice of investigation."""

    number: Annotated[str, Field(min_length=1, max_length=100, examples=["337-TA-1400"])]
    complaint_filed: Day
    complainants: Annotated[list[Name], Field(min_length=1, max_length=100)]
    patents: Annotated[list[Name], Field(min_length=1, max_length=100)]
    insured: Annotated[list[InsuredIn], Field(max_length=100)] = []
    respondents: Names = []
    insured_complainants: Annotated[list[InsuredIn], Field(max_length=100)] = []
    products: Names = []
    title: Annotated[str, Field(max_length=500)] = ""
    learned: Day | None = None
    instituted: Day | None = None
    served: Day | None = None
    hearing: Day | None = None
    target: Day | None = None


class AdvanceIn(BaseModel):
    """A move of the case to its next state."""

    to: CaseState
    date: Day | None = None
    note: Note = ""


class CounselIn(BaseModel):
    """The insurer's consent to an insured respondent's counsel."""

    respondent: Name
    firm: Name
    panel: bool = False
    date: Day | None = None


class DoneIn(BaseModel):
    """A duty recorded as done."""

    date: Day | None = None
    note: Note = ""


def _parties(items: list[InsuredIn], field: str) -> tuple[Party, ...]:
    return tuple(insured_party(item.enterprise, item.policy, field) for item in items)


def _view(shown: service.CaseView) -> dict[str, JsonValue]:
    return case_view_json(shown.case, shown.schedule, shown.tasks, shown.transitions, shown.today)


@router.post(
    "",
    response_model=CaseViewOut,
    status_code=status.HTTP_201_CREATED,
    summary="Open a case from a complaint",
)
def open_case(body: OpenIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Open a case with all its respondents; its schedule and duties follow."""
    facts = CaseFacts(
        number=body.number,
        complaint_filed=body.complaint_filed,
        complainants=tuple(body.complainants),
        patents=tuple(body.patents),
        insured=_parties(body.insured, "insured"),
        respondents=tuple(body.respondents),
        insured_complainants=_parties(body.insured_complainants, "insured_complainants"),
        products=tuple(body.products),
        title=body.title,
        learned=body.learned,
        instituted=body.instituted,
        served=body.served,
        hearing=body.hearing,
        target=body.target,
    )
    case = case_from_facts(facts, case_id=service.new_case_id(), opened_at=runtime.clock.now())
    opened = service.open_new_case(runtime, case)
    return _view(service.show_case(runtime, opened.id, today=learned_on(facts)))


@router.get("", response_model=list[CaseOut], summary="Cases, latest complaint first")
def list_cases(runtime: RuntimeDep) -> list[JsonValue]:
    """List the cases."""
    return [case_to_json(case) for case in service.list_cases(runtime)]


@router.get("/{case}", response_model=CaseViewOut, summary="A case, its tasks and schedule")
def show_case(case: Key, runtime: RuntimeDep, day: DayQuery = None) -> dict[str, JsonValue]:
    """Show a case (id or number): facts, tasks (overdue first), schedule and moves."""
    return _view(service.show_case(runtime, case, today=day_or_today(runtime, day)))


@router.get("/{case}/schedule", response_model=list[Document], summary="A case's calendar")
def case_schedule(case: Key, runtime: RuntimeDep) -> list[JsonValue]:
    """Every expected date and deadline of the case, from its key dates."""
    return [event_to_json(event) for event in service.show_case(runtime, case).schedule]


@router.get("/{case}/duties", response_model=list[Document], summary="A case's duties on a day")
def duties(case: Key, runtime: RuntimeDep, day: DayQuery = None) -> list[JsonValue]:
    """List the insured's duties on a day: overdue and at-risk first."""
    shown = service.show_case(runtime, case, today=day_or_today(runtime, day))
    return [task_to_json(task) for task in shown.tasks]


@router.post(
    "/{case}/duties/{task}/done", response_model=CaseViewOut, summary="Record a duty as done"
)
def complete_duty(case: Key, task: Key, body: DoneIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Record a duty (a task code of the case's duties) as done on a day."""
    day = day_or_today(runtime, body.date)
    return _view(service.complete_duty(runtime, case, task, day=day, note=body.note))


@router.post("/{case}/advance", response_model=CaseViewOut, summary="Move a case on")
def advance(case: Key, body: AdvanceIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Move a case to its next state; the move is checked and recorded."""
    day = day_or_today(runtime, body.date)
    return _view(service.advance_case(runtime, case, body.to, day=day, note=body.note))


@router.post("/{case}/counsel", response_model=CaseViewOut, summary="Consent to counsel")
def counsel(case: Key, body: CounselIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Record the insurer's consent to an insured respondent's counsel."""
    shown = service.approve_counsel(
        runtime,
        case,
        body.respondent,
        firm=body.firm,
        day=day_or_today(runtime, body.date),
        panel=body.panel,
    )
    return _view(shown)


@router.post(
    "/{case}/evidence",
    response_model=list[EvidenceOut],
    status_code=status.HTTP_201_CREATED,
    summary="Upload evidence files (multipart)",
)
def add_evidence(
    case: Key,
    runtime: RuntimeDep,
    files: Annotated[list[UploadFile], File(description=f"At most {MAX_FILES} files.")],
    kind: Annotated[EvidenceKind, Form()],
    note: Annotated[str, Form(max_length=MAX_TEXT_LENGTH)] = "",
    day: Annotated[Day | None, Form(alias="date")] = None,
) -> list[JsonValue]:
    """Store files in the vault by SHA-256 and attach them to the case, all or none."""
    if len(files) > MAX_FILES:
        raise RuleViolation(f"upload at most {MAX_FILES} files at once", field="files")
    added_by = runtime.caller.email if runtime.caller else "operator"
    details = evidence.EvidenceDetails(kind, added_by, day_or_today(runtime, day), note)
    with saved_upload(files, field="files") as paths:
        results = evidence.add_evidence_files(runtime, case, paths, details)
    return [evidence_to_json(result.evidence) for result in results]


@router.get("/{case}/evidence", response_model=list[EvidenceOut], summary="A case's evidence")
def list_evidence(case: Key, runtime: RuntimeDep) -> list[JsonValue]:
    """List the evidence of a case, oldest first."""
    return [evidence_to_json(item) for item in evidence.list_evidence(runtime, case)]


@router.get(
    "/{case}/evidence/verify",
    response_model=list[EvidenceCheckOut],
    summary="Check every evidence file against the vault and the chain",
)
def verify_evidence(case: Key, runtime: RuntimeDep) -> list[JsonValue]:
    """Check each record against its file and the chain: intact, altered or missing."""
    return [
        {**evidence_to_json(check.evidence), "state": check.state.value}
        for check in evidence.verify_evidence(runtime, case)
    ]


@router.get(
    "/{case}/evidence/{evidence_id}/content",
    response_class=FileResponse,
    responses={200: {"content": {"application/octet-stream": {}}}},
    summary="Download an evidence file",
)
def download_evidence(case: Key, evidence_id: Key, runtime: RuntimeDep) -> FileResponse:
    """Return the file of an evidence record, checked against its SHA-256 first."""
    found = [item for item in evidence.list_evidence(runtime, case) if item.id == evidence_id]
    if not found:
        raise NotFound(f"case {case} has no evidence {evidence_id!r}", field="evidence")
    item = found[0]
    root = vault.vault_root(runtime.settings)
    if vault.check(root, item.sha256, item.size) is not vault.FileState.INTACT:
        raise RuleViolation(f"{item.filename} is altered or missing in the vault", field="evidence")
    return FileResponse(
        vault.path_of(root, item.sha256),
        media_type="application/octet-stream",
        filename=item.filename,
        headers={"X-Content-SHA256": item.sha256},
    )


@router.get(
    "/{case}/dossier",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}}},
    summary="Download the insurer's dossier (ZIP)",
)
def download_dossier(
    case: Key,
    runtime: RuntimeDep,
    respondent: Annotated[str, Query(min_length=1, max_length=200)],
    day: DayQuery = None,
) -> Response:
    """Return the dossier of an insured respondent: documents, manifest and cover letter."""
    with tempfile.TemporaryDirectory(prefix="patentshield-dossier-") as folder:
        out = FilePath(folder) / "dossier.zip"
        dossier.export_dossier(runtime, case, respondent, out, day=day_or_today(runtime, day))
        content = out.read_bytes()
    return Response(
        content,
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="dossier.zip"'},
    )
