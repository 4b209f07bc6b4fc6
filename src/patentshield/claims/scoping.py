"""The claim a caller acts on: found only in its tenancy, then checked for its role.

Every claims use case on a claim starts here (those on a case start with
:func:`patentshield.cases.service.case_for`): :func:`claim_for` looks the claim up within the
caller's scope (:mod:`patentshield.kernel.tenancy`: another tenant's
record is not found, exactly as a missing one, 404) and then require the permission of the
action (a visible record the role may not act on is forbidden, 403).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from patentshield.claims.model import Claim
from patentshield.claims.store import ClaimRepository
from patentshield.kernel.access import Permission, require
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.tenancy import scope_of


def claim_for(
    runtime: Runtime,
    session: Session,
    claim_id: str,
    permission: Permission,
    *,
    lock: bool = False,
) -> Claim:
    """Return the claim ``claim_id`` if the caller sees it, after checking ``permission``."""
    claim = ClaimRepository(session).get(claim_id, lock=lock, scope=scope_of(runtime.caller))
    require(runtime.caller, permission)
    return claim
