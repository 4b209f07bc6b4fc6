"""The shipped procedure: every DOMAIN.md §1.2 step, its day counts, flags and sources."""

import copy
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from patentshield.kernel.errors import ExternalDataError
from patentshield.procedure.steps import (
    UNVERIFIED_MARK,
    Confidence,
    Counting,
    Direction,
    PeriodId,
    StepId,
    StepKind,
    Unit,
    load_procedure,
    parse_procedure,
)

PROCEDURE = load_procedure()


def raw_document() -> Any:
    text = resources.files("patentshield.procedure").joinpath("data", "procedure.yaml").read_text()
    return yaml.safe_load(text)


def test_every_step_exit_and_track_of_the_domain_is_present_once():
    assert [step.id for step in PROCEDURE.steps] == list(StepId)
    codes = [step.code for step in PROCEDURE.steps]
    assert codes[:22] == [
        "S0", "S1", "S2", "S3", "S4", "S5", "S5a", "S6", "S7", "S8", "S9", "S10", "S11",
        "S12", "S13", "S14", "S15", "S16", "S16a", "S17", "S18", "S19",
    ]  # fmt: skip
    kinds = {step.kind for step in PROCEDURE.steps}
    assert kinds == set(StepKind)


def test_the_early_exits_and_parallel_tracks_are_the_ones_of_the_domain():
    exits = {s.id for s in PROCEDURE.steps if s.kind is StepKind.EARLY_EXIT}
    tracks = {s.id for s in PROCEDURE.steps if s.kind is StepKind.PARALLEL_TRACK}
    assert exits == {
        StepId.WITHDRAWAL,
        StepId.SETTLEMENT,
        StepId.CONSENT_ORDER,
        StepId.DEFAULT,
        StepId.NOTICE_OF_INTENT_TO_DEFAULT,
        StepId.HUNDRED_DAY_PROGRAMME,
        StepId.TEMPORARY_RELIEF,
    }
    assert tracks == {StepId.DISTRICT_COURT_STAY, StepId.INTER_PARTES_REVIEW}


@pytest.mark.parametrize(
    ("period_id", "amount", "unit", "counting", "rule"),
    [
        (PeriodId.INSTITUTION_VOTE, 30, Unit.DAYS, Counting.ITC_RULES, "210.10(a)(1)"),
        (PeriodId.INSTITUTION_VOTE_WITH_TEO, 35, Unit.DAYS, Counting.ITC_RULES, "210.58"),
        (PeriodId.TARGET_DATE_SET, 45, Unit.DAYS, Counting.ITC_RULES, "210.51(a)"),
        (PeriodId.TARGET_BY_ORDER_LIMIT, 16, Unit.MONTHS, Counting.MONTHS, "210.51(a)"),
        (PeriodId.RESPONSE, 20, Unit.DAYS, Counting.ITC_RULES, "210.13(a)"),
        (PeriodId.RESPONSE_WITH_TEO, 10, Unit.DAYS, Counting.ITC_RULES, "210.59"),
        (PeriodId.SUMMARY_DETERMINATION_MOTION, 60, Unit.DAYS, Counting.BACKWARD, "210.18"),
        (PeriodId.FINAL_INITIAL_DETERMINATION, 4, Unit.MONTHS, Counting.MONTHS, "210.42"),
        (PeriodId.RECOMMENDED_DETERMINATION, 14, Unit.DAYS, Counting.ITC_RULES, "210.42"),
        (PeriodId.PETITIONS_FOR_REVIEW, 12, Unit.DAYS, Counting.ITC_RULES, "210.43(a)"),
        (PeriodId.PETITION_RESPONSES, 8, Unit.DAYS, Counting.ITC_RULES, "210.43(c)"),
        (PeriodId.REVIEW_DECISION, 60, Unit.DAYS, Counting.ITC_RULES, "210.42(h)(2)"),
        (PeriodId.RECONSIDERATION_PETITION, 14, Unit.DAYS, Counting.ITC_RULES, "210.47"),
        (PeriodId.PRESIDENTIAL_REVIEW, 60, Unit.DAYS, Counting.CALENDAR, "1337(j)"),
        (PeriodId.APPEAL_NOTICE, 60, Unit.DAYS, Counting.CALENDAR, "1337(c)"),
        (PeriodId.STAY_REQUEST, 30, Unit.DAYS, Counting.CALENDAR, "1659"),
        (PeriodId.TEO_INITIAL_DETERMINATION, 70, Unit.DAYS, Counting.CALENDAR_ROLL, "210.66"),
        (PeriodId.MAIL_SERVICE_DAYS, 3, Unit.DAYS, Counting.ADDED, "201.16"),
    ],
)
def test_day_counts_match_the_domain_reference(period_id, amount, unit, counting, rule):
    period = PROCEDURE.period(period_id)
    assert (period.amount, period.unit, period.counting) == (amount, unit, counting)
    assert rule in period.rule


