"""Read an enterprise file (YAML or CSV), check every record and collect every error.

Formats (documented with examples in ``docs/enterprises.md``):

* **YAML** (``.yaml``/``.yml``): a list of enterprise records, or ``{enterprises: [...]}``.
  ``row`` in an error is the record's position in the list, from 1.
* **CSV** (``.csv``, UTF-8, a BOM is allowed): one row per enterprise; ``row`` is the line
  number in the file (the header is line 1). Multi-valued cells separate items with ``;``:

  ===========================  ================================================================
  column                       cell
  ===========================  ================================================================
  ``id``, ``name``,            text (required, except ``name_zh``)
  ``name_zh``, ``credit_code``
  ``region``                   6-digit administrative division code
  ``industries``, ``flags``    ``led_lighting;ultra_hd_display``
  ``has_compliance_programme`` ``yes``/``no`` (also true/false, 1/0; empty = no)
  ``product_classes``          ``name:hts|hts:sales_usd;…`` — ``LED lamps:9405.42|9405.11:8000000``
  ``patents``                  ``jurisdiction:number:kind:expiry:high_value:title;…`` — expiry
                               and high_value may be empty; the title may contain ``:``
  ``past_cases``               ``number:year:role:outcome;…`` — number (``1:21-cv-01234``) and
                               outcome may contain ``:``; the outcome may be left out
  ===========================  ================================================================

Nothing is returned unless every record is valid: the errors of all rows are raised together as
:class:`~patentshield.kernel.errors.InvalidRecords`. Two records with the same id or the same
credit code are errors too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from patentshield.enterprises.credit_code import normalise_credit_code
from patentshield.enterprises.model import Enterprise
from patentshield.enterprises.records import RECORD_KEYS, Findings, MalformedItem, build_enterprise
from patentshield.kernel.errors import InvalidInput, InvalidRecords, RecordError
from patentshield.kernel.inputs import csv_errors, load_yaml, read_text

REQUIRED_COLUMNS = ("id", "name", "credit_code", "region")
_LIST_COLUMNS = ("industries", "flags")
_PATENT_PARTS = ("jurisdiction", "number", "kind", "expiry", "high_value", "title")
_CASE_CELL = re.compile(
    r"^(?P<number>.+?):(?P<year>\d{4}):(?P<role>[A-Za-z_]+)(?::(?P<outcome>.*))?$"
)

Record = tuple[int | str, object]


@dataclass(frozen=True, slots=True)
class ParsedEnterprise:
    """A valid enterprise and the row it came from (so later checks can point at it)."""

    row: int | str
    enterprise: Enterprise


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """Every enterprise of a valid file, in file order, and the warnings found."""

    source: str
    entries: tuple[ParsedEnterprise, ...]
    warnings: tuple[RecordError, ...]


def read_enterprises(path: Path, *, today: date) -> ParsedFile:
    """Read and check the enterprise file at ``path``.

    Raises
    ------
    InvalidInput
        When the file is missing, not YAML/CSV, or not readable as its format (field ``file``).
    InvalidRecords
        With every error of every record, when any record is invalid.
    """
    findings = Findings()
    records = _records(path, findings)
    if not records and not findings.errors:
        raise InvalidInput("file", f"{path} holds no enterprise records")
    entries = []
    for row, record in records:
        enterprise = build_enterprise(record, row=row, findings=findings, today=today)
        if enterprise is not None:
            entries.append(ParsedEnterprise(row, enterprise))
    _refuse_duplicates(records, findings)
    if findings.errors:
        raise InvalidRecords(str(path), findings.errors)
    return ParsedFile(str(path), tuple(entries), tuple(findings.warnings))


def _records(path: Path, findings: Findings) -> list[Record]:
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".csv"):
        raise InvalidInput("file", f"{path}: expected a .yaml, .yml or .csv file")
    content = read_text(path, field="file")
    if suffix == ".csv":
        with csv_errors(field="file", source=str(path)):
            return _csv_records(content, findings)
    return _yaml_records(content, path)


def _yaml_records(content: str, path: Path) -> list[Record]:
    document = load_yaml(content, field="file", source=str(path))
    if isinstance(document, dict) and set(document) == {"enterprises"}:
        document = document["enterprises"]
    if document is None:
        return []
    if not isinstance(document, list):
        raise InvalidInput(
            "file", f"{path}: expected a list of enterprises or {{enterprises: [...]}}"
        )
    return list(enumerate(document, start=1))


def _csv_records(content: str, findings: Findings) -> list[Record]:
    reader = csv.DictReader(io.StringIO(content))
    columns = list(reader.fieldnames or [])
    if not _header_is_valid(columns, findings):
        return []
    records: list[Record] = []
    for cells in reader:
        if None in cells:
            findings.errors.append(RecordError(reader.line_num, "row", "more cells than columns"))
            continue
        if any((value or "").strip() for value in cells.values()):
            records.append((reader.line_num, _csv_record(cells)))
    return records


def _header_is_valid(columns: list[str], findings: Findings) -> bool:
    before = len(findings.errors)
    for column in columns:
        if column not in RECORD_KEYS:
            findings.errors.append(
                RecordError(1, column, f"unknown column; expected some of {', '.join(RECORD_KEYS)}")
            )
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            findings.errors.append(RecordError(1, column, "required column is missing"))
    return len(findings.errors) == before


def _csv_record(cells: Mapping[str | None, str | None]) -> dict[str, object]:
    record: dict[str, object] = {}
    for column, cell in cells.items():
        value = (cell or "").strip()
        if column in _LIST_COLUMNS:
            record[str(column)] = _split_items(value)
        elif column == "product_classes":
            record[column] = [_product_class_cell(item) for item in _split_items(value)]
        elif column == "patents":
            record[column] = [_patent_cell(item) for item in _split_items(value)]
        elif column == "past_cases":
            record[column] = [_past_case_cell(item) for item in _split_items(value)]
        else:
            record[str(column)] = value or None
    return record


def _split_items(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(";") if item.strip()]


def _product_class_cell(item: str) -> object:
    rest, _, sales = item.rpartition(":")  # the name may contain ':'; HTS and sales never do
    name, _, hts = rest.rpartition(":")
    if not name.strip():
        return MalformedItem(f"{item!r} is not name:hts|hts:sales_usd")
    codes = [code.strip() for code in hts.split("|") if code.strip()]
    return {"name": name, "hts": codes, "annual_us_sales_usd": sales.strip()}


def _patent_cell(item: str) -> object:
    values = [value.strip() for value in item.split(":", len(_PATENT_PARTS) - 1)]
    if len(values) < len(_PATENT_PARTS):
        layout = ":".join(_PATENT_PARTS)
        return MalformedItem(f"{item!r} has {len(values)} parts; expected {layout}")
    return dict(zip(_PATENT_PARTS, values, strict=True))


def _past_case_cell(item: str) -> object:
    """Split ``number:year:role[:outcome]``; court numbers like ``1:21-cv-01234`` keep colons."""
    match = _CASE_CELL.match(item)
    if match is None:
        return MalformedItem(f"{item!r} is not number:year:role:outcome")
    return {key: (value or "").strip() for key, value in match.groupdict().items()}


def _key(record: object, name: str) -> str | None:
    value = record.get(name) if isinstance(record, Mapping) else None
    if value is None or not str(value).strip():
        return None
    return normalise_credit_code(str(value)) if name == "credit_code" else str(value).strip()


def _refuse_duplicates(records: list[Record], findings: Findings) -> None:
    """Report ids and credit codes used twice, also in records that are invalid otherwise."""
    for name in ("id", "credit_code"):
        first: dict[str, int | str] = {}
        for row, record in records:
            value = _key(record, name)
            if value is None:
                continue
            if value in first:
                reason = f"{value} is also used in row {first[value]}"
                findings.errors.append(RecordError(row, name, reason))
            first.setdefault(value, row)
