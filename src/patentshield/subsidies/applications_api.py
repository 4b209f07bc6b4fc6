"""``/subsidy-applications``: an exporter applies, a programme officer approves or rejects.

A thin adapter over :mod:`patentshield.subsidies.application_service`, which scopes every
answer by the caller's tenancy (another tenant's application is 404, a decision the role may
not take 403). A decision carries an ``Idempotency-Key`` header: the service records the key
with the decision and the grant in one transaction, so a retry with the same key answers the
decision already made and never grants twice. The application mounts this router under
``/api/v1`` (``app.include_router(router, prefix="/api/v1")``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, status
from pydantic import BaseModel, Field

from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.subsidies import application_service as service
from patentshield.subsidies.application_serialise import application_to_json
from patentshield.subsidies.application_store import ApplicationFilter
from patentshield.subsidies.applications import ApplicationStatus

router = APIRouter(tags=["subsidy applications"])

IDEMPOTENCY_HEADER = "Idempotency-Key"

ApplicationId = Annotated[str, Path(max_length=32, description="Application id.")]
KeyHeader = Annotated[
    str | None,
    Header(
        alias=IDEMPOTENCY_HEADER,
        description="Key of this decision: a retry with the same key changes nothing.",
    ),
]


class MoneyOut(BaseModel):
    """An amount and its ISO currency."""

    amount: str
    currency: str


class ApplicationOut(BaseModel):
    """A subsidy application, with its decision, reason and grant once decided."""

    id: str
    programme: str
    enterprise: str
    region_code: str
    reference: str
    quote: str | None
    policy: str | None
    product_type: str
    premium: MoneyOut
    premium_date: str
    status: str
    status_label: str
    status_label_zh: str
    note: str
    submitted_by: str
    submitted_at: str
    decided_by: str | None
    decided_at: str | None
    reason: str
    grant: str | None
    amount: MoneyOut | None


class ApplyIn(BaseModel):
    """An application for a programme's subsidy on one quote or one policy."""

    programme: str = Field(max_length=80, description="Programme id, e.g. shenzhen.")
    quote: str | None = Field(default=None, max_length=40, description="Saved quote id.")
    policy: str | None = Field(default=None, max_length=60, description="Policy id or number.")
    note: str = Field(default="", max_length=2000, description="Note to the administration.")


class DecisionIn(BaseModel):
    """The reason of a decision (required to reject)."""

    reason: str = Field(default="", max_length=2000)


@router.get(
    "/subsidy-applications",
    response_model=list[ApplicationOut],
    summary="The subsidy applications the caller sees",
)
def list_applications(
    runtime: RuntimeDep,
    status_: Annotated[ApplicationStatus | None, Query(alias="status")] = None,
    programme: Annotated[str | None, Query(max_length=80)] = None,
    enterprise: Annotated[str | None, Query(max_length=64)] = None,
) -> list[JsonValue]:
    """List applications, newest first: an exporter's own, an administration's region's."""
    found = service.applications(runtime, ApplicationFilter(status_, programme, enterprise))
    return [application_to_json(a) for a in found]


@router.post(
    "/subsidy-applications",
    response_model=ApplicationOut,
    status_code=status.HTTP_201_CREATED,
    summary="Apply for a programme's subsidy on a quote or policy",
)
def apply(body: ApplyIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Apply on a quote or policy of one of the caller's enterprises."""
    made = service.apply(
        runtime, body.programme, quote_id=body.quote, policy=body.policy, note=body.note
    )
    return application_to_json(made)


@router.get(
    "/subsidy-applications/{application_id}",
    response_model=ApplicationOut,
    summary="One subsidy application with its decision",
)
def show(application_id: ApplicationId, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Return one application the caller sees (another tenant's is 404)."""
    return application_to_json(service.application(runtime, application_id))


@router.post(
    "/subsidy-applications/{application_id}/approve",
    response_model=ApplicationOut,
    summary="Approve: record the grant within the programme's caps",
)
def approve(
    application_id: ApplicationId,
    runtime: RuntimeDep,
    key: KeyHeader = None,
    body: DecisionIn | None = None,
) -> dict[str, JsonValue]:
    """Approve an application of the officer's region; the grant goes into the ledger."""
    decided = service.decide(
        runtime,
        application_id,
        approve=True,
        reason=body.reason if body else "",
        idempotency_key=key or "",
    )
    return application_to_json(decided)


@router.post(
    "/subsidy-applications/{application_id}/reject",
    response_model=ApplicationOut,
    summary="Reject with a reason the applicant sees",
)
def reject(
    application_id: ApplicationId,
    body: DecisionIn,
    runtime: RuntimeDep,
    key: KeyHeader = None,
) -> dict[str, JsonValue]:
    """Reject an application of the officer's region, saying why."""
    decided = service.decide(
        runtime, application_id, approve=False, reason=body.reason, idempotency_key=key or ""
    )
    return application_to_json(decided)
