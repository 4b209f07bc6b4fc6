"""Use cases of the subsidies capability: list programmes, check, grant, list grants, options.

Every use case takes the :class:`~patentshield.kernel.runtime.Runtime` first: the programmes
are the runtime's (shipped, or ``PATENTSHIELD_PROGRAMMES_FILE``), its clock stamps a grant.
:func:`best_subsidy` is the one building block other capabilities call inside their own unit
of work (a quote reads the ledger in the transaction that saves it).

:func:`grant_subsidy` is a money movement and runs in one transaction: it resolves the
applicant to its enterprise, locks the programme's and the enterprise's account rows for the
year, reads what was already granted, evaluates the programme on the profile's facts, writes
the grant and adds it to both totals. Retrying with the same idempotency key returns the grant
already made; the same key with a different request is a
:class:`~patentshield.kernel.errors.Conflict`. Concurrent grants are serialised by the locks.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from patentshield.catalog.model import ProductType
from patentshield.enterprises.service import get_enterprise
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import Conflict, RuleViolation
from patentshield.kernel.inputs import checked_idempotency_key
from patentshield.kernel.money import Currency, Money
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.tenancy import scope_of
from patentshield.subsidies import store
from patentshield.subsidies.applicants import resolved_request
from patentshield.subsidies.caps import applicable_year_cap
from patentshield.subsidies.catalog import Programmes, find_programme, programmes_on
from patentshield.subsidies.evaluate import evaluate
from patentshield.subsidies.model import (
    RATE_NOT_PUBLISHED,
    Applicant,
    Grant,
    GrantRequest,
    Programme,
    SubsidyDecision,
    SubsidyRequest,
)
from patentshield.subsidies.pilots import Pilots

__all__ = [
    "check_subsidy",
    "granted_total",
    "grant_subsidy",
    "granted_this_year",
    "list_grants",
    "programmes_in_force",
]


def programmes_in_force(
    runtime: Runtime, day: date, region_code: str | None = None
) -> list[Programme]:
    """Return the runtime's programme versions in force on ``day``, within a region if given."""
    require(runtime.caller, Permission.SUBSIDIES_READ)
    return programmes_on(day, region_code, runtime.reference.get(Programmes))


def check_subsidy(
    runtime: Runtime,
    programme_id: str,
    *,
    day: date,
    product_type: ProductType,
    premium: Money,
    applicant: Applicant | None = None,
    granted_this_year: Money | None = None,
    budget_used_this_year: Money | None = None,
    base_premium: Money | None = None,
    ip_rights: Sequence[str] = (),
) -> SubsidyDecision:
    """Evaluate one programme for one policy from the facts given, without the ledger.

    Facts not given (``None``) are assumed and the decision's trace says so.

    Raises
    ------
    NotFound
        For an unknown programme id.
    InvalidInput
        For a bad amount, or a missing base premium where the programme pays only it.
    """
    require(runtime.caller, Permission.SUBSIDIES_READ)
    programme = find_programme(programme_id, day, runtime.reference.get(Programmes))
    request = SubsidyRequest(
        programme=programme,
        product_type=product_type,
        premium=premium,
        day=day,
        applicant=applicant or Applicant(),
        base_premium=base_premium,
        granted_this_year=granted_this_year,
        budget_used_this_year=budget_used_this_year,
        ip_rights=tuple(ip_rights),
    )
    return evaluate(request)


def granted_total(
    session: Session, programme_id: str, applicant_id: str, year: int, year_cap_key: str | None
) -> Money:
    """Return what ``applicant_id`` was granted by a programme in ``year`` under one year cap."""
    total = store.applicant_total(session, programme_id, applicant_id, year, year_cap_key)
    return Money(total, Currency.CNY)


def granted_this_year(
    runtime: Runtime,
    programme_id: str,
    applicant_id: str,
    year: int,
    year_cap_key: str | None = None,
) -> Money:
    """Return what the programme granted the applicant in ``year`` (under one cap, if given).

    The applicant must be an enterprise the caller sees.
    """
    require(runtime.caller, Permission.SUBSIDIES_READ)
    scope = scope_of(runtime.caller)
    with runtime.unit_of_work() as session:
        if not scope.everything:
            applicant_id = get_enterprise(session, applicant_id, scope).id
        return granted_total(session, programme_id, applicant_id, year, year_cap_key)


def list_grants(
    runtime: Runtime,
    *,
    programme_id: str | None = None,
    applicant_id: str | None = None,
    year: int | None = None,
) -> list[Grant]:
    """Return the ledger's grants the caller sees, oldest first, filtered by the arguments given.

    A grant is seen with its applicant enterprise: an exporter's own, an administration's
    region's, an insurer's policyholders'.
    """
    require(runtime.caller, Permission.SUBSIDIES_READ)
    with runtime.unit_of_work() as session:
        return store.list_grants(
            session,
            programme_id=programme_id,
            applicant_id=applicant_id,
            year=year,
            scope=scope_of(runtime.caller),
        )


