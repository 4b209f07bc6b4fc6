"""Turn investigation records into JSON-ready dicts and back, losslessly.

The database keeps an investigation's scalar facts as columns, its parties and raw rows in
their own tables, and the rest (IP rights, unfair acts, HTS numbers, orders, litigation,
phases, stated counts) as one JSON document built here; the CLI prints the same shapes.
Dates are ISO strings; enums their values. :func:`fingerprint` hashes the whole record
(raw rows by content, not position) so a re-import can tell "unchanged" from "updated".

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import date
from typing import cast

from patentshield.usitc.records import (
    Completeness,
    DataSource,
    DispositionKind,
    FeedLayout,
    Investigation,
    InvestigationDates,
    IpRight,
    Litigation,
    OrderType,
    Outcome,
    Party,
    PartyRole,
    PhaseSummary,
    RawRow,
    RecordKind,
    RemedialOrder,
)

Document = dict[str, object]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _list(value: object) -> list[Mapping[str, object]]:
    return cast(list[Mapping[str, object]], value) if isinstance(value, list) else []


def dates_to_json(dates: InvestigationDates) -> Document:
    """Return the dates as ISO strings (``None`` when unknown)."""
    return {name: _iso(value) for name, value in asdict(dates).items()}


def party_to_json(party: Party) -> Document:
    """Return a party as a JSON-ready dict."""
    return {
        "role": party.role.value,
        "name": party.name,
        "country": party.country,
        "disposition": party.disposition,
        "disposition_kind": party.disposition_kind.value if party.disposition_kind else None,
        "disposition_date": _iso(party.disposition_date),
    }


def party_from_json(item: Mapping[str, object]) -> Party:
    """Rebuild a party from :func:`party_to_json` output."""
    kind = _text(item.get("disposition_kind"))
    return Party(
        role=PartyRole(str(item["role"])),
        name=str(item["name"]),
        country=_text(item.get("country")),
        disposition=_text(item.get("disposition")),
        disposition_kind=DispositionKind(kind) if kind else None,
        disposition_date=_day(item.get("disposition_date")),
    )


def raw_row_to_json(row: RawRow) -> Document:
    """Return a raw row with its layout and position."""
    return {"layout": row.layout.value, "row": row.row, "data": row.data}


def details_to_json(record: Investigation) -> Document:
    """Return the parts of a record that are neither columns nor parties nor raw rows."""
    return {
        "determination": record.determination,
        "dates": dates_to_json(record.dates),
        "respondents_complete": record.respondents_complete.value,
        "stated_respondents": [[place, count] for place, count in record.stated_respondents],
        "stated_year": record.stated_year,
        "ip_rights": [{"kind": r.kind, "number": r.number} for r in record.ip_rights],
        "unfair_acts": list(record.unfair_acts),
        "hts_numbers": list(record.hts_numbers),
        "orders": [
            {
                "type": o.order_type.value,
                "title": o.title,
                "issued": _iso(o.issued),
                "respondent": o.respondent,
            }
            for o in record.orders
        ],
        "litigation": [
            {
                "case_number": c.case_number,
                "case_name": c.case_name,
                "court": c.court,
                "status": c.status,
                "docketed": _iso(c.docketed),
            }
            for c in record.litigation
        ],
        "phases": [
            {"name": p.name, "status": p.status, "started": _iso(p.started), "row": p.row}
            for p in record.phases
        ],
    }


def investigation_to_json(record: Investigation, *, raw_rows: bool = True) -> Document:
    """Return the whole record as a JSON-ready dict (raw rows optional)."""
    document: Document = {
        "number": record.number,
        "kind": record.kind.value,
        "source": record.source.value,
        "layout": record.layout.value,
        "title": record.title,
        "docket": record.docket,
        "status": record.status,
        "outcome": record.outcome.value,
        **details_to_json(record),
        "parties": [party_to_json(party) for party in record.parties],
    }
    if raw_rows:
        document["raw_rows"] = [raw_row_to_json(row) for row in record.raw_rows]
    return document


def investigation_from_json(
    columns: Mapping[str, object],
    details: Mapping[str, object],
    parties: Sequence[Party],
    raw_rows: Sequence[RawRow],
) -> Investigation:
    """Rebuild a record from its columns, its details document, parties and raw rows."""
    year = details.get("stated_year")
    return Investigation(
        number=str(columns["number"]),
        kind=RecordKind(str(columns["kind"])),
        source=DataSource(str(columns.get("source", DataSource.IMPORTED.value))),
        layout=FeedLayout(str(columns["layout"])),
        outcome=Outcome(str(columns["outcome"])),
        title=_text(columns.get("title")),
        docket=_text(columns.get("docket")),
        status=_text(columns.get("status")),
        determination=_text(details.get("determination")),
        dates=_dates(details.get("dates")),
        parties=tuple(parties),
        respondents_complete=Completeness(str(details.get("respondents_complete", "none"))),
        stated_respondents=_stated(details.get("stated_respondents")),
        stated_year=year if isinstance(year, int) else None,
        ip_rights=tuple(
            IpRight(kind=str(item["kind"]), number=_text(item.get("number")))
            for item in _list(details.get("ip_rights"))
        ),
        unfair_acts=_strings(details.get("unfair_acts")),
        hts_numbers=_strings(details.get("hts_numbers")),
        orders=_orders(details),
        litigation=_litigation(details),
        phases=_phases(details),
        raw_rows=tuple(raw_rows),
    )


def _dates(value: object) -> InvestigationDates:
    if not isinstance(value, Mapping):
        return InvestigationDates()
    return InvestigationDates(**{str(key): _day(day) for key, day in value.items()})


def _stated(value: object) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        (str(pair[0]), pair[1])
        for pair in value
        if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], int)
    )


def _strings(value: object) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def _orders(details: Mapping[str, object]) -> tuple[RemedialOrder, ...]:
    return tuple(
        RemedialOrder(
            order_type=OrderType(str(item["type"])),
            title=str(item.get("title") or ""),
            issued=_day(item.get("issued")),
            respondent=_text(item.get("respondent")),
        )
        for item in _list(details.get("orders"))
    )


def _litigation(details: Mapping[str, object]) -> tuple[Litigation, ...]:
    return tuple(
        Litigation(
            case_number=_text(item.get("case_number")),
            case_name=_text(item.get("case_name")),
            court=_text(item.get("court")),
            status=_text(item.get("status")),
            docketed=_day(item.get("docketed")),
        )
        for item in _list(details.get("litigation"))
    )


def _phases(details: Mapping[str, object]) -> tuple[PhaseSummary, ...]:
    return tuple(
        PhaseSummary(
            name=_text(item.get("name")),
            status=_text(item.get("status")),
            started=_day(item.get("started")),
            row=int(cast(int, item.get("row") or 0)),
        )
        for item in _list(details.get("phases"))
    )


def fingerprint(record: Investigation) -> str:
    """Return a SHA-256 of the record's content (raw rows by content, not position)."""
    document = investigation_to_json(record, raw_rows=False)
    document["phases"] = [
        [phase.name, phase.status, _iso(phase.started)] for phase in record.phases
    ]
    document["raw_rows"] = [[row.layout.value, row.data] for row in record.raw_rows]
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
