"""``/api/v1/usitc``: statistics of Section 337 investigations from the USITC record.

A thin adapter over :mod:`patentshield.usitc.service` (``patentshield usitc stats --format
json``): the overall figures and one group per year, HTS chapter or country, with the published
figures they are compared with, and each chart of ``usitc charts`` as SVG drawn in memory.
Importing a feed and re-calibrating stay with the operator's CLI (docs/api.md says why).
"""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import APIRouter, Query, Response

from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Document
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
