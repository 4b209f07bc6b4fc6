"""The deadline engine on the worked examples of DOMAIN.md §1.1 and on hand-checked cases."""

from datetime import date

import pytest

from patentshield.kernel.dates import FederalCalendar, add_months
from patentshield.kernel.errors import InvalidInput
from patentshield.procedure.deadlines import (
    FORWARD_RULE,
    count_backward,
    count_forward,
    count_period,
    naive_forward,
)
from patentshield.procedure.steps import PeriodId, load_procedure


def test_a_final_id_served_the_day_before_thanksgiving_gives_petitions_on_9_december():
    deadline = count_forward(date(2025, 11, 26), 12)
    assert deadline.due == date(2025, 12, 9)
    assert deadline.naive_due == date(2025, 12, 8)
    assert deadline.file_by == date(2025, 12, 8)
    assert deadline.warnings == (
        "naive counting gives 2025-12-08, one day before the rule-based 2025-12-09: "
        "file by the earlier date to be safe",
    )
    assert [(s.day, s.date) for s in deadline.steps if s.day in (1, 12)] == [
        (1, date(2025, 11, 28)),
        (12, date(2025, 12, 9)),
    ]
    assert "201.14(a)" in deadline.rule


def test_a_complaint_served_before_the_observed_fourth_of_july_gives_an_answer_on_27_july():
    deadline = count_forward(date(2026, 7, 2), 20)
    assert deadline.due == date(2026, 7, 27)
    assert deadline.naive_due == date(2026, 7, 22)
    assert deadline.warnings[0].startswith("naive counting gives 2026-07-22, 5 days before")
    notes = [step.note for step in deadline.steps]
    assert "2026-07-03 (Fri) is Independence Day (observed): not counted" in notes
    assert "day 1 = 2026-07-06 (Mon), the first business day after" in notes
    assert "day 20 falls on a weekend: runs to 2026-07-27 (Mon)" in notes


def test_a_period_under_seven_days_counts_business_days_only():
    deadline = count_forward(date(2026, 7, 2), 5)  # Thu before the observed holiday
    assert deadline.business_days is True
    assert deadline.due == date(2026, 7, 10)
    assert [s.day for s in deadline.steps if s.day] == [1, 2, 3, 4, 5]


def test_a_five_day_period_skips_an_intermediate_weekend():
    deadline = count_forward(date(2026, 3, 11), 5)  # Wed: Thu, Fri, Mon, Tue, Wed
    assert deadline.due == date(2026, 3, 18)
    skipped = [s.note for s in deadline.steps if s.day is None and "skipped" in s.note]
    assert len(skipped) == 2


def test_a_seven_day_period_counts_calendar_days():
    deadline = count_forward(date(2026, 3, 11), 7)
    assert deadline.business_days is False
    assert deadline.due == date(2026, 3, 18)


def test_readings_agree_on_an_ordinary_week_and_then_there_is_no_warning():
    deadline = count_forward(date(2026, 3, 10), 10)  # Tue; day 10 is Fri 20 March
    assert deadline.due == deadline.naive_due == date(2026, 3, 20)
    assert deadline.warnings == ()


def test_201_14_a_an_ad_hoc_closure_within_the_period_is_counted_like_any_weekday():
    closed = FederalCalendar().with_closures([date(2026, 3, 11)])
    deadline = count_forward(date(2026, 3, 10), 10, closed)
    assert deadline.due == date(2026, 3, 20)  # day 1 is the closed Wed 11th, day 10 Fri 20th
    assert deadline.due == count_forward(date(2026, 3, 10), 10).due
    short = count_forward(date(2026, 3, 10), 5, closed)  # a short period: business days only
    assert short.due == count_forward(date(2026, 3, 10), 5).due == date(2026, 3, 17)


def test_201_14_a_a_closure_moves_only_a_filing_due_on_the_closed_day():
    closed = FederalCalendar().with_closures([date(2026, 3, 20)])
    deadline = count_forward(date(2026, 3, 10), 10, closed)
    assert deadline.due == date(2026, 3, 23)  # Fri 20th closed: the filing runs to Mon 23rd
    notes = [s.note for s in deadline.steps]
    assert "2026-03-20 (Fri) is an ad-hoc closure: the filing runs to 2026-03-23 (Mon)" in notes


def test_a_naive_date_on_a_weekend_warns_to_file_on_the_business_day_before():
    deadline = count_forward(date(2026, 3, 13), 8)  # Fri; naive is Sat 21 March
    assert deadline.naive_due == date(2026, 3, 21)
    assert deadline.due == date(2026, 3, 23)
    assert deadline.file_by == date(2026, 3, 20)
    assert "2026-03-21 falls on a weekend: file by 2026-03-20 to be safe" in deadline.warnings


def test_the_backward_count_starts_on_the_day_before_the_hearing():
    deadline = count_backward(date(2026, 10, 5), 60)  # Mon hearing
    assert deadline.due == date(2026, 8, 6)
    assert deadline.steps[1].day == 1 and deadline.steps[1].date == date(2026, 10, 4)
    assert deadline.warnings == ()
    assert "210.18(a)" in deadline.rule and "at least 60 days" in deadline.rule


def test_a_backward_count_ending_on_a_saturday_extends_to_the_friday_before():
    deadline = count_backward(date(2026, 10, 7), 60)  # day 60 is Sat 8 August
    assert deadline.naive_due == date(2026, 8, 8)
    assert deadline.due == date(2026, 8, 7)
    assert deadline.file_by == date(2026, 8, 7)
    assert any("2026-08-10" in warning for warning in deadline.warnings)  # forward reading


def test_a_backward_count_ending_on_a_holiday_extends_past_it():
    deadline = count_backward(date(2026, 11, 3), 60)  # day 60 is Fri 4 Sep; fine
    assert deadline.due == date(2026, 9, 4)
    labour_day = count_backward(date(2026, 11, 6), 60)  # day 60 is Mon 7 Sep, Labor Day
    assert labour_day.due == date(2026, 9, 4)


@pytest.mark.parametrize("days", [0, -3, 3651])
def test_a_period_out_of_range_is_refused_naming_the_field(days):
    with pytest.raises(InvalidInput) as raised:
        count_forward(date(2026, 1, 5), days)
    assert raised.value.field == "days"
    with pytest.raises(InvalidInput):
        count_backward(date(2026, 1, 5), days)


def test_the_naive_reading_is_plain_calendar_arithmetic():
    assert naive_forward(date(2025, 11, 26), 12) == date(2025, 12, 8)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 2, 17), 16, date(2027, 6, 17)),
        (date(2026, 10, 31), -4, date(2026, 6, 30)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
    ],
)
def test_months_are_calendar_months_clamped_to_the_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_a_count_of_the_procedure_uses_its_own_counting_method():
    procedure, calendar = load_procedure(), FederalCalendar()
    response = procedure.period(PeriodId.RESPONSE)
    assert count_period(response, date(2026, 7, 2), 20, calendar) == date(2026, 7, 27)
    final_id = procedure.period(PeriodId.FINAL_INITIAL_DETERMINATION)
    # Four months before Tue 2027-01-19 is Sat 2026-09-19: moved back to the Friday.
    assert count_period(final_id, date(2027, 1, 19), 4, calendar) == date(2026, 9, 18)
    review = procedure.period(PeriodId.PRESIDENTIAL_REVIEW)
    assert count_period(review, date(2027, 5, 20), 60, calendar) == date(2027, 7, 19)


def test_the_forward_rule_text_cites_201_14():
    assert FORWARD_RULE.startswith("19 CFR 201.14(a) [R1]")