def _ledger_request(
    session: Session, programme: Programme, request: GrantRequest, accounts: store.LockedAccounts
) -> SubsidyRequest:
    return SubsidyRequest(
        programme=programme,
        product_type=request.product_type,
        premium=request.premium,
        day=request.day,
        applicant=request.applicant,
        base_premium=request.base_premium,
        granted_this_year=accounts.granted,
        budget_used_this_year=accounts.budget_used,
        ip_rights=request.ip_rights,
        already_subsidised=store.subsidised_pairs(
            session, programme.id, request.product_type, request.ip_rights
        ),
        other_bodies_granted=request.other_bodies_granted,
    )


def _replay(session: Session, key: str, request: GrantRequest) -> Grant | None:
    found = store.grant_by_key(session, key)
    if found is None:
        return None
    grant, fingerprint = found
    if fingerprint != request.fingerprint():
        raise Conflict(
            f"idempotency key {key!r} was used for a different request (grant {grant.id})",
            field="idempotency_key",
        )
    return grant


def _refuse_unless_granted(decision: SubsidyDecision) -> None:
    if decision.eligible and not decision.amount.is_zero():
        return
    if not decision.rate_published:
        reason = f"{RATE_NOT_PUBLISHED}: no source shows the programme's rate"
    elif decision.eligible:
        reason = "every applicable cap is used up: " + "; ".join(
            line for line in decision.explanation if line.endswith("binding")
        )
    else:
        reason = "not eligible: " + "; ".join(decision.refusals)
    raise RuleViolation(
        f"{decision.programme_id} grants nothing, so nothing was recorded; {reason}",
        field="programme",
        message_id="refusal.grants_nothing",
    )


def _new_grant(
    request: GrantRequest,
    decision: SubsidyDecision,
    key: str,
    programme: Programme,
    *,
    now: datetime,
) -> Grant:
    return Grant(
        id=uuid.uuid4().hex,
        idempotency_key=key,
        programme_id=programme.id,
        programme_version=programme.version,
        applicant_id=request.applicant_id,
        year=request.day.year,
        day=request.day,
        product_type=request.product_type,
        reference=request.reference,
        ip_rights=request.ip_rights,
        premium=request.premium,
        amount=decision.amount,
        year_cap_key=decision.year_cap_key,
        created_at=now,
        explanation=decision.explanation,
        warnings=decision.warnings,
    )


def grant_subsidy(runtime: Runtime, request: GrantRequest, *, idempotency_key: str) -> Grant:
    """Evaluate ``request`` against the ledger and record the grant, in one transaction.

    Returns the new grant, or the grant already recorded under ``idempotency_key`` for the
    same request.

    Raises
    ------
    Conflict
        When the key was used for a different request, or a concurrent grant claimed one of
        the policy's IP rights first.
    RuleViolation
        When the programme grants nothing (not eligible, or every cap used up); nothing is
        written.
    NotFound, InvalidInput
        For an unknown programme or applicant (:mod:`~.applicants`), or bad input.
    """
    key = checked_idempotency_key(idempotency_key)
    require(runtime.caller, Permission.SUBSIDIES_GRANT)
    programme = find_programme(request.programme_id, request.day, runtime.reference.get(Programmes))
    with runtime.unit_of_work() as session:
        return grant_in(session, programme, request, key, runtime)


def grant_in(
    session: Session, programme: Programme, request: GrantRequest, key: str, runtime: Runtime
) -> Grant:
    """Record a grant in the caller's transaction (an approved application's, for one).

    The applicant must be an enterprise the runtime's caller sees; the caps and the
    idempotency key are as :func:`grant_subsidy`'s.
    """
    resolved = resolved_request(session, request, scope_of(runtime.caller))
    return _record(
        session, programme, resolved, checked_idempotency_key(key), now=runtime.clock.now()
    )


def _record(
    session: Session, programme: Programme, request: GrantRequest, key: str, *, now: datetime
) -> Grant:
    choice = applicable_year_cap(programme, request.product_type, request.applicant.flags)
    accounts = store.lock_accounts(
        session, programme.id, request.applicant_id, request.day.year, choice.key
    )
    replayed = _replay(session, key, request)
    if replayed is not None:
        return replayed
    decision = evaluate(_ledger_request(session, programme, request, accounts))
    _refuse_unless_granted(decision)
    grant = _new_grant(request, decision, key, programme, now=now)
    one_per_right = programme.one_per_ip_right_per_product_type
    try:
        store.add_grant(
            session,
            grant,
            fingerprint=request.fingerprint(),
            accounts=accounts,
            claimed_rights=decision.subsidised_ip_rights if one_per_right else (),
        )
    except IntegrityError:
        raise Conflict(
            "a concurrent request recorded the same idempotency key or IP right first; "
            "retry with the same key",
            field="idempotency_key",
        ) from None
    return grant


def programme_version(runtime: Runtime, programme_id: str, day: date) -> Programme:
    """Return the version of a programme in force on ``day`` (else the nearest one).

    Raises
    ------
    NotFound
        For an unknown programme id.
    """
    require(runtime.caller, Permission.SUBSIDIES_READ)
    return find_programme(programme_id, day, runtime.reference.get(Programmes))


def pilot_regions(runtime: Runtime) -> Pilots:
    """Return the pilot regions of the national programme and its milestones."""
    require(runtime.caller, Permission.SUBSIDIES_READ)
    return runtime.reference.get(Pilots)
