"""The Section 337 procedure as data: its steps, day counts and citations, and its state machine.

Every step of DOMAIN.md §1.2 (S0–S19), the early exits (X1–X7) and the parallel tracks (P1, P2)
is a :class:`Step` record with its governing rule, its day counts (:class:`DayCount`: amount,
unit, counting method, source tags) and a confidence flag copied from DOMAIN.md (V, S, U, D).
Counts flagged U — rule text not verified — report ``verified = False``, and every output that
uses them must say so (:data:`UNVERIFIED_MARK`). The records live in the shipped data file
``data/procedure.yaml``, each figure beside its source tag and URL.

The case state machine of DOMAIN.md §1.3 is a separate concept and lives in
:mod:`patentshield.procedure.workflow`.

This module is pure: apart from reading its own shipped data file (once, cached) it does no
I/O, reads no clock and touches no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import TypeVar, cast

import yaml

from patentshield.kernel.errors import ExternalDataError

E = TypeVar("E", bound=StrEnum)

UNVERIFIED_MARK = "⚠ unverified (U)"
"""How every output flags a day count or rule whose text was not verified."""


class StepKind(StrEnum):
    """Where a step sits: on the main track, as an early exit, or on a parallel track."""

    STEP = "step"
    EARLY_EXIT = "early_exit"
    PARALLEL_TRACK = "parallel_track"


class Confidence(StrEnum):
    """DOMAIN.md's flag on a rule or figure."""

    VERIFIED = "V"  # rule text or figure read in the cited source
    SECONDARY = "S"  # secondary source (law-firm note, press)
    UNVERIFIED = "U"  # general knowledge, text not verified
    DERIVED = "D"  # derived by arithmetic from cited figures


class Counting(StrEnum):
    """How a day count is counted (the engine is :mod:`patentshield.procedure.deadlines`)."""

    ITC_RULES = "itc_rules"
    BACKWARD = "backward"
    CALENDAR = "calendar"
    CALENDAR_ROLL = "calendar_roll"
    MONTHS = "months"
    ADDED = "added"
    TYPICAL = "typical"


COUNTING_TEXT: Mapping[Counting, str] = {
    Counting.ITC_RULES: "counted under 19 CFR 201.14(a)",
    Counting.BACKWARD: "counted backward; a closed last day moves earlier",
    Counting.CALENDAR: "calendar days from the day after, no roll: the earliest reading",
    Counting.CALENDAR_ROLL: "calendar days; a weekend or holiday end rolls forward (19 CFR 210.66)",
    Counting.MONTHS: "calendar months",
    Counting.ADDED: "added to the period counted from service",
    Counting.TYPICAL: "typical duration, not a rule",
}
"""One phrase per counting method, for rule texts and tables."""


class Unit(StrEnum):
    """Unit of a day count."""

    DAYS = "days"
    MONTHS = "months"


class Direction(StrEnum):
    """Whether a count runs after its anchor or before it."""

    AFTER = "after"
    BEFORE = "before"


class StepId(StrEnum):
    """Identifier of a procedure step, exit or parallel track (codes S0–S19, X1–X7, P1–P2)."""

    PRE_FILING = "pre_filing"
    COMPLAINT_FILED = "complaint_filed"
    INSTITUTION_VOTE = "institution_vote"
    NOTICE_OF_INVESTIGATION = "notice_of_investigation"
    SERVICE = "service"
    RESPONSE = "response"
    SHOW_CAUSE = "show_cause"
    TARGET_DATE = "target_date"
    DISCOVERY = "discovery"
    MARKMAN = "markman"
    SUMMARY_DETERMINATION = "summary_determination"
    HEARING = "hearing"
    FINAL_INITIAL_DETERMINATION = "final_initial_determination"
    PETITIONS_FOR_REVIEW = "petitions_for_review"
    COMMISSION_REVIEW = "commission_review"
    FINAL_DETERMINATION = "final_determination"
    REMEDIAL_ORDERS = "remedial_orders"
    PRESIDENTIAL_REVIEW = "presidential_review"
    IMPORTATION_UNDER_BOND = "importation_under_bond"
    ORDERS_FINAL = "orders_final"
    APPEAL = "appeal"
    POST_ORDER = "post_order"
    WITHDRAWAL = "withdrawal"
    SETTLEMENT = "settlement"
    CONSENT_ORDER = "consent_order"
    DEFAULT = "default"
    NOTICE_OF_INTENT_TO_DEFAULT = "notice_of_intent_to_default"
    HUNDRED_DAY_PROGRAMME = "hundred_day_programme"
    TEMPORARY_RELIEF = "temporary_relief"
    DISTRICT_COURT_STAY = "district_court_stay"
    INTER_PARTES_REVIEW = "inter_partes_review"


