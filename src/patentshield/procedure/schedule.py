"""A Section 337 case calendar: every expected date and deadline from the dates known so far.

From the complaint date — and, when known, the institution, service, hearing, target and
final-ID service dates — :func:`case_schedule` lists the events of the procedure in date order.
Each event cites its rule and source tags and carries a kind:

* ``deadline`` — a firm date: a date you gave, or a legal deadline counted by rule (see
  :mod:`patentshield.procedure.deadlines`) directly from a date you gave;
* ``estimate`` — anything resting on a typical duration (DOMAIN.md §1.5) or counted from a date
  that is itself estimated or is only a "no later than" date; ``latest`` closes its range.

A given date replaces its estimate, and later events are counted from it. Day counts whose rule
text is unverified (DOMAIN.md flag U) give ``verified = False``, and so does every event
counted from them. Rules, day counts and sources come from :mod:`patentshield.procedure.steps`.

This module is pure: no I/O, no clock (the dates are parameters), no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TypeAlias

from patentshield.kernel.dates import FederalCalendar, add_months
from patentshield.kernel.errors import InvalidInput
from patentshield.procedure import deadlines
from patentshield.procedure.steps import (
    UNVERIFIED_MARK,
    Counting,
    DayCount,
    PeriodId,
    Procedure,
    Step,
    StepId,
    load_procedure,
)

Day: TypeAlias = date
"""A calendar date (an alias, since the events have a field named ``date``)."""


class EventKind(StrEnum):
    """A firm date (``deadline``) or one resting on a typical duration (``estimate``)."""

    DEADLINE = "deadline"
    ESTIMATE = "estimate"


@dataclass(frozen=True, slots=True)
class KnownDates:
    """The dates of a case known so far; only the complaint date is required."""

    complaint_filed: date
    instituted: date | None = None
    served: date | None = None
    hearing: date | None = None
    target: date | None = None
    final_id_served: date | None = None


@dataclass(frozen=True, slots=True)
class ScheduleEvent:
    """One line of the case calendar; ``latest`` ends the range of an estimate, if any.

    ``period`` is the day count the event was counted with (its ``title`` is that count's
    label); a date given or assumed for a step has none.
    """

    step: StepId
    code: str
    title: str
    date: date
    latest: Day | None
    kind: EventKind
    given: bool
    rule: str
    verified: bool
    note: str
    period: PeriodId | None = None


@dataclass(frozen=True, slots=True)
class _Anchor:
    """A date later events are counted from; ``firm`` when it was given."""

    date: date
    latest: Day | None
    firm: bool
    verified: bool
    name: str


def _title(label: str) -> str:
    return label[:1].upper() + label[1:]


@dataclass(slots=True)
class _Calendar:
    """Collects the events of one schedule in procedure order."""

    procedure: Procedure
    calendar: FederalCalendar
    events: list[ScheduleEvent] = field(default_factory=list)

    def given(
        self, step_id: StepId, day: date, title: str, *, name: str, note: str = ""
    ) -> _Anchor:
        """Add a date the user gave; return it as a firm anchor named ``name``."""
        step = self.procedure.step(step_id)
        notes = "; ".join(part for part in ("date given", note) if part)
        self._add(step, title, (day, None), kind=EventKind.DEADLINE, given=True, note=notes)
        return _Anchor(day, None, True, True, name)

    def estimated(
        self, step_id: StepId, anchor: _Anchor, title: str, *, name: str, note: str
    ) -> _Anchor:
        """Add an event assumed to fall on ``anchor``'s date; return it as an estimate."""
        step = self.procedure.step(step_id)
        verified = step.verified and anchor.verified
        dates = (anchor.date, anchor.latest)
        self._add(step, title, dates, kind=EventKind.ESTIMATE, verified=verified, note=note)
        return _Anchor(anchor.date, anchor.latest, False, verified, f"estimated {name}")

    def counted(
        self,
        period_id: PeriodId,
        anchor: _Anchor,
        *,
        name: str = "",
        note: str = "",
        firm: bool = True,
    ) -> _Anchor:
        """Add the event ``period_id`` counted from ``anchor``; return it as an anchor.

        ``firm=False`` marks a count whose trigger is assumed (e.g. discovery requests served on
        institution): the event stays an estimate even when counted from a given date.
        """
        period = self.procedure.period(period_id)
        low, latest = self._dates(period, anchor)
        is_firm = firm and anchor.firm and period.counting is not Counting.TYPICAL
        verified = period.verified and anchor.verified
        notes = [note, period.note]
        if period.counting is Counting.CALENDAR:
            notes.append(deadlines.closed_day_note(low, self.calendar))
        if not anchor.firm:
            notes.append(f"counted from the {anchor.name} ({anchor.date})")
        if period.verified and not anchor.verified:
            notes.append(f"depends on an unverified count {UNVERIFIED_MARK}")
        step, text = self.procedure.step_of(period_id), "; ".join(n for n in notes if n)
        kind = EventKind.DEADLINE if is_firm else EventKind.ESTIMATE
        rule = period.citation()
        title = _title(period.label)
        dates = (low, latest)
        self._add(
            step, title, dates, kind=kind, rule=rule, verified=verified, note=text, period=period_id
        )
        label = f"{'' if is_firm else 'estimated '}{name or period.label}"
        return _Anchor(low, latest, False, verified, label)

    def _dates(self, period: DayCount, anchor: _Anchor) -> tuple[date, date | None]:
        low = deadlines.count_period(period, anchor.date, period.amount, self.calendar)
        if anchor.latest is None and period.amount_high is None:
            return low, None
        high, far = period.amount_high or period.amount, anchor.latest or anchor.date
        return low, deadlines.count_period(period, far, high, self.calendar)

    def _add(
        self,
        step: Step,
        title: str,
        dates: tuple[date, date | None],
        *,
        kind: EventKind,
        note: str,
        given: bool = False,
        rule: str = "",
        verified: bool = True,
        period: PeriodId | None = None,
    ) -> None:
        self.events.append(
            ScheduleEvent(
                step=step.id,
                code=step.code,
                title=title,
                date=dates[0],
                latest=dates[1],
                kind=kind,
                given=given,
                rule=rule or step.citation(),
                verified=verified,
                note=note,
                period=period,
            )
        )


