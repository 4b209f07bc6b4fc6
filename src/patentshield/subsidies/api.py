"""``/api/v1/subsidies``: premium-subsidy programmes, checks, the grant ledger, pilot regions.

A thin adapter over :mod:`patentshield.subsidies.service`; answers are the JSON of
``patentshield subsidy … --format json`` (:mod:`patentshield.subsidies.serialise`). Amounts are
given as decimal text in CNY and checked by the same parsers as the CLI's options. Recording a
grant needs an ``Idempotency-Key`` header. (Applications for a subsidy have their own router.)
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import (
    Day,
    Document,
    IdempotencyHeader,
    Key,
    MoneyOut,
    day_or_today,
    once_per_key,
)
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.subsidies import service
from patentshield.subsidies.model import (
    Applicant,
    GrantRequest,
    parse_cny,
    parse_product_type,
    parse_region_code,
)
from patentshield.subsidies.serialise import (
    decision_to_json,
    grant_to_json,
    pilots_to_json,
    programme_to_json,
)

router = APIRouter(prefix="/subsidies", tags=["subsidies"])

Text = Annotated[str, Field(min_length=1, max_length=200)]
Tags = Annotated[list[Annotated[str, Field(max_length=100)]] | None, Field(max_length=50)]


class ProgrammeOut(Document):
    """A version of a premium-subsidy programme."""

    id: str
    version: int


class DecisionOut(Document):
    """What a programme grants for one policy, with its explanation."""

    subsidy: MoneyOut
    programme: str
    programme_version: int
    eligible: bool
    explanation: list[str]
    warnings: list[str]


class GrantOut(Document):
    """A grant recorded in the ledger."""

    id: str
    programme: str
    applicant: str
    year: int
    premium: MoneyOut
    subsidy: MoneyOut


class PolicyFacts(BaseModel):
    """The policy a programme is evaluated for; amounts in CNY as decimal text."""

    programme: Text
    product_type: Annotated[str, Field(max_length=60, examples=["patent_enforcement"])]
    premium: Annotated[str, Field(max_length=40, examples=["20000"])]
    date: Day | None = Field(default=None, description="Premium date (today).")
    region: Annotated[str | None, Field(max_length=6, examples=["440305"])] = None
    industries: Tags = None
    flags: Tags = None
    base_premium: Annotated[str | None, Field(max_length=40)] = None
    ip_rights: Tags = None


class CheckRequest(PolicyFacts):
    """A check from the facts given, without the ledger."""

    granted_this_year: Annotated[str | None, Field(max_length=40)] = None


class GrantIn(PolicyFacts):
    """A grant to record for an applicant's policy."""

    applicant: Text
    reference: Text


def _applicant(facts: PolicyFacts, applicant_id: str | None) -> Applicant:
    return Applicant(
        id=applicant_id,
        region_code=None
        if facts.region is None
        else parse_region_code(facts.region, field="region"),
        industries=frozenset(facts.industries) if facts.industries else None,
        flags=frozenset(facts.flags) if facts.flags else None,
    )


@router.get("/programmes", response_model=list[ProgrammeOut], summary="Programmes in force")
def list_programmes(
    runtime: RuntimeDep,
    day: Annotated[Day | None, Query(description="Day (today).")] = None,
    region: Annotated[str | None, Query(max_length=6, description="Division code.")] = None,
) -> list[JsonValue]:
    """List the subsidy programmes in force on a day, within a region if given."""
    code = None if region is None else parse_region_code(region, field="region")
    found = service.programmes_in_force(runtime, day_or_today(runtime, day), code)
    return [programme_to_json(programme) for programme in found]


@router.get("/programmes/{programme_id}", response_model=ProgrammeOut, summary="One programme")
def show_programme(
    programme_id: Key,
    runtime: RuntimeDep,
    day: Annotated[Day | None, Query(description="Day (today).")] = None,
) -> dict[str, JsonValue]:
    """Show the version of a programme in force on a day (else the nearest one)."""
    return programme_to_json(
        service.programme_version(runtime, programme_id, day_or_today(runtime, day))
    )


@router.post("/check", response_model=DecisionOut, summary="Evaluate a programme for a policy")
def check(body: CheckRequest, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Evaluate one programme for one policy from the facts given (no ledger)."""
    decision = service.check_subsidy(
        runtime,
        body.programme,
        day=day_or_today(runtime, body.date),
        product_type=parse_product_type(body.product_type),
        premium=parse_cny(body.premium, field="premium"),
        applicant=_applicant(body, None),
        granted_this_year=None
        if body.granted_this_year is None
        else parse_cny(body.granted_this_year, field="granted_this_year"),
        base_premium=None
        if body.base_premium is None
        else parse_cny(body.base_premium, field="base_premium"),
        ip_rights=tuple(body.ip_rights or ()),
    )
    return decision_to_json(decision)


@router.get("/grants", response_model=list[GrantOut], summary="Grants of the ledger")
def list_grants(
    runtime: RuntimeDep,
    programme: Annotated[str | None, Query(max_length=200)] = None,
    applicant: Annotated[str | None, Query(max_length=200)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2199)] = None,
) -> list[JsonValue]:
    """List the ledger's grants, oldest first."""
    grants = service.list_grants(runtime, programme_id=programme, applicant_id=applicant, year=year)
    return [grant_to_json(grant) for grant in grants]


@router.post(
    "/grants",
    response_model=GrantOut,
    status_code=201,
    summary="Record a grant (Idempotency-Key required)",
    responses={201: {"model": GrantOut}},
)
def grant(
    body: GrantIn, request: Request, runtime: RuntimeDep, key: IdempotencyHeader = None
) -> JSONResponse:
    """Record a subsidy grant in the ledger, within every cap; a retry returns the first."""

    def produce() -> JsonValue:
        granted = service.grant_subsidy(
            runtime,
            GrantRequest(
                programme_id=body.programme,
                applicant=_applicant(body, body.applicant),
                product_type=parse_product_type(body.product_type),
                premium=parse_cny(body.premium, field="premium"),
                day=day_or_today(runtime, body.date),
                reference=body.reference,
                base_premium=None
                if body.base_premium is None
                else parse_cny(body.base_premium, field="base_premium"),
                ip_rights=tuple(body.ip_rights or ()),
            ),
            idempotency_key=key or "",
        )
        return grant_to_json(granted)

    return once_per_key(runtime, request, key, body.model_dump(mode="json"), produce)


@router.get("/pilots", response_model=Document, summary="Pilot regions and milestones")
def pilots(runtime: RuntimeDep) -> dict[str, JsonValue]:
    """List the pilot regions of the national programme and its milestones."""
    return pilots_to_json(service.pilot_regions(runtime))
