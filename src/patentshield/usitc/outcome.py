"""Derive how an investigation ended from the scattered signals of the feeds.

The feeds have no single outcome field (``SCHEMA.md`` §2 "Quirks"): the outcome is spread
over the status, the final determination type, each respondent's disposition (with its date)
and the titles of the remedial orders. The rules, in order:

1. a docketed complaint not yet instituted is ``active`` (or ``terminated_other`` when its
   status says it ended);
2. a final determination of *no violation* gives ``no_violation``; of *violation*, or
   exclusion / cease-and-desist orders, give ``violation`` — or ``default`` when respondents
   defaulted and none was found in violation after taking part (1337(g), DOMAIN.md §1.4);
3. otherwise an active status gives ``active``;
4. otherwise the last respondent disposition decides (settlement or consent order →
   ``settled``, withdrawal → ``withdrawn``, default, violation, no violation); the USITC
   counts an investigation as settled or withdrawn by how it was terminated [R34];
5. otherwise a consent order gives ``settled``; a known terminated status ``terminated_other``;
   no status at all ``unknown``.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from patentshield.usitc.records import (
    DispositionKind,
    OrderType,
    Outcome,
    Party,
    PartyRole,
    RecordKind,
    RemedialOrder,
)

_ACTIVE_WORDS = ("active", "pending", "preinstitution", "pre-institution", "instituted", "open")
_BY_DISPOSITION = {
    DispositionKind.SETTLED: Outcome.SETTLED,
    DispositionKind.CONSENT_ORDER: Outcome.SETTLED,
    DispositionKind.WITHDRAWN: Outcome.WITHDRAWN,
    DispositionKind.DEFAULT: Outcome.DEFAULT,
    DispositionKind.VIOLATION: Outcome.VIOLATION,
    DispositionKind.NO_VIOLATION: Outcome.NO_VIOLATION,
}


def is_active_status(status: str | None) -> bool:
    """Tell whether a status text says the investigation is still open.

    >>> is_active_status("Active"), is_active_status("Terminated"), is_active_status(None)
    (True, False, False)
    """
    if status is None:
        return False
    folded = status.casefold()
    return any(word in folded for word in _ACTIVE_WORDS) and "inactive" not in folded


def determination_outcome(text: str | None) -> Outcome | None:
    """Read a final determination type: violation, no violation, or nothing usable.

    >>> determination_outcome("No Violation"), determination_outcome("Violation")
    (<Outcome.NO_VIOLATION: 'no_violation'>, <Outcome.VIOLATION: 'violation'>)
    """
    if text is None:
        return None
    folded = text.casefold()
    if "no violation" in folded or "non-violation" in folded or "not in violation" in folded:
        return Outcome.NO_VIOLATION
    if "violation" in folded:
        return Outcome.VIOLATION
    return None


def derive_outcome(
    kind: RecordKind,
    status: str | None,
    determination: str | None,
    parties: Iterable[Party],
    orders: Iterable[RemedialOrder],
) -> Outcome:
    """Return the outcome of an investigation (rules in the module docstring)."""
    if kind is RecordKind.PREINSTITUTION:
        ended = status is not None and not is_active_status(status)
        return Outcome.TERMINATED_OTHER if ended else Outcome.ACTIVE
    respondents = [party for party in parties if party.role is PartyRole.RESPONDENT]
    kinds = {party.disposition_kind for party in respondents}
    order_types = {order.order_type for order in orders}
    decided = determination_outcome(determination)
    if decided is Outcome.NO_VIOLATION:
        return Outcome.NO_VIOLATION
    if decided is Outcome.VIOLATION or order_types & {OrderType.LEO, OrderType.GEO, OrderType.CDO}:
        defaulted = DispositionKind.DEFAULT in kinds and DispositionKind.VIOLATION not in kinds
        return Outcome.DEFAULT if defaulted else Outcome.VIOLATION
    if is_active_status(status):
        return Outcome.ACTIVE
    last = last_disposition(respondents)
    if last is not None and last in _BY_DISPOSITION:
        return _BY_DISPOSITION[last]
    if OrderType.CONSENT_ORDER in order_types:
        return Outcome.SETTLED
    return Outcome.TERMINATED_OTHER if status is not None else Outcome.UNKNOWN


def last_disposition(respondents: Iterable[Party]) -> DispositionKind | None:
    """Return the kind of the latest respondent disposition (undated ones count as earliest)."""
    dated = [
        (party.disposition_date or date.min, position, party.disposition_kind)
        for position, party in enumerate(respondents)
        if party.disposition_kind is not None
    ]
    if not dated:
        return None
    return max(dated, key=lambda entry: (entry[0], entry[1]))[2]
