"""Dates: half-open periods, US federal legal holidays and business days.

The ITC counts its periods in calendar days but rolls a last day that falls on a Saturday,
Sunday or "Federal legal holiday" to the next business day, and treats days the President or
Congress declared holidays — observed days included — as holidays (19 CFR 201.14(a),
DOMAIN.md §1.1). :class:`FederalCalendar` answers "is this a business day at the ITC?" from:

* the federal holidays of 5 U.S.C. 6103 with their observed days, and the days the President
  closed executive departments by order (Christmas Eve closures, national days of mourning),
  as the ``holidays`` package publishes them in its ``government`` category;
* Inauguration Day (20 January after a presidential election, the 21st when the 20th is a
  Sunday), a legal holiday for federal employees in the Washington DC area, where the ITC sits
  (5 U.S.C. 6103(c));
* ad-hoc closures (snow days, shutdown closures) added by the caller.

Deadline rules themselves live in the deadline engine; this module is pure and holds no rule of
a particular proceeding. It never reads the clock: callers pass the day they mean.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.limits import EARLIEST_DATE, LATEST_DATE

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Period:
    """A span of days, half-open: ``start`` is inside, ``end`` is the first day outside.

    A policy year from 2026-01-01 to 2027-01-01 therefore covers every day of 2026.

    >>> Period(date(2026, 1, 1), date(2027, 1, 1)).contains(date(2026, 12, 31))
    True
    >>> Period(date(2026, 1, 1), date(2027, 1, 1)).contains(date(2027, 1, 1))
    False
    """

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInput("period", f"end {self.end} is before start {self.start}")

    @classmethod
    def year(cls, year: int) -> Period:
        """Return the calendar year ``year`` as a period."""
        return cls(date(year, 1, 1), date(year + 1, 1, 1))

    @classmethod
    def open_ended(cls, start: date) -> Period:
        """Return a period from ``start`` with no end (``date.max``)."""
        return cls(start, date.max)

    def contains(self, day: date) -> bool:
        """Tell whether ``day`` lies in the period."""
        return self.start <= day < self.end

    def overlaps(self, other: Period) -> bool:
        """Tell whether the two periods share at least one day."""
        return self.start < other.end and other.start < self.end

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days


def parse_date(value: object, *, field: str) -> date:
    """Parse an ISO date (``YYYY-MM-DD``) given at an edge; raise :class:`InvalidInput`.

    The date must lie between :data:`~patentshield.kernel.limits.EARLIEST_DATE` and
    :data:`~patentshield.kernel.limits.LATEST_DATE`, so that deadline arithmetic on it never
    leaves the calendar (``9999-12-31`` plus 30 days).

    >>> parse_date("9999-12-20", field="from")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    patentshield.kernel.errors.InvalidInput: 9999-12-20 is outside the dates handled, ...
    """
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "…"
            raise InvalidInput(
                field,
                f"{shown} is not a date in the form YYYY-MM-DD",
                message_id="refusal.not_a_date",
                params={"value": str(value).strip()},
            ) from None
    calendar_day = day.date() if isinstance(day, datetime) else day
    if not EARLIEST_DATE <= calendar_day <= LATEST_DATE:
        raise InvalidInput(
            field, f"{day} is outside the dates handled, {EARLIEST_DATE} to {LATEST_DATE}"
        )
    return day


def inauguration_day(year: int) -> date | None:
    """Return Inauguration Day of ``year`` (every fourth year from 1965), else ``None``."""
    if year < 1965 or (year - 1965) % 4:
        return None
    day = date(year, 1, 20)
    return day + ONE_DAY if day.weekday() == 6 else day


@lru_cache(maxsize=256)
def federal_holidays(year: int) -> dict[date, str]:
    """Return the US federal legal holidays of ``year``, observed days included, with names."""
    table = holidays.country_holidays("US", years=year, observed=True, categories=("government",))
    found: dict[date, str] = {day: str(name) for day, name in table.items()}
    inauguration = inauguration_day(year)
    if inauguration is not None:
        found[inauguration] = "; ".join(
            n for n in (found.get(inauguration), "Inauguration Day") if n
        )
    return found


@dataclass(frozen=True, slots=True)
class FederalCalendar:
    """Business days at a US federal agency: weekdays that are not holidays or closures.

    >>> calendar = FederalCalendar()
    >>> calendar.is_business_day(date(2026, 7, 3))  # observed Independence Day
    False
    >>> calendar.next_business_day(date(2025, 11, 26))  # Thanksgiving is the 27th
    datetime.date(2025, 11, 28)
    """

    closures: frozenset[date] = field(default_factory=frozenset)

    def with_closures(self, days: Iterable[date]) -> FederalCalendar:
        """Return a calendar that also treats ``days`` as closed."""
        return FederalCalendar(self.closures | frozenset(days))

    def holiday_name(self, day: date) -> str | None:
        """Name the holiday or closure on ``day``, or ``None`` for an ordinary day."""
        if day in self.closures:
            return "closure"
        return federal_holidays(day.year).get(day)

    def is_business_day(self, day: date) -> bool:
        """Tell whether ``day`` is a weekday that is neither a holiday nor a closure."""
        return day.weekday() < 5 and self.holiday_name(day) is None

    def next_business_day(self, day: date) -> date:
        """Return the first business day strictly after ``day``."""
        candidate = day + ONE_DAY
        while not self.is_business_day(candidate):
            candidate += ONE_DAY
        return candidate

    def on_or_after(self, day: date) -> date:
        """Return ``day`` if it is a business day, else the next business day."""
        return day if self.is_business_day(day) else self.next_business_day(day)

    def business_days(self, start: date, end: date) -> Iterator[date]:
        """Yield the business days in the half-open span ``[start, end)``."""
        day = start
        while day < end:
            if self.is_business_day(day):
                yield day
            day += ONE_DAY


def add_months(day: date, months: int) -> date:
    """Return ``day`` moved by ``months`` calendar months (negative: back), clamped to month end.

    >>> add_months(date(2026, 10, 31), -4)
    datetime.date(2026, 6, 30)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))
