"""Render USITC import reports and statistics as JSON, CSV rows and terminal tables.

Shares are fractions (0–1) rounded to four decimals and always come with ``count`` and ``n``
(the sample they were computed on); durations are days or months as their key says.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from patentshield.kernel.cli import print_table
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.text import spreadsheet_row
from patentshield.usitc.records import Outcome
from patentshield.usitc.respondent_stats import CountryGroup, RespondentCounts
from patentshield.usitc.service import ImportReport
from patentshield.usitc.stats import GroupStatistics, Share, Summary

DIGITS = 4


def _round(value: float | None) -> float | None:
    return round(value, DIGITS) if value is not None else None


def import_report_to_json(report: ImportReport) -> dict[str, JsonValue]:
    """Return the import report: counts, rejected rows with reasons, and bookkeeping."""
    return {
        "source": report.source,
        "layouts": [layout.value for layout in report.layouts],
        "feed_date": report.feed_date.isoformat() if report.feed_date else None,
        "rows": report.rows,
        "added": len(report.added),
        "updated": len(report.updated),
        "unchanged": len(report.unchanged),
        "rejected": len(report.rejected),
        "rejected_rows": [
            {"row": error.row, "field": error.field, "reason": error.reason}
            for error in report.rejected
        ],
        "skipped_non_337": report.skipped,
        "investigations": report.investigations,
        "preinstitution": report.preinstitution,
        "numbers": {
            "added": list(report.added),
            "updated": list(report.updated),
            "unchanged": list(report.unchanged),
        },
        "warnings": list(report.warnings),
    }


def print_import_report(report: ImportReport) -> None:
    """Print the import counts, then one line per rejected row."""
    rows = [
        ["added", str(len(report.added))],
        ["updated", str(len(report.updated))],
        ["unchanged", str(len(report.unchanged))],
        ["rejected rows", str(len(report.rejected))],
        ["skipped (not Section 337)", str(report.skipped)],
        ["investigations / pre-institution", f"{report.investigations} / {report.preinstitution}"],
    ]
    layouts = ", ".join(layout.value for layout in report.layouts) or "none"
    print_table(
        f"Import of {report.source}",
        ["", "count"],
        rows,
        caption=f"{report.rows} rows; layouts: {layouts}",
    )
    if report.rejected:
        print_table(
            "Rejected rows",
            ["row", "field", "reason"],
            [[str(e.row), e.field, e.reason] for e in report.rejected],
        )
    for warning in report.warnings:
        print_table("Warning", ["warning"], [[warning]])


def share_to_json(share: Share) -> dict[str, JsonValue]:
    """Return a share as ``{value, count, n}``."""
    return {"value": _round(share.value), "count": share.count, "n": share.n}


def summary_to_json(summary: Summary) -> dict[str, JsonValue]:
    """Return a summary as ``{mean, median, min, max, stdev, n}``."""
    return {
        "mean": _round(summary.mean),
        "median": _round(summary.median),
        "min": _round(summary.minimum),
        "max": _round(summary.maximum),
        "stdev": _round(summary.stdev),
        "n": summary.n,
    }


def defended(counts: RespondentCounts) -> Share:
    """Return the share of respondents that defended among those with a known disposition."""
    return Share(counts.defended, counts.known)


def respondents_to_json(counts: Sequence[RespondentCounts]) -> dict[str, JsonValue]:
    """Return the respondents per country group: counts, defended share, outcomes."""
    return {
        group.group.value: {
            "respondents": group.respondents,
            "with_disposition": group.known,
            "defended": group.defended,
            "defaulted": group.defaulted,
            "share_defended": share_to_json(defended(group)),
            "outcomes": dict(group.outcomes),
        }
        for group in counts
    }


def group_to_json(group: GroupStatistics) -> dict[str, JsonValue]:
    """Return one group's statistics."""
    decided = group.outcomes[0][1].n if group.outcomes else 0
    return {
        "key": group.key,
        "investigations": group.investigations,
        "share_patent_based": share_to_json(group.patent_based),
        "share_naming_chinese": share_to_json(group.naming_chinese),
        "share_naming_greater_china": share_to_json(group.naming_greater_china),
        "respondents_per_investigation": {
            **summary_to_json(group.respondents),
            "distribution": {str(k): times for k, times in group.respondents_distribution},
        },
        "days_complaint_to_institution": summary_to_json(group.days_complaint_to_institution),
        "months_institution_to_termination": summary_to_json(
            group.months_institution_to_termination
        ),
        "months_institution_to_final_determination": summary_to_json(
            group.months_institution_to_final_determination
        ),
        "outcomes": {
            "n": decided,
            **{outcome.value: share_to_json(share) for outcome, share in group.outcomes},
        },
        "final_determinations": {
            "n": group.determinations[0][1].n if group.determinations else 0,
            **{kind.value: share_to_json(share) for kind, share in group.determinations},
        },
        "remedial_orders": {kind.value: share_to_json(share) for kind, share in group.orders},
        "respondents": respondents_to_json(group.respondents_by_country),
    }