def _check_order(known: KnownDates) -> None:
    """Refuse given dates that contradict the order of the procedure."""
    pairs = (
        ("instituted", known.instituted, "complaint date", known.complaint_filed),
        ("served", known.served, "complaint date", known.complaint_filed),
        ("served", known.served, "institution date", known.instituted),
        ("hearing", known.hearing, "institution date", known.instituted or known.complaint_filed),
        ("target", known.target, "institution date", known.instituted or known.complaint_filed),
        ("target", known.target, "hearing date", known.hearing),
        ("final_id_served", known.final_id_served, "hearing date", known.hearing),
        ("final_id_served", known.final_id_served, "complaint date", known.complaint_filed),
        ("final_id_served", known.final_id_served, "institution date", known.instituted),
    )
    for field_name, later, earlier_name, earlier in pairs:
        if later is not None and earlier is not None and later < earlier:
            raise InvalidInput(field_name, f"{later} is before the {earlier_name} {earlier}")
    if known.target and known.final_id_served and known.final_id_served > known.target:
        raise InvalidInput(
            "final_id_served",
            f"{known.final_id_served} is after the target date {known.target}; "
            "give the extended target date",
        )


def _institution(cal: _Calendar, known: KnownDates) -> _Anchor:
    filed = cal.given(
        StepId.COMPLAINT_FILED, known.complaint_filed, "Complaint filed", name="filing date"
    )
    receipt = cal.counted(PeriodId.NOTICE_OF_RECEIPT, filed, name="notice of receipt")
    comments = cal.counted(PeriodId.PUBLIC_INTEREST_COMMENTS, receipt, name="comment deadline")
    cal.counted(PeriodId.PUBLIC_INTEREST_REPLY, comments)
    vote = cal.counted(PeriodId.INSTITUTION_VOTE, filed, name="vote deadline")
    title, name = "Investigation instituted (notice of investigation published)", "institution date"
    if known.instituted is not None:
        return cal.given(StepId.NOTICE_OF_INVESTIGATION, known.instituted, title, name=name)
    if known.served is not None:
        served = _Anchor(known.served, None, False, True, "service date")
        note = "assumed on the service date: the Secretary serves upon institution"
        return cal.estimated(StepId.NOTICE_OF_INVESTIGATION, served, title, name=name, note=note)
    note = "assumed at the vote deadline; instituted on the day the Federal Register publishes "
    note += "the notice: give --instituted"
    return cal.estimated(StepId.NOTICE_OF_INVESTIGATION, vote, title, name=name, note=note)


