"""Invariants of the deadline engine over random dates and periods (STYLE.md rule 17)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from patentshield.kernel.dates import FederalCalendar
from patentshield.procedure.deadlines import count_backward, count_forward

CALENDAR = FederalCalendar()
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
periods = st.integers(min_value=1, max_value=400)
closures = st.frozensets(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)))


@given(dates, periods)
def test_a_rule_based_due_date_is_never_a_weekend_or_federal_holiday(trigger, days):
    due = count_forward(trigger, days, CALENDAR).due
    assert due.weekday() < 5
    assert CALENDAR.holiday_name(due) is None


@given(dates, periods, closures)
def test_a_due_date_is_never_an_ad_hoc_closure(trigger, days, closed):
    calendar = CALENDAR.with_closures(closed)
    assert calendar.is_business_day(count_forward(trigger, days, calendar).due)


@given(dates, periods, st.integers(min_value=1, max_value=60))
def test_a_longer_period_never_ends_earlier(trigger, days, extra):
    shorter = count_forward(trigger, days, CALENDAR).due
    longer = count_forward(trigger, days + extra, CALENDAR).due
    assert longer >= shorter


@given(dates, periods)
def test_a_rule_based_due_date_is_never_before_the_naive_one(trigger, days):
    deadline = count_forward(trigger, days, CALENDAR)
    assert deadline.due >= deadline.naive_due
    assert deadline.file_by <= deadline.naive_due
    assert CALENDAR.is_business_day(deadline.file_by)
    assert (deadline.warnings == ()) == (deadline.due == deadline.naive_due)


@given(dates, periods)
def test_the_rule_never_adds_more_than_a_short_stretch_of_closed_days(trigger, days):
    due = count_forward(trigger, days, CALENDAR).due
    assert trigger < due
    if days < 7:
        # A short period counts business days only (201.14(a)): exactly `days` of them.
        before_due = list(CALENDAR.business_days(trigger + timedelta(days=1), due))
        assert len(before_due) + 1 == days
    else:
        assert due <= trigger + timedelta(days=days + 10)


@given(dates, periods)
def test_the_backward_count_never_lands_on_a_closed_day(reference, days):
    due = count_backward(reference, days, CALENDAR).due
    assert CALENDAR.is_business_day(due)


@given(dates, periods)
def test_the_backward_count_is_never_later_than_n_calendar_days_before(reference, days):
    deadline = count_backward(reference, days, CALENDAR)
    assert deadline.due <= reference - timedelta(days=days)
    assert deadline.due == deadline.naive_due or deadline.warnings


@given(dates, periods, st.integers(min_value=1, max_value=60))
def test_a_longer_backward_period_never_ends_later(reference, days, extra):
    shorter = count_backward(reference, days, CALENDAR).due
    longer = count_backward(reference, days + extra, CALENDAR).due
    assert longer <= shorter
