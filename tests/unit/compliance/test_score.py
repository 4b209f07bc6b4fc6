"""The compliance score's rubric: points per control, evidence freshness, derived controls."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from patentshield.compliance.score import (
    CONTROLS,
    EVIDENCE_FRESH_DAYS,
    TOTAL_POINTS,
    WATCH_FRESH_DAYS,
    ControlRecord,
    ControlSource,
    DerivedFacts,
    Score,
    Standing,
    score,
    standing,
)
from patentshield.kernel.errors import InvalidInput

DAY = date(2026, 6, 30)
PRODUCTS = ("LED luminaires", "Mini-LED backlights")
DECLARED = [c.id for c in CONTROLS if c.source is ControlSource.DECLARED]


def record(control: str, *, day: date = DAY, in_place: bool = True) -> ControlRecord:
    return ControlRecord("sz-led", control, in_place, "binder 7", day)


def points_of(found: Score, control: str) -> Decimal:
    return next(line.earned for line in found.lines if line.control.id == control)


def test_the_nine_controls_weigh_one_hundred_points_and_carry_both_labels():
    assert len(CONTROLS) == 9 and TOTAL_POINTS == 100
    assert all(c.label and c.label_zh and c.label != c.label_zh for c in CONTROLS)


def test_nothing_recorded_or_derived_scores_zero():
    found = score("sz-led", DAY, [], DerivedFacts(products=PRODUCTS))
    assert found.points == 0 and found.fraction == 0 and not found.recorded


def test_every_control_met_scores_the_full_hundred():
    facts = DerivedFacts(
        products=PRODUCTS,
        fto_covered=PRODUCTS,
        fto_opinions=("fto-1",),
        fto_latest=DAY,
        us_patents=("US 11,923,456",),
        last_watch=DAY - timedelta(days=WATCH_FRESH_DAYS),
    )
    found = score("sz-led", DAY, [record(c) for c in DECLARED], facts)
    assert found.points == 100 and found.fraction == 1 and found.recorded
    assert all(line.met for line in found.lines)


def test_a_declared_control_earns_its_points_only_in_place_and_with_fresh_evidence():
    stale = DAY - timedelta(days=EVIDENCE_FRESH_DAYS + 1)
    cases = {
        "rd_records": record("rd_records"),
        "counsel_retained": record("counsel_retained", in_place=False),
        "litigation_hold": record("litigation_hold", day=stale),
        "customs_readiness": record("customs_readiness", day=DAY + timedelta(days=1)),
    }
    found = score("sz-led", DAY, list(cases.values()), DerivedFacts(products=PRODUCTS))
    assert points_of(found, "rd_records") == 10
    assert points_of(found, "counsel_retained") == 0
    assert points_of(found, "litigation_hold") == 0
    assert points_of(found, "customs_readiness") == 0
    assert found.points == 10


def test_the_latest_declaration_on_or_before_the_day_counts():
    earlier = record("rd_records", day=DAY - timedelta(days=30))
    withdrawn = record("rd_records", day=DAY - timedelta(days=5), in_place=False)
    found = score("sz-led", DAY, [withdrawn, earlier], DerivedFacts(products=PRODUCTS))
    assert points_of(found, "rd_records") == 0
    before = score("sz-led", DAY - timedelta(days=10), [withdrawn, earlier], DerivedFacts(PRODUCTS))
    assert points_of(before, "rd_records") == 10


def test_fto_earns_the_share_of_us_products_covered():
    facts = DerivedFacts(products=PRODUCTS, fto_covered=PRODUCTS[:1], fto_opinions=("fto-1",))
    line = next(x for x in score("e", DAY, [], facts).lines if x.control.id == "fto_per_us_product")
    assert (line.earned, line.met) == (Decimal("10.00"), False)
    assert "1 of 2 US products covered" in line.evidence and PRODUCTS[1] in line.evidence


def test_a_watch_run_counts_for_ninety_days_only():
    fresh = DerivedFacts(products=PRODUCTS, last_watch=DAY - timedelta(days=WATCH_FRESH_DAYS))
    old = DerivedFacts(products=PRODUCTS, last_watch=DAY - timedelta(days=WATCH_FRESH_DAYS + 1))
    assert points_of(score("e", DAY, [], fresh), "watch_recent") == 10
    assert points_of(score("e", DAY, [], old), "watch_recent") == 0


@pytest.mark.parametrize("control", ["fto_per_us_product", "watch_recent", "nonsense"])
def test_a_derived_or_unknown_control_cannot_be_declared(control):
    with pytest.raises(InvalidInput) as caught:
        record(control)
    assert caught.value.field == "control"


def test_a_control_declared_in_place_needs_its_evidence():
    with pytest.raises(InvalidInput) as caught:
        ControlRecord("e", "rd_records", True, "  ", DAY)
    assert caught.value.field == "evidence"


def test_before_any_declaration_the_legacy_flag_keeps_only_its_former_effect():
    nothing = score("e", DAY, [], DerivedFacts(products=PRODUCTS, us_patents=("US 1",)))
    assert standing(nothing, legacy=True, threshold=0.6) == Standing(True, False)
    assert standing(nothing, legacy=False, threshold=0.6) == Standing(False, False)


def test_once_a_control_is_declared_the_score_decides_both_effects():
    declared = score("e", DAY, [record(c) for c in DECLARED], DerivedFacts(products=PRODUCTS))
    assert declared.fraction == Decimal("0.6")
    assert standing(declared, legacy=False, threshold=0.6) == Standing(True, True)
    assert standing(declared, legacy=True, threshold=0.61) == Standing(False, False)
