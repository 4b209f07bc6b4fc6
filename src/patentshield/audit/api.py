"""``/api/v1/audit``: the audit log, for auditors (their organisation) and the platform (all)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from patentshield.audit import service
from patentshield.audit.serialise import entry_json
from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.jsonvalue import JsonValue

router = APIRouter(tags=["audit"])


class EntryOut(BaseModel):
    """One entry of the audit chain."""

    sequence: int
    at: str
    actor: str
    organisation_id: str | None
    action: str
    object_type: str
    object_id: str
    digest: str
    previous: str
    hash: str


class AuditPage(BaseModel):
    """A page of entries; ``next_after`` continues it (``null`` at the end)."""

    entries: list[EntryOut]
    next_after: int | None


@router.get(
    "/audit", response_model=AuditPage, summary="Entries of the audit log the caller may see"
)
def list_entries(
    runtime: RuntimeDep,
    after: Annotated[
        int, Query(ge=0, le=2**62, description="Only entries after this sequence.")
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE, description="At most.")] = 100,
) -> dict[str, JsonValue]:
    """Return a page of entries in order; ``next_after`` continues the listing."""
    entries = service.list_entries(runtime, after=after, limit=limit)
    following = entries[-1].sequence if len(entries) == limit else None
    return {"entries": [entry_json(entry) for entry in entries], "next_after": following}
