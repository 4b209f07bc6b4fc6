"""Policy use cases: bind a saved quote, show, list, cancel and renew policies.

:func:`bind_policy` reads the saved quote document, freezes the terms of the product version
the quote priced (:func:`patentshield.policies.terms.freeze_terms`), and saves the policy in one
transaction. A quote binds once (the ``quote_id`` column is unique, so two concurrent bindings
of one quote cannot both succeed). A renewal is a binding that names the policy it renews.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from patentshield.kernel.db import Database
from patentshield.kernel.errors import Conflict, InvalidInput, RuleViolation
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Money
from patentshield.policies import policy_store
from patentshield.policies.binding import (
    DEFAULT_PERIOD_MONTHS,
    Policy,
    check_bindable,
    check_cancel,
    check_renewal,
    policy_period,
    renewal_retroactive_date,
    retroactive_date,
)
from patentshield.policies.store import quote_document
from patentshield.policies.terms import DEFAULT_NOTICE_DAYS, freeze_terms
from patentshield.products.catalog import load_catalog


@dataclass(frozen=True, slots=True)
class BindRequest:
    """What binding a quote needs; ``start`` defaults to the quote date."""

    quote_id: str
    start: date | None = None
    months: int = DEFAULT_PERIOD_MONTHS
    notice_days: int = DEFAULT_NOTICE_DAYS
    number: str | None = None
    renews: str | None = None


def _money(document: dict[str, JsonValue], name: str) -> Money:
    value = document[name]
    if not isinstance(value, dict):
        raise InvalidInput("quote", f"the quote has no amount {name}")
    return Money.of(str(value["amount"]), str(value["currency"]))


def _product_fields(document: dict[str, JsonValue]) -> tuple[str, int]:
    product = document["product"]
    if not isinstance(product, dict):
        raise InvalidInput("quote", "the quote names no product")
    return str(product["id"]), int(str(product["version"]))


def _new_number(start: date) -> str:
    return f"PS-{start.year}-{uuid.uuid4().hex[:8].upper()}"


def build_policy(session: Session, request: BindRequest, *, now: datetime) -> Policy:
    """Build (without saving) the policy binding ``request.quote_id``."""
    document = quote_document(session, request.quote_id)
    enterprise_id = document.get("enterprise")
    if not isinstance(enterprise_id, str):
        raise RuleViolation(
            "the quote names no enterprise: quote with --enterprise before binding",
            field="quote",
        )
    quote_day = date.fromisoformat(str(document["date"]))
    start = request.start or quote_day
    check_bindable(quote_day, start)
    product_id, version = _product_fields(document)
    product = load_catalog().get(product_id, version=version)
    terms = freeze_terms(
        product,
        per_claim_limit=_money(document, "per_claim_limit"),
        aggregate_limit=_money(document, "aggregate_limit"),
        notice_days=request.notice_days,
    )
    begin, end = policy_period(start, request.months)
    retro = retroactive_date(begin, product.retroactive_years)
    renews = None
    if request.renews is not None:
        previous = policy_store.get_policy(session, request.renews)
        check_renewal(previous, enterprise_id, begin)
        if policy_store.renewal_of(session, previous.id) is not None:
            raise Conflict(f"policy {previous.number} is already renewed", field="renews")
        retro = renewal_retroactive_date(previous, retro)
        renews = previous.id
    programme = document.get("subsidy_programme")
    return Policy(
        id=f"p-{uuid.uuid4().hex[:12]}",
        number=request.number or _new_number(begin),
        quote_id=request.quote_id,
        enterprise_id=enterprise_id,
        insurer=product.insurer,
        plan=str(document["plan"]),
        period_start=begin,
        period_end=end,
        retroactive_date=retro,
        terms=terms,
        gross_premium=_money(document, "gross_premium"),
        subsidy=_money(document, "subsidy"),
        net_premium=_money(document, "net_premium"),
        subsidy_programme=programme if isinstance(programme, str) else None,
        bound_at=now,
        renews=renews,
    )


def bind_policy(database: Database, request: BindRequest, *, now: datetime) -> Policy:
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
    try:
        with database.unit_of_work() as session:
            bound = policy_store.policy_for_quote(session, request.quote_id)
            if bound is not None:
                raise Conflict(
                    f"quote {request.quote_id} is already bound as policy {bound.number}",
                    field="quote",
                )
            policy = build_policy(session, request, now=now)
            policy_store.add_policy(session, policy)
    except IntegrityError:
        raise Conflict(
            "a policy with this number, quote or renewal already exists", field="quote"
        ) from None
    return policy


def get_policy(database: Database, id_or_number: str) -> Policy:
    """Return one policy by id or number."""
    with database.unit_of_work() as session:
        return policy_store.get_policy(session, id_or_number)


def list_policies(database: Database, *, enterprise: str | None = None) -> list[Policy]:
    """Return the policies, latest period first, optionally of one enterprise."""
    with database.unit_of_work() as session:
        return policy_store.list_policies(session, enterprise_id=enterprise)


def cancel_policy(database: Database, id_or_number: str, *, day: date, reason: str) -> Policy:
    """Cancel a policy from ``day``.

    Raises
    ------
    InvalidTransition
        When the policy is already cancelled or expired on ``day``.
    """
    if not reason.strip():
        raise InvalidInput("reason", "say why the policy is cancelled")
    with database.unit_of_work() as session:
        policy = policy_store.get_policy(session, id_or_number)
        check_cancel(policy, day)
        return policy_store.cancel_policy(session, policy.id, day, reason.strip())