class PeriodId(StrEnum):
    """Identifier of one day count of the procedure."""

    NOTICE_OF_RECEIPT = "notice_of_receipt"
    PUBLIC_INTEREST_COMMENTS = "public_interest_comments"
    PUBLIC_INTEREST_REPLY = "public_interest_reply"
    INSTITUTION_VOTE = "institution_vote"
    INSTITUTION_VOTE_WITH_TEO = "institution_vote_with_teo"
    RESPONSE = "response"
    RESPONSE_WITH_TEO = "response_with_teo"
    MAIL_SERVICE_DAYS = "mail_service_days"
    EXPRESS_SERVICE_DAYS = "express_service_days"
    TARGET_DATE_SET = "target_date_set"
    TARGET_BY_ORDER_LIMIT = "target_by_order_limit"
    TARGET_TYPICAL = "target_typical"
    DISCOVERY_ANSWERS = "discovery_answers"
    MOTION_RESPONSES = "motion_responses"
    FACT_DISCOVERY_TYPICAL = "fact_discovery_typical"
    SUMMARY_DETERMINATION_MOTION = "summary_determination_motion"
    SUMMARY_DETERMINATION_OPPOSITION = "summary_determination_opposition"
    SUMMARY_DETERMINATION_EARLIEST = "summary_determination_earliest"
    HEARING_TYPICAL = "hearing_typical"
    FINAL_INITIAL_DETERMINATION = "final_initial_determination"
    RECOMMENDED_DETERMINATION = "recommended_determination"
    PETITIONS_FOR_REVIEW = "petitions_for_review"
    PETITION_RESPONSES = "petition_responses"
    REVIEW_DECISION = "review_decision"
    RECONSIDERATION_PETITION = "reconsideration_petition"
    RECONSIDERATION_ANSWER = "reconsideration_answer"
    PRESIDENTIAL_REVIEW = "presidential_review"
    APPEAL_NOTICE = "appeal_notice"
    MODIFICATION_OPPOSITION = "modification_opposition"
    CBP_RULING_REVIEW = "cbp_ruling_review"
    HUNDRED_DAY_INITIAL_DETERMINATION = "hundred_day_initial_determination"
    HUNDRED_DAY_PETITIONS = "hundred_day_petitions"
    HUNDRED_DAY_REPLIES = "hundred_day_replies"
    HUNDRED_DAY_COMMISSION = "hundred_day_commission"
    TEO_INITIAL_DETERMINATION = "teo_initial_determination"
    TEO_INITIAL_DETERMINATION_COMPLICATED = "teo_initial_determination_complicated"
    TEO_COMMISSION = "teo_commission"
    TEO_COMMISSION_COMPLICATED = "teo_commission_complicated"
    STAY_REQUEST = "stay_request"
    INTER_PARTES_REVIEW_TYPICAL = "inter_partes_review_typical"


@dataclass(frozen=True, slots=True)
class Reference:
    """A source of DOMAIN.md §8: its tag ``Rn``, a title and a URL."""

    tag: str
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class DayCount:
    """One day count: e.g. a response 20 days after service, counted under 19 CFR 201.14(a).

    ``amount_high`` is set only for typical durations given as a range (8–9 months); ``label``
    reads as a line of a case calendar and ``note`` says what a practitioner should know.
    """

    id: PeriodId
    label: str
    amount: int
    amount_high: int | None
    unit: Unit
    counting: Counting
    direction: Direction
    anchor: str
    rule: str
    confidence: Confidence
    sources: tuple[str, ...]
    note: str = ""

    @property
    def verified(self) -> bool:
        """Tell whether the count's rule text was checked (every flag but U)."""
        return self.confidence is not Confidence.UNVERIFIED

    def amount_text(self) -> str:
        """Return the count as words, e.g. ``"8–9 months"`` or ``"20 days"``."""
        high = f"–{self.amount_high}" if self.amount_high is not None else ""
        return f"{self.amount}{high} {self.unit.value}"

    def citation(self) -> str:
        """Return the rule with its counting method, sources and flag, for outputs."""
        tags = "".join(f"[{tag}]" for tag in self.sources)
        text = f"{self.rule} ({COUNTING_TEXT[self.counting]}) {tags}".rstrip()
        return text if self.verified else f"{text} {UNVERIFIED_MARK}"


@dataclass(frozen=True, slots=True)
class Step:
    """A step of the procedure, an early exit or a parallel track, with its day counts."""

    id: StepId
    code: str
    kind: StepKind
    name: str
    trigger: str
    rule: str
    confidence: Confidence
    sources: tuple[str, ...]
    summary: str
    periods: tuple[DayCount, ...]

    @property
    def verified(self) -> bool:
        """Tell whether the step's governing rule was checked (every flag but U)."""
        return self.confidence is not Confidence.UNVERIFIED

    def citation(self) -> str:
        """Return the governing rule with its source tags and, if unverified, the flag."""
        tags = "".join(f"[{tag}]" for tag in self.sources)
        text = f"{self.rule} {tags}".rstrip()
        return text if self.verified else f"{text} {UNVERIFIED_MARK}"


