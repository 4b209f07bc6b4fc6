"""``/api/v1/compliance``: the 337 early warning, the compliance programme and the providers.

A thin adapter over :mod:`patentshield.compliance.service` (the watch) and
:mod:`patentshield.compliance.programme_service` (controls, score, FTO opinions, providers):
each route parses its request, calls a use case with the request's runtime and answers with the
same JSON documents as ``patentshield watch … --format json`` and ``patentshield compliance …
--format json``. Errors are problem documents (the application's handlers). An FTO opinion is
uploaded as the raw body (``application/octet-stream``) with its details in the query.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Body, Query, Response
from pydantic import BaseModel, Field

from patentshield.compliance import documents, programme_serialise, serialise, service
from patentshield.compliance import programme_service as programme
from patentshield.compliance.fto import MAX_PATENTS, FtoConclusion
from patentshield.compliance.providers import ProviderKind
from patentshield.compliance.score import MAX_EVIDENCE
from patentshield.kernel.dates import parse_date
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.jsonvalue import JsonValue

router = APIRouter(prefix="/compliance", tags=["compliance"])
"""Answers are the JSON documents of the serialisers (``response_model=None``: the recursive
JSON type has no OpenAPI schema of its own)."""

MAX_FILENAME = 255
Document = dict[str, JsonValue]


class RunIn(BaseModel):
    """Run the watch for one enterprise."""

    enterprise: str = Field(min_length=1, max_length=64)


class ControlIn(BaseModel):
    """Declare a control: in place or not, its evidence and its day (``YYYY-MM-DD``)."""

    control: str = Field(min_length=1, max_length=40)
    in_place: bool = True
    evidence: str = Field(default="", max_length=MAX_EVIDENCE)
    date: str | None = Field(default=None, max_length=10)
    by: str = Field(default="", max_length=200)


@router.get(
    "/watch/match", summary="Rank the record's investigations for a product", response_model=None
)
def match(
    runtime: RuntimeDep,
    text: Annotated[str, Query(min_length=1, max_length=service.MAX_TEXT)],
    hts: Annotated[list[str] | None, Query(max_length=20)] = None,
    top: Annotated[int, Query(ge=1, le=service.MAX_TOP)] = 10,
) -> Document:
    """Return the investigations that concern a product, with reasons and what follows."""
    report = service.match_product(runtime, text, hts=hts or (), top=top)
    return serialise.matches_to_json(report.matches, report.if_named)


@router.post(
    "/watch/runs", status_code=201, summary="Run the watch for an enterprise", response_model=None
)
def run(runtime: RuntimeDep, body: RunIn) -> Document:
    """Check every product of the enterprise; record and return the alerts new in this run."""
    return documents.run_document(service.run_watch(runtime, body.enterprise))


@router.get("/watch/alerts", summary="Recorded alerts, newest run first", response_model=None)
def alerts(
    runtime: RuntimeDep, enterprise: Annotated[str | None, Query(max_length=64)] = None
) -> Document:
    """Return the recorded alerts (of one enterprise when named)."""
    found = service.list_alerts(runtime, enterprise)
    return {"alerts": [serialise.alert_to_json(alert) for alert in found]}


@router.get(
    "/complainants", summary="A complainant's 337 history and NPE flag", response_model=None
)
def complainants(
    runtime: RuntimeDep, name: Annotated[str, Query(min_length=1, max_length=200)]
) -> Document:
    """Return the profiles of the complainants named ``name``."""
    return documents.complainant_document(service.complainant_profiles(runtime, name))


@router.get(
    "/enterprises/{enterprise}/score",
    summary="An enterprise's compliance score",
    response_model=None,
)
def score(
    runtime: RuntimeDep,
    enterprise: str,
    date: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD (today).")] = None,
) -> Document:
    """Return the score with every control's points, evidence and date."""
    day = parse_date(date, field="date") if date else None
    return programme_serialise.score_to_json(
        programme.compliance_score(runtime, enterprise, day=day)
    )


