"""The analytics' tables and charts as values: rendered the same on screen, in CSV, Excel, PNG/SVG.

Every programme view (what-if, uptake, adequacy, triangles, statistics) turns its JSON
document into :class:`Table` values. A :class:`Column` says what its cells are — text, a
count, a number, a share or money (``{"amount", "currency"}``) — so that each renderer shows
them right: ``CNY 1,234.50`` and ``12.5 %`` on screen, plain amounts with a currency column
in CSV, numbers with a number format in Excel (:mod:`patentshield.programme.export`).

A :class:`Chart` describes a bar or line chart over categories (series with optional 5th–95th
percentile whiskers, horizontal reference lines); :mod:`patentshield.programme.charts` draws it.

This module is pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Money

EMPTY = "—"
COMPACT_FROM = 10_000_000
"""On screen, amounts from CNY 10 M up are shown in millions (``CNY 216.10 M``)."""


class Kind(StrEnum):
    """What the cells of a column hold."""

    TEXT = "text"
    COUNT = "count"
    NUMBER = "number"
    SHARE = "share"
    MONEY = "money"


@dataclass(frozen=True, slots=True)
class Column:
    """A column's heading and the kind of its cells."""

    name: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True, slots=True)
class Table:
    """A titled table: ``name`` is its short id (Excel sheet, CSV block), rows hold JSON cells."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[JsonValue, ...], ...]
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Series:
    """One series of a chart: a value per category, with optional low/high whiskers."""

    label: str
    values: tuple[float, ...]
    low: tuple[float, ...] | None = None
    high: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class Chart:
    """A bar or line chart over categories, with horizontal reference lines (label, value)."""

    name: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    ylabel: str
    xlabel: str = ""
    line: bool = False
    references: tuple[tuple[str, float], ...] = ()


def table(
    name: str,
    title: str,
    columns: Sequence[tuple[str, Kind]],
    rows: Sequence[Sequence[JsonValue]],
    *,
    caption: str = "",
) -> Table:
    """Return a :class:`Table` from ``(heading, kind)`` pairs and rows of cells."""
    return Table(
        name,
        title,
        tuple(Column(heading, kind) for heading, kind in columns),
        tuple(tuple(row) for row in rows),
        caption,
    )


def money_of(cell: JsonValue) -> Money | None:
    """Return a money cell as :class:`Money` (``None`` for an empty cell)."""
    return Money.from_json(cell) if isinstance(cell, Mapping) else None


def number_of(cell: JsonValue) -> float | None:
    """Return a numeric cell as a float (``None`` for an empty or non-numeric cell)."""
    if isinstance(cell, bool) or not isinstance(cell, int | float | str):
        return None
    try:
        return float(cell)
    except ValueError:
        return None


def shown(cell: JsonValue, kind: Kind) -> str:
    """Return a cell as a person reads it on screen."""
    if cell is None:
        return EMPTY
    if kind is Kind.MONEY:
        money = money_of(cell)
        if money is None:
            return EMPTY
        if abs(money.amount) >= COMPACT_FROM:
            return f"{money.currency.value} {money.amount / 1_000_000:,.2f} M"
        return str(money)
    number = number_of(cell)
    if kind is Kind.COUNT and number is not None:
        return f"{number:,.0f}" if number == round(number) else f"{number:,.1f}"
    if kind is Kind.NUMBER and number is not None:
        return f"{number:,.3g}" if abs(number) < 1 else f"{number:,.2f}"
    if kind is Kind.SHARE and number is not None:
        return f"{number:.1%}"
    return str(cell)


def spread_cells(value: JsonValue) -> tuple[JsonValue, JsonValue, JsonValue]:
    """Return the mean, 5th and 95th percentiles of a ``{"mean", "p05", "p95"}`` figure."""
    if not isinstance(value, Mapping):
        return None, None, None
    return value.get("mean"), value.get("p05"), value.get("p95")
