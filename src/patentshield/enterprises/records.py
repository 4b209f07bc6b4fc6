"""Check one enterprise record and build the :class:`Enterprise`, collecting every problem.

A record is a mapping as YAML gives it (the CSV reader builds the same shape from a row). Each
field is checked on its own and every problem is kept as a
:class:`~patentshield.kernel.errors.RecordError` naming the row and the field path, such as
``patents[2].expiry``, so that one pass over a file reports all of its errors. Doubtful but
acceptable values (a region code missing from the shipped table, an expired patent) become
warnings. The field rules are documented in ``docs/enterprises.md``.

It reads no user file and no clock (``today`` is a parameter); the shipped region and industry
tables are read once, through :mod:`regions` and :mod:`industries`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import TypeVar

from patentshield.enterprises.credit_code import division_code
from patentshield.enterprises.fields import (
    as_list,
    parse_bool,
    parse_case_number,
    parse_choice,
    parse_credit_code,
    parse_enterprise_id,
    parse_hts_codes,
    parse_optional_date,
    parse_patent_number,
    parse_us_sales,
    parse_year,
    required_text,
    text,
)
from patentshield.enterprises.industries import find_industry
from patentshield.enterprises.model import (
    ApplicantFlag,
    CaseRole,
    Enterprise,
    PastCase,
    Patent,
    PatentJurisdiction,
    PatentKind,
    ProductClass,
    Region,
)
from patentshield.enterprises.regions import resolve_region, unlisted_reason
from patentshield.kernel.errors import InvalidInput, RecordError

T = TypeVar("T")

RECORD_KEYS = (
    "id",
    "name",
    "name_zh",
    "credit_code",
    "region",
    "industries",
    "flags",
    "has_compliance_programme",
    "product_classes",
    "patents",
    "past_cases",
)
PRODUCT_CLASS_KEYS = ("name", "hts", "annual_us_sales_usd")
PATENT_KEYS = ("jurisdiction", "number", "kind", "title", "expiry", "high_value")
PAST_CASE_KEYS = ("number", "year", "role", "outcome")


@dataclass(slots=True)
class Findings:
    """Errors and warnings found while reading one file."""

    errors: list[RecordError] = field(default_factory=list)
    warnings: list[RecordError] = field(default_factory=list)


@dataclass(slots=True)
class _Row:
    """The checks of one record: each problem is stored with this row's number."""

    row: int | str
    findings: Findings
    failed: bool = False

    def error(self, path: str, reason: str) -> None:
        self.failed = True
        self.findings.errors.append(RecordError(self.row, path, reason))

    def warn(self, path: str, reason: str) -> None:
        self.findings.warnings.append(RecordError(self.row, path, reason))

    def check(self, path: str, parse: Callable[[], T]) -> T | None:
        try:
            return parse()
        except InvalidInput as problem:
            self.failed = True
            self.findings.errors.append(RecordError.of(self.row, path, problem))
            return None

    def unknown_keys(self, item: Mapping[str, object], allowed: Sequence[str], path: str) -> None:
        for key in item:
            if key not in allowed:
                self.error(f"{path}{key}", f"unknown field; expected one of {', '.join(allowed)}")


def _items(row: _Row, record: Mapping[str, object], key: str) -> list[tuple[str, object]]:
    values = row.check(key, lambda: as_list(record.get(key)))
    return [(f"{key}[{n}]", item) for n, item in enumerate(values or [], start=1)]


@dataclass(frozen=True, slots=True)
class MalformedItem:
    """An item a reader could not split into fields (a CSV cell part); ``reason`` says why."""

    reason: str


def _mapping(
    row: _Row, path: str, item: object, keys: Sequence[str], *, key_prefix: str | None = None
) -> Mapping[str, object] | None:
    if isinstance(item, MalformedItem):
        row.error(path, item.reason)
        return None
    if not isinstance(item, Mapping):
        row.error(path, f"must be a mapping with the fields {', '.join(keys)}")
        return None
    row.unknown_keys(item, keys, f"{path}." if key_prefix is None else key_prefix)
    return {str(k): v for k, v in item.items()}


def _product_class(row: _Row, path: str, item: object) -> ProductClass | None:
    fields = _mapping(row, path, item, PRODUCT_CLASS_KEYS)
    if fields is None:
        return None
    name = row.check(f"{path}.name", lambda: required_text(fields.get("name"), limit=200))
    codes = row.check(f"{path}.hts", lambda: parse_hts_codes(fields.get("hts")))
    sales = row.check(
        f"{path}.annual_us_sales_usd", lambda: parse_us_sales(fields.get("annual_us_sales_usd"))
    )
    if name is None or codes is None or sales is None:
        return None
    return ProductClass(name, codes, sales)


