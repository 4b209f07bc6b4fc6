"""Pure adjudication: reason codes, sub-limits, deductible, coinsurance, limits; properties.

The rules of issue 9 each have their tests below, named after the clause they follow.
"""

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.catalog.conditions import ClaimConditions, SubLimitOrder
from patentshield.catalog.loader import load_catalog
from patentshield.catalog.model import CostCategory
from patentshield.claims.adjudicate import ClaimFacts, Consent, adjudicate
from patentshield.claims.latenotice import LateNotice
from patentshield.claims.model import (
    Expense,
    LineOutcome,
    NoticeFault,
    Phase,
    ReasonCode,
    SettlementConsent,
)
from patentshield.claims.wilful import WilfulFinding
from patentshield.kernel.money import Money
from patentshield.policies.terms import freeze_terms

TERMS = freeze_terms(
    load_catalog().get("illustrative-337-defence"),
    per_claim_limit=Money.of("15000000", "CNY"),
    aggregate_limit=Money.of("20000000", "CNY"),
)
FIRM = "Kirkland & Pell LLP"
FACTS = ClaimFacts(
    "cl-1", declined_by_notice=False, consents=(Consent(FIRM, date(2026, 4, 20), True),)
)
DAY = date(2026, 9, 1)


def invoice(
    number: str,
    category: CostCategory,
    amount: str,
    *,
    vendor: str = FIRM,
    day: date = date(2026, 5, 1),
    currency: str = "CNY",
    fx: str = "1",
) -> Expense:
    return Expense(
        id=f"ex-{number}",
        claim_id="cl-1",
        invoice_number=number,
        vendor=vendor,
        category=category,
        phase=Phase.PLEADINGS,
        invoice_date=day,
        amount=Money.of(amount, currency),
        fx_rate=Decimal(fx),
    )


def settlement_consent(
    maximum: str,
    *,
    counterparty: str = "Lumina",
    day: date = date(2026, 4, 30),
    sequence: int = 1,
) -> SettlementConsent:
    """The insurer's written consent to settle with ``counterparty`` up to ``maximum`` CNY."""
    recorded = datetime(2026, 4, 30, 9, tzinfo=UTC)
    return SettlementConsent(
        "cl-1", sequence, counterparty, day, Money.of(maximum, "CNY"), "claims@ia.cn", recorded
    )


def codes(line) -> list[ReasonCode]:
    return [reason.code for reason in line.reasons]


def test_counsel_fees_are_paid_after_the_deductible_and_coinsurance():
    result = adjudicate(
        TERMS, FACTS, [invoice("A1", CostCategory.US_COUNSEL, "1000000")], decided_on=DAY
    )
    line = result.lines[0]
    # (1,000,000 - 100,000 deductible) x 80 % = 720,000
    assert line.payable == Money.of("720000", "CNY")
    assert line.outcome is LineOutcome.PARTIAL
    assert codes(line) == [
        ReasonCode.CATEGORY_COVERED,
        ReasonCode.COUNSEL_CONSENTED,
        ReasonCode.DEDUCTIBLE,
        ReasonCode.COINSURANCE,
    ]


def test_counsel_without_consent_is_declined():
    result = adjudicate(
        TERMS,
        FACTS,
        [
            invoice("B1", CostCategory.US_COUNSEL, "300000", vendor="Other & Co LLP"),
            invoice("B2", CostCategory.US_COUNSEL, "300000", day=date(2026, 4, 1)),
        ],
        decided_on=DAY,
    )
    assert [line.outcome for line in result.lines] == [LineOutcome.DECLINED] * 2
    assert all(codes(line)[-1] is ReasonCode.NO_COUNSEL_CONSENT for line in result.lines)
    assert result.payable.is_zero()


IPR_INVOICES = [
    invoice("C1", CostCategory.IPR_PTAB, "1500000", vendor="PTAB Partners"),
    invoice("C2", CostCategory.IPR_PTAB, "1500000", vendor="PTAB Partners", day=date(2026, 6, 1)),
]


