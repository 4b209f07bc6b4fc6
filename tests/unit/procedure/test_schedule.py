"""The case calendar: events from a complaint date, given dates winning, flags and order."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.kernel.dates import FederalCalendar
from patentshield.kernel.errors import InvalidInput
from patentshield.procedure.schedule import EventKind, KnownDates, ScheduleEvent, case_schedule
from patentshield.procedure.steps import UNVERIFIED_MARK, StepId

FILED = date(2026, 1, 15)


def by_title(events: tuple[ScheduleEvent, ...], start: str) -> ScheduleEvent:
    matches = [event for event in events if event.title.startswith(start)]
    assert len(matches) == 1, [event.title for event in events]
    return matches[0]


def test_a_new_complaint_gives_a_full_calendar_in_date_order():
    events = case_schedule(KnownDates(FILED))
    assert [event.date for event in events] == sorted(event.date for event in events)
    assert events[0].title == "Complaint filed" and events[0].given
    steps = {event.step for event in events}
    assert {
        StepId.INSTITUTION_VOTE,
        StepId.NOTICE_OF_INVESTIGATION,
        StepId.SERVICE,
        StepId.RESPONSE,
        StepId.TARGET_DATE,
        StepId.DISCOVERY,
        StepId.SUMMARY_DETERMINATION,
        StepId.HEARING,
        StepId.FINAL_INITIAL_DETERMINATION,
        StepId.PETITIONS_FOR_REVIEW,
        StepId.COMMISSION_REVIEW,
        StepId.FINAL_DETERMINATION,
        StepId.PRESIDENTIAL_REVIEW,
        StepId.APPEAL,
        StepId.DISTRICT_COURT_STAY,
        StepId.INTER_PARTES_REVIEW,
        StepId.HUNDRED_DAY_PROGRAMME,
    } <= steps
    assert all(event.rule for event in events)


def test_only_the_vote_is_a_deadline_when_only_the_complaint_date_is_known():
    events = case_schedule(KnownDates(FILED))
    vote = by_title(events, "Commission votes whether to institute")
    assert vote.kind is EventKind.DEADLINE
    assert vote.date == date(2026, 2, 17)  # day 1 Fri 16 Jan, day 30 Sat 14 Feb, Presidents Day
    deadlines = {event.title for event in events if event.kind is EventKind.DEADLINE}
    assert deadlines == {"Complaint filed", "Commission votes whether to institute"}


def test_estimates_follow_the_typical_durations_from_the_estimated_institution():
    events = case_schedule(KnownDates(FILED, instituted=date(2026, 2, 20)))
    hearing = by_title(events, "Evidentiary hearing begins")
    assert hearing.kind is EventKind.ESTIMATE
    assert (hearing.date, hearing.latest) == (date(2026, 10, 20), date(2026, 11, 20))
    target = by_title(events, "Target date:")
    assert (target.date, target.latest) == (date(2027, 4, 20), date(2027, 6, 21))
    assert "[R21]" in target.rule


def test_an_institution_date_makes_the_counts_from_it_deadlines():
    events = case_schedule(KnownDates(FILED, instituted=date(2026, 2, 20)))
    target_set = by_title(events, "Target date set by the ALJ")
    assert target_set.kind is EventKind.DEADLINE
    assert target_set.date == date(2026, 4, 8)  # day 1 is Mon 23 Feb, day 45 Wed 8 Apr
    stay = by_title(events, "Last day to request a stay")
    assert stay.date == date(2026, 3, 22)
    assert "file by 2026-03-20 to be safe" in stay.note


def test_the_response_is_counted_from_service_under_201_14():
    events = case_schedule(
        KnownDates(date(2026, 5, 20), instituted=date(2026, 6, 29), served=date(2026, 7, 2))
    )
    response = by_title(events, "Response to the complaint")
    assert response.date == date(2026, 7, 27)
    assert response.kind is EventKind.DEADLINE
    assert "201.16" in response.note and UNVERIFIED_MARK in response.note
    assert response.verified


def test_a_given_hearing_replaces_the_estimate_and_fixes_the_summary_determination_deadline():
    known = KnownDates(FILED, instituted=date(2026, 2, 20), hearing=date(2026, 10, 7))
    events = case_schedule(known)
    hearing = by_title(events, "Evidentiary hearing begins")
    assert hearing.given and hearing.date == date(2026, 10, 7) and hearing.latest is None
    motion = by_title(events, "Last day to move for summary determination")
    assert motion.kind is EventKind.DEADLINE
    assert motion.date == date(2026, 8, 7)  # 60 days back is Sat 8 Aug


def test_a_given_target_fixes_the_final_id_four_months_before():
    known = KnownDates(FILED, instituted=date(2026, 2, 20), target=date(2027, 5, 20))
    events = case_schedule(known)
    final_id = by_title(events, "Final initial determination due")
    assert final_id.kind is EventKind.DEADLINE and final_id.date == date(2027, 1, 20)
    petitions = by_title(events, "Petitions for review")
    assert petitions.kind is EventKind.ESTIMATE  # counted from a no-later-than date


def test_a_given_final_id_service_fixes_petitions_review_and_the_target():
    known = KnownDates(FILED, instituted=date(2026, 2, 20), final_id_served=date(2025, 11, 26))
    with pytest.raises(InvalidInput):
        case_schedule(known)
    known = KnownDates(date(2024, 9, 2), final_id_served=date(2025, 11, 26))
    events = case_schedule(known)
    petitions = by_title(events, "Petitions for review")
    assert petitions.date == date(2025, 12, 9) and petitions.kind is EventKind.DEADLINE
    assert petitions.verified is False and UNVERIFIED_MARK in petitions.rule
    review = by_title(events, "Commission decides whether to review")
    assert review.date == date(2026, 1, 26) and review.verified
    target = by_title(events, "Target date:")
    assert target.date == date(2026, 3, 26) and target.kind is EventKind.ESTIMATE


def test_events_counted_from_an_unverified_count_are_unverified_too():
    events = case_schedule(KnownDates(FILED))
    responses = by_title(events, "Responses to petitions for review")
    assert responses.verified is False
    appeal = by_title(events, "Notice of appeal")
    assert appeal.verified is False and UNVERIFIED_MARK in appeal.rule
    unverified = {event.step for event in events if not event.verified}
    assert unverified == {StepId.PETITIONS_FOR_REVIEW, StepId.APPEAL}


def test_a_target_beyond_sixteen_months_is_noted():
    known = KnownDates(FILED, instituted=date(2026, 2, 20), target=date(2027, 7, 1))
    target = by_title(case_schedule(known), "Target date:")
    assert "more than 16 months" in target.note


def test_a_closure_moves_a_deadline():
    known = KnownDates(FILED, instituted=date(2026, 2, 20))
    closed = FederalCalendar().with_closures([date(2026, 4, 8)])
    target_set = by_title(case_schedule(known, calendar=closed), "Target date set by the ALJ")
    assert target_set.date == date(2026, 4, 9)


@pytest.mark.parametrize(
    ("known", "field"),
    [
        (KnownDates(FILED, instituted=date(2026, 1, 2)), "instituted"),
        (KnownDates(FILED, instituted=date(2026, 2, 20), served=date(2026, 2, 1)), "served"),
        (KnownDates(FILED, hearing=date(2025, 12, 1)), "hearing"),
        (KnownDates(FILED, hearing=date(2026, 11, 1), target=date(2026, 10, 1)), "target"),
        (
            KnownDates(FILED, target=date(2027, 5, 1), final_id_served=date(2027, 6, 1)),
            "final_id_served",
        ),
    ],
)
def test_dates_out_of_procedural_order_are_refused_naming_the_field(known, field):
    with pytest.raises(InvalidInput) as raised:
        case_schedule(known)
    assert raised.value.field == field


@given(
    st.dates(min_value=date(2010, 1, 1), max_value=date(2040, 12, 31)),
    st.integers(min_value=20, max_value=60),
)
def test_every_calendar_is_sorted_and_its_itc_counts_fall_on_business_days(filed, days):
    calendar = FederalCalendar()
    events = case_schedule(KnownDates(filed, instituted=filed + timedelta(days=days)))
    assert [event.date for event in events] == sorted(event.date for event in events)
    for event in events:
        if "201.14(a)" in event.rule or "counted backward" in event.rule:
            assert calendar.is_business_day(event.date), event
        assert event.latest is None or event.latest >= event.date
