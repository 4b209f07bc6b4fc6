"""The notice of claim against the policy: period, cancellation, retroactive date, known
disputes, ITC cover and the notice period, each with its reason code.

Issue 9: a late notice alone declines nothing (PRC Insurance Law art. 21), a wording unclear on
ITC cover answers it (art. 30), the claim date follows the policy's trigger, and an insured
complainant is answered by an enforcement policy.
"""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.catalog.model import Answer, ClaimsBasis, Exclusion
from patentshield.claims.claimdate import ClaimDates
from patentshield.claims.model import NoticeFault, ReasonCode
from patentshield.claims.notice import DECLINING, check_notice, declines
from patentshield.kernel.errors import InvalidInput
from patentshield.policies.model import Policy
from patentshield.policies.terms import freeze_terms
from tests.factories import cny, product

START = date(2026, 3, 1)
TERMS = freeze_terms(
    product(exclusions=(Exclusion.WILFUL_INFRINGEMENT, Exclusion.KNOWN_DISPUTES)),
    per_claim_limit=cny(15_000_000),
    aggregate_limit=cny(20_000_000),
    notice_days=30,
)
POLICY = Policy(
    id="p-1",
    number="PS-2026-0001",
    quote_id="q-1",
    enterprise_id="sz-led-lighting",
    insurer="Test Insurer",
    plan="standard",
    period_start=START,
    period_end=date(2027, 3, 1),
    retroactive_date=None,
    terms=TERMS,
    gross_premium=cny(400_000),
    subsidy=cny(0),
    net_premium=cny(400_000),
    subsidy_programme=None,
    bound_at=datetime(2026, 3, 1, tzinfo=UTC),
)
COMPLAINT = date(2026, 3, 16)
LEARNED = date(2026, 4, 16)


def codes(
    policy: Policy = POLICY,
    *,
    complaint_filed: date = COMPLAINT,
    notified_on: date = date(2026, 4, 28),
    first_accused_sale: date | None = None,
    dispute_known_on: date | None = None,
) -> list[ReasonCode]:
    reasons = check_notice(
        policy,
        ClaimDates(complaint_filed),
        learned_on=LEARNED,
        notified_on=notified_on,
        first_accused_sale=first_accused_sale,
        dispute_known_on=dispute_known_on,
    )
    return [reason.code for reason in reasons]


def test_a_notice_in_time_under_a_policy_that_covers_the_itc_is_accepted():
    found = codes()
    assert found == [ReasonCode.CLAIM_IN_PERIOD, ReasonCode.ITC_COVERED, ReasonCode.NOTICE_IN_TIME]
    assert not DECLINING & set(found)


@given(st.integers(min_value=0, max_value=90))
def test_a_notice_is_late_exactly_when_it_comes_after_the_notice_days(days_after: int):
    found = codes(notified_on=LEARNED + timedelta(days=days_after))
    late = days_after > TERMS.notice_days
    assert (ReasonCode.NOTICE_LATE in found) is late
    assert (ReasonCode.NOTICE_IN_TIME in found) is not late


def test_a_complaint_outside_the_policy_period_is_not_a_claim_of_the_policy():
    assert ReasonCode.CLAIM_OUTSIDE_PERIOD in codes(complaint_filed=date(2026, 2, 28))
    assert ReasonCode.CLAIM_OUTSIDE_PERIOD in codes(complaint_filed=POLICY.period_end)  # excluded
    assert ReasonCode.CLAIM_IN_PERIOD in codes(complaint_filed=START)


def test_a_cancelled_policy_answers_only_claims_made_before_the_cancellation():
    cancelled = replace(POLICY, cancelled_on=date(2026, 3, 16))
    assert ReasonCode.POLICY_CANCELLED in codes(cancelled)
    assert ReasonCode.POLICY_CANCELLED not in codes(cancelled, complaint_filed=date(2026, 3, 15))


def test_accused_products_sold_before_the_retroactive_date_decline_the_claim():
    retro = replace(POLICY, retroactive_date=date(2024, 3, 1))
    assert ReasonCode.BEFORE_RETROACTIVE_DATE in codes(retro, first_accused_sale=date(2023, 6, 1))
    assert ReasonCode.RETROACTIVE_DATE_UNCHECKED in codes(retro)
    later = codes(retro, first_accused_sale=date(2024, 3, 1))
    assert not {ReasonCode.BEFORE_RETROACTIVE_DATE, ReasonCode.RETROACTIVE_DATE_UNCHECKED} & set(
        later
    )
    assert ReasonCode.RETROACTIVE_DATE_UNCHECKED not in DECLINING


