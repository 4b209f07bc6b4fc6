"""Issue 9 item 12: the claim is made on the event the policy names — the complaint naming the
insured (19 CFR 210.8, the amended complaint of 210.14(b) for a respondent added later), the
first written demand, or the service on the insured (19 CFR 210.11(a)) — not always the filing
of the complaint."""

from dataclasses import replace
from datetime import date

import pytest

from patentshield.catalog.conditions import ClaimConditions, ClaimTrigger
from patentshield.catalog.model import ClaimsBasis
from patentshield.claims.claimdate import ClaimDates, claim_made_on
from patentshield.kernel.errors import InvalidInput
from patentshield.policies.terms import freeze_terms
from tests.factories import cny, product

COMPLAINT = date(2026, 3, 16)
AMENDED = date(2026, 5, 4)
DEMAND = date(2025, 11, 20)
SERVED = date(2026, 4, 16)


def terms_with(trigger: ClaimTrigger, basis: ClaimsBasis = ClaimsBasis.CLAIMS_MADE):
    frozen = freeze_terms(product(), per_claim_limit=cny(1), aggregate_limit=cny(1))
    return replace(frozen, claims_basis=basis, conditions=ClaimConditions(claim_trigger=trigger))


def test_210_8_by_default_the_complaint_naming_the_insured_makes_the_claim():
    day, what = claim_made_on(terms_with(ClaimTrigger.COMPLAINT), ClaimDates(COMPLAINT))
    assert day == COMPLAINT and "complaint naming the insured" in what


def test_210_14_a_respondent_added_later_is_named_by_the_amended_complaint():
    dates = ClaimDates(COMPLAINT, named_by_amendment_on=AMENDED)
    day, what = claim_made_on(terms_with(ClaimTrigger.COMPLAINT), dates)
    assert day == AMENDED and "amended complaint" in what


def test_a_first_written_demand_before_the_complaint_makes_the_claim_under_that_trigger():
    terms = terms_with(ClaimTrigger.FIRST_WRITTEN_DEMAND)
    assert claim_made_on(terms, ClaimDates(COMPLAINT, first_demand_on=DEMAND))[0] == DEMAND
    # without a demand letter the complaint is the first written demand
    assert claim_made_on(terms, ClaimDates(COMPLAINT))[0] == COMPLAINT
    late_letter = ClaimDates(COMPLAINT, first_demand_on=date(2026, 6, 1))
    assert claim_made_on(terms, late_letter)[0] == COMPLAINT


def test_210_11_under_a_service_trigger_the_service_on_the_insured_makes_the_claim():
    terms = terms_with(ClaimTrigger.SERVICE)
    assert claim_made_on(terms, ClaimDates(COMPLAINT, served_on=SERVED))[0] == SERVED
    with pytest.raises(InvalidInput) as raised:
        claim_made_on(terms, ClaimDates(COMPLAINT))
    assert raised.value.field == "served"


def test_an_insured_cannot_be_served_before_the_complaint_that_named_it():
    dates = ClaimDates(COMPLAINT, named_by_amendment_on=AMENDED, served_on=SERVED)
    with pytest.raises(InvalidInput) as raised:
        claim_made_on(terms_with(ClaimTrigger.SERVICE), dates)
    assert raised.value.field == "served"
    with pytest.raises(InvalidInput):
        claim_made_on(
            terms_with(ClaimTrigger.COMPLAINT), ClaimDates(COMPLAINT, AMENDED.replace(2025))
        )


def test_an_occurrence_policy_and_an_insured_complainant_date_the_claim_by_the_complaint():
    occurrence = terms_with(ClaimTrigger.SERVICE, ClaimsBasis.OCCURRENCE)
    assert claim_made_on(occurrence, ClaimDates(COMPLAINT, served_on=SERVED))[0] == COMPLAINT
    own = ClaimDates(COMPLAINT, first_demand_on=DEMAND, complainant=True)
    day, what = claim_made_on(terms_with(ClaimTrigger.FIRST_WRITTEN_DEMAND), own)
    assert day == COMPLAINT and "own complaint" in what
