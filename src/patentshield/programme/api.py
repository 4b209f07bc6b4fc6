"""``/api/v1/programme``: insurer and regulator views of the book of policies.

A thin adapter over the programme's analytics services (``patentshield programme stats |
uptake | triangles --format json``): the white-paper statistics of the book, subsidy uptake and
renewal, and the claims development triangles of the ledger with chain-ladder and
Bornhuetter-Ferguson reserves. Portfolio simulations of a book file stay with the CLI (a book is
a file of the operator, not a request's).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Day, Document
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.programme.statistics import Dimension
from patentshield.programme.statistics_service import book_statistics, subsidy_uptake
from patentshield.programme.triangles_service import TrianglesRequest, claims_development

router = APIRouter(prefix="/programme", tags=["programme"])

ByQuery = Annotated[
    list[Dimension] | None, Query(max_length=len(Dimension), description="Group by (repeat).")
]
DayQuery = Annotated[Day | None, Query(description="Day the book is evaluated on (today).")]


@router.get("/statistics", response_model=Document, summary="White-paper statistics of the book")
def statistics(runtime: RuntimeDep, by: ByQuery = None, day: DayQuery = None) -> JsonValue:
    """Enterprises insured, IP rights, cover, premiums, subsidies, claims and loss ratio."""
    return book_statistics(runtime, by=[dimension.value for dimension in by or ()], day=day)


@router.get("/uptake", response_model=Document, summary="Subsidy uptake and renewal")
def uptake(runtime: RuntimeDep, by: ByQuery = None, day: DayQuery = None) -> JsonValue:
    """Share of premium paid by subsidy, self-paid take-up, renewal with and without subsidy."""
    return subsidy_uptake(runtime, by=[dimension.value for dimension in by or ()], day=day)


@router.get("/triangles", response_model=Document, summary="Claims triangles and reserves")
def triangles(
    runtime: RuntimeDep,
    day: DayQuery = None,
    apriori: Annotated[
        float | None, Query(ge=0, le=10, description="A-priori loss ratio (Bornhuetter-Ferguson).")
    ] = None,
) -> JsonValue:
    """Paid and incurred triangles of the claims ledger by policy year, with reserves."""
    return claims_development(runtime, TrianglesRequest(source="ledger", day=day, apriori=apriori))