def test_a_dispute_known_before_the_policy_began_is_excluded_only_under_that_exclusion():
    assert ReasonCode.KNOWN_DISPUTE in codes(dispute_known_on=date(2026, 2, 1))
    assert ReasonCode.KNOWN_DISPUTE not in codes(dispute_known_on=START)
    open_terms = replace(TERMS, exclusions=(Exclusion.WILFUL_INFRINGEMENT,))
    unexcluded = replace(POLICY, terms=open_terms)
    assert ReasonCode.KNOWN_DISPUTE not in codes(unexcluded, dispute_known_on=date(2026, 2, 1))


def test_a_policy_that_does_not_respond_declines_and_an_unclear_one_answers_under_art_30():
    no = replace(POLICY, terms=replace(TERMS, responds_to_337=Answer.NO))
    unclear = replace(POLICY, terms=replace(TERMS, responds_to_337=Answer.UNCLEAR))
    assert ReasonCode.ITC_NOT_COVERED in codes(no)
    assert ReasonCode.ITC_COVER_UNCLEAR in codes(unclear)
    assert ReasonCode.ITC_COVER_UNCLEAR not in DECLINING
    reasons = check_notice(unclear, ClaimDates(COMPLAINT), learned_on=LEARNED, notified_on=LEARNED)
    assert not declines(reasons)
    assert (
        "art. 30" in next(r for r in reasons if r.code is ReasonCode.ITC_COVER_UNCLEAR).explanation
    )


def test_an_occurrence_policy_reads_the_complaint_day_as_the_occurrence():
    occurrence = replace(POLICY, terms=replace(TERMS, claims_basis=ClaimsBasis.OCCURRENCE))
    reasons = check_notice(
        occurrence, ClaimDates(COMPLAINT), learned_on=LEARNED, notified_on=LEARNED
    )
    assert "occurring on 2026-03-16" in reasons[0].explanation


def test_any_declining_reason_declines_the_whole_notice():
    outside = check_notice(
        POLICY, ClaimDates(date(2026, 2, 28)), learned_on=LEARNED, notified_on=LEARNED
    )
    assert declines(outside)
    accepted = check_notice(POLICY, ClaimDates(COMPLAINT), learned_on=LEARNED, notified_on=LEARNED)
    assert not declines(accepted)


# --- PRC Insurance Law art. 21: a late notice -----------------------------------------------


def test_art_21_a_late_notice_alone_is_recorded_and_declines_nothing():
    late = check_notice(
        POLICY,
        ClaimDates(COMPLAINT),
        learned_on=LEARNED,
        notified_on=LEARNED + timedelta(days=TERMS.notice_days + 1),
    )
    assert ReasonCode.NOTICE_LATE in [r.code for r in late]
    assert ReasonCode.NOTICE_LATE not in DECLINING
    assert not declines(late)
    assert "art. 21" in late[-1].explanation


def test_art_21_a_fault_the_insurer_shows_is_recorded_with_the_late_notice():
    late = check_notice(
        POLICY,
        ClaimDates(COMPLAINT),
        learned_on=LEARNED,
        notified_on=LEARNED + timedelta(days=60),
        late_notice_fault=NoticeFault.GROSS_NEGLIGENCE,
    )
    assert [r.code for r in late][-2:] == [ReasonCode.NOTICE_LATE, ReasonCode.LATE_NOTICE_FAULT]
    assert not declines(late)


def test_art_21_no_fault_can_be_blamed_for_a_notice_in_time():
    with pytest.raises(InvalidInput) as raised:
        check_notice(
            POLICY,
            ClaimDates(COMPLAINT),
            learned_on=LEARNED,
            notified_on=LEARNED,
            late_notice_fault=NoticeFault.INTENTIONAL,
        )
    assert raised.value.field == "late_notice_fault"


# --- the insured's side: a complainant under an enforcement policy --------------------------


def test_an_insured_complainant_is_answered_by_an_enforcement_policy_only():
    enforcing = replace(POLICY, terms=replace(TERMS, enforces_in_337=Answer.YES))
    as_complainant = ClaimDates(COMPLAINT, complainant=True)
    reasons = check_notice(enforcing, as_complainant, learned_on=LEARNED, notified_on=LEARNED)
    assert ReasonCode.ITC_COVERED in [r.code for r in reasons]
    assert "own 337 complaint" in reasons[1].explanation
    defensive = check_notice(POLICY, as_complainant, learned_on=LEARNED, notified_on=LEARNED)
    assert ReasonCode.ITC_NOT_COVERED in [r.code for r in defensive]
    assert declines(defensive)
