"""``/api/v1/usitc``: statistics of Section 337 investigations from the USITC record.

A thin adapter over :mod:`patentshield.usitc.service` (``patentshield usitc stats --format
json``): the overall figures and one group per year, HTS chapter or country, with the published
figures they are compared with. Importing a feed stays with the operator's CLI.
"""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import APIRouter, Query

from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Document
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.usitc import render, service
from patentshield.usitc.service import Selection
from patentshield.usitc.stats import GroupBy

router = APIRouter(prefix="/usitc", tags=["usitc"])


class StatisticsOut(Document):
    """Statistics overall and per group, with the published figures beside them."""

    by: str
    source: str
    groups: list[Document]


@router.get("/statistics", response_model=StatisticsOut, summary="Statistics of investigations")
def statistics(
    runtime: RuntimeDep,
    by: Annotated[GroupBy, Query(description="Break down by year, HTS chapter or country.")] = (
        GroupBy.YEAR
    ),
    source: Annotated[Selection, Query(description="imported, shipped or all.")] = Selection.ALL,
) -> dict[str, JsonValue]:
    """Return the statistics of Section 337 investigations."""
    groups = service.investigation_statistics(runtime, by=by, selection=source)
    published = cast(dict[str, JsonValue], service.published_comparison())
    return render.statistics_to_json(groups, by=by.value, source=source.value, published=published)
