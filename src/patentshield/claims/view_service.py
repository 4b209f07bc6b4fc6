"""Claims as read: a claim with its ledger, payments, reserve, history and consents to settle.

The reserve of an open claim (:mod:`~patentshield.claims.reserve`) takes the cost to come from
the risk engine's cost model with the runtime's parameters, and counts the insured's US sales at
the runtime's USD/CNY rate of the policy start (:class:`ViewReference`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from patentshield.cases import store as case_store
from patentshield.claims.ledger_store import LedgerRepository
from patentshield.claims.model import Adjudication, Claim, ClaimStatus, ClaimView
from patentshield.claims.reserve import (
    EngineCostModel,
    Reserve,
    ReserveFacts,
    claim_reserve,
    sub_limits_used,
)
from patentshield.claims.scoping import claim_for
from patentshield.claims.settlement_store import settlement_consents
from patentshield.claims.store import ClaimRepository
from patentshield.enterprises.service import get_enterprise
from patentshield.kernel.access import Permission, require
from patentshield.kernel.fx import FxTable
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.tenancy import scope_of
from patentshield.policies import store as policy_store
from patentshield.policies.model import Policy
from patentshield.risk.parameters import Parameters


@dataclass(frozen=True, slots=True)
class ViewReference:
    """The reference data a claim view needs: the USD/CNY table and the risk parameters."""

    fx: FxTable
    parameters: Parameters


def view_reference(runtime: Runtime) -> ViewReference:
    """Return the runtime's reference data for claim views."""
    return ViewReference(runtime.reference.get(FxTable), runtime.reference.get(Parameters))


def _reserve(
    session: Session,
    claim: Claim,
    policy: Policy,
    adjudication: Adjudication | None,
    reference: ViewReference,
) -> Reserve | None:
    if claim.status is not ClaimStatus.OPEN:
        return None
    case = case_store.get_case(session, claim.case_id)
    enterprise = get_enterprise(session, claim.respondent)
    currency = policy.terms.currency
    account = ClaimRepository(session).account(policy.number)
    rate, _warnings = reference.fx.usd_cny(policy.period_start)
    lines = adjudication.lines if adjudication else ()
    facts = ReserveFacts(
        state=case.state,
        stake=enterprise.total_us_sales(),
        fx=rate,
        adjudicated=claim.adjudicated,
        paid=claim.paid,
        eligible_so_far=adjudication.eligible if adjudication else Money.zero(currency),
        policy_adjudicated=account.adjudicated if account else Money.zero(currency),
        sub_limits_used=sub_limits_used(
            policy.terms, tuple((line.category, line.eligible, line.payable) for line in lines)
        ),
    )
    return claim_reserve(policy.terms, facts, EngineCostModel(reference.parameters))


def claim_view(session: Session, claim_id: str, reference: ViewReference) -> ClaimView:
    """Return a claim with everything about it (in the caller's transaction)."""
    claims, ledger = ClaimRepository(session), LedgerRepository(session)
    claim = claims.get(claim_id)
    policy = policy_store.get_policy(session, claim.policy_number)
    adjudication = ledger.latest_adjudication(claim.id)
    return ClaimView(
        claim=claim,
        policy=policy,
        expenses=tuple(ledger.expenses(claim.id)),
        adjudication=adjudication,
        payments=tuple(ledger.payments(claim.id)),
        reserve=_reserve(session, claim, policy, adjudication, reference),
        history=tuple(claims.history(claim.id)),
        settlement_consents=tuple(settlement_consents(session, claim.id)),
    )


def show_claim(runtime: Runtime, claim_id: str) -> ClaimView:
    """Return a claim with its ledger, adjudication, payments and reserve."""
    reference = view_reference(runtime)
    with runtime.unit_of_work() as session:
        claim_for(runtime, session, claim_id, Permission.CLAIMS_READ)
        return claim_view(session, claim_id, reference)


def list_claims(
    runtime: Runtime, *, policy: str | None = None, case: str | None = None
) -> list[ClaimView]:
    """Return the claims of a policy or a case (or all), oldest notice first."""
    require(runtime.caller, Permission.CLAIMS_READ)
    reference = view_reference(runtime)
    scope = scope_of(runtime.caller)
    with runtime.unit_of_work() as session:
        number = policy_store.get_policy(session, policy, scope).number if policy else None
        case_id = case_store.get_case(session, case, scope=scope).id if case else None
        claims = ClaimRepository(session).matching(
            policy_number=number, case_id=case_id, scope=scope
        )
        return [claim_view(session, claim.id, reference) for claim in claims]
