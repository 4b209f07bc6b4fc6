"""The compliance programme: nine controls, each with its evidence and date, and the score.

An exporter's IP compliance programme is checked against nine **controls** (issue 12 item 5).
Six are *declared* by the exporter or its insurer (``patentshield compliance control set``):
each record says whether the control is in place, what evidence shows it and on which day. Three
are *derived* from what the platform already holds:

* ``fto_per_us_product`` — the share of the enterprise's US product classes covered by a
  freedom-to-operate opinion on file (:mod:`patentshield.compliance.fto`);
* ``us_patent_portfolio`` — the enterprise profile lists at least one US patent;
* ``watch_recent`` — the 337 early warning ran for the enterprise in the last
  :data:`WATCH_FRESH_DAYS` days.

The **score** is transparent: every control has a weight (points, :data:`CONTROLS`, 100 in
all, tag J); a control met earns its points (the FTO control its share of them), a declared
control counts only while its evidence is at most :data:`EVIDENCE_FRESH_DAYS` days old and not
dated after the day scored. The score is the points earned out of 100, and as a fraction
(``points / 100``) it is what the product rules turn into a premium discount and a limit
uplift (:mod:`patentshield.compliance.effect`). The rubric is printed by ``compliance score``
and set out in ``docs/compliance.md``.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from patentshield.kernel.errors import InvalidInput

WATCH_FRESH_DAYS = 90
"""A watch run counts for this many days (issue 12: "watch run in the last 90 days")."""

EVIDENCE_FRESH_DAYS = 365
"""A declared control's evidence counts for a year: the programme is reviewed yearly (J)."""

MAX_EVIDENCE = 500
"""Longest evidence text of a control record (characters)."""


class ControlSource(StrEnum):
    """Where a control's state comes from."""

    DECLARED = "declared"
    DERIVED = "derived"


@dataclass(frozen=True, slots=True)
class Control:
    """One control of the checklist: its id, weight (points), labels and where it comes from."""

    id: str
    points: int
    label: str
    label_zh: str
    source: ControlSource


CONTROLS: tuple[Control, ...] = (
    Control("rd_records", 10, "R&D records kept", "研发记录留存", ControlSource.DECLARED),
    Control(
        "fto_per_us_product",
        20,
        "freedom-to-operate opinion for every US product",
        "每一对美出口产品均有自由实施(FTO)意见",
        ControlSource.DERIVED,
    ),
    Control(
        "us_patent_portfolio",
        10,
        "own US patent portfolio",
        "拥有美国专利组合",
        ControlSource.DERIVED,
    ),
    Control(
        "counsel_retained", 10, "US counsel retained", "已聘请美国律师", ControlSource.DECLARED
    ),
    Control(
        "litigation_hold",
        10,
        "litigation-hold readiness",
        "诉讼证据保全(litigation hold)准备",
        ControlSource.DECLARED,
    ),
    Control(
        "customs_readiness",
        10,
        "customs/CBP readiness",
        "美国海关(CBP)应对准备",
        ControlSource.DECLARED,
    ),
    Control(
        "supplier_indemnities",
        10,
        "supplier indemnities",
        "供应商知识产权担保",
        ControlSource.DECLARED,
    ),
    Control(
        "insurer_notified",
        10,
        "insurer notified of known risks",
        "已向保险人告知已知风险",
        ControlSource.DECLARED,
    ),
    Control(
        "watch_recent",
        10,
        f"337 early warning run in the last {WATCH_FRESH_DAYS} days",
        f"近{WATCH_FRESH_DAYS}日内运行过337预警",
        ControlSource.DERIVED,
    ),
)
"""The checklist, in the order it is shown; the points add up to :data:`TOTAL_POINTS`."""

TOTAL_POINTS = sum(control.points for control in CONTROLS)
CONTROL_BY_ID: Mapping[str, Control] = {control.id: control for control in CONTROLS}


def declared_control(control_id: str) -> Control:
    """Return the declared control ``control_id``; refuse an unknown or a derived one."""
    control = CONTROL_BY_ID.get(control_id)
    if control is None:
        names = ", ".join(c.id for c in CONTROLS if c.source is ControlSource.DECLARED)
        raise InvalidInput("control", f"unknown control {control_id!r}; controls: {names}")
    if control.source is ControlSource.DERIVED:
        raise InvalidInput(
            "control", f"{control_id} is derived by the platform and cannot be set by hand"
        )
    return control


@dataclass(frozen=True, slots=True)
class ControlRecord:
    """A declared control of one enterprise: in place or not, its evidence and its day."""

    enterprise_id: str
    control: str
    in_place: bool
    evidence: str
    day: date
    recorded_by: str = ""

    def __post_init__(self) -> None:
        declared_control(self.control)
        if self.in_place and not self.evidence.strip():
            raise InvalidInput("evidence", "say what shows the control is in place")
        if len(self.evidence) > MAX_EVIDENCE:
            raise InvalidInput("evidence", f"evidence is longer than {MAX_EVIDENCE} characters")


@dataclass(frozen=True, slots=True)
class DerivedFacts:
    """What the platform knows for the derived controls of one enterprise on the day scored.

    ``products`` names the US product classes, ``fto_covered`` those an FTO opinion dated on or
    before the day covers (with the opinions' ids and latest date), ``us_patents`` the US
    patents of the profile, ``last_watch`` the day of the latest watch run.
    """

    products: tuple[str, ...]
    fto_covered: tuple[str, ...] = ()
    fto_opinions: tuple[str, ...] = ()
    fto_latest: date | None = None
    us_patents: tuple[str, ...] = ()
    last_watch: date | None = None