def _patent(row: _Row, path: str, item: object, today: date) -> Patent | None:
    fields = _mapping(row, path, item, PATENT_KEYS)
    if fields is None:
        return None
    jurisdiction = row.check(
        f"{path}.jurisdiction", lambda: parse_choice(PatentJurisdiction, fields.get("jurisdiction"))
    )
    number = row.check(f"{path}.number", lambda: parse_patent_number(fields.get("number")))
    kind = row.check(f"{path}.kind", lambda: parse_choice(PatentKind, fields.get("kind")))
    title = row.check(f"{path}.title", lambda: required_text(fields.get("title"), limit=500))
    expiry = row.check(f"{path}.expiry", lambda: parse_optional_date(fields.get("expiry")))
    high_value = row.check(f"{path}.high_value", lambda: parse_bool(fields.get("high_value")))
    if jurisdiction is None or number is None or kind is None or title is None:
        return None
    patent = Patent(jurisdiction, number, kind, title, expiry, bool(high_value))
    if not patent.is_in_force(today):
        row.warn(f"{path}.expiry", f"patent {number} expired on {expiry}; it protects nothing now")
    return patent


def _past_case(row: _Row, path: str, item: object, today: date) -> PastCase | None:
    fields = _mapping(row, path, item, PAST_CASE_KEYS)
    if fields is None:
        return None
    role = row.check(f"{path}.role", lambda: parse_choice(CaseRole, fields.get("role")))
    number = row.check(f"{path}.number", lambda: parse_case_number(fields.get("number"), role))
    year = row.check(f"{path}.year", lambda: parse_year(fields.get("year"), today=today))
    outcome = row.check(
        f"{path}.outcome", lambda: text(fields.get("outcome"), limit=2000, required=False)
    )
    if role is None or number is None or year is None:
        return None
    return PastCase(number, year, role, outcome or "")


def _tags(
    row: _Row, record: Mapping[str, object]
) -> tuple[frozenset[str], frozenset[ApplicantFlag]]:
    industries: set[str] = set()
    for path, tag in _items(row, record, "industries"):
        industry = row.check(path, partial(find_industry, str(tag)))
        if industry is not None:
            industries.add(industry.id)
    flags: set[ApplicantFlag] = set()
    for path, value in _items(row, record, "flags"):
        flag = row.check(path, partial(parse_choice, ApplicantFlag, value))
        if flag is not None:
            flags.add(flag)
    return frozenset(industries), frozenset(flags)


def _no_repeats(row: _Row, key: str, names: Sequence[str]) -> None:
    seen: set[str] = set()
    for n, name in enumerate(names, start=1):
        if name in seen:
            row.error(f"{key}[{n}]", f"{name!r} is given twice")
        seen.add(name)


def _collections(
    row: _Row, record: Mapping[str, object], today: date
) -> tuple[tuple[ProductClass, ...], tuple[Patent, ...], tuple[PastCase, ...]]:
    classes = [_product_class(row, p, i) for p, i in _items(row, record, "product_classes")]
    patents = [_patent(row, p, i, today) for p, i in _items(row, record, "patents")]
    cases = [_past_case(row, p, i, today) for p, i in _items(row, record, "past_cases")]
    _no_repeats(row, "product_classes", [c.name for c in classes if c])
    _no_repeats(row, "patents", [f"{p.jurisdiction} {p.number}" for p in patents if p])
    return (
        tuple(c for c in classes if c),
        tuple(p for p in patents if p),
        tuple(c for c in cases if c),
    )


def _region_warnings(row: _Row, region: Region, credit_code: str | None) -> None:
    if not region.is_listed:
        row.warn("region", unlisted_reason(region))
    if credit_code is not None and division_code(credit_code)[:2] != region.code[:2]:
        row.warn(
            "credit_code",
            f"registered in division {division_code(credit_code)}, outside the province of "
            f"region {region.code}; right only if the enterprise moved",
        )


def _registration(row: _Row, record: Mapping[str, object]) -> tuple[str | None, Region | None]:
    credit_code = row.check("credit_code", lambda: parse_credit_code(record.get("credit_code")))
    region = row.check(
        "region", lambda: resolve_region(required_text(record.get("region"), limit=20))
    )
    if region is not None:
        _region_warnings(row, region, credit_code)
    return credit_code, region


def build_enterprise(
    item: object, *, row: int | str, findings: Findings, today: date
) -> Enterprise | None:
    """Check every field of the record ``item``; return the enterprise, or ``None`` on error.

    Problems go to ``findings`` under ``row``; ``today`` dates the expiry and year checks.
    """
    checks = _Row(row, findings)
    record = _mapping(checks, "record", item, RECORD_KEYS, key_prefix="")
    if record is None:
        return None
    enterprise_id = checks.check("id", lambda: parse_enterprise_id(record.get("id")))
    name = checks.check("name", lambda: required_text(record.get("name"), limit=200))
    name_zh = checks.check(
        "name_zh", lambda: text(record.get("name_zh"), limit=200, required=False)
    )
    credit_code, region = _registration(checks, record)
    has_programme = checks.check(
        "has_compliance_programme", lambda: parse_bool(record.get("has_compliance_programme"))
    )
    industries, flags = _tags(checks, record)
    classes, patents, cases = _collections(checks, record, today)
    if checks.failed or enterprise_id is None or name is None or credit_code is None:
        return None
    if region is None or has_programme is None:
        return None
    return Enterprise(
        id=enterprise_id,
        name=name,
        name_zh=name_zh,
        credit_code=credit_code,
        region=region,
        product_classes=classes,
        patents=patents,
        past_cases=cases,
        has_compliance_programme=has_programme,
        industries=industries,
        flags=flags,
    )
