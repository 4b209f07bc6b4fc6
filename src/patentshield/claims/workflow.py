"""The claim as a state machine: its states, the transition table, the guards and the history.

A notice opens a claim (``open``) or declines it (``declined``, :mod:`~patentshield.claims.notice`
decides); an open claim is *closed* once it is settled — every invoice adjudicated, every
adjudicated amount paid (:func:`check_settled`) — by ``claim close`` or by an outcome that ends
the case; a closed claim is *reopened* for new invoices (an appeal, a design-around …), which
counts in ``Claim.reopened``. A declined claim moves no more: only an open claim takes invoices.

Every move is checked against :data:`TRANSITIONS` (an illegal one raises
:class:`~patentshield.kernel.errors.InvalidTransition`), then against the move's guard in
:data:`GUARDS`, and yields a :class:`~patentshield.claims.model.StatusEvent`, numbered after
the claim's last one: the history starts with the notice (from ``None``).

This module is pure: no I/O, no database, no clock (``day`` and ``at`` are parameters).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from patentshield.claims.model import Claim, ClaimStatus, StatusEvent
from patentshield.claims.notice import DECLINING
from patentshield.kernel.errors import InvalidTransition, RuleViolation

OPENING: frozenset[ClaimStatus] = frozenset({ClaimStatus.OPEN, ClaimStatus.DECLINED})
"""The statuses a notice gives a new claim."""

TRANSITIONS: Mapping[ClaimStatus, frozenset[ClaimStatus]] = {
    ClaimStatus.OPEN: frozenset({ClaimStatus.CLOSED}),
    ClaimStatus.CLOSED: frozenset({ClaimStatus.OPEN}),
    ClaimStatus.DECLINED: frozenset(),
}
"""Allowed moves: ``TRANSITIONS[current]`` is the set of statuses a claim may move to next."""


@dataclass(frozen=True, slots=True)
class MoveFacts:
    """What a move's guard looks at besides the claim: invoices not adjudicated yet."""

    invoices_not_adjudicated: int = 0


def check_settled(claim: Claim, facts: MoveFacts) -> None:
    """Refuse to close a claim with invoices not adjudicated or adjudicated amounts unpaid.

    Raises
    ------
    RuleViolation
        When the claim is not settled.
    """
    if facts.invoices_not_adjudicated:
        raise RuleViolation(f"claim {claim.id} has invoices not adjudicated", field="claim")
    if claim.paid < claim.adjudicated:
        raise RuleViolation(f"claim {claim.id} has adjudicated amounts unpaid", field="claim")


Guard = Callable[[Claim, MoveFacts], None]

GUARDS: Mapping[tuple[ClaimStatus, ClaimStatus], Guard] = {
    (ClaimStatus.OPEN, ClaimStatus.CLOSED): check_settled,
}
"""The guard of each move that has one; a move without a guard needs only the table."""


def check_move(claim: Claim, target: ClaimStatus) -> None:
    """Refuse a move the transition table does not allow.

    Raises
    ------
    InvalidTransition
        When ``target`` is not in ``TRANSITIONS[claim.status]``; the message lists the allowed
        moves.
    """
    allowed = TRANSITIONS[claim.status]
    if target not in allowed:
        listed = ", ".join(sorted(allowed)) or "none (a declined claim moves no more)"
        raise InvalidTransition(
            f"claim {claim.id} is {claim.status}: it cannot become {target}; allowed: {listed}",
            message_id=f"refusal.claim_{claim.status.value}",
            field="claim",
        )


def check_takes_invoices(claim: Claim) -> None:
    """Refuse invoices on a claim that is not open.

    Raises
    ------
    InvalidTransition
        When the claim is closed (reopen it first) or declined.
    """
    if claim.status is ClaimStatus.CLOSED:
        raise InvalidTransition(f"claim {claim.id} is closed: reopen it first", field="claim")
    if claim.status is not ClaimStatus.OPEN:
        raise InvalidTransition(
            f"claim {claim.id} is {claim.status}: it takes no invoices", field="claim"
        )


def opening(claim: Claim, *, at: datetime) -> StatusEvent:
    """Return the first event of a newly notified claim: its notice, accepted or declined.

    Raises
    ------
    InvalidTransition
        When the claim's status is not one a notice gives.
    """
    if claim.status not in OPENING:
        raise InvalidTransition(f"a notice cannot make a claim {claim.status}", field="claim")
    declining = [r.code.value for r in claim.notice_reasons if r.code in DECLINING]
    reason = "notice accepted" if not declining else "notice declined: " + ", ".join(declining)
    return StatusEvent(claim.id, 1, None, claim.status, claim.notified_on, reason, at)


def move(
    claim: Claim,
    last: StatusEvent,
    target: ClaimStatus,
    *,
    day: date,
    at: datetime,
    reason: str,
    facts: MoveFacts | None = None,
) -> tuple[Claim, StatusEvent]:
    """Move ``claim`` (whose last recorded event is ``last``) to ``target`` on ``day``.

    Raises
    ------
    InvalidTransition
        When the transition table does not allow the move.
    RuleViolation
        When the move's guard refuses it (closing a claim that is not settled).
    """
    check_move(claim, target)
    guard = GUARDS.get((claim.status, target))
    if guard is not None:
        guard(claim, facts or MoveFacts())
    reopened = claim.reopened + (1 if target is ClaimStatus.OPEN else 0)  # only from closed
    moved = replace(claim, status=target, reopened=reopened)
    event = StatusEvent(claim.id, last.sequence + 1, claim.status, target, day, reason.strip(), at)
    return moved, event