def test_a_sub_limit_caps_what_the_insurer_pays_for_the_category_across_invoices():
    result = adjudicate(TERMS, FACTS, IPR_INVOICES, decided_on=DAY)
    first, second = result.lines
    # the IPR sub-limit of CNY 2 M caps the insurer's payment, after deductible and coinsurance
    assert first.payable == Money.of("1120000", "CNY")  # (1.5 M - 0.1 M) x 80 %
    assert second.eligible == Money.of("1500000", "CNY")
    assert ReasonCode.SUB_LIMIT in codes(second)
    assert second.payable == Money.of("880000", "CNY")  # 2 M - 1.12 M left of 1.2 M
    assert codes(second)[-1] is ReasonCode.SUB_LIMIT  # after the coinsurance


def test_order_of_terms_a_sub_limit_before_the_retention_caps_the_loss_first():
    before = replace(
        TERMS, conditions=ClaimConditions(sub_limit_order=SubLimitOrder.BEFORE_RETENTION)
    )
    first, second = adjudicate(before, FACTS, IPR_INVOICES, decided_on=DAY).lines
    assert first.eligible == Money.of("1500000", "CNY")
    assert second.eligible == Money.of("500000", "CNY")
    assert ReasonCode.SUB_LIMIT in codes(second)
    assert second.payable == Money.of("400000", "CNY")  # 500,000 x 80 %


def test_order_of_terms_a_settlement_under_its_sub_limit_after_retention_is_paid_in_full_share():
    settlement = invoice("S1", CostCategory.SETTLEMENT_LICENCE, "6000000", vendor="Lumina")
    facts = replace(FACTS, settlements=(settlement_consent("6000000"),))
    after = adjudicate(TERMS, facts, [settlement], decided_on=DAY).lines[0]
    # (6,000,000 - 100,000) x 80 % = 4,720,000, under the CNY 5 M sub-limit
    assert after.payable == Money.of("4720000", "CNY")
    assert ReasonCode.SUB_LIMIT not in codes(after)


def test_uncovered_and_unclear_categories_are_declined_with_their_codes():
    result = adjudicate(
        TERMS,
        FACTS,
        [
            invoice("D1", CostCategory.DESIGN_AROUND_CBP, "200000", vendor="Eng Co"),
        ],
        decided_on=DAY,
    )
    assert codes(result.lines[0]) == [ReasonCode.CATEGORY_NOT_COVERED]


def test_a_usd_invoice_is_converted_at_its_rate():
    result = adjudicate(
        TERMS,
        FACTS,
        [
            invoice(
                "E1", CostCategory.EXPERTS, "50000", vendor="Dr Expert", currency="USD", fx="7.1"
            ),
        ],
        decided_on=DAY,
    )
    assert result.lines[0].claimed == Money.of("355000", "CNY")
    assert codes(result.lines[0])[0] is ReasonCode.CURRENCY_CONVERTED


def test_the_aggregate_left_by_other_claims_caps_this_claim():
    facts = replace(FACTS, others_payable=Money.of("19900000", "CNY"))
    result = adjudicate(
        TERMS, facts, [invoice("F1", CostCategory.US_COUNSEL, "1000000")], decided_on=DAY
    )
    assert result.payable == Money.of("100000", "CNY")
    assert ReasonCode.AGGREGATE_LIMIT in codes(result.lines[0])


def test_a_declined_notice_or_wilful_infringement_declines_everything():
    for facts in (
        replace(FACTS, declined_by_notice=True),
        replace(FACTS, wilful=WilfulFinding(date(2026, 8, 1))),
    ):
        result = adjudicate(
            TERMS, facts, [invoice("G1", CostCategory.US_COUNSEL, "10")], decided_on=DAY
        )
        assert result.payable.is_zero()


