"""Recording how a case ends: the outcome, the case's move, and each claim closed or reserved.

One transaction: the outcome, the case's move to the outcome's state (checked by the case state
machine; only for an outcome of the whole investigation, not one respondent's) and, for an
outcome that ends the defence, every open claim it concerns (the respondent's, or all the
case's) closed when it is settled (all invoices adjudicated, all adjudicated amounts paid) or
left open with its reserve.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import date

from sqlalchemy.orm import Session

from patentshield.cases import service as cases
from patentshield.cases.model import Case
from patentshield.cases.service import case_for
from patentshield.claims.model import Claim, ClaimStatus
from patentshield.claims.outcome_store import OutcomeRepository
from patentshield.claims.outcomes import (
    ENDING,
    STATE_OF_OUTCOME,
    ClaimAfterOutcome,
    Order,
    Outcome,
    OutcomeFacts,
    OutcomeKind,
    OutcomeResult,
    check_orders,
)
from patentshield.claims.status_service import SETTLED, move_claim
from patentshield.claims.store import ClaimRepository
from patentshield.claims.view_service import ViewReference, claim_view, view_reference
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import RuleViolation
from patentshield.kernel.runtime import Runtime


def _after(
    session: Session, outcome: Outcome, claim: Claim, reference: ViewReference
) -> ClaimAfterOutcome:
    """Close a claim the outcome ends when it is settled; else say why it stays open."""
    if outcome.kind not in ENDING or claim.status is not ClaimStatus.OPEN:
        return ClaimAfterOutcome(claim.id, claim.respondent, claim.status, None)
    locked = ClaimRepository(session).get(claim.id, lock=True)
    reason = f"{outcome.kind.value} recorded; {SETTLED}"
    try:
        with session.begin_nested():
            closed = move_claim(
                session,
                locked,
                ClaimStatus.CLOSED,
                day=outcome.day,
                at=outcome.recorded_at,
                reason=reason,
            )
    except RuleViolation as error:
        reserve = claim_view(session, claim.id, reference).reserve
        return ClaimAfterOutcome(
            claim.id, claim.respondent, ClaimStatus.OPEN, reserve, error.message
        )
    return ClaimAfterOutcome(claim.id, claim.respondent, closed.status, None)


def _moved(session: Session, case: Case, outcome: Outcome) -> Case:
    target = STATE_OF_OUTCOME[outcome.kind]
    if target is None or target is case.state or outcome.respondent is not None:
        return case
    note = f"{outcome.kind.value}: {outcome.note}".strip(": ")
    return cases.advance_in(
        session, case.id, target, day=outcome.day, note=note, now=outcome.recorded_at
    )


def record_outcome(
    runtime: Runtime,
    case_ref: str,
    kind: OutcomeKind,
    *,
    day: date,
    orders: Collection[Order] = (),
    wilful: bool = False,
    note: str = "",
    respondent: str | None = None,
    final: bool = False,
) -> OutcomeResult:
    """Record an outcome, move the case, and close or reserve the claims it concerns.

    An outcome naming a ``respondent`` ends that respondent's part only: the case does not move
    and only its claim is closed or reserved.
    """
    require(runtime.caller, Permission.CASES_WRITE)
    check_orders(kind, OutcomeFacts(orders, wilful, final, respondent))
    reference = view_reference(runtime)
    with runtime.unit_of_work() as session:
        case = case_for(runtime, session, case_ref, Permission.CLAIMS_ADJUDICATE, lock=True)
        key = None if respondent is None else cases.respondent_key(case, respondent)
        outcome = Outcome(
            id=f"oc-{uuid.uuid4().hex[:12]}",
            case_id=case.id,
            kind=kind,
            day=day,
            orders=tuple(sorted(set(orders))),
            wilful_infringement=wilful,
            note=note,
            recorded_at=runtime.clock.now(),
            respondent=key,
            final=final,
        )
        case = _moved(session, case, outcome)
        OutcomeRepository(session).add(outcome)
        results = tuple(
            _after(session, outcome, claim, reference) for claim in _concerned(session, outcome)
        )
        return OutcomeResult(outcome, case, results)


def _concerned(session: Session, outcome: Outcome) -> list[Claim]:
    """Return the claims an outcome concerns: its respondent's, or every claim of the case."""
    claims = ClaimRepository(session).matching(case_id=outcome.case_id)
    return [c for c in claims if outcome.respondent in (None, c.respondent)]