@router.get(
    "/enterprises/{enterprise}/controls",
    summary="Declarations of the controls",
    response_model=None,
)
def controls(runtime: RuntimeDep, enterprise: str) -> Document:
    """Return every declaration of the enterprise's controls, oldest first."""
    found = programme.list_controls(runtime, enterprise)
    return {"controls": [programme_serialise.control_record_to_json(r) for r in found]}


@router.post(
    "/enterprises/{enterprise}/controls",
    status_code=201,
    summary="Declare a control",
    response_model=None,
)
def set_control(runtime: RuntimeDep, enterprise: str, body: ControlIn) -> Document:
    """Declare a control of the enterprise's programme (in place or not) with its evidence."""
    day = parse_date(body.date, field="date") if body.date else runtime.clock.today()
    record = programme.set_control(
        runtime,
        enterprise,
        body.control,
        in_place=body.in_place,
        evidence=body.evidence,
        day=day,
        by=body.by,
    )
    return programme_serialise.control_record_to_json(record)


@router.get(
    "/enterprises/{enterprise}/fto", summary="The enterprise's FTO opinions", response_model=None
)
def fto_opinions(runtime: RuntimeDep, enterprise: str) -> Document:
    """Return the enterprise's FTO opinions, oldest first."""
    found = programme.list_fto_opinions(runtime, enterprise)
    return {"opinions": [programme_serialise.opinion_to_json(o) for o in found]}


def _filename(value: str) -> str:
    name = value.strip()
    if not name or name != Path(name).name or name in (".", "..") or len(name) > MAX_FILENAME:
        raise InvalidInput("filename", "give the document's file name, without a folder")
    if any(ord(ch) < 32 for ch in name):
        raise InvalidInput("filename", "the file name holds a control character")
    return name


@router.post(
    "/enterprises/{enterprise}/fto",
    status_code=201,
    summary="File an FTO opinion (its document as the body)",
    response_model=None,
)
def add_fto_opinion(
    runtime: RuntimeDep,
    response: Response,
    enterprise: str,
    document: Annotated[bytes, Body(media_type="application/octet-stream")],
    filename: Annotated[str, Query(min_length=1, max_length=MAX_FILENAME)],
    counsel: Annotated[str, Query(min_length=1, max_length=500)],
    issued_on: Annotated[str, Query(max_length=10, description="YYYY-MM-DD")],
    patent: Annotated[list[str], Query(min_length=1, max_length=MAX_PATENTS)],
    product: Annotated[list[str], Query(min_length=1, max_length=50)],
    conclusion: FtoConclusion = FtoConclusion.CLEAR,
    note: Annotated[str, Query(max_length=500)] = "",
) -> Document:
    """Store the document in the vault and record the opinion; the same document once.

    The answer is 201 when the opinion is filed, 200 with the opinion already on file when the
    enterprise filed the same document before.
    """
    if not document:
        raise InvalidInput("document", "the body holds no document")
    details = programme.FtoDetails(
        counsel=counsel,
        issued_on=parse_date(issued_on, field="issued_on"),
        patents=tuple(patent),
        products=tuple(product),
        conclusion=conclusion,
        note=note,
    )
    with tempfile.TemporaryDirectory(prefix="patentshield-fto-") as folder:
        source = Path(folder) / _filename(filename)
        source.write_bytes(document)
        filed = programme.add_fto_opinion(runtime, enterprise, source, details)
    if not filed.added:
        response.status_code = 200
    return {**programme_serialise.opinion_to_json(filed.opinion), "added": filed.added}


@router.get(
    "/products/{product}/providers", summary="The insurer's service providers", response_model=None
)
def providers(runtime: RuntimeDep, product: str, kind: ProviderKind | None = None) -> Document:
    """Return the appraisal institutions and panel counsel offered under a product."""
    found = programme.list_providers(runtime, product, kind)
    return {
        "product": product,
        "providers": [programme_serialise.provider_to_json(p) for p in found],
    }