@dataclass(frozen=True, slots=True)
class Procedure:
    """The whole procedure: steps in DOMAIN.md order, caveats and the reference list."""

    steps: tuple[Step, ...]
    caveats: tuple[str, ...]
    references: tuple[Reference, ...]

    def step(self, step_id: StepId) -> Step:
        """Return the step ``step_id``."""
        return next(step for step in self.steps if step.id == step_id)

    def period(self, period_id: PeriodId) -> DayCount:
        """Return the day count ``period_id``."""
        return next(p for step in self.steps for p in step.periods if p.id == period_id)

    def step_of(self, period_id: PeriodId) -> Step:
        """Return the step that holds the day count ``period_id``."""
        return next(s for s in self.steps if any(p.id == period_id for p in s.periods))

    def reference(self, tag: str) -> Reference:
        """Return the source tagged ``tag`` (``R7``)."""
        return next(reference for reference in self.references if reference.tag == tag)


def _text(raw: Mapping[str, object], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str | int) or isinstance(value, bool) or str(value).strip() == "":
        raise ExternalDataError(f"procedure.yaml: {where}: {key} is missing or not text")
    return str(value).strip()


def _tags(raw: Mapping[str, object], where: str) -> tuple[str, ...]:
    value = raw.get("sources")
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise ExternalDataError(f"procedure.yaml: {where}: sources must be a list of tags")
    return tuple(cast(list[str], value))


def _enum(kind: type[E], raw: Mapping[str, object], key: str, where: str) -> E:
    text = _text(raw, key, where)
    try:
        return kind(text)
    except ValueError:
        raise ExternalDataError(f"procedure.yaml: {where}: {key} {text!r} is unknown") from None


def _day_count(raw: Mapping[str, object]) -> DayCount:
    where = f"period {raw.get('id')!r}"
    high = raw.get("amount_high")
    return DayCount(
        id=_enum(PeriodId, raw, "id", where),
        label=_text(raw, "label", where),
        amount=int(_text(raw, "amount", where)),
        amount_high=None if high is None else int(str(high)),
        unit=_enum(Unit, raw, "unit", where),
        counting=_enum(Counting, raw, "counting", where),
        direction=_enum(Direction, raw, "direction", where),
        anchor=_text(raw, "anchor", where),
        rule=_text(raw, "rule", where),
        confidence=_enum(Confidence, raw, "confidence", where),
        sources=_tags(raw, where),
        note=str(raw.get("note") or "").strip(),
    )


def _step(raw: Mapping[str, object]) -> Step:
    where = f"step {raw.get('id')!r}"
    periods = raw.get("periods")
    if not isinstance(periods, list):
        raise ExternalDataError(f"procedure.yaml: {where}: periods must be a list")
    return Step(
        id=_enum(StepId, raw, "id", where),
        code=_text(raw, "code", where),
        kind=_enum(StepKind, raw, "kind", where),
        name=_text(raw, "name", where),
        trigger=_text(raw, "trigger", where),
        rule=_text(raw, "rule", where),
        confidence=_enum(Confidence, raw, "confidence", where),
        sources=_tags(raw, where),
        summary=_text(raw, "summary", where),
        periods=tuple(_day_count(period) for period in periods),
    )


def _check_complete(procedure: Procedure) -> None:
    step_ids = [step.id for step in procedure.steps]
    period_ids = [period.id for step in procedure.steps for period in step.periods]
    for kind, found in ((StepId, step_ids), (PeriodId, period_ids)):
        missing = set(kind) - set(found)
        if missing or len(found) != len(set(found)):
            raise ExternalDataError(
                f"procedure.yaml: each {kind.__name__} must appear once; missing {sorted(missing)}"
            )
    known = {reference.tag for reference in procedure.references}
    cited = {tag for step in procedure.steps for tag in step.sources} | {
        tag for step in procedure.steps for period in step.periods for tag in period.sources
    }
    if cited - known:
        raise ExternalDataError(
            f"procedure.yaml: sources without a reference: {sorted(cited - known)}"
        )


def parse_procedure(document: object) -> Procedure:
    """Build and check a :class:`Procedure` from the parsed YAML document.

    Raises
    ------
    ExternalDataError
        When a record lacks a field, names an unknown enum value, a step or count is missing
        or repeated, or a source tag has no reference.
    """
    if not isinstance(document, dict):
        raise ExternalDataError("procedure.yaml: the document must be a mapping")
    raw_references = document.get("references")
    if not isinstance(raw_references, dict):
        raise ExternalDataError("procedure.yaml: references must be a mapping")
    procedure = Procedure(
        steps=tuple(_step(raw) for raw in document.get("steps") or ()),
        caveats=tuple(str(text).strip() for text in document.get("caveats") or ()),
        references=tuple(
            Reference(str(tag), _text(raw, "title", str(tag)), _text(raw, "url", str(tag)))
            for tag, raw in raw_references.items()
        ),
    )
    _check_complete(procedure)
    return procedure


@cache
def load_procedure() -> Procedure:
    """Return the shipped procedure (``data/procedure.yaml``), read once."""
    text = (
        resources.files("patentshield.procedure")
        .joinpath("data", "procedure.yaml")
        .read_text("utf-8")
    )
    return parse_procedure(yaml.safe_load(text))
