"""``/api/v1/cases/{case}/joint-defence``: groups of co-respondents sharing defence costs.

A thin adapter over :mod:`patentshield.claims.joint_service` (``patentshield jointdefence …``):
form a group with its allocation rule, and split a shared invoice among its members — each
insured member's share is filed in its own claim. Answers are the JSON of ``--format json``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from patentshield.claims import joint_service
from patentshield.claims.api import InvoiceIn, expense_input
from patentshield.claims.jointdefence import AllocationRule
from patentshield.claims.serialise import allocation_json, group_json
from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Document, Key
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import parse_decimal

router = APIRouter(prefix="/cases/{case}/joint-defence", tags=["joint defence"])

Name = Annotated[str, Field(min_length=1, max_length=200)]


class GroupIn(BaseModel):
    """A joint-defence group: its members and how shared invoices are split."""

    name: Name
    members: Annotated[list[Name], Field(min_length=1, max_length=100)]
    rule: AllocationRule = AllocationRule.EQUAL
    shares: Annotated[
        dict[Name, Annotated[str, Field(max_length=40)]],
        Field(max_length=100, description="Member → custom share or US sales (USD), as text."),
    ] = {}


def _weights(shares: dict[str, str]) -> dict[str, Decimal]:
    return {member: parse_decimal(value, field="shares") for member, value in shares.items()}


@router.post(
    "",
    response_model=Document,
    status_code=status.HTTP_201_CREATED,
    summary="Form a joint-defence group",
)
def create_group(case: Key, body: GroupIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Form a group of co-respondents of a case."""
    group = joint_service.create_group(
        runtime, case, body.name, body.rule, body.members, weights=_weights(body.shares)
    )
    return group_json(group)


@router.post(
    "/{group}/invoices",
    response_model=Document,
    status_code=status.HTTP_201_CREATED,
    summary="Split a shared invoice",
)
def allocate(case: Key, group: Key, body: InvoiceIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Split a shared invoice; each insured member's share goes into its own claim."""
    result = joint_service.allocate_invoice(runtime, case, group, expense_input(runtime, body))
    return allocation_json(result)