@dataclass(frozen=True, slots=True)
class ControlState:
    """One line of the score: the control, the points earned, why, and the evidence's day."""

    control: Control
    earned: Decimal
    met: bool
    evidence: str
    day: date | None


@dataclass(frozen=True, slots=True)
class Score:
    """An enterprise's compliance score on a day: points out of 100 and every control's line."""

    enterprise_id: str
    day: date
    points: Decimal
    lines: tuple[ControlState, ...]

    @property
    def fraction(self) -> Decimal:
        """Return the score as a fraction of the full marks (0 to 1)."""
        return (self.points / TOTAL_POINTS).quantize(Decimal("0.0001"))

    @property
    def recorded(self) -> bool:
        """Tell whether any control was declared (else the legacy profile flag may stand)."""
        return any(
            line.control.source is ControlSource.DECLARED and line.day for line in self.lines
        )


@dataclass(frozen=True, slots=True)
class Standing:
    """How the risk engine reads a firm's programme.

    ``programme`` applies the exposure modifier ``modifiers.compliance_programme`` (named less
    often); ``compliant`` also lowers its default chance and raises its early exits
    (``compliance.default_factor``, ``compliance.early_exit_factor``).
    """

    programme: bool
    compliant: bool


def standing(found: Score | None, *, legacy: bool, threshold: float) -> Standing:
    """Return how the risk engine reads the enterprise's programme.

    With any control declared, the score decides both (``fraction ≥ threshold``, the risk
    parameter ``compliance.compliant_score``). Before any is, the profile's legacy
    ``has_compliance_programme`` flag keeps exactly its former effect, the exposure modifier,
    and the firm is not a compliant firm: only a score makes one.
    """
    if found is None or not found.recorded:
        return Standing(programme=legacy, compliant=False)
    met = found.fraction >= Decimal(str(threshold))
    return Standing(programme=met, compliant=met)


def _declared(control: Control, record: ControlRecord | None, day: date) -> ControlState:
    if record is None:
        return ControlState(control, Decimal(0), False, "not recorded", None)
    age = (day - record.day).days
    if record.day > day:
        why = f"evidence dated {record.day}, after the day scored"
        return ControlState(control, Decimal(0), False, why, record.day)
    if not record.in_place:
        why = f"declared not in place{': ' + record.evidence if record.evidence else ''}"
        return ControlState(control, Decimal(0), False, why, record.day)
    if age > EVIDENCE_FRESH_DAYS:
        why = f"{record.evidence} (older than {EVIDENCE_FRESH_DAYS} days: review it)"
        return ControlState(control, Decimal(0), False, why, record.day)
    return ControlState(control, Decimal(control.points), True, record.evidence, record.day)


def _fto(control: Control, facts: DerivedFacts) -> ControlState:
    if not facts.products:
        return ControlState(control, Decimal(0), False, "no US product classes", None)
    share = Decimal(len(facts.fto_covered)) / len(facts.products)
    earned = (share * control.points).quantize(Decimal("0.01"))
    missing = sorted(set(facts.products) - set(facts.fto_covered))
    text = f"{len(facts.fto_covered)} of {len(facts.products)} US products covered"
    if facts.fto_opinions:
        text += f" by {', '.join(facts.fto_opinions)}"
    if missing:
        text += f"; none for {', '.join(missing)}"
    return ControlState(control, earned, not missing, text, facts.fto_latest)


def _portfolio(control: Control, facts: DerivedFacts) -> ControlState:
    if not facts.us_patents:
        return ControlState(control, Decimal(0), False, "no US patent in the profile", None)
    text = f"{len(facts.us_patents)} US patent(s): {', '.join(facts.us_patents[:5])}"
    return ControlState(control, Decimal(control.points), True, text, None)


def _watch(control: Control, facts: DerivedFacts, day: date) -> ControlState:
    if facts.last_watch is None:
        return ControlState(control, Decimal(0), False, "the watch never ran", None)
    if facts.last_watch > day or day - facts.last_watch > timedelta(days=WATCH_FRESH_DAYS):
        text = f"last run {facts.last_watch}: not within {WATCH_FRESH_DAYS} days of {day}"
        return ControlState(control, Decimal(0), False, text, facts.last_watch)
    text = f"last run {facts.last_watch}"
    return ControlState(control, Decimal(control.points), True, text, facts.last_watch)


def score(
    enterprise_id: str, day: date, records: Sequence[ControlRecord], facts: DerivedFacts
) -> Score:
    """Return the enterprise's score on ``day`` from its declared records and derived facts.

    The latest record of a control on or before ``day`` is the one that counts.
    """
    latest: dict[str, ControlRecord] = {}
    for record in sorted(records, key=lambda r: r.day):
        if record.day <= day or record.control not in latest:
            latest[record.control] = record
    lines = []
    for control in CONTROLS:
        if control.id == "fto_per_us_product":
            lines.append(_fto(control, facts))
        elif control.id == "us_patent_portfolio":
            lines.append(_portfolio(control, facts))
        elif control.id == "watch_recent":
            lines.append(_watch(control, facts, day))
        else:
            lines.append(_declared(control, latest.get(control.id), day))
    points = sum((line.earned for line in lines), Decimal(0))
    return Score(enterprise_id, day, points, tuple(lines))
