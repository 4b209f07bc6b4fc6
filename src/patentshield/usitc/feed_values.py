"""Read single values out of USITC feed rows: dates, names, numbers, countries, order kinds.

The feeds mix date formats (``MM-DD-YYYY`` strings, ``{date, isNa}`` objects whose ISO
timestamp carries a noon placeholder, plain ISO dates), spell object keys ``Name`` or ``name``,
and write investigation numbers with or without ``TA`` (``SCHEMA.md`` §2 "Quirks"). Every
reader here either returns a clean value or raises :class:`RowProblem` naming the field and
the reason, which the importer reports with the row number.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from patentshield.usitc.records import DispositionKind, OrderType, RecordKind

FIRST_DOCKET_NUMBER = 3000
"""337-TA numbers were near 1,500 in 2026; numbers from 3000 up are EDIS dockets (SCHEMA.md §2)."""

_MONTH_FIRST = re.compile(r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$")
_ISO_PREFIX = re.compile(r"^(\d{4})[-/](\d{2})[-/](\d{2})(?:$|[T ])")
_NUMBER = re.compile(r"^337\s*-\s*(?:TA\s*-\s*)?(\d{1,5})$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^(\d{1,5})$")

_COUNTRIES = {
    "people's republic of china": "China",
    "peoples republic of china": "China",
    "prc": "China",
    "china (mainland)": "China",
    "mainland china": "China",
    "cn": "China",
    "hong kong sar": "Hong Kong",
    "hong kong, china": "Hong Kong",
    "hong kong sar, china": "Hong Kong",
    "macao": "Macau",
    "macao sar": "Macau",
    "taiwan, province of china": "Taiwan",
    "republic of china (taiwan)": "Taiwan",
    "chinese taipei": "Taiwan",
    "united states of america": "United States",
    "usa": "United States",
    "us": "United States",
    "u.s.": "United States",
    "u.s.a.": "United States",
    "korea": "South Korea",
    "korea, republic of": "South Korea",
    "republic of korea": "South Korea",
    "united kingdom of great britain and northern ireland": "United Kingdom",
    "uk": "United Kingdom",
}


class RowProblem(ValueError):
    """A value in a feed row is malformed; names the field and the reason."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def text(value: object, field: str) -> str | None:
    """Return ``value`` as stripped text (numbers are written out); blank is ``None``."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise RowProblem(field, f"expected text, got {value!r}")
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):
        raise RowProblem(field, f"expected text, got {type(value).__name__}")
    if "\x00" in value:
        raise RowProblem(field, "contains a NUL character")
    return value.strip() or None


def name_of(value: object, field: str, *keys: str) -> str | None:
    """Return the name held by ``value``: text, or an object's ``Name``/``name`` (or ``keys``)."""
    if value is None or isinstance(value, str | int | float):
        return text(value, field)
    if not isinstance(value, Mapping):
        raise RowProblem(field, f"expected an object or text, got {type(value).__name__}")
    for key in ("Name", "name", *keys):
        if value.get(key) is not None:
            return text(value[key], field)
    return None


def mapping(value: object, field: str) -> Mapping[str, object]:
    """Return ``value`` as an object (``None`` gives an empty one)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise RowProblem(field, f"expected an object, got {type(value).__name__}")
    return value


def items(row: Mapping[str, object], field: str) -> list[Mapping[str, object]]:
    """Return the list of objects under ``field`` (missing or null gives an empty list)."""
    value = row.get(field)
    if value is None:
        return []
    if not isinstance(value, list):
        raise RowProblem(field, f"expected a list, got {type(value).__name__}")
    for position, item in enumerate(value, start=1):
        if not isinstance(item, Mapping):
            raise RowProblem(field, f"item {position} is not an object")
    return list(value)


def feed_date(value: object, field: str) -> date | None:
    """Return the calendar day of a feed date; ``None`` when absent or not applicable.

    Accepts ``MM-DD-YYYY`` (or with slashes), ``YYYY-MM-DD`` and ISO timestamps (the time,
    a noon placeholder in the IDS feed, is dropped), and ``{"date": …, "isNa": …}`` objects
    in which ``isNa: true`` means "does not apply".

    >>> feed_date({"date": "2026-05-26T12:00:00.000+00:00", "isNa": False}, "d")
    datetime.date(2026, 5, 26)
    >>> feed_date("07-10-2020", "d")
    datetime.date(2020, 7, 10)
    >>> feed_date({"date": None, "isNa": True}, "d") is None
    True
    """
    if isinstance(value, Mapping):
        is_na = value.get("isNa")
        if is_na is True or value.get("date") is None:
            return None
        return feed_date(value.get("date"), field)
    raw = text(value, field)
    if raw is None:
        return None
    return _calendar_day(raw, field)


def _calendar_day(raw: str, field: str) -> date:
    month_first = _MONTH_FIRST.match(raw)
    iso = _ISO_PREFIX.match(raw)
    try:
        if month_first:
            month, day, year = (int(part) for part in month_first.groups())
            return date(year, month, day)
        if iso:
            year, month, day = (int(part) for part in iso.groups())
            return date(year, month, day)
    except ValueError:
        raise RowProblem(field, f"{raw!r} is not a calendar date") from None
    raise RowProblem(field, f"{raw!r} is not a date (MM-DD-YYYY, YYYY-MM-DD or {{date, isNa}})")


def integer(value: object, field: str) -> int | None:
    """Return ``value`` as an integer (text digits accepted); blank is ``None``."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    raw = text(value, field)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise RowProblem(field, f"{raw!r} is not a whole number") from None


