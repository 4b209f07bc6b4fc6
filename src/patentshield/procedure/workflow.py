"""The Section 337 case as a state machine: states, the transition table and its guard.

The states and arrows are those of DOMAIN.md §1.3, plus the moves its §1.2 tables require and
the diagram leaves out (each marked in :data:`TRANSITIONS`): early exits (withdrawal,
settlement, consent order) from institution to Commission review, a notice of intent to default
(19 CFR 210.17(h)) any time before the final initial determination, and the moves without which
a state of the diagram would be a dead end.

Two paths differ from the diagram, as the rules require:

* **Default.** A finding of default is the ALJ's initial determination, which the Commission
  reviews (``default_review``, 19 CFR 210.16 [R5], 210.42(c)); the facts alleged are then
  presumed and the Commission decides on remedy, the public interest and the bond
  (``remedy_bond``, 19 U.S.C. 1337(g)(1) [R5]) before any order issues (``orders``, then the
  presidential review of 1337(j)). The diagram's direct arrow from default to orders is not
  allowed.
* **Consent order.** A consent order ends the investigation like a settlement but is an order
  of the Commission, enforced and modified like one (19 CFR 210.21(c) [R64], 210.75, 210.76
  [R14]): it has its own state (``consent_order``), from which only post-order proceedings
  follow; a settlement or withdrawal is ``terminated``.

An illegal move raises
:class:`~patentshield.kernel.errors.InvalidTransition`; the case manager records every move.

This module is pure: no I/O, no clock, no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from patentshield.kernel.errors import InvalidTransition


class CaseState(StrEnum):
    """States of a Section 337 case (DOMAIN.md §1.3), stored as text."""

    COMPLAINT_FILED = "complaint_filed"
    NOT_INSTITUTED = "not_instituted"
    INSTITUTED = "instituted"
    TARGET_SET = "target_set"
    SERVED = "served"
    ANSWERED = "answered"
    SHOW_CAUSE = "show_cause"
    DEFAULTED = "defaulted"
    DISCOVERY = "discovery"
    MARKMAN = "markman"
    SUMMARY_DETERMINATION = "summary_determination"
    HEARING = "hearing"
    FINAL_INITIAL_DETERMINATION = "final_initial_determination"
    PETITIONS = "petitions"
    COMMISSION_REVIEW = "commission_review"
    FINAL_DETERMINATION = "final_determination"
    NO_VIOLATION = "no_violation"
    ORDERS = "orders"
    PRESIDENTIAL_REVIEW = "presidential_review"
    DISAPPROVED = "disapproved"
    ORDERS_FINAL = "orders_final"
    CBP_ENFORCEMENT = "cbp_enforcement"
    FEDERAL_CIRCUIT_APPEAL = "federal_circuit_appeal"
    POST_ORDER = "post_order"
    TERMINATED = "terminated"
    CONSENT_ORDER = "consent_order"
    DEFAULT_REVIEW = "default_review"
    REMEDY_BOND = "remedy_bond"


INITIAL_STATE = CaseState.COMPLAINT_FILED

_S = CaseState
_EXIT = frozenset({_S.TERMINATED, _S.CONSENT_ORDER})
"""Early exits (19 CFR 210.21): withdrawal or settlement (terminated), or a consent order."""

TRANSITIONS: Mapping[CaseState, frozenset[CaseState]] = {
    # Arrows of the DOMAIN.md §1.3 diagram, plus (commented) the moves its tables require:
    # early exits from S3 to S13 (§1.2), notice of intent to default before the final ID
    # (210.17(h)), and the moves without which a state of the diagram would be a dead end.
    _S.COMPLAINT_FILED: frozenset({_S.NOT_INSTITUTED, _S.INSTITUTED}),
    _S.INSTITUTED: frozenset({_S.SERVED, _S.TARGET_SET}) | _EXIT,
    _S.TARGET_SET: frozenset({_S.SERVED}) | _EXIT,  # + served: else a dead end
    _S.SERVED: frozenset({_S.ANSWERED, _S.SHOW_CAUSE}) | _EXIT,
    _S.SHOW_CAUSE: frozenset({_S.DEFAULTED, _S.ANSWERED}) | _EXIT,  # + cause shown
    _S.ANSWERED: frozenset({_S.DISCOVERY, _S.DEFAULTED}) | _EXIT,
    _S.DISCOVERY: frozenset({_S.MARKMAN, _S.SUMMARY_DETERMINATION, _S.HEARING, _S.DEFAULTED})
    | _EXIT,
    _S.MARKMAN: frozenset({_S.HEARING, _S.SUMMARY_DETERMINATION, _S.DEFAULTED}) | _EXIT,
    # A granted summary determination is an initial determination; a denied one goes to hearing.
    _S.SUMMARY_DETERMINATION: frozenset({_S.HEARING, _S.FINAL_INITIAL_DETERMINATION, _S.DEFAULTED})
    | _EXIT,
    _S.HEARING: frozenset({_S.FINAL_INITIAL_DETERMINATION, _S.DEFAULTED}) | _EXIT,
    # With no petition the Commission still decides within 60 days whether to review.
    _S.FINAL_INITIAL_DETERMINATION: frozenset({_S.PETITIONS, _S.COMMISSION_REVIEW}) | _EXIT,
    _S.PETITIONS: frozenset({_S.COMMISSION_REVIEW}) | _EXIT,
    _S.COMMISSION_REVIEW: frozenset({_S.FINAL_DETERMINATION}) | _EXIT,
    _S.FINAL_DETERMINATION: frozenset({_S.NO_VIOLATION, _S.ORDERS}),
    _S.NO_VIOLATION: frozenset({_S.FEDERAL_CIRCUIT_APPEAL}),  # the complainant may appeal
    # Default: the Commission reviews the default ID, then decides remedy, public interest and
    # bond (1337(g)(1)) before orders issue; a settlement may still end it (not the diagram's
    # direct arrow to orders).
    _S.DEFAULTED: frozenset({_S.DEFAULT_REVIEW}) | _EXIT,
    _S.DEFAULT_REVIEW: frozenset({_S.REMEDY_BOND}) | _EXIT,
    _S.REMEDY_BOND: frozenset({_S.ORDERS}) | _EXIT,  # terminated: no order (public interest)
    _S.CONSENT_ORDER: frozenset({_S.POST_ORDER}),  # enforcement, modification (210.75, .76)
    _S.ORDERS: frozenset({_S.PRESIDENTIAL_REVIEW}),
    _S.PRESIDENTIAL_REVIEW: frozenset({_S.DISAPPROVED, _S.ORDERS_FINAL}),
    _S.ORDERS_FINAL: frozenset({_S.CBP_ENFORCEMENT, _S.FEDERAL_CIRCUIT_APPEAL}),
    _S.CBP_ENFORCEMENT: frozenset({_S.POST_ORDER}),
    _S.NOT_INSTITUTED: frozenset(),
    _S.DISAPPROVED: frozenset(),
    _S.FEDERAL_CIRCUIT_APPEAL: frozenset(),
    _S.POST_ORDER: frozenset(),
    _S.TERMINATED: frozenset(),
}
"""Allowed moves: ``TRANSITIONS[current]`` is the set of states a case may move to next."""


def allowed_moves(state: CaseState) -> frozenset[CaseState]:
    """Return the states a case in ``state`` may move to."""
    return TRANSITIONS[state]


def is_terminal(state: CaseState) -> bool:
    """Tell whether no move leaves ``state``."""
    return not TRANSITIONS[state]


def check_move(current: CaseState, target: CaseState) -> None:
    """Refuse a move the transition table does not allow.

    Raises
    ------
    InvalidTransition
        When ``target`` is not in ``TRANSITIONS[current]``; the message lists the allowed moves.
    """
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "none (terminal state)"
        raise InvalidTransition(
            f"a case in {current} cannot move to {target}; allowed: {allowed}", field="state"
        )