CATEGORIES = st.sampled_from(list(CostCategory))
AMOUNTS = st.decimals(min_value=1, max_value=30_000_000, places=2)
LINES = st.lists(st.tuples(CATEGORIES, AMOUNTS, st.booleans()), min_size=1, max_size=8)


def _invoices(lines) -> list[Expense]:
    return [
        invoice(
            f"H{i:02d}",
            category,
            str(amount),
            vendor=FIRM if consented else "Other LLP",
            day=date(2026, 5, 1 + i),
        )
        for i, (category, amount, consented) in enumerate(lines)
    ]


@settings(max_examples=150, deadline=None)
@given(LINES, st.decimals(min_value=0, max_value=20_000_000, places=2))
def test_payable_never_exceeds_claimed_sub_limits_or_limits(lines, others):
    paid_elsewhere = Money.of(str(others), "CNY")
    facts = replace(FACTS, others_payable=paid_elsewhere)
    result = adjudicate(TERMS, facts, _invoices(lines), decided_on=DAY)
    assert result.payable <= TERMS.per_claim_limit
    assert result.payable + paid_elsewhere <= TERMS.aggregate_limit
    assert result.payable == sum((line.payable for line in result.lines), Money.of("0", "CNY"))
    for line in result.lines:
        assert Money.of("0", "CNY") <= line.payable <= line.claimed
    for category, limit in TERMS.sub_limits.items():
        used = sum(
            (line.payable for line in result.lines if line.category is category),
            Money.of("0", "CNY"),
        )
        assert used <= limit


@settings(max_examples=150, deadline=None)
@given(LINES, st.integers(min_value=0, max_value=7), AMOUNTS)
def test_adjudication_is_monotone_in_an_invoice_amount(lines, index, extra):
    index %= len(lines)
    before = adjudicate(TERMS, FACTS, _invoices(lines), decided_on=DAY)
    bigger = list(lines)
    category, amount, consented = bigger[index]
    bigger[index] = (category, amount + extra, consented)
    after = adjudicate(TERMS, FACTS, _invoices(bigger), decided_on=DAY)
    assert after.payable >= before.payable


def test_art_30_a_wording_unclear_on_itc_cover_is_read_for_the_insured_and_pays():
    unclear = freeze_terms(
        load_catalog().get("huangpu-2020-overseas-liability"),
        per_claim_limit=Money.of("2000000", "CNY"),
        aggregate_limit=Money.of("2000000", "CNY"),
    )
    result = adjudicate(
        unclear, FACTS, [invoice("U1", CostCategory.US_COUNSEL, "100000")], decided_on=DAY
    )
    assert [r.code for r in result.reasons] == [ReasonCode.ITC_COVER_UNCLEAR]
    assert "art. 30" in result.reasons[0].explanation
    assert codes(result.lines[0])[0] is ReasonCode.CATEGORY_COVERED
    assert result.payable == Money.of("100000", "CNY")


def test_art_30_a_category_the_wording_is_unclear_on_is_read_as_covered():
    unclear = freeze_terms(
        load_catalog().get("huangpu-2020-overseas-liability"),
        per_claim_limit=Money.of("2000000", "CNY"),
        aggregate_limit=Money.of("2000000", "CNY"),
    )
    line = adjudicate(
        unclear,
        FACTS,
        [invoice("U2", CostCategory.EXPERTS, "50000", vendor="Dr X")],
        decided_on=DAY,
    ).lines[0]
    assert codes(line) == [ReasonCode.CATEGORY_COVER_UNCLEAR]
    assert line.payable == Money.of("50000", "CNY")


# --- PRC Insurance Law art. 21: the undeterminable part of a late notice ----------------------


def late(fault: NoticeFault | None) -> ClaimFacts:
    notice = LateNotice(due=date(2026, 5, 16), notified_on=date(2026, 6, 20), fault=fault)
    return replace(FACTS, late_notice=notice)


