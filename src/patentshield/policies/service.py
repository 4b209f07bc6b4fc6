"""Policy use cases: bind a saved quote, show, list, cancel and renew policies.

:func:`bind_policy` reads the saved :class:`~patentshield.quotes.model.Quote`, freezes the
terms of the product version the quote priced (taken from the runtime's catalog;
:func:`patentshield.policies.terms.freeze_terms`), and saves the policy in one transaction,
stamped by the runtime's clock. A quote binds once (the ``quote_id`` column is unique, so two
concurrent bindings of one quote cannot both succeed). A renewal is a binding that names the
policy it renews.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from patentshield.catalog.loader import Catalog
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import Conflict, InvalidInput, RuleViolation
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.tenancy import EVERYTHING, Scope, scope_of
from patentshield.policies import store as policy_store
from patentshield.policies.binding import (
    DEFAULT_PERIOD_MONTHS,
    check_bindable,
    check_cancel,
    check_renewal,
    policy_period,
    renewal_retroactive_date,
    retroactive_date,
)
from patentshield.policies.model import Policy
from patentshield.policies.terms import DEFAULT_NOTICE_DAYS, freeze_terms
from patentshield.quotes.store import get_quote


@dataclass(frozen=True, slots=True)
class BindRequest:
    """What binding a quote needs; ``start`` defaults to the quote date."""

    quote_id: str
    start: date | None = None
    months: int = DEFAULT_PERIOD_MONTHS
    notice_days: int = DEFAULT_NOTICE_DAYS
    number: str | None = None
    renews: str | None = None


def _new_number(start: date) -> str:
    return f"PS-{start.year}-{uuid.uuid4().hex[:8].upper()}"


def _renewal(
    session: Session,
    request: BindRequest,
    enterprise_id: str,
    begin: date,
    retro: date | None,
    scope: Scope = EVERYTHING,
) -> tuple[str | None, date | None]:
    """Return the id of the policy renewed and the retroactive date of the chain."""
    if request.renews is None:
        return None, retro
    previous = policy_store.get_policy(session, request.renews, scope)
    check_renewal(previous, enterprise_id, begin)
    if policy_store.renewal_of(session, previous.id) is not None:
        raise Conflict(f"policy {previous.number} is already renewed", field="renews")
    return previous.id, renewal_retroactive_date(previous, retro)


def build_policy(runtime: Runtime, session: Session, request: BindRequest) -> Policy:
    """Build (without saving) the policy binding ``request.quote_id`` (one the caller sees)."""
    scope = scope_of(runtime.caller)
    quote = get_quote(session, request.quote_id, scope)
    if quote.enterprise_id is None:
        raise RuleViolation(
            "the quote names no enterprise: quote with --enterprise before binding",
            field="quote",
            message_id="refusal.quote_no_enterprise",
        )
    start = request.start or quote.day
    check_bindable(quote.day, start)
    catalog = runtime.reference.get(Catalog)
    product = catalog.get(quote.product_id, version=quote.product_version)
    terms = freeze_terms(
        product,
        per_claim_limit=quote.per_claim_limit,
        aggregate_limit=quote.aggregate_limit,
        notice_days=request.notice_days,
    )
    begin, end = policy_period(start, request.months)
    retro = retroactive_date(begin, product.retroactive_years)
    renews, retro = _renewal(session, request, quote.enterprise_id, begin, retro, scope)
    return Policy(
        id=f"p-{uuid.uuid4().hex[:12]}",
        number=request.number or _new_number(begin),
        quote_id=quote.id,
        enterprise_id=quote.enterprise_id,
        insurer=product.insurer,
        plan=quote.plan,
        period_start=begin,
        period_end=end,
        retroactive_date=retro,
        terms=terms,
        gross_premium=quote.gross_premium,
        subsidy=quote.subsidy.amount.rounded(),
        net_premium=quote.net_premium,
        subsidy_programme=quote.subsidy.programme_id,
        bound_at=runtime.clock.now(),
        renews=renews,
    )


def bind_policy(runtime: Runtime, request: BindRequest) -> Policy:
    """Bind a saved quote into a policy and save it.

    Raises
    ------
    NotFound
        For an unknown quote (or renewed policy).
    RuleViolation
        When the quote names no enterprise, the period does not fit the quote date, or a
        renewal does not follow on.
    Conflict
        When the quote is already bound, the number is taken, or the policy already renewed.
    """
    require(runtime.caller, Permission.POLICIES_BIND)
    try:
        with runtime.unit_of_work() as session:
            bound = policy_store.policy_for_quote(session, request.quote_id)
            if bound is not None:
                raise Conflict(
                    f"quote {request.quote_id} is already bound as policy {bound.number}",
                    field="quote",
                    message_id="refusal.quote_bound",
                    params={"policy": bound.number},
                )
            policy = build_policy(runtime, session, request)
            policy_store.add_policy(session, policy)
    except IntegrityError:
        raise Conflict(
            "a policy with this number, quote or renewal already exists", field="quote"
        ) from None
    return policy


def get_policy(runtime: Runtime, id_or_number: str) -> Policy:
    """Return one policy the caller sees, by id or number (another tenant's is not found)."""
    with runtime.unit_of_work() as session:
        found = policy_store.get_policy(session, id_or_number, scope_of(runtime.caller))
    require(runtime.caller, Permission.POLICIES_READ)
    return found


def list_policies(runtime: Runtime, *, enterprise: str | None = None) -> list[Policy]:
    """Return the policies the caller sees, latest period first, optionally of one enterprise."""
    require(runtime.caller, Permission.POLICIES_READ)
    with runtime.unit_of_work() as session:
        return policy_store.list_policies(
            session, enterprise_id=enterprise, scope=scope_of(runtime.caller)
        )


def cancel_policy(runtime: Runtime, id_or_number: str, *, day: date, reason: str) -> Policy:
    """Cancel a policy from ``day``.

    Raises
    ------
    InvalidTransition
        When the policy is already cancelled or expired on ``day``.
    """
    if not reason.strip():
        raise InvalidInput("reason", "say why the policy is cancelled")
    scope = scope_of(runtime.caller)
    with runtime.unit_of_work() as session:
        policy = policy_store.get_policy(session, id_or_number, scope)
        require(runtime.caller, Permission.POLICIES_WRITE)
        check_cancel(policy, day)
        return policy_store.cancel_policy(session, policy.id, day, reason.strip())