def investigation_number(value: object, field: str) -> tuple[str, RecordKind]:
    """Return the normalised number and whether it is an investigation or a docketed complaint.

    ``337-1478`` and ``337-TA-1478`` both become ``337-TA-1478``; numbers from
    :data:`FIRST_DOCKET_NUMBER` up are EDIS dockets of complaints not yet instituted and
    become ``337-3933`` (``SCHEMA.md`` §2).

    >>> investigation_number("337-1478", "n")
    ('337-TA-1478', <RecordKind.INVESTIGATION: 'investigation'>)
    >>> investigation_number("337-3933", "n")[0]
    '337-3933'
    """
    raw = text(value, field)
    if raw is None:
        raise RowProblem(field, "missing")
    match = _NUMBER.match(raw) or _BARE_NUMBER.match(raw)
    if match is None:
        raise RowProblem(field, f"{raw!r} is not a Section 337 number (337-TA-NNNN)")
    serial = int(match.group(1))
    if serial >= FIRST_DOCKET_NUMBER:
        return f"337-{serial}", RecordKind.PREINSTITUTION
    return f"337-TA-{serial}", RecordKind.INVESTIGATION


def is_section_337_number(value: object) -> bool:
    """Tell whether ``value`` is text that starts like a Section 337 number (``337-``)."""
    return isinstance(value, str) and value.strip().startswith("337-")


def country(value: str | None) -> str | None:
    """Return the short English name of a country as the shipped data spells it.

    >>> country("People's Republic of China")
    'China'
    >>> country("United States of America")
    'United States'
    """
    if value is None or not value.strip():
        return None
    cleaned = " ".join(value.split())
    return _COUNTRIES.get(cleaned.casefold(), cleaned)


def disposition_kind(value: str | None) -> DispositionKind | None:
    """Classify a respondent's disposition text (``None`` when there is none).

    >>> disposition_kind("Terminated - Consent Order")
    <DispositionKind.CONSENT_ORDER: 'consent_order'>
    >>> disposition_kind("Found in default")
    <DispositionKind.DEFAULT: 'default'>
    """
    if value is None or not value.strip():
        return None
    folded = value.casefold()
    rules = (
        ("consent", DispositionKind.CONSENT_ORDER),
        ("settle", DispositionKind.SETTLED),
        ("withdr", DispositionKind.WITHDRAWN),
        ("default", DispositionKind.DEFAULT),
        ("no violation", DispositionKind.NO_VIOLATION),
        ("non-violation", DispositionKind.NO_VIOLATION),
        ("violation", DispositionKind.VIOLATION),
    )
    for needle, kind in rules:
        if needle in folded:
            return kind
    return DispositionKind.OTHER


def order_types(title: str | None) -> tuple[OrderType, ...]:
    """Return the remedial orders named in an order title (one title may name several).

    An exclusion order not called *general* is taken as limited, the default remedy
    (DOMAIN.md §1.4); temporary exclusion orders are not final remedies and are ignored.

    >>> order_types("Limited Exclusion Order and Cease and Desist Orders")
    (<OrderType.LEO: 'LEO'>, <OrderType.CDO: 'CDO'>)
    >>> order_types("General Exclusion Order")
    (<OrderType.GEO: 'GEO'>,)
    """
    if title is None:
        return ()
    folded = " ".join(title.casefold().replace("-", " ").split())
    found: list[OrderType] = []
    if "exclusion order" in folded and "temporary" not in folded:
        found.append(OrderType.GEO if "general" in folded else OrderType.LEO)
    if "cease and desist" in folded:
        found.append(OrderType.CDO)
    if "consent order" in folded:
        found.append(OrderType.CONSENT_ORDER)
    return tuple(found)
