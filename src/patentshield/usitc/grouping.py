"""Group the per-phase rows of a feed into one record per investigation number.

The IDS publishes one row per phase (Violation, Remand, Bond, Enforcement, Modification,
Advisory, …; ``SCHEMA.md`` §2). The Violation phase is the primary record (title, dates,
determination); the latest-starting phase gives the current status. Parties, IP rights, unfair
acts, HTS numbers, orders and litigation are merged over all phases; a party listed once per
order is de-duplicated on (name, role), keeping the entry with the latest disposition, and an
order restated by a later phase on (type, respondent), keeping a dated entry.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

from patentshield.usitc.outcome import derive_outcome
from patentshield.usitc.records import (
    Completeness,
    DataSource,
    Investigation,
    OrderType,
    Party,
    PhaseRow,
    PhaseSummary,
    RawRow,
    RecordKind,
    RemedialOrder,
)

T = TypeVar("T", bound=Hashable)


def group_phase_rows(rows: Iterable[PhaseRow]) -> list[Investigation]:
    """Return one investigation per number, in the order numbers first appear."""
    by_number: dict[str, list[PhaseRow]] = {}
    for row in rows:
        by_number.setdefault(row.number, []).append(row)
    return [investigation_from_phases(phases) for phases in by_number.values()]


def primary_phase(rows: Sequence[PhaseRow]) -> PhaseRow:
    """Return the Violation phase row, else the lowest-numbered (then first) row."""
    for row in rows:
        if row.is_violation_phase():
            return row
    return min(rows, key=lambda row: (row.phase_number or 10**6, row.row))


def latest_phase(rows: Sequence[PhaseRow]) -> PhaseRow:
    """Return the phase that started last (undated phases count as earliest)."""
    return max(
        rows,
        key=lambda row: (row.dates.institution() or date.min, row.phase_number or 0, row.row),
    )


def investigation_from_phases(rows: Sequence[PhaseRow]) -> Investigation:
    """Merge the phase rows of one investigation number into an :class:`Investigation`."""
    primary = primary_phase(rows)
    current = latest_phase(rows)
    status = current.status or primary.status
    docketed = not primary.number.startswith("337-TA-")
    preinstitution = docketed or current.kind is RecordKind.PREINSTITUTION
    kind = RecordKind.PREINSTITUTION if preinstitution else RecordKind.INVESTIGATION
    parties = merge_parties(party for row in rows for party in row.parties)
    orders = merge_orders(order for row in rows for order in row.orders)
    determination = primary.determination or next(
        (row.determination for row in rows if row.determination), None
    )
    return Investigation(
        number=primary.number,
        kind=kind,
        source=DataSource.IMPORTED,
        layout=primary.layout,
        outcome=derive_outcome(kind, status, determination, parties, orders),
        title=primary.title or next((row.title for row in rows if row.title), None),
        docket=primary.docket or next((row.docket for row in rows if row.docket), None),
        status=status,
        determination=determination,
        dates=primary.dates,
        parties=parties,
        respondents_complete=(
            Completeness.YES if any(row.has_party_list for row in rows) else Completeness.NONE
        ),
        ip_rights=_unique(right for row in rows for right in row.ip_rights),
        unfair_acts=_unique(act for row in rows for act in row.unfair_acts),
        hts_numbers=_unique(code for row in rows for code in row.hts_numbers),
        orders=orders,
        litigation=_unique(case for row in rows for case in row.litigation),
        phases=tuple(
            PhaseSummary(row.phase, row.status, row.dates.institution(), row.row) for row in rows
        ),
        raw_rows=tuple(RawRow(row.layout, row.row, row.raw) for row in rows),
    )


def merge_parties(parties: Iterable[Party]) -> tuple[Party, ...]:
    """De-duplicate parties on (name, role), keeping the one with the latest disposition."""
    kept: dict[tuple[str, object], Party] = {}
    for party in parties:
        key = party.key()
        known = kept.get(key)
        if known is None:
            kept[key] = party
        elif _is_later(party, known):
            kept[key] = replace(party, country=party.country or known.country)
        elif known.country is None and party.country is not None:
            kept[key] = replace(known, country=party.country)
    return tuple(kept.values())


def merge_orders(orders: Iterable[RemedialOrder]) -> tuple[RemedialOrder, ...]:
    """De-duplicate orders restated by later phases on (type, respondent), keeping a dated one."""
    kept: dict[tuple[OrderType, str | None], RemedialOrder] = {}
    for order in orders:
        key = (order.order_type, order.respondent)
        known = kept.get(key)
        if known is None or (known.issued is None and order.issued is not None):
            kept[key] = order
    return tuple(kept.values())


def _is_later(party: Party, known: Party) -> bool:
    if party.disposition is None:
        return False
    if known.disposition is None:
        return True
    return (party.disposition_date or date.min) >= (known.disposition_date or date.min)


def _unique(values: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(values))
