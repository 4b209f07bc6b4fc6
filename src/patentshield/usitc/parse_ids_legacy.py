"""Parse one row of the IDS ``investigations.json`` in its older ("snake_case") format.

Field names follow ``SCHEMA.md`` §3 (schema B). This format carries no parties: respondents
and their countries exist only in the title-case format, so records read from it never count
for respondent statistics. Dates come from the ``investigation_diary`` events and the Federal
Register notices; diary event names were not seen in any source, so they are matched by
keyword (complaint, institution, target, final determination, termination).

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from patentshield.usitc import feed_values as fv
from patentshield.usitc.records import FeedLayout, InvestigationDates, PhaseRow, RecordKind

NUMBER = "official_investigation_number"
MARKER_FIELDS = frozenset({"investigation_id", NUMBER, "investigation_title", "phase_title"})

# (keyword in the diary type, InvestigationDates field); the first match wins.
_DIARY_KEYWORDS = (
    ("final initial determination", "final_initial_determination"),
    ("final id", "final_initial_determination"),
    ("final determination", "final_determination"),
    ("target", "target"),
    ("institut", "instituted"),
    ("complaint", "complaint_filed"),
    ("petition", "complaint_filed"),
    ("terminat", "terminated"),
)


def is_snake_case_row(row: Mapping[str, object]) -> bool:
    """Tell whether ``row`` has the fields of the older snake_case IDS format."""
    return not MARKER_FIELDS.isdisjoint(row)


def is_section_337(row: Mapping[str, object]) -> bool:
    """Tell whether a snake_case row is Section 337 (type "Unfair Imports" or number ``337-``)."""
    kind = row.get("investigation_type_name")
    if isinstance(kind, str) and ("unfair" in kind.casefold() or "337" in kind):
        return True
    return fv.is_section_337_number(row.get(NUMBER))


def parse_snake_case_row(row: Mapping[str, object], position: int) -> PhaseRow:
    """Return the phase row read from one snake_case feed row.

    Raises
    ------
    RowProblem
        When a field the importer relies on is malformed (named in the error).
    """
    number, kind = fv.investigation_number(row.get(NUMBER), NUMBER)
    status = fv.text(row.get("investigation_status_name"), "investigation_status_name")
    if status is not None and "preinstitution" in status.casefold().replace("-", ""):
        kind = RecordKind.PREINSTITUTION
    title = (
        fv.text(row.get("short_product_name"), "short_product_name")
        or fv.text(row.get("product_name"), "product_name")
        or fv.text(row.get("investigation_title"), "investigation_title")
    )
    return PhaseRow(
        number=number,
        kind=kind,
        layout=FeedLayout.IDS_SNAKE_CASE,
        row=position,
        raw=dict(row),
        phase=fv.text(row.get("phase_title"), "phase_title"),
        phase_number=fv.integer(row.get("investigation_phase_id"), "investigation_phase_id"),
        title=title,
        status=status,
        dates=_dates(row),
    )


def _dates(row: Mapping[str, object]) -> InvestigationDates:
    dates = InvestigationDates()
    for event in fv.items(row, "investigation_diary"):
        kind = fv.text(event.get("diary_type_name"), "investigation_diary.diary_type_name")
        day = fv.feed_date(
            event.get("diary_action_date"), "investigation_diary.diary_action_date"
        ) or fv.feed_date(event.get("diary_date"), "investigation_diary.diary_date")
        field = _diary_field(kind)
        if field is not None and day is not None and getattr(dates, field) is None:
            dates = replace(dates, **{field: day})
    notice = _institution_notice(row)
    if notice is not None:
        dates = replace(dates, notice_published=notice)
    return dates


def _diary_field(kind: str | None) -> str | None:
    folded = (kind or "").casefold()
    for keyword, field in _DIARY_KEYWORDS:
        if keyword in folded:
            return field
    return None


def _institution_notice(row: Mapping[str, object]) -> date | None:
    for notice in fv.items(row, "federal_register_notices"):
        title = fv.text(notice.get("fr_citation_title"), "federal_register_notices.title") or ""
        if "institut" in title.casefold():
            return fv.feed_date(notice.get("fr_date"), "federal_register_notices.fr_date")
    return None
