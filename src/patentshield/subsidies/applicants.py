"""Who a grant is for: the applicant resolved to one enterprise, with its profile's facts.

A subsidy cap belongs to the enterprise, however its id is spelled (DESIGN.md §5): a grant's
``--applicant`` is resolved to one enterprise of the register, by id (in any case, blanks
trimmed) or unified social credit code, and the ledger keeps its totals under that
enterprise's id. The region, industries and flags the evaluation needs are the profile's —
never "assumed" when the profile holds them. Facts given with the request must agree with the
profile: a Shenzhen grant for a Ningbo firm is refused, not assumed eligible.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from patentshield.enterprises.service import get_enterprise
from patentshield.kernel.errors import InvalidInput, NotFound
from patentshield.kernel.tenancy import EVERYTHING, Scope
from patentshield.subsidies.choice import applicant_of
from patentshield.subsidies.model import Applicant, GrantRequest


def resolved_request(
    session: Session, request: GrantRequest, scope: Scope = EVERYTHING
) -> GrantRequest:
    """Return ``request`` for the enterprise its applicant names, with the profile's facts.

    Raises
    ------
    NotFound
        When no enterprise has the applicant's id or credit code (field ``applicant``), or
        ``scope`` does not see it.
    InvalidInput
        When a region, industry or flag given with the request contradicts the profile.
    """
    try:
        enterprise = get_enterprise(session, request.applicant_id, scope)
    except NotFound:
        raise NotFound(
            f"no enterprise has the id or credit code {request.applicant_id!r}; import its "
            "profile first (patentshield enterprise import): a grant's cap is the enterprise's",
            field="applicant",
        ) from None
    profile = applicant_of(enterprise, enterprise.region.code)
    _refuse_contradictions(request.applicant, profile)
    return replace(request, applicant=profile)


def _refuse_contradictions(given: Applicant, profile: Applicant) -> None:
    """Refuse facts given with a grant that the enterprise's profile does not hold."""
    code = profile.region_code or ""
    if given.region_code is not None and not code.startswith(given.region_code):
        raise InvalidInput(
            "region",
            f"{given.region_code} is not the region of {profile.id}: its profile says {code}",
        )
    for field, stated, held in (
        ("industry", given.industries, profile.industries),
        ("flag", given.flags, profile.flags),
    ):
        missing = sorted((stated or frozenset()) - (held or frozenset()))
        if missing:
            known = ", ".join(sorted(held or ())) or "none"
            raise InvalidInput(
                field,
                f"{', '.join(missing)}: not in the profile of {profile.id} (it holds {known})",
            )
