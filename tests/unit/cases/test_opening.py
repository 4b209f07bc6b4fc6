"""A new case from the facts of a complaint: its state, the day the insured learned of it."""

from datetime import UTC, date, datetime

import pytest

from patentshield.cases.opening import CaseFacts, case_from_facts, insured_party
from patentshield.kernel.errors import InvalidInput
from patentshield.procedure.workflow import INITIAL_STATE, CaseState

FILED = date(2026, 3, 16)
OPENED = datetime(2026, 4, 16, 10, tzinfo=UTC)


def facts(**changes: object) -> CaseFacts:
    fields: dict[str, object] = {
        "number": " 337-TA-1501 ",
        "complaint_filed": FILED,
        "complainants": ("Lumina IP Holdings LLC",),
        "patents": ("US 9,876,543",),
        "insured": (insured_party("sz-led-lighting", "P-1"),),
        "respondents": ("Zhongshan Lumen Lighting Co., Ltd.",),
    }
    fields.update(changes)
    return CaseFacts(**fields)  # type: ignore[arg-type]


def test_a_complaint_alone_opens_in_the_initial_state_learned_on_its_filing():
    case = case_from_facts(facts(), case_id="c-1", opened_at=OPENED)
    assert case.state is INITIAL_STATE and case.learned_on == FILED
    assert case.number == "337-TA-1501"
    assert [r.name for r in case.respondents] == [
        "sz-led-lighting",
        "Zhongshan Lumen Lighting Co., Ltd.",
    ]
    assert case.respondents[0].insured and not case.respondents[1].insured


def test_service_wins_over_institution_for_the_state_and_the_day_learned():
    instituted, served = date(2026, 4, 15), date(2026, 4, 16)
    case = case_from_facts(
        facts(instituted=instituted, served=served), case_id="c-1", opened_at=OPENED
    )
    assert case.state is CaseState.SERVED and case.learned_on == served
    only_instituted = case_from_facts(facts(instituted=instituted), case_id="c-2", opened_at=OPENED)
    assert only_instituted.state is CaseState.INSTITUTED
    assert only_instituted.learned_on == instituted


def test_a_day_learned_given_wins_over_the_dates_of_the_case():
    learned = date(2026, 4, 20)
    case = case_from_facts(
        facts(served=date(2026, 4, 16), learned=learned), case_id="c-1", opened_at=OPENED
    )
    assert case.learned_on == learned


def test_an_insured_party_needs_both_the_enterprise_and_its_policy():
    with pytest.raises(InvalidInput) as refused:
        insured_party("sz-led-lighting", "  ", "insured_complainants")
    assert refused.value.field == "insured_complainants"
