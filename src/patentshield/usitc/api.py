"""``/api/v1/usitc``: statistics of Section 337 investigations from the USITC record.

A thin adapter over :mod:`patentshield.usitc.service` (``patentshield usitc stats --format
json``): the overall figures and one group per year, HTS chapter or country, with the published
figures they are compared with, and each chart of ``usitc charts`` as SVG drawn in memory. The
platform (``usitc:write``) imports an uploaded feed (bounded, in one transaction, as ``usitc
import``; downloading one from a URL stays with the CLI, the server fetches nothing) and reads
the calibration document (``usitc calibrate``).
"""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import APIRouter, File, Query, Response, UploadFile

from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Document, saved_upload
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.usitc import render, service
from patentshield.usitc.charts import ChartName
from patentshield.usitc.service import Selection
from patentshield.usitc.stats import GroupBy

router = APIRouter(prefix="/usitc", tags=["usitc"])


class StatisticsOut(Document):
    """Statistics overall and per group, with the published figures beside them."""

    by: str
    source: str
    groups: list[Document]


ByQuery = Annotated[GroupBy, Query(description="Break down by year, HTS chapter or country.")]
SourceQuery = Annotated[Selection, Query(description="imported, shipped or all.")]


@router.get("/statistics", response_model=StatisticsOut, summary="Statistics of investigations")
def statistics(
    runtime: RuntimeDep,
    by: ByQuery = GroupBy.YEAR,
    source: SourceQuery = Selection.ALL,
) -> dict[str, JsonValue]:
    """Return the statistics of Section 337 investigations."""
    groups = service.investigation_statistics(runtime, by=by, selection=source)
    published = cast(dict[str, JsonValue], service.published_comparison())
    return render.statistics_to_json(groups, by=by.value, source=source.value, published=published)


@router.get(
    "/charts/{name}.svg",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}, "description": "The chart (SVG)."}},
    summary="A chart of the statistics (SVG)",
)
def chart(
    name: ChartName,
    runtime: RuntimeDep,
    by: ByQuery = GroupBy.YEAR,
    source: SourceQuery = Selection.ALL,
) -> Response:
    """Draw one chart of the statistics: investigations, Chinese share, respondents, outcomes."""
    svg = service.chart_svg(runtime, by=by, selection=source, name=name)
    return Response(svg, media_type="image/svg+xml")


class ImportOut(Document):
    """What an import did: rows added, updated, unchanged and rejected (with reasons)."""

    source: str
    added: int
    updated: int
    unchanged: int
    rejected: int


@router.post("/import", response_model=ImportOut, summary="Import a USITC feed (platform)")
def import_feed(
    file: Annotated[
        UploadFile, File(description="investigations.json (IDS) or 337Info JSON; .gz ok.")
    ],
    runtime: RuntimeDep,
    strict: Annotated[bool, Query(description="Refuse the whole file if a row is malformed.")] = (
        False
    ),
) -> dict[str, JsonValue]:
    """Import the USITC records of an uploaded feed in one transaction (``usitc:write``)."""
    with saved_upload([file]) as (path,):
        payload = service.read_file(path)
    source = file.filename or "the upload"
    report = service.import_feed(runtime, payload, source=source, strict=strict)
    return render.import_report_to_json(report)


@router.get(
    "/calibration",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}, "description": "The parameter file."}},
    summary="The risk engine's calibration from the record (platform)",
)
def calibration(runtime: RuntimeDep, source: SourceQuery = Selection.ALL) -> Response:
    """Return the parameter file ``usitc calibrate`` writes, each figure with its sources."""
    document = service.calibration(runtime, selection=source)
    return Response(
        service.calibration_text(document, as_yaml=False), media_type="application/json"
    )
