"""Exchange rates: the USD/CNY fixings a runtime uses, and the rate of a given day.

The shipped table (``kernel/data/fx_usd_cny.csv``) holds year-end central-parity fixings with
their source. An entry point may instead give a table of its own (``--fx FILE``, the same CSV
layout) or one fixed rate (``PATENTSHIELD_FX_USD_CNY``); a caller may still give the rate of one
operation (``--fx-rate``), which wins over all of them. A rate older than
:data:`STALE_AFTER_DAYS` before the day it is used for comes with a warning.

>>> table = FxTable((FxRate(Currency.USD, Currency.CNY, Decimal("7.1884"), date(2024, 12, 31)),))
>>> rate, warnings = table.usd_cny(date(2025, 1, 15))
>>> rate.rate, warnings
(Decimal('7.1884'), ())

This module reads files only when :meth:`FxTable.shipped` or :meth:`FxTable.from_csv` is called.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path

from patentshield.kernel.errors import InvalidInput, InvalidRecords, RecordError
from patentshield.kernel.inputs import csv_errors, read_text
from patentshield.kernel.money import Currency, FxRate, check_fx_rate, parse_decimal

STALE_AFTER_DAYS = 92
"""A rate fixed more than this many days before the day it is used for carries a warning."""

MAX_FX_FILE_BYTES = 1_000_000
"""Largest exchange-rate file read (a daily table for decades is far smaller)."""


def _csv_rows(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def _rate(row: dict[str, str], number: int, source: str) -> FxRate | RecordError:
    try:
        day = date.fromisoformat((row.get("as_of") or "").strip())
    except ValueError:
        return RecordError(number, "as_of", f"not a date YYYY-MM-DD: {row.get('as_of')!r}")
    try:
        value = check_fx_rate(parse_decimal(row.get("rate") or "", field="rate"), field="rate")
        return FxRate(Currency.USD, Currency.CNY, value, day, row.get("source") or source)
    except InvalidInput as error:
        return RecordError(number, "rate", error.reason)


@dataclass(frozen=True, slots=True)
class FxTable:
    """USD/CNY fixings (CNY per USD), oldest first, or one fixed rate for every day."""

    rates: tuple[FxRate, ...]
    fixed: FxRate | None = None

    def __post_init__(self) -> None:
        if not self.rates and self.fixed is None:
            raise InvalidInput("fx", "an exchange-rate table needs at least one rate")

    @classmethod
    def parse(cls, text: str, *, source: str) -> FxTable:
        """Read a table in the shipped CSV layout (``as_of,rate,source``, ``#`` comments)."""
        rates: list[FxRate] = []
        errors: list[RecordError] = []
        for number, row in enumerate(_csv_rows(text), start=2):
            parsed = _rate(row, number, source)
            if isinstance(parsed, RecordError):
                errors.append(parsed)
            else:
                rates.append(parsed)
        if errors or not rates:
            raise InvalidRecords(source, errors)
        return cls(tuple(sorted(rates, key=lambda rate: rate.as_of)))

    @classmethod
    def shipped(cls) -> FxTable:
        """Return the table shipped in the package."""
        data = resources.files("patentshield.kernel").joinpath("data", "fx_usd_cny.csv")
        return cls.parse(data.read_text("utf-8"), source="fx_usd_cny.csv")

    @classmethod
    def from_csv(cls, path: Path) -> FxTable:
        """Read a user's table; a missing, oversized or malformed file is one clear error."""
        text = read_text(path, field="fx", limit=MAX_FX_FILE_BYTES)
        try:
            with csv_errors(field="fx", source=str(path)):
                return cls.parse(text, source=str(path))
        except InvalidRecords as error:
            problem = f"first: {error.errors[0]}" if error.errors else "it holds no rate"
            reason = f"{path} is not a USD/CNY table ({len(error.errors)} error(s); {problem})"
            raise InvalidInput("fx", reason) from None

    @classmethod
    def fixed_rate(cls, rate: Decimal, *, source: str) -> FxTable:
        """Return a table that answers ``rate`` for every day (``PATENTSHIELD_FX_USD_CNY``)."""
        return cls((), FxRate(Currency.USD, Currency.CNY, rate, date.min, source))

    def usd_cny(self, day: date, override: Decimal | None = None) -> tuple[FxRate, tuple[str, ...]]:
        """Return the USD/CNY rate to use on ``day``, and warnings about it.

        ``override`` (the rate of one operation) wins; then a fixed rate; otherwise the latest
        fixing on or before ``day``.
        """
        if override is not None:
            return FxRate(Currency.USD, Currency.CNY, override, day, "given by the user"), ()
        if self.fixed is not None:
            return FxRate(Currency.USD, Currency.CNY, self.fixed.rate, day, self.fixed.source), ()
        earlier = [rate for rate in self.rates if rate.as_of <= day]
        if not earlier:
            first = self.rates[0].as_of
            raise InvalidInput("fx_rate", f"no USD/CNY rate before {day} (first: {first})")
        rate = earlier[-1]
        age = (day - rate.as_of).days
        if age <= STALE_AFTER_DAYS:
            return rate, ()
        return rate, (
            f"USD amounts use the USD/CNY rate of {rate.as_of} ({rate.rate}), {age} days before "
            "the quote date; pass --fx-rate for the rate of the day",
        )
