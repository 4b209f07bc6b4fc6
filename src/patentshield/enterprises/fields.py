"""Parse the single values of an enterprise record, each raising :class:`InvalidInput`.

Every parser takes the raw value as YAML or a CSV cell gives it (text, integer, boolean, list)
and returns a checked, normalised value or raises
:class:`~patentshield.kernel.errors.InvalidInput` with the reason; :mod:`records` adds the row
and the field path. The rules are documented in ``docs/enterprises.md``.

This module is pure: no I/O, no database, no clock (``today`` is a parameter).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from patentshield.enterprises.credit_code import validate_credit_code
from patentshield.enterprises.hts import parse_hts_code
from patentshield.enterprises.model import CaseRole, EnterpriseId
from patentshield.kernel.dates import parse_date
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Currency, Money, parse_decimal

E = TypeVar("E", bound=StrEnum)

MAX_US_SALES = Decimal("1000000000000")
"""USD 1 trillion: far above any exporter, and exact in every database backend we support."""
FIRST_CASE_YEAR = 1930  # the Tariff Act of 1930 created Section 337

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ITC_NUMBER = re.compile(r"^337-TA-\d{1,4}$")
_PATENT_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9 .,/-]*$")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}


def text(value: object, *, limit: int, required: bool = True) -> str | None:
    """Return ``value`` as stripped one-line text of at most ``limit`` characters."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput("text", "is required")
        return None
    if isinstance(value, bool | list | dict):
        raise InvalidInput("text", f"must be text, not {type(value).__name__}")
    result = " ".join(str(value).split())
    if len(result) > limit:
        raise InvalidInput("text", f"is {len(result)} characters long; at most {limit} allowed")
    return result


def required_text(value: object, *, limit: int) -> str:
    """Return ``value`` as text (see :func:`text`), refusing a missing value."""
    result = text(value, limit=limit)
    assert result is not None  # text() raises for a missing required value
    return result


def parse_bool(value: object, *, default: bool = False) -> bool:
    """Return a yes/no value given as a YAML boolean or as text (true/false, yes/no, 1/0)."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return default if word == "" else False
    raise InvalidInput("bool", f"{value!r} is not yes/no (true/false, 1/0)")


def parse_choice(enum: type[E], value: object) -> E:
    """Return the member of ``enum`` named by ``value``, or say which values are allowed."""
    word = str(value).strip() if value is not None else ""
    for member in enum:
        if word in (member.value, member.value.lower(), member.value.upper()):
            return member
    allowed = ", ".join(m.value for m in enum)
    raise InvalidInput("choice", f"{value!r} is not one of {allowed}")


def parse_enterprise_id(value: object) -> EnterpriseId:
    """Return a valid enterprise slug: lower-case letters and digits joined by single hyphens."""
    slug = required_text(value, limit=64)
    if not _SLUG.match(slug):
        raise InvalidInput("id", f"{slug!r} must be a slug like sz-led-lighting (a-z, 0-9, -)")
    return EnterpriseId(slug)


def parse_us_sales(value: object) -> Money:
    """Return annual US sales in USD: a number given as text or integer, 0 ≤ x ≤ 10¹², cents."""
    if value is None or value == "":
        raise InvalidInput("annual_us_sales_usd", "is required")
    if "e" in str(value).lower():
        raise InvalidInput("annual_us_sales_usd", f"{value!r}: write the amount in plain digits")
    amount = parse_decimal(value, field="annual_us_sales_usd")
    if amount < 0:
        raise InvalidInput("annual_us_sales_usd", f"{value!r} is negative")
    if amount > MAX_US_SALES:
        raise InvalidInput("annual_us_sales_usd", f"{value!r} is above USD 1 trillion")
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput("annual_us_sales_usd", f"{value!r} has more than 2 decimal places")
    return Money(amount, Currency.USD)


def parse_year(value: object, *, today: date) -> int:
    """Return a case year between 1930 and the current year."""
    if isinstance(value, bool) or not str(value).strip().isdigit():
        raise InvalidInput("year", f"{value!r} is not a year")
    year = int(str(value).strip())
    if not FIRST_CASE_YEAR <= year <= today.year:
        raise InvalidInput("year", f"{year} is not between {FIRST_CASE_YEAR} and {today.year}")
    return year


def as_list(value: object) -> list[object]:
    """Return a YAML list (or a single scalar as a one-item list); refuse mappings."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        raise InvalidInput("list", "must be a list, not a mapping")
    return [value]


def parse_hts_codes(value: object) -> tuple[str, ...]:
    """Return one HTS code or a list of them, canonical and without repeats (at least one)."""
    codes = [parse_hts_code(str(code)) for code in as_list(value)]
    if not codes:
        raise InvalidInput("hts", "at least one HTS code is required")
    return tuple(dict.fromkeys(codes))


def parse_patent_number(value: object) -> str:
    """Return a patent number in capitals (letters, digits, spaces and . , / -)."""
    number = required_text(value, limit=60).upper()
    if not _PATENT_NUMBER.match(number) or not any(c.isdigit() for c in number):
        raise InvalidInput("number", f"{number!r} is not a patent number like ZL201910123456.7")
    return number


def parse_optional_date(value: object) -> date | None:
    """Return an ISO date, or ``None`` when the value is missing or blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        raise InvalidInput("expiry", f"{value} has a time of day; give a date YYYY-MM-DD")
    return parse_date(value, field="expiry")


def parse_case_number(value: object, role: CaseRole | None) -> str:
    """Return a case number that fits the role: ``337-TA-n`` for ITC parties, else not.

    ``role`` is ``None`` when the role itself was wrong; the number is then checked alone.
    """
    number = required_text(value, limit=60)
    is_itc = bool(_ITC_NUMBER.match(number.upper()))
    if role is not None and role.is_itc_role() and not is_itc:
        raise InvalidInput("number", f"{number!r}: a {role} needs an ITC number like 337-TA-1054")
    if role is not None and not role.is_itc_role() and is_itc:
        raise InvalidInput(
            "number",
            f"{number!r} is an ITC investigation: a party there is a "
            "respondent or complainant, not a " + role.value,
        )
    return number.upper() if is_itc else number


def parse_credit_code(value: object) -> str:
    """Return a validated, normalised unified social credit code."""
    return validate_credit_code(required_text(value, limit=40))
