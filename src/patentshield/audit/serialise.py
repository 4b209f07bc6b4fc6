"""Audit entries and chain reports as JSON and CSV rows (for the CLI, the export and the API).

This module is pure: it imports no framework and reads no clock.
"""

from __future__ import annotations

from patentshield.audit.chain import ChainReport, Entry, canonical_value
from patentshield.kernel.jsonvalue import JsonValue

COLUMNS = (
    "sequence",
    "at",
    "actor",
    "organisation_id",
    "action",
    "object_type",
    "object_id",
    "digest",
    "previous",
    "hash",
)


def entry_row(entry: Entry) -> list[str]:
    """Return an entry as text cells in the order of :data:`COLUMNS`."""
    change = entry.change
    return [
        str(entry.sequence),
        str(canonical_value(change.at)),
        change.actor,
        change.organisation_id or "",
        change.action.value,
        change.object_type,
        change.object_id,
        change.digest,
        entry.previous,
        entry.hash,
    ]


def entry_json(entry: Entry) -> dict[str, JsonValue]:
    """Return an entry as JSON (the sequence a number, the organisation possibly null)."""
    values: dict[str, JsonValue] = dict(zip(COLUMNS, entry_row(entry), strict=True))
    values["sequence"] = entry.sequence
    values["organisation_id"] = entry.change.organisation_id
    return values


def report_json(report: ChainReport) -> dict[str, JsonValue]:
    """Return a chain report as JSON."""
    breach = report.breach
    found: JsonValue = None
    if breach is not None:
        found = {
            "sequence": breach.sequence,
            "problem": breach.problem.value,
            "detail": breach.detail,
        }
    return {
        "intact": report.is_intact,
        "checked": report.count,
        "head": {"sequence": report.head.sequence, "hash": report.head.hash},
        "breach": found,
    }


def report_line(report: ChainReport) -> str:
    """Return a chain report as one line."""
    if report.breach is None:
        return f"audit chain intact: {report.count} entries, head {report.head.hash[:16]}…"
    breach = report.breach
    return f"audit chain broken at entry {breach.sequence}: {breach.problem} ({breach.detail})"