def statistics_to_json(
    groups: Sequence[GroupStatistics],
    *,
    by: str,
    source: str,
    published: dict[str, JsonValue],
) -> dict[str, JsonValue]:
    """Return the statistics document: selection, groups, and the published figures beside."""
    return {
        "by": by,
        "source": source,
        "groups": [group_to_json(group) for group in groups],
        "published": published,
    }


def statistics_csv(groups: Sequence[GroupStatistics]) -> str:
    """Return the statistics as long-format CSV: ``group,metric,value,count,n``.

    A cell a spreadsheet would run as a formula is written as text (``'=…``).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["group", "metric", "value", "count", "n"])
    for group in groups:
        for metric, cells in _csv_cells(group):
            writer.writerow(spreadsheet_row([group.key, metric, *cells]))
    return buffer.getvalue()


def _csv_cells(group: GroupStatistics) -> list[tuple[str, list[object]]]:
    cells: list[tuple[str, list[object]]] = [
        ("investigations", [group.investigations, "", group.investigations]),
    ]
    for name, share in (
        ("share_patent_based", group.patent_based),
        ("share_naming_chinese", group.naming_chinese),
        ("share_naming_greater_china", group.naming_greater_china),
        *((f"outcome_{o.value}", s) for o, s in group.outcomes),
        *((f"final_determination_{k.value}", s) for k, s in group.determinations),
        *((f"orders_{k.value}", s) for k, s in group.orders),
        *(
            (f"respondents_{c.group.value}_defended", defended(c))
            for c in group.respondents_by_country
        ),
    ):
        cells.append((name, [_blank(_round(share.value)), share.count, share.n]))
    for counts in group.respondents_by_country:
        cells.append((f"respondents_{counts.group.value}", [counts.respondents, "", ""]))
        cells += [
            (f"respondents_{counts.group.value}_{key}", [number, "", counts.respondents])
            for key, number in counts.outcomes
        ]
    for name, summary in (
        ("respondents_per_investigation", group.respondents),
        ("days_complaint_to_institution", group.days_complaint_to_institution),
        ("months_institution_to_termination", group.months_institution_to_termination),
        (
            "months_institution_to_final_determination",
            group.months_institution_to_final_determination,
        ),
    ):
        cells.append((f"{name}_mean", [_blank(_round(summary.mean)), "", summary.n]))
        cells.append((f"{name}_median", [_blank(_round(summary.median)), "", summary.n]))
    return cells


def _blank(value: float | None) -> object:
    return "" if value is None else value


def _percent(share: Share) -> str:
    return "-" if share.value is None else f"{100 * share.value:.1f} % (n={share.n})"


def _mean_median(summary: Summary) -> str:
    if summary.n == 0 or summary.mean is None or summary.median is None:
        return "-"
    return f"{summary.mean:.2f} / {summary.median:.1f} (n={summary.n})"


def _outcome(group: GroupStatistics, wanted: Outcome) -> Share:
    return next(share for outcome, share in group.outcomes if outcome is wanted)


def _chinese_respondents(group: GroupStatistics) -> str:
    china = next(c for c in group.respondents_by_country if c.group is CountryGroup.CHINA)
    share = defended(china)
    if share.value is None:
        return f"{china.respondents}"
    return f"{china.respondents} / {100 * share.value:.1f} % (n={share.n})"


def print_statistics(groups: Sequence[GroupStatistics], *, by: str, source: str) -> None:
    """Print one line per group with the headline statistics."""
    columns = [
        "group",
        "inv.",
        "patent",
        "naming CN",
        "resp. mean/median",
        "days compl.->inst.",
        "months inst.->term.",
        "settled",
        "violation",
        "CN resp. / defended",
    ]
    rows = [
        [
            group.key,
            str(group.investigations),
            _percent(group.patent_based),
            _percent(group.naming_chinese),
            _mean_median(group.respondents),
            _mean_median(group.days_complaint_to_institution),
            _mean_median(group.months_institution_to_termination),
            _percent(_outcome(group, Outcome.SETTLED)),
            _percent(_outcome(group, Outcome.VIOLATION)),
            _chinese_respondents(group),
        ]
        for group in groups
    ]
    print_table(
        f"Section 337 investigations by {by} ({source} data)",
        columns,
        rows,
        caption="shares and means over the investigations where the fact is known (n)",
    )
