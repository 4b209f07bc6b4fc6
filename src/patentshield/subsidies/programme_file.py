"""Read a subsidy-programme file (the shipped ``data/programmes.yaml`` or a user's), validated.

Every record is checked field by field and every problem is collected before failing
(:class:`~patentshield.kernel.errors.InvalidRecords`, naming the programme and the field):
unknown keys, missing fields, rates outside ``(0, 1]`` (or ``rate not published``), amounts
given as YAML floats, unknown product types, bad region codes, sources without an address
(only the article, ``He §2``, has none), versions of one programme that overlap in time.

This module is pure: it parses a document already read; it opens no file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TypeVar

from patentshield.catalog.model import ProductType, source_problem
from patentshield.kernel.errors import (
    InvalidInput,
    InvalidRecords,
    RecordError,
)
from patentshield.kernel.money import Money, parse_decimal
from patentshield.subsidies.model import (
    RATE_NOT_PUBLISHED,
    Basis,
    Confidence,
    Programme,
    Source,
    YearCap,
    parse_cny,
    parse_product_type,
    parse_region_code,
)

SHIPPED = "programmes.yaml"

_KEYS = frozenset(
    {
        "id",
        "version",
        "valid_from",
        "valid_to",
        "name",
        "name_zh",
        "rule",
        "body",
        "region_code",
        "product_types",
        "industries",
        "required_flags",
        "excluded_flags",
        "rate",
        "basis",
        "uplifts",
        "per_policy_cap",
        "per_applicant_year_caps",
        "min_premium",
        "annual_budget",
        "one_per_ip_right_per_product_type",
        "exclusive_of_other_bodies",
        "confidence",
        "sources",
        "illustrative_terms",
        "notes",
    }
)
_Choice = TypeVar("_Choice", Basis, Confidence)


class _Reader:
    """Reads the fields of one record, collecting a :class:`RecordError` for each problem."""

    def __init__(self, row: str, record: Mapping[str, object], errors: list[RecordError]) -> None:
        self.row, self.record, self.errors = row, record, errors

    def fail(self, field: str, reason: str) -> None:
        """Record a problem with ``field``."""
        self.errors.append(RecordError(self.row, field, reason))

    def text(self, field: str) -> str:
        """Return a required non-empty text field."""
        value = self.record.get(field)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
        self.fail(field, "required text is missing")
        return ""

    def day(self, field: str) -> date | None:
        """Return a date field (YAML date or ISO text); ``None`` when absent."""
        value = self.record.get(field)
        if value is None or isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(field, f"{value!r} is not a date YYYY-MM-DD")
            return None

    def decimal(self, field: str, value: object) -> Decimal | None:
        """Return a non-negative decimal given as text or integer (never a float)."""
        try:
            number = parse_decimal(value, field=field)
        except InvalidInput as error:
            self.fail(field, error.reason)
            return None
        if number < 0:
            self.fail(field, f"{number} must not be negative")
            return None
        return number

    def money(self, field: str, value: object | None = None) -> Money | None:
        """Return an optional CNY amount (the record's ``field``, or ``value`` when given)."""
        value = self.record.get(field) if value is None else value
        if value is None:
            return None
        try:
            return parse_cny(value, field=field)
        except InvalidInput as error:
            self.fail(field, error.reason)
            return None

    def strings(self, field: str) -> tuple[str, ...]:
        """Return an optional list of non-empty texts."""
        value = self.record.get(field, [])
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(v.strip() for v in value)
        self.fail(field, "must be a list of texts")
        return ()

    def flag(self, field: str, *, default: bool = False) -> bool:
        """Return an optional boolean."""
        value = self.record.get(field, default)
        if isinstance(value, bool):
            return value
        self.fail(field, f"{value!r} must be true or false")
        return default

    def product_types(self, field: str, values: object) -> frozenset[ProductType]:
        """Return a set of product types from a list of names."""
        if not isinstance(values, list) or not values:
            self.fail(field, "must be a non-empty list of product types")
            return frozenset()
        found = set()
        for value in values:
            try:
                found.add(parse_product_type(str(value), field=field))
            except InvalidInput as error:
                self.fail(field, error.reason)
        return frozenset(found)


def _rate(reader: _Reader) -> Decimal | None:
    value = reader.record.get("rate")
    if isinstance(value, str) and value.strip() == RATE_NOT_PUBLISHED:
        return None
    rate = reader.decimal("rate", value)
    if rate is not None and not Decimal(0) < rate <= 1:
        reader.fail("rate", f'{rate} must be a share in (0, 1], e.g. "0.50"')
    return rate or Decimal(0)


def _uplifts(reader: _Reader) -> dict[str, Decimal]:
    value = reader.record.get("uplifts", {})
    if not isinstance(value, dict):
        reader.fail("uplifts", "must map an applicant flag to percentage points")
        return {}
    uplifts = {}
    for flag, points in value.items():
        amount = reader.decimal("uplifts", points)
        if amount is not None and amount > 0:
            uplifts[str(flag)] = amount
        elif amount is not None:
            reader.fail("uplifts", f"uplift for {flag} must be positive")
    return uplifts


def _year_caps(reader: _Reader) -> tuple[YearCap, ...]:
    field = "per_applicant_year_caps"
    value = reader.record.get(field, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        reader.fail(field, "must be a list of {key, amount, product_types?, flag?}")
        return ()
    caps = []
    for item in value:
        unknown = set(item) - {"key", "amount", "product_types", "flag"}
        if unknown or not item.get("key"):
            reader.fail(field, f"a cap needs a key and knows no {sorted(unknown)}")
            continue
        amount = reader.money(field, item.get("amount", ""))
        types = item.get("product_types")
        kinds = reader.product_types(field, types) if types is not None else frozenset()
        flag = item.get("flag")
        if amount is not None:
            caps.append(YearCap(str(item["key"]), amount, kinds, str(flag) if flag else None))
    if len({cap.key for cap in caps}) != len(caps):
        reader.fail(field, "cap keys must be unique")
    return tuple(caps)


def _sources(reader: _Reader) -> tuple[Source, ...]:
    value = reader.record.get("sources")
    if not isinstance(value, list) or not value:
        reader.fail("sources", "at least one source {ref, url} is required")
        return ()
    sources = []
    for item in value:
        if not isinstance(item, dict) or not item.get("ref"):
            reader.fail("sources", f"{item!r} needs a ref and a url")
            continue
        ref, url = str(item["ref"]), str(item.get("url") or "")
        problem = source_problem(ref, url)
        if problem is None:
            sources.append(Source(ref, url, str(item.get("note", ""))))
        else:
            reader.fail("sources", problem)
    return tuple(sources)


def _choice(reader: _Reader, field: str, kind: type[_Choice], default: _Choice) -> _Choice:
    value = reader.record.get(field, default.value)
    try:
        return kind(str(value))
    except ValueError:
        reader.fail(field, f"{value!r} is not one of {', '.join(item.value for item in kind)}")
        return default


def _version(reader: _Reader) -> int:
    value = reader.record.get("version")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    reader.fail("version", f"{value!r} must be a whole number from 1")
    return 0


def _region(reader: _Reader) -> str:
    try:
        return parse_region_code(reader.text("region_code"))
    except InvalidInput as error:
        reader.fail("region_code", error.reason)
        return ""


def _period(reader: _Reader) -> tuple[date, date | None]:
    start, end = reader.day("valid_from"), reader.day("valid_to")
    if start is None:
        reader.fail("valid_from", "required date is missing")
        return date.min, end
    if end is not None and end <= start:
        reader.fail("valid_to", f"{end} must be after valid_from {start}")
    return start, end


def _programme(reader: _Reader) -> Programme:
    unknown = sorted(set(reader.record) - _KEYS)
    if unknown:
        reader.fail(unknown[0], f"unknown field(s) {', '.join(unknown)}")
    start, end = _period(reader)
    return Programme(
        id=reader.text("id"),
        version=_version(reader),
        valid_from=start,
        valid_to=end,
        name=reader.text("name"),
        name_zh=reader.text("name_zh"),
        rule=reader.text("rule"),
        body=reader.text("body"),
        region_code=_region(reader),
        product_types=reader.product_types("product_types", reader.record.get("product_types")),
        rate=_rate(reader),
        basis=_choice(reader, "basis", Basis, Basis.PREMIUM),
        industries=frozenset(reader.strings("industries")),
        required_flags=frozenset(reader.strings("required_flags")),
        excluded_flags=frozenset(reader.strings("excluded_flags")),
        uplifts=_uplifts(reader),
        per_policy_cap=reader.money("per_policy_cap"),
        per_applicant_year_caps=_year_caps(reader),
        min_premium=reader.money("min_premium"),
        annual_budget=reader.money("annual_budget"),
        one_per_ip_right_per_product_type=reader.flag("one_per_ip_right_per_product_type"),
        exclusive_of_other_bodies=reader.flag("exclusive_of_other_bodies"),
        sources=_sources(reader),
        flags_confidence=_choice(reader, "confidence", Confidence, Confidence.VERIFIED),
        illustrative_terms=reader.strings("illustrative_terms"),
        notes=reader.strings("notes"),
    )


def _overlaps(programmes: Sequence[Programme]) -> list[RecordError]:
    errors = []
    for index, first in enumerate(programmes):
        for second in programmes[index + 1 :]:
            if first.id != second.id:
                continue
            row = f"{second.id} v{second.version}"
            if first.version == second.version:
                errors.append(RecordError(row, "version", "the same version appears twice"))
            elif first.period.overlaps(second.period):
                errors.append(RecordError(row, "valid_from", f"overlaps v{first.version}"))
    return errors


def parse_programmes(document: object, source: str) -> tuple[Programme, ...]:
    """Return the programmes of a parsed YAML ``document`` (``{programmes: [...]}``).

    Raises
    ------
    InvalidRecords
        Listing every problem found, each with its programme (or position) and field.
    """
    records = document.get("programmes") if isinstance(document, dict) else None
    if not isinstance(records, list) or not records:
        raise InvalidRecords(source, [RecordError(0, "programmes", "no list of programmes")])
    errors: list[RecordError] = []
    programmes = []
    for index, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            errors.append(RecordError(index, "programme", "must be a mapping of fields"))
            continue
        row = str(record.get("id") or f"#{index}")
        programmes.append(_programme(_Reader(row, record, errors)))
    errors += _overlaps(programmes)
    if errors:
        raise InvalidRecords(source, errors)
    return tuple(programmes)
