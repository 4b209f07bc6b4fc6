"""Choosing the subsidy of a quote among its region's programmes, without a ledger."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from patentshield.catalog.model import ProductType
from patentshield.enterprises.importer import read_enterprises
from patentshield.enterprises.model import EnterpriseId
from patentshield.kernel.money import Currency, Money
from patentshield.subsidies.choice import (
    SHENZHEN_STRATEGIC_TAG,
    applicant_of,
    best_first,
    choose_subsidy,
)
from patentshield.subsidies.model import SubsidyDecision

LIABILITY = ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY
EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "enterprises.yaml"


def decision(programme_id: str, amount: str, *, eligible: bool = True) -> SubsidyDecision:
    return SubsidyDecision(
        amount=Money(Decimal(amount), Currency.CNY),
        programme_id=programme_id,
        programme_version=1,
        eligible=eligible,
        explanation=(f"{programme_id} trace",),
        warnings=(f"{programme_id} warning",),
        refusals=() if eligible else (f"{programme_id} refused",),
    )


def test_the_largest_eligible_subsidy_is_applied_and_the_others_listed():
    options = [
        decision("wuxi", "20000"),
        decision("shenzhen", "50000"),
        decision("x", "0", eligible=False),
    ]
    outcome = choose_subsidy(options, region_code="440306", product_type=LIABILITY)
    assert (outcome.programme_id, outcome.amount) == ("shenzhen", Money.of("50000", "CNY"))
    assert outcome.explanation == ("shenzhen trace",) and outcome.warnings == ("shenzhen warning",)
    assert outcome.alternatives == (
        "wuxi: CNY 20,000.00 (not applied: one programme only)",
        "x: not eligible — x refused",
    )


def test_eligible_programmes_come_first_then_larger_amounts_then_ids():
    options = [decision("b", "10"), decision("z", "99", eligible=False), decision("a", "10")]
    assert [d.programme_id for d in best_first(options)] == ["a", "b", "z"]


def test_when_no_programme_is_eligible_nothing_is_applied_and_each_says_why():
    options = [decision("wuxi", "0", eligible=False), decision("shenzhen", "0", eligible=False)]
    outcome = choose_subsidy(options, region_code="440306", product_type=LIABILITY)
    assert outcome.amount.is_zero() and outcome.programme_id is None
    assert outcome.explanation == ("shenzhen trace",)
    assert outcome.alternatives == (
        "shenzhen: not eligible — shenzhen refused",
        "wuxi: not eligible — wuxi refused",
    )


def test_without_a_region_or_a_programme_nothing_is_applied_and_the_quote_says_so():
    anonymous = choose_subsidy([], region_code=None, product_type=LIABILITY)
    assert anonymous.amount.is_zero() and anonymous.warnings == anonymous.explanation
    assert "no enterprise or region given" in anonymous.explanation[0]
    none_there = choose_subsidy([], region_code="110105", product_type=LIABILITY)
    assert none_there.explanation == (
        f"no programme of region 110105 subsidises {LIABILITY} that day",
    )
    assert none_there.warnings == ()


def test_decisions_are_ignored_when_the_applicant_has_no_region():
    options = [decision("shenzhen", "50000")]
    assert choose_subsidy(options, region_code=None, product_type=LIABILITY).amount.is_zero()


def test_the_applicant_is_what_the_enterprise_profile_tells_a_programme():
    entries = read_enterprises(EXAMPLES, today=date(2026, 3, 1)).entries
    profiles = {entry.enterprise.id: entry.enterprise for entry in entries}
    led = applicant_of(profiles[EnterpriseId("sz-led-lighting")], None)
    assert (led.id, led.region_code) == ("sz-led-lighting", "440306")
    assert led.industries == frozenset({"led_lighting", "ultra_hd_display", SHENZHEN_STRATEGIC_TAG})
    assert led.flags is not None and "high_value_patents" in led.flags
    desks = applicant_of(profiles[EnterpriseId("nb-standing-desks")], None)
    assert desks.industries == frozenset({"furniture"})


def test_an_anonymous_applicant_has_a_region_and_nothing_else():
    anonymous = applicant_of(None, "440306")
    assert anonymous.region_code == "440306"
    assert (anonymous.id, anonymous.industries, anonymous.flags) == (None, None, None)