def test_art_21_a_late_notice_without_fault_pays_every_invoice():
    result = adjudicate(
        TERMS, late(None), [invoice("L1", CostCategory.US_COUNSEL, "500000")], decided_on=DAY
    )
    assert result.payable == Money.of("320000", "CNY")  # (500,000 - 100,000) x 80 %


def test_art_21_a_grossly_negligent_delay_declines_only_the_costs_incurred_during_it():
    invoices = [
        invoice("L1", CostCategory.US_COUNSEL, "500000", day=date(2026, 5, 10)),
        invoice("L2", CostCategory.US_COUNSEL, "300000", day=date(2026, 6, 1)),
        invoice("L3", CostCategory.US_COUNSEL, "200000", day=date(2026, 6, 20)),
    ]
    result = adjudicate(TERMS, late(NoticeFault.GROSS_NEGLIGENCE), invoices, decided_on=DAY)
    before, during, after = result.lines
    assert during.outcome is LineOutcome.DECLINED
    assert codes(during) == [ReasonCode.LATE_NOTICE_UNDETERMINABLE]
    assert before.payable == Money.of("320000", "CNY")
    assert after.payable == Money.of("160000", "CNY")


# --- wilfulness: a district court's finding, and the final-adjudication clause ----------------


CLAUSE = replace(TERMS, conditions=ClaimConditions(final_adjudication=True))
COUNSEL = [invoice("W1", CostCategory.US_COUNSEL, "600000")]


def test_wilfulness_under_a_final_adjudication_clause_costs_are_advanced_until_final():
    facts = replace(FACTS, wilful=WilfulFinding(date(2026, 8, 1), final=False))
    result = adjudicate(CLAUSE, facts, COUNSEL, decided_on=DAY)
    assert ReasonCode.WILFUL_FINDING_NOT_FINAL in codes(result.lines[0])
    assert result.payable == Money.of("400000", "CNY")
    assert result.recoupment.is_zero()


def test_wilfulness_a_final_finding_declines_and_recoups_what_was_advanced():
    facts = replace(
        FACTS, wilful=WilfulFinding(date(2027, 3, 1), final=True), paid=Money.of("400000", "CNY")
    )
    result = adjudicate(CLAUSE, facts, COUNSEL, decided_on=DAY)
    assert codes(result.lines[0]) == [ReasonCode.WILFUL_INFRINGEMENT]
    assert result.payable.is_zero()
    assert result.reasons[-1].code is ReasonCode.RECOUPMENT
    assert result.recoupment == Money.of("400000", "CNY")


def test_wilfulness_without_the_clause_excludes_on_the_finding_and_recoups_nothing():
    facts = replace(FACTS, wilful=WilfulFinding(date(2026, 8, 1)), paid=Money.of("400000", "CNY"))
    result = adjudicate(TERMS, facts, COUNSEL, decided_on=DAY)
    assert codes(result.lines[0]) == [ReasonCode.WILFUL_INFRINGEMENT]
    assert result.recoupment.is_zero()


def test_wilfulness_a_wording_without_the_exclusion_ignores_the_finding():
    open_terms = replace(TERMS, exclusions=())
    facts = replace(FACTS, wilful=WilfulFinding(date(2026, 8, 1), final=True))
    assert adjudicate(open_terms, facts, COUNSEL, decided_on=DAY).payable == Money.of(
        "400000", "CNY"
    )


# --- consent to settle ------------------------------------------------------------------------


def test_consent_a_wording_that_does_not_require_it_pays_the_settlement():
    free = replace(TERMS, conditions=ClaimConditions(settlement_consent=False))
    settlement = invoice("S3", CostCategory.SETTLEMENT_LICENCE, "1000000", vendor="Lumina")
    assert adjudicate(free, FACTS, [settlement], decided_on=DAY).payable == Money.of(
        "720000", "CNY"
    )


# The insurer's written consent to settle, its date and maximum: test_settlement_consent.py.
