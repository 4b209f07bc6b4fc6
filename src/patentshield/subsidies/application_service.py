"""Use cases of subsidy applications: apply, decide (approve or reject), withdraw, list, show.

* :func:`apply` — an exporter (or the platform for it) applies for a programme's subsidy on a
  quote or policy of its own enterprise; the programme must be in force on the premium date
  and cover the enterprise's region; one open application per programme and quote or policy.
* :func:`decide` — a programme officer of an administration whose region covers the
  programme approves (the grant is recorded through the grant service, under the caps and
  with the idempotency key, in the same transaction as the decision: a grant refused by a cap
  leaves the application submitted) or rejects with a reason. The application row is locked
  first, so concurrent decisions are serialised; a repeated approval with the same key returns
  the decision already recorded.
* :func:`withdraw` — the applicant takes back an application not decided yet.
* :func:`applications` / :func:`application` — scoped by tenancy: the exporter sees its
  enterprises' applications with their decision and reason, an administration those of its
  region, the platform all; another tenant's application is not found.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session

from patentshield.enterprises.service import get_enterprise
from patentshield.kernel.access import Caller, Permission, require
from patentshield.kernel.errors import Conflict, Forbidden, InvalidInput, RuleViolation
from patentshield.kernel.inputs import checked_idempotency_key
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.tenancy import scope_of
from patentshield.subsidies import application_store as store
from patentshield.subsidies.application_store import ApplicationFilter, PremiumBasis
from patentshield.subsidies.applications import (
    Application,
    ApplicationStatus,
    Decision,
    check_move,
    is_replay,
    move,
)
from patentshield.subsidies.catalog import Programmes, find_programme
from patentshield.subsidies.model import Applicant, GrantRequest, Programme
from patentshield.subsidies.service import grant_in

__all__ = ["application", "applications", "apply", "decide", "withdraw"]

MAX_NOTE_LENGTH = 2000


def _actor(caller: Caller | None) -> str:
    return "cli:operator" if caller is None else caller.email


def _programme(runtime: Runtime, programme_id: str, day: date) -> Programme:
    programme = find_programme(programme_id, day, runtime.reference.get(Programmes))
    if not programme.is_valid_on(day):
        raise RuleViolation(
            f"{programme.id} is not in force on the premium date {day}",
            field="programme",
            message_id="refusal.programme_not_in_force",
            params={"day": day},
        )
    return programme


def apply(
    runtime: Runtime,
    programme_id: str,
    *,
    quote_id: str | None = None,
    policy: str | None = None,
    note: str = "",
) -> Application:
    """Apply for ``programme_id``'s subsidy on a quote (by id) or a policy (id or number).

    Raises
    ------
    InvalidInput
        When neither or both of a quote and a policy are given, the note is too long, or the
        programme does not cover the enterprise's region.
    NotFound
        For a quote, policy or programme the caller does not see.
    RuleViolation
        When the quote names no enterprise or the programme is not in force that day.
    Conflict
        When the quote or policy already has an open application to the programme.
    """
    require(runtime.caller, Permission.SUBSIDIES_APPLY)
    if (quote_id is None) == (policy is None):
        raise InvalidInput("quote", "give either a quote or a policy")
    if len(note) > MAX_NOTE_LENGTH:
        raise InvalidInput("note", f"must have at most {MAX_NOTE_LENGTH} characters")
    scope = scope_of(runtime.caller)
    with runtime.unit_of_work() as session:
        basis = store.premium_basis(session, quote_id=quote_id, policy=policy, scope=scope)
        if basis.enterprise_id is None:
            raise RuleViolation(
                "the quote names no enterprise: quote with --enterprise",
                field="quote",
                message_id="refusal.quote_no_enterprise",
            )
        made = _new_application(runtime, session, programme_id, basis, note)
        store.add_application(session, made)
    return made


def _new_application(
    runtime: Runtime, session: Session, programme_id: str, basis: PremiumBasis, note: str
) -> Application:
    """Return the application on ``basis``, checked against the programme and open ones."""
    assert basis.enterprise_id is not None  # checked by apply
    enterprise = get_enterprise(session, basis.enterprise_id, scope_of(runtime.caller))
    programme = _programme(runtime, programme_id, basis.day)
    if not enterprise.region.code.startswith(programme.region_code):
        raise InvalidInput(
            "programme",
            f"{programme.id} covers region {programme.region_code}, not "
            f"{enterprise.region.code} of {enterprise.id}",
            message_id="refusal.programme_region",
            params={"covered": programme.region_code, "region": enterprise.region.code},
        )
    held = store.open_application(session, programme.id, basis.reference)
    if held is not None:
        raise Conflict(
            f"{basis.reference} already has application {held} to {programme.id}",
            field="programme",
            message_id="refusal.application_open",
            params={"reference": basis.reference},
        )
    return Application(
        id=uuid.uuid4().hex,
        programme_id=programme.id,
        enterprise_id=enterprise.id,
        region_code=enterprise.region.code,
        reference=basis.reference,
        quote_id=basis.quote_id,
        policy_id=basis.policy_id,
        product_type=basis.product_type,
        premium=basis.premium,
        premium_date=basis.day,
        status=ApplicationStatus.SUBMITTED,
        organisation_id=None if runtime.caller is None else runtime.caller.organisation_id,
        submitted_by=_actor(runtime.caller),
        submitted_at=runtime.clock.now(),
        note=note.strip(),
    )


def _require_covering_officer(caller: Caller | None, programme: Programme) -> None:
    """Refuse a decision by anyone but the platform or an administration covering the programme."""
    require(caller, Permission.SUBSIDIES_DECIDE)
    scope = scope_of(caller)
    if scope.everything:
        return
    if not scope.covers_region(programme.region_code):
        raise Forbidden(
            Permission.SUBSIDIES_DECIDE.value,
            f"{programme.id} (region {programme.region_code}) is not your administration's",
        )


def _approval(
    runtime: Runtime,
    session: Session,
    found: Application,
    programme: Programme,
    *,
    reason: str,
    key: str,
) -> Decision:
    """Record the grant of an approved application and return the decision naming it."""
    enterprise = get_enterprise(session, found.enterprise_id)
    request = GrantRequest(
        programme_id=programme.id,
        applicant=Applicant(id=found.enterprise_id),
        product_type=found.product_type,
        premium=found.premium,
        day=found.premium_date,
        reference=found.reference,
        ip_rights=enterprise.patent_numbers(),
    )
    grant = grant_in(session, programme, request, key, runtime)
    return Decision(
        _actor(runtime.caller), runtime.clock.now(), reason, grant.id, grant.amount, key
    )


def decide(
    runtime: Runtime,
    application_id: str,
    *,
    approve: bool,
    reason: str = "",
    idempotency_key: str,
) -> Application:
    """Approve (recording the grant) or reject (with a reason) a submitted application.

    Raises
    ------
    NotFound
        For an application the caller does not see.
    Forbidden
        When the caller may not decide, or its region does not cover the programme.
    InvalidTransition
        When the application is already decided or withdrawn (a repeated approval with the
        same key returns the application instead).
    RuleViolation
        When the programme grants nothing (not eligible, or a cap used up): nothing changes.
    InvalidInput
        For a rejection without a reason, or a bad key.
    """
    target = ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
    key = checked_idempotency_key(idempotency_key)
    with runtime.unit_of_work() as session:
        found = store.get_application(
            session, application_id, scope=scope_of(runtime.caller), lock=True
        )
        programme = find_programme(
            found.programme_id, found.premium_date, runtime.reference.get(Programmes)
        )
        _require_covering_officer(runtime.caller, programme)
        if is_replay(found, target, key):
            return found
        check_move(found, target)  # before any grant is recorded
        if approve:
            decision = _approval(runtime, session, found, programme, reason=reason, key=key)
        else:
            decision = Decision(_actor(runtime.caller), runtime.clock.now(), reason, key=key)
        decided = move(found, target, decision)
        store.save_decision(session, decided)
    return decided


def withdraw(runtime: Runtime, application_id: str, *, reason: str = "") -> Application:
    """Withdraw a submitted application (its applicant, or the platform).

    Raises
    ------
    NotFound
        For an application the caller does not see.
    Forbidden
        When the caller may not apply (an administration cannot withdraw for the exporter).
    InvalidTransition
        When the application is decided or withdrawn already.
    """
    with runtime.unit_of_work() as session:
        found = store.get_application(
            session, application_id, scope=scope_of(runtime.caller), lock=True
        )
        require(runtime.caller, Permission.SUBSIDIES_APPLY)
        decision = Decision(_actor(runtime.caller), runtime.clock.now(), reason)
        decided = move(found, ApplicationStatus.WITHDRAWN, decision)
        store.save_decision(session, decided)
    return decided


def applications(runtime: Runtime, filters: ApplicationFilter | None = None) -> list[Application]:
    """Return the applications the caller sees that match ``filters``, newest first."""
    require(runtime.caller, Permission.SUBSIDIES_READ)
    with runtime.unit_of_work() as session:
        return store.list_applications(
            session, filters or ApplicationFilter(), scope=scope_of(runtime.caller)
        )


def application(runtime: Runtime, application_id: str) -> Application:
    """Return one application the caller sees, with its decision and reason."""
    with runtime.unit_of_work() as session:
        found = store.get_application(session, application_id, scope=scope_of(runtime.caller))
    require(runtime.caller, Permission.SUBSIDIES_READ)
    return found
