"""Read a USITC feed file (bytes) into investigations, rejected rows and skipped rows.

Accepted files (``SCHEMA.md``): the IDS ``investigations.json`` in its title-case or
snake_case format (``{"data": [...], "date": …, "count": …}``), and 337Info records as a JSON
list, an object with an ``investigations`` list, or newline-delimited JSON (a BigQuery
export); each may be gzip-compressed. Each row's layout is recognised by its fields, so a file
may mix formats. Only Section 337 rows are kept; others are counted as skipped. A malformed
row is rejected with its number (1-based position in the file's list) and reason; a file that
is not JSON, is truncated, or matches none of the layouts raises
:class:`~patentshield.kernel.errors.ExternalDataError`.

This module is pure: it works on bytes already read, with no I/O, database or clock.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from patentshield.kernel.errors import ExternalDataError, InvalidInput, RecordError
from patentshield.kernel.inputs import GZIP_MAGIC, gunzip, load_json
from patentshield.usitc import parse_337info, parse_ids, parse_ids_legacy
from patentshield.usitc.feed_values import RowProblem, feed_date
from patentshield.usitc.grouping import group_phase_rows
from patentshield.usitc.records import FeedLayout, Investigation, PhaseRow


@dataclass(frozen=True, slots=True)
class FeedParse:
    """What a feed file held: records, rejected rows with reasons, and bookkeeping."""

    investigations: tuple[Investigation, ...]
    rejected: tuple[RecordError, ...]
    rows: int
    skipped: int
    layouts: tuple[FeedLayout, ...]
    feed_date: date | None
    warnings: tuple[str, ...]


def parse_feed(payload: bytes, *, source: str) -> FeedParse:
    """Parse a feed file's bytes (plain or gzip) into a :class:`FeedParse`.

    Raises
    ------
    ExternalDataError
        When the file is empty, not gzip/UTF-8/JSON, truncated, or not a USITC layout.
    """
    document = decode_document(payload, source=source)
    rows, feed_day, warnings = container_rows(document, source=source)
    phases: list[PhaseRow] = []
    rejected: list[RecordError] = []
    skipped = 0
    for position, row in enumerate(rows, start=1):
        try:
            phase = parse_row(row, position)
        except RowProblem as problem:
            rejected.append(RecordError(position, problem.field, problem.reason))
            continue
        if phase is None:
            skipped += 1
        else:
            phases.append(phase)
    _check_recognised(rows, rejected, source=source)
    return FeedParse(
        investigations=tuple(group_phase_rows(phases)),
        rejected=tuple(rejected),
        rows=len(rows),
        skipped=skipped,
        layouts=tuple(dict.fromkeys(phase.layout for phase in phases)),
        feed_date=feed_day,
        warnings=warnings,
    )


def decode_document(payload: bytes, *, source: str) -> object:
    """Return the JSON document held by ``payload`` (gunzipped first when compressed).

    The bounds of :mod:`patentshield.kernel.inputs` apply: decompressed size, nesting, digits.
    """
    try:
        if payload.startswith(GZIP_MAGIC):
            payload = gunzip(payload, field="file", source=source)
        content = payload.decode("utf-8-sig")
        if not content.strip():
            raise ExternalDataError(f"{source} is empty", field="file")
        return _json(content, source=source)
    except UnicodeDecodeError as error:
        raise ExternalDataError(
            f"{source} is not UTF-8 text (byte {error.start}); not a USITC JSON feed",
            field="file",
        ) from None
    except InvalidInput as error:
        raise ExternalDataError(error.reason, field=error.field) from None


def _json(content: str, *, source: str) -> object:
    try:
        return load_json(content, field="file", source=source)
    except json.JSONDecodeError as error:
        lines = [line for line in content.splitlines() if line.strip()]
        if len(lines) > 1 and _is_json_object(lines[0]):
            return _json_lines(lines, source=source)
        raise ExternalDataError(
            f"{source} is not valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg}); the file is truncated or not a USITC feed",
            field="file",
        ) from None


def _is_json_object(line: str) -> bool:
    """Tell whether ``line`` alone is a JSON object (the first line of newline-delimited JSON)."""
    try:
        return isinstance(load_json(line, field="file", source="line 1"), dict)
    except (json.JSONDecodeError, InvalidInput):
        return False


def _json_lines(lines: list[str], *, source: str) -> list[object]:
    """Read newline-delimited JSON (one 337Info record a line, as BigQuery exports it)."""
    records: list[object] = []
    for number, line in enumerate(lines, start=1):
        try:
            records.append(load_json(line, field="file", source=f"{source} line {number}"))
        except json.JSONDecodeError as error:
            raise ExternalDataError(
                f"{source} line {number} is not valid JSON ({error}); the file is truncated "
                "or not a USITC feed",
                field="file",
            ) from None
    return records


def container_rows(
    document: object, *, source: str
) -> tuple[list[object], date | None, tuple[str, ...]]:
    """Return the rows of a feed document, the feed's date and warnings about the container."""
    if isinstance(document, list):
        return document, None, ()
    if not isinstance(document, dict):
        raise ExternalDataError(
            f"{source} holds a JSON {type(document).__name__}, not a USITC feed", field="file"
        )
    if parse_337info.is_337info_record(document):
        return [document], None, ()
    key = "data" if "data" in document else "investigations"
    rows = document.get(key)
    if not isinstance(rows, list):
        raise ExternalDataError(
            f"{source} has no 'data' list: not the IDS investigations.json or 337Info layout",
            field="data",
        )
    return rows, _feed_day(document.get("date")), _count_warnings(document.get("count"), rows)


def _feed_day(value: object) -> date | None:
    try:
        return feed_date(value, "date")
    except RowProblem:
        return None


def _count_warnings(count: object, rows: list[object]) -> tuple[str, ...]:
    if isinstance(count, int) and not isinstance(count, bool) and count != len(rows):
        return (f"the feed says count {count} but holds {len(rows)} rows",)
    return ()


def parse_row(row: object, position: int) -> PhaseRow | None:
    """Return the phase row of one feed row, or ``None`` for a row that is not Section 337.

    Raises
    ------
    RowProblem
        When the row is not an object, matches no layout, or has a malformed field.
    """
    if not isinstance(row, Mapping):
        raise RowProblem("row", f"expected an object, got {type(row).__name__}")
    if parse_ids.is_title_case_row(row):
        return (
            parse_ids.parse_title_case_row(row, position) if parse_ids.is_section_337(row) else None
        )
    if parse_ids_legacy.is_snake_case_row(row):
        if not parse_ids_legacy.is_section_337(row):
            return None
        return parse_ids_legacy.parse_snake_case_row(row, position)
    if parse_337info.is_337info_record(row):
        return parse_337info.parse_337info_record(row, position)
    raise RowProblem("row", "has none of the fields of the IDS or 337Info layouts")


def _check_recognised(rows: list[object], rejected: list[RecordError], *, source: str) -> None:
    """Refuse a file none of whose rows has a known layout: it is not a USITC feed."""
    unrecognised = sum(1 for error in rejected if error.field == "row")
    if rows and unrecognised == len(rows):
        raise ExternalDataError(
            f"none of the {len(rows)} rows of {source} has the fields of the IDS "
            "investigations.json or 337Info layouts (SCHEMA.md)",
            field="data",
        )
