"""Consent to settle: a settlement or licence is paid only under the insurer's written consent.

The consent recorded on the claim must name the invoice's payee, be given on or before the
invoice date, and caps what the claim pays that counterparty over all its invoices; a later
consent supersedes an earlier one from its date on.
"""

from dataclasses import replace
from datetime import date

from patentshield.catalog.model import CostCategory
from patentshield.claims.adjudicate import adjudicate
from patentshield.claims.consent import consent_in_force
from patentshield.claims.model import LineOutcome, ReasonCode
from patentshield.kernel.money import Money
from tests.unit.claims.test_adjudicate import DAY, FACTS, TERMS, codes, invoice, settlement_consent

SETTLE = CostCategory.SETTLEMENT_LICENCE


def settlement(number: str, amount: str, day: date = date(2026, 5, 1), vendor: str = "Lumina"):
    return invoice(number, SETTLE, amount, vendor=vendor, day=day)


def cny(amount: str) -> Money:
    return Money.of(amount, "CNY")


def test_a_settlement_without_any_recorded_consent_is_declined():
    line = adjudicate(TERMS, FACTS, [settlement("S1", "1000000")], decided_on=DAY).lines[0]
    assert codes(line)[-1] is ReasonCode.NO_SETTLEMENT_CONSENT
    assert line.outcome is LineOutcome.DECLINED
    assert "none to a settlement with Lumina" in line.reasons[-1].explanation


def test_a_settlement_within_a_consent_given_before_its_invoice_is_paid():
    facts = replace(FACTS, settlements=(settlement_consent("6000000"),))
    line = adjudicate(TERMS, facts, [settlement("S1", "1000000")], decided_on=DAY).lines[0]
    assert ReasonCode.SETTLEMENT_CONSENTED in codes(line)
    assert line.payable == cny("720000")  # (1,000,000 - 100,000) x 80 %


def test_a_consent_given_on_the_invoice_date_covers_it():
    facts = replace(FACTS, settlements=(settlement_consent("6000000", day=date(2026, 5, 1)),))
    line = adjudicate(TERMS, facts, [settlement("S1", "1000000")], decided_on=DAY).lines[0]
    assert ReasonCode.SETTLEMENT_CONSENTED in codes(line)


def test_an_invoice_dated_before_the_consent_is_declined():
    facts = replace(FACTS, settlements=(settlement_consent("6000000", day=date(2026, 5, 2)),))
    line = adjudicate(TERMS, facts, [settlement("S1", "1000000")], decided_on=DAY).lines[0]
    assert codes(line)[-1] is ReasonCode.NO_SETTLEMENT_CONSENT
    assert "predates" in line.reasons[-1].explanation
    assert line.payable == cny("0")


def test_a_consent_to_another_counterparty_does_not_cover_the_payment():
    other = settlement_consent("6000000", counterparty="Other Patents LLC")
    facts = replace(FACTS, settlements=(other,))
    line = adjudicate(TERMS, facts, [settlement("S1", "1000000")], decided_on=DAY).lines[0]
    assert codes(line)[-1] is ReasonCode.NO_SETTLEMENT_CONSENT


def test_the_counterparty_matches_the_payee_whatever_its_case_and_spaces():
    facts = replace(FACTS, settlements=(settlement_consent("6000000"),))
    payee = settlement("S1", "1000000", vendor="  LUMINA ")
    assert ReasonCode.SETTLEMENT_CONSENTED in codes(
        adjudicate(TERMS, facts, [payee], decided_on=DAY).lines[0]
    )


def test_the_excess_over_the_consented_maximum_is_declined_with_its_code():
    facts = replace(FACTS, settlements=(settlement_consent("600000"),))
    line = adjudicate(TERMS, facts, [settlement("S1", "1000000")], decided_on=DAY).lines[0]
    over = [r for r in line.reasons if r.code is ReasonCode.SETTLEMENT_OVER_CONSENT]
    assert [r.amount for r in over] == [cny("-400000")]
    assert line.eligible == cny("600000")
    assert line.payable == cny("400000")  # (600,000 - 100,000) x 80 %
    assert line.outcome is LineOutcome.PARTIAL


def test_the_maximum_counts_every_payment_of_the_claim_to_that_counterparty():
    facts = replace(FACTS, settlements=(settlement_consent("600000"),))
    first, second, third = adjudicate(
        TERMS,
        facts,
        [
            settlement("S1", "400000"),
            settlement("S2", "400000", day=date(2026, 6, 1)),
            settlement("S3", "100000", day=date(2026, 7, 1)),
        ],
        decided_on=DAY,
    ).lines
    assert first.eligible == cny("400000")
    assert ReasonCode.SETTLEMENT_OVER_CONSENT not in codes(first)
    assert second.eligible == cny("200000")
    assert third.eligible == cny("0")
    assert third.outcome is LineOutcome.DECLINED
    assert ReasonCode.SETTLEMENT_OVER_CONSENT in codes(third)


def test_a_later_consent_supersedes_the_earlier_one_from_its_date_on():
    earlier = settlement_consent("300000", day=date(2026, 4, 1), sequence=1)
    later = settlement_consent("1000000", day=date(2026, 6, 1), sequence=2)
    facts = replace(FACTS, settlements=(earlier, later))
    may, july = adjudicate(
        TERMS,
        facts,
        [settlement("S1", "600000"), settlement("S2", "500000", day=date(2026, 7, 1))],
        decided_on=DAY,
    ).lines
    assert may.eligible == cny("300000")  # the consent in force in May
    assert july.eligible == cny("500000")  # 1,000,000 less the 300,000 already taken


def test_of_two_consents_given_the_same_day_the_one_recorded_last_is_in_force():
    first = settlement_consent("1000000", sequence=1)
    second = settlement_consent("500000", sequence=2)
    assert consent_in_force((second, first), "Lumina", date(2026, 5, 1)) == second
    assert consent_in_force((first,), "Lumina", date(2026, 4, 29)) is None
