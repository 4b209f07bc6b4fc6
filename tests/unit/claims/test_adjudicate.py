"""Pure adjudication: reason codes, sub-limits, deductible, coinsurance, limits; properties."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.claims.adjudicate import ClaimFacts, Consent, adjudicate
from patentshield.claims.model import Expense, LineOutcome, Phase, ReasonCode
from patentshield.kernel.money import Money
from patentshield.policies.terms import freeze_terms
from patentshield.products.catalog import load_catalog
from patentshield.products.model import CostCategory

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


def test_a_sub_limit_caps_the_category_across_invoices():
    result = adjudicate(
        TERMS,
        FACTS,
        [
            invoice("C1", CostCategory.IPR_PTAB, "1500000", vendor="PTAB Partners"),
            invoice(
                "C2", CostCategory.IPR_PTAB, "1500000", vendor="PTAB Partners", day=date(2026, 6, 1)
            ),
        ],
        decided_on=DAY,
    )
    first, second = result.lines
    assert first.eligible == Money.of("1500000", "CNY")
    assert second.eligible == Money.of("500000", "CNY")
    assert ReasonCode.SUB_LIMIT in codes(second)
    assert second.payable == Money.of("400000", "CNY")


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
        replace(FACTS, wilful_infringement_found=True),
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
    facts = replace(FACTS, others_payable=Money.of(str(others), "CNY"))
    result = adjudicate(TERMS, facts, _invoices(lines), decided_on=DAY)
    assert result.payable <= TERMS.per_claim_limit
    assert result.payable + facts.others_payable <= TERMS.aggregate_limit
    assert result.payable == sum((line.payable for line in result.lines), Money.of("0", "CNY"))
    for line in result.lines:
        assert Money.of("0", "CNY") <= line.payable <= line.claimed
    for category, limit in TERMS.sub_limits.items():
        used = sum(
            (line.eligible for line in result.lines if line.category is category),
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


def test_a_wording_unclear_on_itc_cover_refers_every_invoice_to_the_insurer():
    unclear = freeze_terms(
        load_catalog().get("huangpu-2020-overseas-liability"),
        per_claim_limit=Money.of("2000000", "CNY"),
        aggregate_limit=Money.of("2000000", "CNY"),
    )
    result = adjudicate(
        unclear, FACTS, [invoice("U1", CostCategory.US_COUNSEL, "100000")], decided_on=DAY
    )
    assert codes(result.lines[0]) == [ReasonCode.ITC_COVER_UNCLEAR]
    assert result.payable.is_zero()