@pytest.mark.parametrize(
    "period_id",
    [
        PeriodId.PETITIONS_FOR_REVIEW,
        PeriodId.PETITION_RESPONSES,
        PeriodId.APPEAL_NOTICE,
        PeriodId.MAIL_SERVICE_DAYS,
        PeriodId.EXPRESS_SERVICE_DAYS,
    ],
)
def test_counts_flagged_u_in_the_domain_are_unverified_in_the_data_and_citation(period_id):
    period = PROCEDURE.period(period_id)
    assert period.confidence is Confidence.UNVERIFIED
    assert period.verified is False
    assert period.citation().endswith(UNVERIFIED_MARK)


def test_only_the_domain_u_counts_are_unverified():
    unverified = {
        period.id for step in PROCEDURE.steps for period in step.periods if not period.verified
    }
    assert unverified == {
        PeriodId.PETITIONS_FOR_REVIEW,
        PeriodId.PETITION_RESPONSES,
        PeriodId.APPEAL_NOTICE,
        PeriodId.MAIL_SERVICE_DAYS,
        PeriodId.EXPRESS_SERVICE_DAYS,
    }


def test_a_verified_count_cites_its_rule_counting_and_sources_without_the_flag():
    citation = PROCEDURE.period(PeriodId.RESPONSE).citation()
    assert citation == "19 CFR 210.13(a) (counted under 19 CFR 201.14(a)) [R4]"


def test_typical_durations_carry_their_range():
    hearing = PROCEDURE.period(PeriodId.HEARING_TYPICAL)
    assert (hearing.amount, hearing.amount_high, hearing.unit) == (8, 9, Unit.MONTHS)
    assert hearing.amount_text() == "8–9 months"
    target = PROCEDURE.period(PeriodId.TARGET_TYPICAL)
    assert (target.amount, target.amount_high) == (14, 16)


def test_the_final_id_is_counted_before_the_target_date_and_the_motion_before_the_hearing():
    assert PROCEDURE.period(PeriodId.FINAL_INITIAL_DETERMINATION).direction is Direction.BEFORE
    assert PROCEDURE.period(PeriodId.SUMMARY_DETERMINATION_MOTION).direction is Direction.BEFORE


def test_every_source_tag_resolves_to_a_url():
    tags = {tag for step in PROCEDURE.steps for tag in step.sources}
    tags |= {tag for step in PROCEDURE.steps for period in step.periods for tag in period.sources}
    for tag in tags:
        assert PROCEDURE.reference(tag).url.startswith("http")
    assert PROCEDURE.reference("R7").url == "https://www.law.cornell.edu/cfr/text/19/210.18"


def test_the_2025_amendments_are_a_caveat():
    assert any("90 FR 225" in caveat for caveat in PROCEDURE.caveats)


def test_a_record_without_a_rule_is_refused():
    document = raw_document()
    del document["steps"][5]["periods"][0]["rule"]
    with pytest.raises(ExternalDataError, match="rule is missing"):
        parse_procedure(document)


def test_an_unknown_counting_method_is_refused():
    document = raw_document()
    document["steps"][5]["periods"][0]["counting"] = "lunar"
    with pytest.raises(ExternalDataError, match="'lunar' is unknown"):
        parse_procedure(document)


def test_a_missing_step_is_refused():
    document = raw_document()
    document["steps"] = [s for s in document["steps"] if s["id"] != "appeal"]
    with pytest.raises(ExternalDataError, match="appeal"):
        parse_procedure(document)


def test_a_source_without_a_reference_is_refused():
    document = copy.deepcopy(raw_document())
    del document["references"]["R7"]
    with pytest.raises(ExternalDataError, match="R7"):
        parse_procedure(document)


def test_the_procedure_page_lists_every_step_with_its_rule():
    page = (Path(__file__).resolve().parents[3] / "docs" / "procedure.md").read_text("utf-8")
    for step in PROCEDURE.steps:
        assert f"| {step.code} | {step.name} | {step.rule} " in page
