"""How a Section 337 case ends, and what each ending does to the case and its claims.

Outcomes (DOMAIN.md §1.2 early exits, §1.4 remedies, §3): settlement, withdrawal and consent
order end the investigation (``terminated``); a default leads to a default determination
(``defaulted``); a violation comes with remedial orders — LEO, GEO, CDO (``orders``); no
violation ends in ``no_violation``; an appeal goes to the Federal Circuit. Design-around work
is recorded as an event without a move; its costs are invoices of the ``design_around_cbp``
category, which most wordings do not cover (DOMAIN.md §2.3).

When an outcome ends the case, each claim is closed if every invoice is adjudicated and every
adjudicated amount paid; otherwise it stays open and carries a reserve.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from patentshield.kernel.errors import InvalidInput
from patentshield.usitc.workflow import CaseState


class OutcomeKind(StrEnum):
    """How a case ended for its respondents (or an event of its end)."""

    SETTLEMENT = "settlement"
    WITHDRAWAL = "withdrawal"
    CONSENT_ORDER = "consent_order"
    DEFAULT = "default"
    VIOLATION = "violation"
    NO_VIOLATION = "no_violation"
    APPEAL = "appeal"
    DESIGN_AROUND = "design_around"


class Order(StrEnum):
    """Remedial orders (DOMAIN.md §1.4)."""

    LEO = "leo"
    GEO = "geo"
    CDO = "cdo"


STATE_OF_OUTCOME: dict[OutcomeKind, CaseState | None] = {
    OutcomeKind.SETTLEMENT: CaseState.TERMINATED,
    OutcomeKind.WITHDRAWAL: CaseState.TERMINATED,
    OutcomeKind.CONSENT_ORDER: CaseState.TERMINATED,
    OutcomeKind.DEFAULT: CaseState.DEFAULTED,
    OutcomeKind.VIOLATION: CaseState.ORDERS,
    OutcomeKind.NO_VIOLATION: CaseState.NO_VIOLATION,
    OutcomeKind.APPEAL: CaseState.FEDERAL_CIRCUIT_APPEAL,
    OutcomeKind.DESIGN_AROUND: None,
}
"""The state a case moves to with each outcome (``None``: no move)."""

ENDING = frozenset(
    {
        OutcomeKind.SETTLEMENT,
        OutcomeKind.WITHDRAWAL,
        OutcomeKind.CONSENT_ORDER,
        OutcomeKind.DEFAULT,
        OutcomeKind.VIOLATION,
        OutcomeKind.NO_VIOLATION,
    }
)
"""Outcomes that end the defence, so claims are closed or reserved."""


def check_orders(kind: OutcomeKind, orders: Collection[Order], wilful: bool) -> None:
    """Refuse orders without a violation or default, and a violation without orders.

    Raises
    ------
    InvalidInput
        When the orders do not fit the outcome, or wilful infringement is found without one.
    """
    if kind is OutcomeKind.VIOLATION and not orders:
        raise InvalidInput("orders", "a violation comes with an LEO, a GEO or a CDO")
    if orders and kind not in (OutcomeKind.VIOLATION, OutcomeKind.DEFAULT):
        raise InvalidInput("orders", f"a {kind.value} issues no remedial order")
    if wilful and kind is not OutcomeKind.VIOLATION:
        raise InvalidInput("wilful", "wilful infringement is a finding of a violation")
