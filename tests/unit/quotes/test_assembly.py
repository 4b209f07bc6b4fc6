"""Quote assembly as a pure rule: rounding once, the net premium, and the buyer's warnings."""

from decimal import Decimal

from patentshield.catalog.model import FixedPerUnit, InsuredUnit, MultipleOfPremium, Plan
from patentshield.catalog.premium import price_plan
from patentshield.kernel.money import Currency, Money
from patentshield.quotes.assembly import ApplicantFacts, net_premium
from patentshield.subsidies.choice import SubsidyOutcome
from tests.factories import cny, picc_like, product, quote_of, risk_rated, usd


def subsidy(amount: str, *warnings: str) -> SubsidyOutcome:
    return SubsidyOutcome(Money(Decimal(amount), Currency.CNY), "test", 1, ("trace",), warnings)


def test_every_amount_is_rounded_once_to_the_fen_half_up():
    rated = risk_rated(deductible=Money(Decimal("9999.995"), Currency.CNY))
    pricing = price_plan(rated, None, 1, negotiated=Money(Decimal("12345.675"), Currency.CNY))
    quote = quote_of(rated, pricing, subsidy=subsidy("1000.005"))
    assert quote.gross_premium == cny("12345.68")
    assert quote.net_premium == cny("11345.67")  # 12,345.68 − 1,000.01
    assert quote.deductible == cny("10000.00")
    assert quote.aggregate_limit == cny("5000000.00")


def test_the_net_premium_never_falls_below_zero():
    assert net_premium(cny(100), cny(250)) == cny(0)
    assert net_premium(cny(100), cny(40)) == cny(60)
    tariff = product()
    quote = quote_of(tariff, price_plan(tariff, None, 1), subsidy=subsidy("80000"))
    assert quote.net_premium == cny(0)


def test_the_quote_states_the_product_plan_and_applicant_it_was_priced_for():
    tariff = product()
    facts = ApplicantFacts(enterprise_id="sz-led-lighting", region_code="440306")
    quote = quote_of(tariff, price_plan(tariff, "standard", 1), facts=facts)
    assert (quote.product_id, quote.product_version, quote.plan) == (tariff.id, 1, "standard")
    assert (quote.enterprise_id, quote.region_code) == ("sz-led-lighting", "440306")
    assert quote.gross_premium == cny(50_000) and quote.aggregate_limit == cny(2_000_000)
    assert quote.pricing_trace == price_plan(tariff, "standard", 1).trace


def test_a_limit_below_the_defence_cost_median_of_the_stake_is_warned_about():
    tariff = product()  # aggregate CNY 2,000,000, about USD 278,000
    quote = quote_of(
        tariff, price_plan(tariff, None, 1), facts=ApplicantFacts(us_sales=usd(5_000_000))
    )
    (warning,) = [w for w in quote.warnings if w.startswith("aggregate limit")]
    assert "covers 14 % of the AIPLA 2015 median cost" in warning
    assert "USD 2,000,000" in warning


def test_a_limit_above_the_median_or_no_stake_given_warns_nothing_about_limits():
    large = product(
        plans=(Plan("standard", FixedPerUnit(cny(500_000)), MultipleOfPremium(Decimal(40))),)
    )
    for facts in (ApplicantFacts(us_sales=usd(5_000_000)), ApplicantFacts()):
        quote = quote_of(large, price_plan(large, None, 1), facts=facts)
        assert not [w for w in quote.warnings if w.startswith("aggregate limit")]


def test_patents_left_uninsured_are_warned_about():
    per_patent = picc_like()
    quote = quote_of(per_patent, price_plan(per_patent, None, 2), facts=ApplicantFacts(patents=5))
    assert "2 of the enterprise's 5 patents are insured" in quote.warnings
    packages = product(insured_unit=InsuredUnit.PATENT_PACKAGE, package_size=10)
    quote = quote_of(packages, price_plan(packages, None, 1), facts=ApplicantFacts(patents=25))
    assert "1 package(s) insure 10 of 25 patents" in quote.warnings
    quote = quote_of(packages, price_plan(packages, None, 3), facts=ApplicantFacts(patents=25))
    assert not [w for w in quote.warnings if "insure" in w]


def test_warnings_come_in_order_gaps_then_limits_units_subsidy_and_rate():
    per_patent = picc_like()
    quote = quote_of(
        per_patent,
        price_plan(per_patent, None, 1),
        subsidy=subsidy("100", "subsidy capped"),
        facts=ApplicantFacts(us_sales=usd(5_000_000), patents=3),
        fx_warnings=("rate is stale",),
    )
    gaps = list(quote.gap_report.warnings)
    assert quote.warnings[: len(gaps)] == tuple(gaps)
    rest = quote.warnings[len(gaps) :]
    assert rest[0].startswith("aggregate limit")
    assert rest[1:] == (
        "1 of the enterprise's 3 patents are insured",
        "subsidy capped",
        "rate is stale",
    )
