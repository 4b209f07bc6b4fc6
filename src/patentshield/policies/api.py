"""``/api/v1/policies``: bind a saved quote into a policy, list, show, cancel and renew.

A thin adapter over :mod:`patentshield.policies.service`; answers are the JSON of ``policy …
--format json`` (:func:`~patentshield.policies.serialise.policy_to_json`) with the policy's
status on the day asked (today by default). A renewal is a binding that names the policy it
renews, as ``policy bind --renews`` does.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, Field

from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Day, Document, Key, MoneyOut, day_or_today
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.policies import service
from patentshield.policies.binding import DEFAULT_PERIOD_MONTHS, MAX_PERIOD_MONTHS
from patentshield.policies.serialise import policy_to_json
from patentshield.policies.terms import DEFAULT_NOTICE_DAYS

router = APIRouter(prefix="/policies", tags=["policies"])

DayQuery = Annotated[Day | None, Query(description="Day the status is given for (today).")]


class PolicyOut(Document):
    """A policy, its status on a day and its frozen terms."""

    id: str
    number: str
    status: str
    quote: str
    enterprise: str
    period_start: str
    period_end: str
    gross_premium: MoneyOut
    net_premium: MoneyOut


class BindIn(BaseModel):
    """A saved quote to bind, and the period of the policy."""

    quote: Annotated[str, Field(min_length=1, max_length=200, examples=["q-…"])]
    start: Day | None = Field(default=None, description="First day (the quote date).")
    months: Annotated[int, Field(ge=1, le=MAX_PERIOD_MONTHS)] = DEFAULT_PERIOD_MONTHS
    notice_days: Annotated[int, Field(ge=1, le=3650)] = DEFAULT_NOTICE_DAYS
    number: Annotated[str | None, Field(min_length=1, max_length=60)] = None


class RenewIn(BindIn):
    """A saved quote that renews the policy of the path."""


class CancelIn(BaseModel):
    """Why and from when a policy is cancelled."""

    reason: Annotated[str, Field(min_length=1, max_length=2000)]
    date: Day | None = Field(default=None, description="Cancelled from (today).")


def _bind(body: BindIn, runtime: RuntimeDep, renews: str | None) -> dict[str, JsonValue]:
    request = service.BindRequest(
        quote_id=body.quote,
        start=body.start,
        months=body.months,
        notice_days=body.notice_days,
        number=body.number,
        renews=renews,
    )
    policy = service.bind_policy(runtime, request)
    return policy_to_json(policy, policy.period_start)


@router.post(
    "",
    response_model=PolicyOut,
    status_code=status.HTTP_201_CREATED,
    summary="Bind a saved quote into a policy",
)
def bind(body: BindIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Bind a saved quote with the terms of its product version frozen."""
    return _bind(body, runtime, None)


@router.get("", response_model=list[PolicyOut], summary="Policies, latest period first")
def list_policies(
    runtime: RuntimeDep,
    enterprise: Annotated[str | None, Query(max_length=200)] = None,
    day: DayQuery = None,
) -> list[JsonValue]:
    """List the policies, of one enterprise if given."""
    when = day_or_today(runtime, day)
    return [policy_to_json(p, when) for p in service.list_policies(runtime, enterprise=enterprise)]


@router.get("/{policy}", response_model=PolicyOut, summary="A policy and its status on a day")
def show_policy(policy: Key, runtime: RuntimeDep, day: DayQuery = None) -> dict[str, JsonValue]:
    """Show a policy (id or number), its status on a day and its frozen terms."""
    return policy_to_json(service.get_policy(runtime, policy), day_or_today(runtime, day))


@router.post("/{policy}/cancel", response_model=PolicyOut, summary="Cancel a policy from a day")
def cancel(policy: Key, body: CancelIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Cancel a policy from a day (today by default)."""
    when = day_or_today(runtime, body.date)
    cancelled = service.cancel_policy(runtime, policy, day=when, reason=body.reason)
    return policy_to_json(cancelled, when)


@router.post(
    "/{policy}/renewals",
    response_model=PolicyOut,
    status_code=status.HTTP_201_CREATED,
    summary="Renew a policy from a new saved quote",
)
def renew(policy: Key, body: RenewIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Bind a saved quote as the renewal of the policy; its period must follow on."""
    return _bind(body, runtime, policy)
