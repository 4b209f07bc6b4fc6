"""Use cases of USITC data: import a feed, load records, statistics, charts and calibration.

An import parses the whole file first (nothing is written when the file is not a USITC feed,
or, with ``strict``, when any row is malformed), then writes every record in **one
transaction**: a new number is added, a changed one replaced, an identical one left alone —
so importing the same file twice changes nothing and reports everything unchanged.
Statistics and the calibration read the imported records, the shipped sample, or both
(``all``: an investigation number in both counts once, the imported record preferred).
Use cases take the runtime first: its database, and its clock for the import's timestamp and
the calibration's ``generated_on``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import yaml
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from patentshield.kernel import inputs
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import (
    Conflict,
    ExternalDataError,
    InvalidInput,
    InvalidRecords,
    RecordError,
)
from patentshield.kernel.limits import MAX_FILE_BYTES
from patentshield.kernel.outputs import write_atomically
from patentshield.kernel.progress import Advance
from patentshield.kernel.runtime import Runtime
from patentshield.usitc import charts, published, store
from patentshield.usitc.calibrate import CalibrationInputs, build_calibration
from patentshield.usitc.feed import FeedParse, parse_feed
from patentshield.usitc.records import FeedLayout, Investigation, RecordKind
from patentshield.usitc.serialise import fingerprint
from patentshield.usitc.stats import GroupBy, GroupStatistics, merge_sources, statistics_by

URL_TIMEOUT_SECONDS = 120


def package_version() -> str:
    """Return the installed patentshield version (for provenance and the HTTP user agent)."""
    try:
        return version("patentshield")
    except PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
        return "unknown"


class Selection(StrEnum):
    """Which records statistics and calibration use."""

    IMPORTED = "imported"
    SHIPPED = "shipped"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: numbers added, updated and unchanged, rows rejected and skipped."""

    source: str
    rows: int
    layouts: tuple[FeedLayout, ...]
    feed_date: date | None
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    rejected: tuple[RecordError, ...]
    skipped: int
    investigations: int
    preinstitution: int
    warnings: tuple[str, ...]


def read_file(path: Path) -> bytes:
    """Return the bytes of a feed file (a regular file, bounded: :mod:`~.kernel.inputs`)."""
    return inputs.read_bytes(path, field="file")


