from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.kernel.dates import (
    FederalCalendar,
    Period,
    federal_holidays,
    inauguration_day,
    parse_date,
)
from patentshield.kernel.errors import InvalidInput

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


def test_a_period_is_half_open():
    year = Period.year(2026)
    assert year.contains(date(2026, 1, 1))
    assert year.contains(date(2026, 12, 31))
    assert not year.contains(date(2027, 1, 1))
    assert year.days == 365


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(InvalidInput):
        Period(date(2026, 2, 1), date(2026, 1, 1))


def test_periods_overlap_only_when_they_share_a_day():
    assert Period.year(2025).overlaps(Period(date(2025, 12, 31), date(2026, 1, 5)))
    assert not Period.year(2025).overlaps(Period.year(2026))


def test_observed_independence_day_2026_is_a_holiday():
    # DOMAIN.md §1.1: Fri 3 Jul 2026 is the observed 4 July holiday.
    assert FederalCalendar().holiday_name(date(2026, 7, 3)) is not None
    assert not FederalCalendar().is_business_day(date(2026, 7, 3))


def test_thanksgiving_2025_is_a_holiday_and_the_next_day_is_a_business_day():
    calendar = FederalCalendar()
    assert not calendar.is_business_day(date(2025, 11, 27))
    assert calendar.next_business_day(date(2025, 11, 26)) == date(2025, 11, 28)


def test_inauguration_day_moves_to_monday_when_the_20th_is_a_sunday():
    assert inauguration_day(2013) == date(2013, 1, 21)
    assert inauguration_day(2025) == date(2025, 1, 20)
    assert inauguration_day(2026) is None
    assert "Inauguration Day" in federal_holidays(2021)[date(2021, 1, 20)]


def test_presidential_closures_count_as_holidays():
    # Executive-order closure of 24 December 2024 (holidays package, government category).
    assert date(2024, 12, 24) in federal_holidays(2024)


def test_ad_hoc_closures_are_not_business_days():
    snow_day = date(2026, 1, 27)
    calendar = FederalCalendar().with_closures([snow_day])
    assert FederalCalendar().is_business_day(snow_day)
    assert not calendar.is_business_day(snow_day)
    assert calendar.holiday_name(snow_day) == "closure"


def test_business_days_lists_weekdays_only():
    week = list(FederalCalendar().business_days(date(2026, 11, 23), date(2026, 11, 30)))
    assert week == [date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 27)]


def test_a_malformed_date_names_the_field():
    with pytest.raises(InvalidInput) as error:
        parse_date("25/11/2026", field="date")
    assert error.value.field == "date"


@given(days)
def test_the_next_business_day_is_later_and_never_a_weekend_or_holiday(day):
    calendar = FederalCalendar()
    following = calendar.next_business_day(day)
    assert following > day
    assert following.weekday() < 5
    assert following not in federal_holidays(following.year)
    assert following - day <= timedelta(days=6)
