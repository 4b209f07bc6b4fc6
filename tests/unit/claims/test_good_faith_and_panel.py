"""FTO opinions beside a wilful finding, and the product's panel named when consent is lacking."""

from datetime import UTC, date, datetime
from decimal import Decimal

from patentshield.catalog.loader import load_catalog
from patentshield.catalog.model import CostCategory
from patentshield.claims.adjudicate import ClaimFacts, Consent, adjudicate
from patentshield.claims.model import Expense, Phase, ReasonCode
from patentshield.claims.wilful import GOOD_FAITH_LABELS, WilfulFinding
from patentshield.compliance.fto import FtoConclusion, FtoOpinion
from patentshield.kernel.money import Money
from patentshield.policies.terms import freeze_terms

TERMS = freeze_terms(
    load_catalog().get("illustrative-337-defence"),
    per_claim_limit=Money.of("15000000", "CNY"),
    aggregate_limit=Money.of("20000000", "CNY"),
)
FIRM = "Kirkland & Pell LLP"
PANEL = (FIRM, "Harbor & Stone LLP")
DAY = date(2026, 9, 1)
OPINION = FtoOpinion(
    id="fto-1",
    enterprise_id="sz-led-lighting",
    counsel="CCPIT Patent",
    issued_on=date(2022, 1, 15),
    patents=("US 9,876,543",),
    products=("LED luminaires",),
    conclusion=FtoConclusion.CLEAR,
    sha256="b" * 64,
    size=60,
    filename="fto-2022.txt",
    added_at=datetime(2026, 1, 2, tzinfo=UTC),
)


def counsel_invoice(vendor: str = FIRM) -> Expense:
    return Expense(
        id="ex-1",
        claim_id="cl-1",
        invoice_number="A1",
        vendor=vendor,
        category=CostCategory.US_COUNSEL,
        phase=Phase.PLEADINGS,
        invoice_date=date(2026, 5, 1),
        amount=Money.of("1000000", "CNY"),
        fx_rate=Decimal(1),
    )


def facts(**changes: object) -> ClaimFacts:
    base = ClaimFacts(
        "cl-1",
        declined_by_notice=False,
        consents=(Consent(FIRM, date(2026, 4, 20), True),),
        good_faith=(OPINION,),
        asserted=("US 9,876,543", "US 10,234,567"),
        panel=PANEL,
    )
    return ClaimFacts(**{**{f: getattr(base, f) for f in ClaimFacts.__slots__}, **changes})


def test_a_wilful_finding_is_read_beside_the_insureds_fto_opinion():
    wilful = facts(wilful=WilfulFinding(date(2026, 8, 1)))
    line = adjudicate(TERMS, wilful, [counsel_invoice()], decided_on=DAY).lines[0]
    assert [r.code for r in line.reasons] == [
        ReasonCode.GOOD_FAITH_EVIDENCE,
        ReasonCode.WILFUL_INFRINGEMENT,
    ]
    assert "FTO opinion fto-1 of CCPIT Patent on 2022-01-15" in line.reasons[0].explanation
    assert "reviewed US 9,876,543" in line.reasons[0].explanation
    assert line.payable.is_zero()  # the finding still excludes: the opinion changes no finding
    assert GOOD_FAITH_LABELS == ("evidence of good faith", "善意证据")


def test_without_a_finding_the_opinion_adds_no_line():
    line = adjudicate(TERMS, facts(), [counsel_invoice()], decided_on=DAY).lines[0]
    assert ReasonCode.GOOD_FAITH_EVIDENCE not in [r.code for r in line.reasons]


def test_an_opinion_issued_after_the_finding_is_not_named():
    late = facts(wilful=WilfulFinding(date(2021, 6, 1)))
    line = adjudicate(TERMS, late, [counsel_invoice()], decided_on=DAY).lines[0]
    assert ReasonCode.GOOD_FAITH_EVIDENCE not in [r.code for r in line.reasons]


def test_counsel_without_consent_is_declined_naming_the_insurers_panel():
    line = adjudicate(
        TERMS, facts(), [counsel_invoice("Dewey Cheatham LLP")], decided_on=DAY
    ).lines[0]
    declined = line.reasons[-1]
    assert declined.code is ReasonCode.NO_COUNSEL_CONSENT and line.payable.is_zero()
    assert declined.explanation.endswith(
        "the insurer's panel: Kirkland & Pell LLP; Harbor & Stone LLP"
    )
