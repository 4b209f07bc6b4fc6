"""US patents read from the PatentsView bulk tables, every row checked, bad rows refused.

The PatentsView "granted patent" download (https://patentsview.org/download/data-download-tables,
CC BY 4.0) is a set of tab-separated files keyed by ``patent_id``. The importer reads:

* ``g_patent.tsv`` (required): ``patent_id``, ``patent_type``, ``patent_date``,
  ``patent_title``, ``wipo_kind``, ``num_claims``, ``withdrawn``;
* ``g_application.tsv``: ``patent_id``, ``filing_date`` (the term runs from it);
* ``g_assignee_disambiguated.tsv``: ``patent_id``, ``assignee_sequence``,
  ``disambig_assignee_organization`` or the individual's first and last name;
* ``g_cpc_current.tsv``: ``patent_id``, ``cpc_sequence``, ``cpc_group`` (e.g. ``H01L33/50``);
* ``g_us_term_of_grant.tsv``: ``patent_id``, ``term_extension`` (PTA days).

Like the USITC importer, every row is checked and every problem collected: a row with a bad
number, date, type or CPC group, or one naming a patent the ``g_patent`` file does not hold
(or refused), is rejected with its file, line, field and reason. A file without the columns
it needs is not a PatentsView table and is refused whole.

This module is pure: it parses bytes already read; no database, no clock.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from patentshield.compliance.expiry import Expiry, patent_expiry
from patentshield.kernel.errors import ExternalDataError, InvalidInput, RecordError
from patentshield.kernel.inputs import csv_errors, decode_text

TABLES = (
    "g_patent.tsv",
    "g_application.tsv",
    "g_assignee_disambiguated.tsv",
    "g_cpc_current.tsv",
    "g_us_term_of_grant.tsv",
)
KINDS = frozenset({"utility", "design", "plant", "reissue", "defensive publication", "SIR"})
_NUMBER = re.compile(r"^(D|PP|RE|H|T|X)?\d{1,8}$")
_CPC = re.compile(r"^[A-HY]\d{2}[A-Z]\d{1,4}/\d{2,6}$")
_REQUIRED = {
    "g_patent.tsv": ("patent_id", "patent_type", "patent_date", "patent_title"),
    "g_application.tsv": ("patent_id", "filing_date"),
    "g_assignee_disambiguated.tsv": ("patent_id", "disambig_assignee_organization"),
    "g_cpc_current.tsv": ("patent_id", "cpc_group"),
    "g_us_term_of_grant.tsv": ("patent_id", "term_extension"),
}


@dataclass(frozen=True, slots=True)
class UsPatent:
    """A granted US patent: number, kind, title, grant and filing dates, owners, CPC, PTA."""

    number: str
    kind: str
    title: str
    granted: date
    filed: date | None = None
    assignees: tuple[str, ...] = ()
    cpc: tuple[str, ...] = ()
    adjustment_days: int = 0
    withdrawn: bool = False

    def expiry(self) -> Expiry:
        """Return the last day in force, with the rule and the assumptions (``expiry.py``)."""
        return patent_expiry(
            self.kind, granted=self.granted, filed=self.filed, adjustment_days=self.adjustment_days
        )

    def label(self) -> str:
        """Return the number as printed, e.g. ``US 7,479,949`` or ``US D912,345``."""
        prefix = self.number.rstrip("0123456789")
        digits = self.number[len(prefix) :]
        return f"US {prefix}{int(digits):,}"


@dataclass(frozen=True, slots=True)
class PatentParse:
    """The patents read (by number) and the rows refused, with the rows read per file."""

    patents: dict[str, UsPatent]
    rejected: tuple[RecordError, ...]
    rows: dict[str, int] = field(default_factory=dict)


class _Problem(Exception):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def _table(name: str, payload: bytes) -> list[tuple[int, dict[str, str]]]:
    try:
        text = decode_text(payload, field=name, source=name)
        with csv_errors(field=name, source=name):
            return _table_rows(name, text)
    except InvalidInput as error:
        raise ExternalDataError(error.reason, field=name) from None


def _table_rows(name: str, text: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in _REQUIRED[name] if c not in (reader.fieldnames or ())]
    if missing:
        raise ExternalDataError(
            f"{name} is not a PatentsView table: no column {', '.join(missing)}", field=name
        )
    return [
        (line, {key: (value or "").strip() for key, value in row.items() if key})
        for line, row in enumerate(reader, start=2)
    ]


def _day(value: str, column: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _Problem(column, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _number(value: str) -> str:
    number = value.replace(",", "").replace(" ", "").upper()
    if not _NUMBER.match(number):
        raise _Problem("patent_id", f"{value!r} is not a US patent number")
    return number


def _patent(row: Mapping[str, str]) -> UsPatent:
    kind = row["patent_type"]
    if kind not in KINDS:
        raise _Problem("patent_type", f"{kind!r} is not one of {', '.join(sorted(KINDS))}")
    if not row["patent_title"]:
        raise _Problem("patent_title", "the title is empty")
    withdrawn = row.get("withdrawn", "0") or "0"
    if withdrawn not in ("0", "1"):
        raise _Problem("withdrawn", f"{withdrawn!r} is not 0 or 1")
    return UsPatent(
        number=_number(row["patent_id"]),
        kind=kind,
        title=row["patent_title"],
        granted=_day(row["patent_date"], "patent_date"),
        withdrawn=withdrawn == "1",
    )


def _filed(patent: UsPatent, row: Mapping[str, str]) -> UsPatent:
    filed = _day(row["filing_date"], "filing_date")
    if filed > patent.granted:
        raise _Problem("filing_date", f"{filed} is after the grant on {patent.granted}")
    return replace(patent, filed=filed)


def _assignee(patent: UsPatent, row: Mapping[str, str]) -> UsPatent:
    first = row.get("disambig_assignee_individual_name_first", "")
    last = row.get("disambig_assignee_individual_name_last", "")
    name = row["disambig_assignee_organization"] or " ".join(p for p in (first, last) if p)
    if not name:
        raise _Problem("disambig_assignee_organization", "no organisation and no person named")
    return replace(patent, assignees=(*patent.assignees, name))


def _cpc(patent: UsPatent, row: Mapping[str, str]) -> UsPatent:
    group = row["cpc_group"].replace(" ", "")
    if not _CPC.match(group):
        raise _Problem("cpc_group", f"{row['cpc_group']!r} is not a CPC group like H01L33/50")
    return replace(patent, cpc=(*patent.cpc, group))


def _term(patent: UsPatent, row: Mapping[str, str]) -> UsPatent:
    value = row["term_extension"] or "0"
    if not value.isdigit() or int(value) > 36_500:
        raise _Problem("term_extension", f"{value!r} is not a number of days")
    return replace(patent, adjustment_days=int(value))


_JOINS: dict[str, Callable[[UsPatent, Mapping[str, str]], UsPatent]] = {
    "g_application.tsv": _filed,
    "g_assignee_disambiguated.tsv": _assignee,
    "g_cpc_current.tsv": _cpc,
    "g_us_term_of_grant.tsv": _term,
}


def parse_patentsview(files: Mapping[str, bytes]) -> PatentParse:
    """Read PatentsView tables (file name → bytes); ``g_patent.tsv`` is required.

    Raises
    ------
    ExternalDataError
        When ``g_patent.tsv`` is missing, a file is not UTF-8 or lacks its columns, or a file
        is not one of :data:`TABLES`.
    """
    unknown = sorted(set(files) - set(TABLES))
    if unknown or "g_patent.tsv" not in files:
        reason = f"{unknown[0]} is not a PatentsView table" if unknown else "no g_patent.tsv"
        raise ExternalDataError(f"{reason}; expected {', '.join(TABLES)}", field="file")
    patents: dict[str, UsPatent] = {}
    rejected: list[RecordError] = []
    rows = {name: 0 for name in files}
    for line, row in _table("g_patent.tsv", files["g_patent.tsv"]):
        rows["g_patent.tsv"] += 1
        try:
            patent = _patent(row)
            if patent.number in patents:
                raise _Problem("patent_id", f"{patent.number} is listed twice")
            patents[patent.number] = patent
        except _Problem as problem:
            rejected.append(RecordError(f"g_patent.tsv:{line}", problem.column, problem.reason))
    for name, join in _JOINS.items():
        if name in files:
            rows[name] = _join(name, files[name], join, patents, rejected)
    return PatentParse(patents, tuple(rejected), rows)


def _join(
    name: str,
    payload: bytes,
    join: Callable[[UsPatent, Mapping[str, str]], UsPatent],
    patents: dict[str, UsPatent],
    rejected: list[RecordError],
) -> int:
    table = _table(name, payload)
    for line, row in sorted(table, key=_sequence):
        try:
            number = _number(row["patent_id"])
            if number not in patents:
                raise _Problem("patent_id", f"{number} is not in g_patent.tsv (or was refused)")
            patents[number] = join(patents[number], row)
        except _Problem as problem:
            rejected.append(RecordError(f"{name}:{line}", problem.column, problem.reason))
    return len(table)


def _sequence(item: tuple[int, dict[str, str]]) -> tuple[int, int]:
    line, row = item
    order = row.get("assignee_sequence") or row.get("cpc_sequence") or "0"
    return (int(order) if order.isdigit() else 0, line)
