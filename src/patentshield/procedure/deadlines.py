"""Deadline arithmetic of the ITC rules: 19 CFR 201.14(a) forward, 210.18(a) backward, naive.

* **Forward, 19 CFR 201.14(a)** [R1]: counting begins with the first business day after the
  triggering act; a period of fewer than 7 days counts business days only; a last day on a
  Saturday, Sunday or Federal legal holiday (observed days included) runs to the next business
  day. A day the Commission is closed ad hoc (snow, a shutdown) is not a Saturday, Sunday or
  holiday: it is counted like any weekday, and it moves **only a filing due on the closed
  day**, to the next day the Commission is open.
* **Backward, 19 CFR 210.18(a)** [R7]: "at least N days" before a reference date (the first day
  of the hearing), counting the first calendar day before the reference as day 1. When day N
  falls on a weekend or holiday "the period extends until the end of the next business day".
  We read *extends* as making the period longer, i.e. moving on in the counting direction to
  the preceding business day: only that keeps the period "at least N days". A literal forward
  roll would leave fewer than N days; :func:`count_backward` names that reading in a warning.
  210.18 applies "notwithstanding any other rule", so 201.14's short-period rule does not.
* **Naive**: "the day after the trigger is day 1", every calendar day counts, no roll.

Each count returns a :class:`Deadline` with both readings, the steps of the count and warnings
when the readings differ (DOMAIN.md §1.1: store the rule-based date, alert on the earlier one).

This module is pure: no I/O, and it never reads the clock; the calendar is a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from patentshield.kernel.dates import FederalCalendar, add_months
from patentshield.kernel.errors import InvalidInput
from patentshield.procedure.steps import Counting, DayCount, Direction, Unit

MAX_DAYS = 3650
"""Longest period the engine counts (ten years), in days."""

SHORT_PERIOD_DAYS = 7
"""Periods shorter than this count business days only (19 CFR 201.14(a))."""

FORWARD_RULE = (
    "19 CFR 201.14(a) [R1]: counting begins with the first business day after the triggering "
    "act; a period under 7 days counts business days only; a last day on a Saturday, Sunday or "
    "Federal legal holiday runs to the next business day; a closure of the Commission moves only "
    "a filing due on the closed day"
)

HOLIDAYS_ONLY = FederalCalendar()
"""The calendar periods are counted on: weekends and Federal legal holidays, no closures."""
BACKWARD_RULE = (
    "19 CFR 210.18(a) [R7]: counted backward at least {days} days including the first calendar "
    "day before the reference date; a weekend or holiday end extends the period to the next "
    "business day in the counting direction (the preceding business day)"
)

ONE_DAY = timedelta(days=1)
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True, slots=True)
class CountStep:
    """One line of a count: the day number (``None`` for a skipped or rolled day), date, why."""

    day: int | None
    date: date
    note: str


@dataclass(frozen=True, slots=True)
class Deadline:
    """A counted deadline: the rule-based ``due`` date, the naive reading and how both arose.

    ``file_by`` is the safe filing date: the earlier of the two readings, moved back to a
    business day when it falls on a day the Commission is closed.
    """

    trigger: date
    days: int
    backward: bool
    business_days: bool
    due: date
    naive_due: date
    file_by: date
    rule: str
    warnings: tuple[str, ...]
    steps: tuple[CountStep, ...]


def check_days(days: int, *, field: str = "days") -> None:
    """Refuse a period that is not between 1 and :data:`MAX_DAYS` days."""
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(field, f"{days} is not a number of days between 1 and {MAX_DAYS}")


def label(day: date) -> str:
    """Return ``day`` as ``2025-12-09 (Tue)``."""
    return f"{day.isoformat()} ({_WEEKDAYS[day.weekday()]})"


def _closed_because(day: date, calendar: FederalCalendar) -> str:
    if day.weekday() >= 5:
        return "a weekend"
    name = calendar.holiday_name(day)
    if name == "closure":
        return "an ad-hoc closure"
    return name or "a business day"


def on_or_before(day: date, calendar: FederalCalendar) -> date:
    """Return ``day`` if it is a business day, else the last business day before it."""
    while not calendar.is_business_day(day):
        day -= ONE_DAY
    return day


def naive_forward(trigger: date, days: int) -> date:
    """Return the naive date: the day after ``trigger`` is day 1, every day counts, no roll."""
    return trigger + timedelta(days=days)


def calendar_roll(trigger: date, days: int, calendar: FederalCalendar) -> date:
    """Count every calendar day from the day after ``trigger``; roll a closed last day forward.

    This is how 19 CFR 210.66 counts the temporary-relief periods [R13].
    """
    return calendar.on_or_after(naive_forward(trigger, days))


def _start(trigger: date, calendar: FederalCalendar) -> list[CountStep]:
    steps = [CountStep(0, trigger, f"trigger {label(trigger)}")]
    day = trigger + ONE_DAY
    while not calendar.is_business_day(day):
        reason = _closed_because(day, calendar)
        steps.append(CountStep(None, day, f"{label(day)} is {reason}: not counted"))
        day += ONE_DAY
    steps.append(CountStep(1, day, f"day 1 = {label(day)}, the first business day after"))
    return steps


def _business_day_count(steps: list[CountStep], days: int, calendar: FederalCalendar) -> date:
    day, counted = steps[-1].date, 1
    while counted < days:
        day += ONE_DAY
        if calendar.is_business_day(day):
            counted += 1
            steps.append(CountStep(counted, day, f"day {counted} = {label(day)}"))
        else:
            reason = _closed_because(day, calendar)
            steps.append(
                CountStep(None, day, f"{label(day)} is {reason}: skipped (period < 7 days)")
            )
    return day


def _calendar_day_count(steps: list[CountStep], days: int, calendar: FederalCalendar) -> date:
    last = steps[-1].date + timedelta(days=days - 1)
    if days > 1:
        steps.append(CountStep(days, last, f"day {days} = {label(last)}"))
    if calendar.is_business_day(last):
        return last
    due = calendar.next_business_day(last)
    reason = _closed_because(last, calendar)
    steps.append(CountStep(None, due, f"day {days} falls on {reason}: runs to {label(due)}"))
    return due


def _words(days: int) -> str:
    return "one day" if days == 1 else f"{days} days"


def _warnings(due: date, naive: date, calendar: FederalCalendar) -> tuple[str, ...]:
    if due == naive:
        return ()
    earlier, later = min(due, naive), max(due, naive)
    gap = _words((later - earlier).days)
    if naive < due:
        found = [f"naive counting gives {naive}, {gap} before the rule-based {due}"]
    else:
        found = [f"naive counting gives {naive}, {gap} after the rule-based {due}"]
    found[0] += ": file by the earlier date to be safe"
    closed = closed_day_note(earlier, calendar)
    return tuple(found + [closed] if closed else found)


def closed_day_note(day: date, calendar: FederalCalendar) -> str:
    """Return a warning when ``day`` is not a business day (else ``""``): file the day before."""
    if calendar.is_business_day(day):
        return ""
    reason, safe = _closed_because(day, calendar), on_or_before(day, calendar)
    return f"{day} falls on {reason}: file by {safe} to be safe"


def _after_closure(steps: list[CountStep], due: date, calendar: FederalCalendar) -> date:
    """Move a filing due on a day the Commission is closed to the next open day (201.14(a))."""
    if calendar.is_business_day(due):
        return due
    moved = calendar.next_business_day(due)
    reason = _closed_because(due, calendar)
    steps.append(
        CountStep(None, moved, f"{label(due)} is {reason}: the filing runs to {label(moved)}")
    )
    return moved


def count_forward(trigger: date, days: int, calendar: FederalCalendar | None = None) -> Deadline:
    """Count ``days`` after ``trigger`` under 19 CFR 201.14(a), with the naive reading beside it.

    >>> count_forward(date(2025, 11, 26), 12).due  # Thanksgiving on the 27th
    datetime.date(2025, 12, 9)

    Raises
    ------
    InvalidInput
        When ``days`` is not between 1 and :data:`MAX_DAYS`.
    """
    check_days(days)
    calendar = calendar or FederalCalendar()
    steps = _start(trigger, HOLIDAYS_ONLY)
    short = days < SHORT_PERIOD_DAYS
    count = _business_day_count if short else _calendar_day_count
    due = _after_closure(steps, count(steps, days, HOLIDAYS_ONLY), calendar)
    steps.append(CountStep(None, due, f"due {label(due)}"))
    naive = naive_forward(trigger, days)
    return Deadline(
        trigger=trigger,
        days=days,
        backward=False,
        business_days=short,
        due=due,
        naive_due=naive,
        file_by=on_or_before(min(due, naive), calendar),
        rule=FORWARD_RULE,
        warnings=_warnings(due, naive, calendar),
        steps=tuple(steps),
    )


def _backward_steps(reference: date, days: int, calendar: FederalCalendar) -> list[CountStep]:
    steps = [CountStep(0, reference, f"reference date {label(reference)}")]
    first = reference - ONE_DAY
    steps.append(CountStep(1, first, f"day 1 = {label(first)}, the first calendar day before"))
    last = reference - timedelta(days=days)
    if days > 1:
        steps.append(CountStep(days, last, f"day {days} = {label(last)}"))
    if not calendar.is_business_day(last):
        due = on_or_before(last, calendar)
        reason = _closed_because(last, calendar)
        steps.append(CountStep(None, due, f"day {days} falls on {reason}: extends to {label(due)}"))
    return steps


def count_backward(reference: date, days: int, calendar: FederalCalendar | None = None) -> Deadline:
    """Count at least ``days`` before ``reference`` under 19 CFR 210.18(a) (see module docs).

    >>> count_backward(date(2026, 10, 5), 60).due  # day 60 is Thu 2026-08-06
    datetime.date(2026, 8, 6)

    Raises
    ------
    InvalidInput
        When ``days`` is not between 1 and :data:`MAX_DAYS`.
    """
    check_days(days)
    calendar = calendar or FederalCalendar()
    steps = _backward_steps(reference, days, calendar)
    due, naive = steps[-1].date, reference - timedelta(days=days)
    steps.append(CountStep(None, due, f"due {label(due)}"))
    warnings = _warnings(due, naive, calendar)
    if due != naive:
        later = calendar.next_business_day(naive)
        warnings += (
            f"read as rolling forward, the deadline would be {later}, less than {days} days "
            f"before {reference}; this engine keeps the period at least {days} days",
        )
    return Deadline(
        trigger=reference,
        days=days,
        backward=True,
        business_days=False,
        due=due,
        naive_due=naive,
        file_by=due,
        rule=BACKWARD_RULE.format(days=days),
        warnings=warnings,
        steps=tuple(steps),
    )


def count_period(period: DayCount, day: date, amount: int, calendar: FederalCalendar) -> date:
    """Return the end of ``amount`` units of ``period`` from ``day``, by its counting method.

    ``amount`` is the count's ``amount`` or, for the far end of a range, its ``amount_high``.
    The ITC's own periods go through :func:`count_forward` or :func:`count_backward`; statutory
    periods are plain calendar days (the earliest reading, no roll). Month counts and typical
    durations are calendar arithmetic moved onto a business day — back for a "before" count
    (an ID due 4 months before the target date on a Saturday is due on the Friday), forward
    otherwise (a typical hearing date is not a Sunday).
    """
    if period.counting is Counting.ITC_RULES:
        return count_forward(day, amount, calendar).due
    if period.counting is Counting.BACKWARD:
        return count_backward(day, amount, calendar).due
    if period.counting is Counting.CALENDAR_ROLL:
        return calendar_roll(day, amount, calendar)
    before = period.direction is Direction.BEFORE
    if period.counting is Counting.CALENDAR:
        return naive_forward(day, -amount if before else amount)
    if period.unit is Unit.MONTHS:
        end = add_months(day, -amount if before else amount)
    else:
        end = naive_forward(day, -amount if before else amount)
    return on_or_before(end, calendar) if before else calendar.on_or_after(end)
