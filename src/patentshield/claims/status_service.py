"""Closing and reopening a claim: the moves of its state machine, each added to its history.

A claim is closed once it is settled — every invoice adjudicated, every adjudicated amount
paid — by ``claim close`` or by an outcome that ends the case
(:mod:`~patentshield.claims.outcome_service`); a closed claim is reopened for new invoices (an
appeal, a design-around …). The table and the guards are :mod:`~patentshield.claims.workflow`'s;
every move is recorded with its day, its reason and the time by the runtime's clock.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from patentshield.claims.ledger_store import LedgerRepository
from patentshield.claims.model import Claim, ClaimStatus, ClaimView
from patentshield.claims.scoping import claim_for
from patentshield.claims.store import ClaimRepository
from patentshield.claims.view_service import claim_view, view_reference
from patentshield.claims.workflow import MoveFacts, move
from patentshield.kernel.access import Permission, require
from patentshield.kernel.runtime import Runtime

SETTLED = "settled: every invoice adjudicated, every adjudicated amount paid"
REOPENED = "reopened for new invoices"


def move_claim(
    session: Session,
    claim: Claim,
    target: ClaimStatus,
    *,
    day: date,
    at: datetime,
    reason: str,
) -> Claim:
    """Move a claim (read locked) to ``target`` and record the move, in the caller's transaction.

    Raises
    ------
    InvalidTransition
        When the claim's state machine does not allow the move.
    RuleViolation
        When a guard refuses it: closing a claim with invoices not adjudicated or adjudicated
        amounts unpaid.
    """
    claims, ledger = ClaimRepository(session), LedgerRepository(session)
    adjudication = ledger.latest_adjudication(claim.id)
    decided = {line.expense_id for line in adjudication.lines} if adjudication else set()
    pending = sum(1 for expense in ledger.expenses(claim.id) if expense.id not in decided)
    last = claims.history(claim.id)[-1]
    moved, event = move(
        claim, last, target, day=day, at=at, reason=reason, facts=MoveFacts(pending)
    )
    claims.save(moved)
    claims.add_event(event)
    return moved


def _moved(
    runtime: Runtime, claim_id: str, target: ClaimStatus, day: date | None, reason: str
) -> ClaimView:
    reference = view_reference(runtime)
    with runtime.unit_of_work() as session:
        claim = claim_for(runtime, session, claim_id, Permission.CLAIMS_ADJUDICATE, lock=True)
        when, at = day or runtime.clock.today(), runtime.clock.now()
        move_claim(session, claim, target, day=when, at=at, reason=reason)
        return claim_view(session, claim_id, reference)


def close_claim(
    runtime: Runtime, claim_id: str, *, day: date | None = None, note: str = ""
) -> ClaimView:
    """Close an open claim whose invoices are all adjudicated and paid, on ``day`` (today).

    Raises
    ------
    InvalidTransition
        When the claim is not open.
    RuleViolation
        When adjudicated amounts are unpaid or invoices are not adjudicated yet.
    """
    require(runtime.caller, Permission.CLAIMS_ADJUDICATE)
    return _moved(runtime, claim_id, ClaimStatus.CLOSED, day, note.strip() or SETTLED)


def reopen_claim(
    runtime: Runtime, claim_id: str, *, day: date | None = None, note: str = ""
) -> ClaimView:
    """Reopen a closed claim for new invoices (an appeal, a design-around …) on ``day``.

    Raises
    ------
    InvalidTransition
        When the claim is not closed.
    """
    require(runtime.caller, Permission.CLAIMS_ADJUDICATE)
    return _moved(runtime, claim_id, ClaimStatus.OPEN, day, note.strip() or REOPENED)