def fetch_url(url: str, *, timeout: float = URL_TIMEOUT_SECONDS) -> bytes:
    """Download a feed (e.g. ``https://ids.usitc.gov/investigations.json``); never used by tests."""
    if not url.startswith(("https://", "http://")):
        raise InvalidInput("url", f"{url!r} is not an http(s) URL")
    request = urllib.request.Request(
        url, headers={"User-Agent": f"patentshield/{package_version()}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload: bytes = response.read(MAX_FILE_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise ExternalDataError(f"could not download {url}: {error}", field="url") from None
    if len(payload) > MAX_FILE_BYTES:
        raise ExternalDataError(f"{url} is larger than {MAX_FILE_BYTES} bytes", field="url")
    return payload


def import_feed(runtime: Runtime, payload: bytes, *, source: str, strict: bool) -> ImportReport:
    """Import a feed file's bytes in one transaction and report what changed.

    Raises
    ------
    ExternalDataError
        When the file is not a USITC feed (nothing is written).
    InvalidRecords
        With ``strict``, when any row is malformed (nothing is written).
    Forbidden
        When the caller may not change the USITC record (``usitc:write``: the platform).
    """
    require(runtime.caller, Permission.USITC_WRITE)
    parsed = parse_feed(payload, source=source)
    if strict and parsed.rejected:
        raise InvalidRecords(source, parsed.rejected)
    now = runtime.clock.now()
    try:
        records = parsed.investigations
        with (
            runtime.progress.task("saving investigations", total=len(records)) as advance,
            runtime.unit_of_work() as session,
        ):
            added, updated, unchanged = _save(session, records, now, advance)
            store.add_import(
                session,
                now=now,
                source=source,
                layouts=parsed.layouts,
                feed_date=parsed.feed_date,
                rejected=parsed.rejected,
                counts={
                    "rows": parsed.rows,
                    "added": len(added),
                    "updated": len(updated),
                    "unchanged": len(unchanged),
                    "skipped": parsed.skipped,
                },
            )
    except IntegrityError:
        raise Conflict(
            "another import wrote the same investigations at the same time; run it again",
            field="file",
        ) from None
    return _report(parsed, source, added, updated, unchanged)


def _save(
    session: Session, records: Sequence[Investigation], now: datetime, advance: Advance
) -> tuple[list[str], list[str], list[str]]:
    known = store.fingerprints(session, (record.number for record in records))
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    for record in records:
        print_ = fingerprint(record)
        if record.number not in known:
            store.add_investigation(session, record, print_, now)
            added.append(record.number)
        elif known[record.number] != print_:
            store.replace_investigation(session, record, print_, now)
            updated.append(record.number)
        else:
            unchanged.append(record.number)
        advance(1)
    return added, updated, unchanged


def _report(
    parsed: FeedParse, source: str, added: list[str], updated: list[str], unchanged: list[str]
) -> ImportReport:
    kinds = [record.kind for record in parsed.investigations]
    return ImportReport(
        source=source,
        rows=parsed.rows,
        layouts=parsed.layouts,
        feed_date=parsed.feed_date,
        added=tuple(added),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
        rejected=parsed.rejected,
        skipped=parsed.skipped,
        investigations=kinds.count(RecordKind.INVESTIGATION),
        preinstitution=kinds.count(RecordKind.PREINSTITUTION),
        warnings=parsed.warnings,
    )


def load_investigations(runtime: Runtime, selection: Selection) -> list[Investigation]:
    """Return the records of ``selection`` (``all`` never counts a number twice)."""
    imported: list[Investigation] = []
    if selection is not Selection.SHIPPED:
        with runtime.unit_of_work() as session:
            imported = store.imported_investigations(session)
    if selection is Selection.IMPORTED:
        return imported
    shipped = list(published.shipped_investigations())
    return shipped if selection is Selection.SHIPPED else merge_sources(imported, shipped)


def investigation_statistics(
    runtime: Runtime, *, by: GroupBy, selection: Selection
) -> list[GroupStatistics]:
    """Return the overall statistics followed by one group per year, HTS chapter or country."""
    require(runtime.caller, Permission.USITC_READ)
    return statistics_by(load_investigations(runtime, selection), by)


def published_comparison() -> dict[str, object]:
    """Return the published figures that statistics are compared with (DOMAIN.md §3.2, §5.3)."""
    respondents = published.domain_figure("respondents_per_investigation")
    shares = published.domain_series("share_investigations_naming_chinese")
    return {
        "respondents_per_investigation": {
            "value": respondents.value,
            "n": respondents.n,
            "period": respondents.period,
            "source": respondents.source(),
            "note": respondents.note,
        },
        "share_naming_chinese": [
            {
                "year": figure.period,
                "value": figure.value,
                "source": figure.source(),
                "note": figure.note,
            }
            for figure in shares
        ],
        "note": "published shares count Chinese firms incl. Hong Kong/Macau/Taiwan where the "
        "source says so; compare with share_naming_greater_china",
    }


def write_charts(
    runtime: Runtime,
    *,
    by: GroupBy,
    selection: Selection,
    out_dir: Path,
    kinds: Sequence[charts.ChartFormat],
) -> list[Path]:
    """Draw the statistics charts into ``out_dir`` and return the files written."""
    groups = investigation_statistics(runtime, by=by, selection=selection)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InvalidInput("out", f"cannot create {out_dir} ({error.strerror})") from None
    return charts.draw_charts(groups, by=by, source=selection.value, out_dir=out_dir, kinds=kinds)


def chart_svg(
    runtime: Runtime, *, by: GroupBy, selection: Selection, name: charts.ChartName
) -> bytes:
    """Return one statistics chart as SVG (the bytes ``usitc charts --format svg`` writes)."""
    groups = investigation_statistics(runtime, by=by, selection=selection)
    return charts.chart_svg(groups, by=by, source=selection.value, name=name)


def calibration(runtime: Runtime, *, selection: Selection) -> dict[str, object]:
    """Return the calibration document built from ``selection`` and the published figures.

    The document is dated (``generated_on``) by the runtime's clock. It is the risk engine's
    parameter file: only who may change the USITC record (``usitc:write``) produces it.
    """
    require(runtime.caller, Permission.USITC_WRITE)
    inputs = CalibrationInputs(
        records=load_investigations(runtime, selection),
        selection=selection.value,
        generated_on=runtime.clock.today(),
        package_version=package_version(),
        published=published.published_figures(),
        figures=published.domain_figures(),
    )
    return build_calibration(inputs)


def calibration_text(document: dict[str, object], *, as_yaml: bool) -> str:
    """Return the calibration document as JSON (default) or YAML text."""
    if as_yaml:
        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_calibration(document: dict[str, object], out: Path) -> Path:
    """Write the calibration to ``out`` (YAML for ``.yaml``/``.yml``, else JSON)."""
    as_yaml = out.suffix.lower() in {".yaml", ".yml"}
    text = calibration_text(document, as_yaml=as_yaml)
    return write_atomically(out, text.encode("utf-8"), field="out")