def _pleadings(cal: _Calendar, known: KnownDates, instituted: _Anchor) -> None:
    title = "Complaint and notice served on each respondent and its embassy"
    if known.served is not None:
        served = cal.given(StepId.SERVICE, known.served, title, name="service date")
    else:
        note = "upon institution; service is complete on mailing: give --served"
        served = cal.estimated(StepId.SERVICE, instituted, title, name="service date", note=note)
    cal.counted(PeriodId.TARGET_DATE_SET, instituted)
    note = "counted from institution, the earliest day a respondent is named"
    cal.counted(PeriodId.STAY_REQUEST, instituted, note=note)
    cal.counted(PeriodId.RESPONSE, served)
    note = "shown for requests served on institution: each request is answered in 10 days"
    cal.counted(PeriodId.DISCOVERY_ANSWERS, instituted, note=note, firm=False)
    cal.counted(PeriodId.HUNDRED_DAY_INITIAL_DETERMINATION, instituted)
    cal.counted(PeriodId.FACT_DISCOVERY_TYPICAL, instituted)
    note = "for a petition filed on service"
    cal.counted(PeriodId.INTER_PARTES_REVIEW_TYPICAL, served, note=note)


def _hearing(cal: _Calendar, known: KnownDates, instituted: _Anchor) -> None:
    if known.hearing is not None:
        title = "Evidentiary hearing begins"
        hearing = cal.given(StepId.HEARING, known.hearing, title, name="hearing date")
    else:
        note = "give --hearing once the procedural schedule sets it"
        hearing = cal.counted(PeriodId.HEARING_TYPICAL, instituted, name="hearing date", note=note)
    cal.counted(PeriodId.SUMMARY_DETERMINATION_MOTION, hearing)


def _target(cal: _Calendar, known: KnownDates, instituted: _Anchor) -> _Anchor:
    title, name = "Target date: the Commission's final determination is due", "target date"
    if known.target is not None:
        limit, note = add_months(instituted.date, 16), ""
        if known.target > limit:
            note = f"more than 16 months after institution ({limit}): set by an initial "
            note += "determination the Commission may review (19 CFR 210.51(a)) [R17]"
        return cal.given(StepId.TARGET_DATE, known.target, title, name=name, note=note)
    if known.final_id_served is not None:
        after = add_months(known.final_id_served, 4)
        note = "at least 4 months after the final initial determination (19 CFR 210.42(a)(1)(i)) "
        note += "[R8]: give --target"
        anchor = _Anchor(after, None, False, True, "final ID service plus 4 months")
        return cal.estimated(StepId.TARGET_DATE, anchor, title, name=name, note=note)
    return cal.counted(PeriodId.TARGET_TYPICAL, instituted, name=name, note="give --target")


def _decision(cal: _Calendar, known: KnownDates, target: _Anchor) -> None:
    if known.final_id_served is not None:
        step, title = StepId.FINAL_INITIAL_DETERMINATION, "Final initial determination served"
        final_id = cal.given(step, known.final_id_served, title, name="final ID service")
    else:
        final_id = cal.counted(
            PeriodId.FINAL_INITIAL_DETERMINATION, target, name="final ID due date"
        )
    cal.counted(PeriodId.RECOMMENDED_DETERMINATION, final_id)
    petitions = cal.counted(PeriodId.PETITIONS_FOR_REVIEW, final_id, name="petition deadline")
    note = "latest date: earlier if the petitions are served before their last day"
    cal.counted(PeriodId.PETITION_RESPONSES, petitions, note=note)
    cal.counted(PeriodId.REVIEW_DECISION, final_id)
    note = "at the latest: earlier if the final determination issues before the target date"
    decided = _Anchor(target.date, target.latest, False, target.verified, "target date")
    cal.counted(PeriodId.RECONSIDERATION_PETITION, decided, note=note)
    review = cal.counted(PeriodId.PRESIDENTIAL_REVIEW, decided, name="end of presidential review")
    cal.counted(PeriodId.APPEAL_NOTICE, review)


def case_schedule(
    known: KnownDates,
    *,
    calendar: FederalCalendar | None = None,
    procedure: Procedure | None = None,
) -> tuple[ScheduleEvent, ...]:
    """Return the case calendar for ``known``, sorted by date (procedure order on ties).

    Raises
    ------
    InvalidInput
        When a given date comes before one that must precede it (e.g. service before
        institution) or the final initial determination comes after the target date.
    """
    _check_order(known)
    cal = _Calendar(procedure or load_procedure(), calendar or FederalCalendar())
    instituted = _institution(cal, known)
    _pleadings(cal, known, instituted)
    _hearing(cal, known, instituted)
    target = _target(cal, known, instituted)
    _decision(cal, known, target)
    return tuple(sorted(cal.events, key=lambda event: event.date))
