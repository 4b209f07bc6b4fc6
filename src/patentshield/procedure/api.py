"""``/api/v1/procedure``: the Section 337 clock — deadlines, case calendars and the steps.

A thin adapter over the pure deadline engine and case schedule (``patentshield procedure …``);
answers are the JSON of ``--format json``. The rules are public: any signed-in caller may ask.
Dates outside the supported calendar are refused with 422 naming the field.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, Field

from patentshield.kernel.dates import FederalCalendar
from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Day, Document
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.procedure.cli import deadline_to_json, event_to_json, step_to_json
from patentshield.procedure.deadlines import check_days, count_backward, count_forward
from patentshield.procedure.schedule import KnownDates, case_schedule
from patentshield.procedure.steps import load_procedure

router = APIRouter(prefix="/procedure", tags=["procedure"])

Closures = Annotated[
    list[Day] | None,
    Field(max_length=366, description="Days the Commission is closed (snow day, shutdown)."),
]


class DeadlineIn(BaseModel):
    """A period to count under 19 CFR 201.14(a), or backward under 210.18(a)."""

    start: Day = Field(alias="from", description="Trigger (or reference) date.")
    days: Annotated[int, Field(ge=1, le=3650)]
    backward: bool = False
    closures: Closures = None


class ScheduleIn(BaseModel):
    """The key dates of a case known so far; every other date is expected from them."""

    complaint_filed: Day
    instituted: Day | None = None
    served: Day | None = None
    target: Day | None = None
    hearing: Day | None = None
    final_id_served: Day | None = None
    closures: Closures = None


def _calendar(closures: list[date] | None) -> FederalCalendar:
    return FederalCalendar().with_closures(closures or ())


@router.post("/deadline", response_model=Document, summary="Count a period of days")
def deadline(body: DeadlineIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Count a period the Commission's way, and the naive way for comparison."""
    check_days(body.days)
    calendar = _calendar(body.closures)
    result = (count_backward if body.backward else count_forward)(body.start, body.days, calendar)
    return deadline_to_json(result, calendar)


@router.post("/schedule", response_model=list[Document], summary="A case's expected calendar")
def schedule(body: ScheduleIn, runtime: RuntimeDep) -> list[JsonValue]:
    """Every expected date and deadline of a case, each with its rule; given dates win."""
    known = KnownDates(
        complaint_filed=body.complaint_filed,
        instituted=body.instituted,
        served=body.served,
        hearing=body.hearing,
        target=body.target,
        final_id_served=body.final_id_served,
    )
    events = case_schedule(known, calendar=_calendar(body.closures))
    return [event_to_json(event) for event in events]


@router.get("/steps", response_model=list[Document], summary="The steps of a 337 case")
def steps(runtime: RuntimeDep) -> list[JsonValue]:
    """List the procedure's steps with their day counts and sources."""
    return [step_to_json(step) for step in load_procedure().steps]
