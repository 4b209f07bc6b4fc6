"""The evaluation rules, on small synthetic programmes (each rule on its own)."""

from dataclasses import replace
from decimal import Decimal

import pytest

from patentshield.catalog.model import ProductType
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Money
from patentshield.subsidies.caps import applicable_year_cap
from patentshield.subsidies.evaluate import evaluate, percent
from patentshield.subsidies.model import WHOLE_YEAR_KEY, Applicant
from tests.factories import cny, subsidy_request, synthetic_programme, year_cap

ENFORCEMENT = ProductType.PATENT_ENFORCEMENT


def test_a_per_policy_cap_limits_one_policy():
    decision = evaluate(subsidy_request(synthetic_programme(per_policy_cap=cny(30000)), 100000))
    assert decision.amount.amount == Decimal("30000.00")
    assert "cap per policy CNY 30,000.00 → binding" in decision.explanation


def test_an_excluded_flag_refuses_the_applicant():
    programme = synthetic_programme(excluded_flags=frozenset({"cross_border_ecommerce_seller"}))
    seller = Applicant(flags=frozenset({"cross_border_ecommerce_seller"}))
    assert not evaluate(subsidy_request(programme, 10000, applicant=seller)).eligible
    assert evaluate(
        subsidy_request(programme, 10000, applicant=Applicant(flags=frozenset()))
    ).eligible


def test_rate_and_uplift_together_never_pay_more_than_the_premium():
    programme = synthetic_programme(
        rate=Decimal("0.95"), uplifts={"high_value_patents": Decimal("10")}
    )
    applicant = Applicant(flags=frozenset({"high_value_patents"}))
    decision = evaluate(subsidy_request(programme, 10000, applicant=applicant))
    assert decision.amount.amount == Decimal("10000.00")
    assert "rate 105 % limited to 100 %" in decision.explanation


def test_other_bodies_grants_reduce_what_is_left_of_the_premium():
    programme = synthetic_programme(rate=Decimal("1"))
    decision = evaluate(
        subsidy_request(programme, 10000, other_bodies_granted=(("District office", cny(7000)),))
    )
    assert decision.amount.amount == Decimal("3000.00")


def test_granted_above_the_cap_leaves_zero_never_a_negative_amount():
    programme = synthetic_programme(per_applicant_year_caps=(year_cap("year", 1000),))
    decision = evaluate(subsidy_request(programme, 10000, granted_this_year=cny(5000)))
    assert decision.eligible
    assert decision.amount == Money.of("0.00", "CNY")


def test_the_amount_is_rounded_once_to_the_fen_half_up():
    programme = synthetic_programme(rate=Decimal("0.333"))
    decision = evaluate(subsidy_request(programme, "100.05"))
    # 0.333 × 100.05 = 33.31665 → 33.32
    assert decision.amount.amount == Decimal("33.32")


def test_ip_rights_of_a_programme_without_the_one_per_right_rule_are_all_used():
    decision = evaluate(subsidy_request(synthetic_programme(), 10000, ip_rights=("CN1", "CN2")))
    assert decision.subsidised_ip_rights == ("CN1", "CN2")


def test_a_flag_cap_wins_over_a_plain_cap_for_an_applicant_holding_the_flag():
    programme = synthetic_programme(
        per_applicant_year_caps=(year_cap("plain", 100), year_cap("champion", 500, flag="champ"))
    )
    choice = applicable_year_cap(programme, ENFORCEMENT, frozenset({"champ"}))
    assert choice.key == "champion"
    assert applicable_year_cap(programme, ENFORCEMENT, frozenset()).key == "plain"
    assert applicable_year_cap(programme, ENFORCEMENT, None).key == "plain"


def test_a_programme_without_caps_keeps_one_yearly_total_per_applicant():
    choice = applicable_year_cap(synthetic_programme(), ENFORCEMENT, None)
    assert (choice.cap, choice.key) == (None, WHOLE_YEAR_KEY)


def test_a_cap_limited_to_other_product_types_does_not_apply():
    programme = synthetic_programme(
        per_applicant_year_caps=(
            year_cap("loss", 100, types=(ProductType.PATENT_INFRINGEMENT_LOSS,)),
        )
    )
    assert applicable_year_cap(programme, ENFORCEMENT, None).cap is None


def test_percent_prints_a_share_without_trailing_zeros():
    assert percent(Decimal("0.50")) == "50 %"
    assert percent(Decimal("0.125")) == "12.5 %"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"premium": Money.of("-1", "CNY")}, "premium"),
        ({"premium": Money.of("1", "USD")}, "premium"),
        ({"premium": Money.of("1.001", "CNY")}, "premium"),
        ({"base_premium": Money.of("20000", "CNY")}, "base_premium"),
        ({"granted_this_year": Money.of("-5", "CNY")}, "granted_this_year"),
        ({"ip_rights": ("CN1", " ")}, "ip_rights"),
    ],
)
def test_a_bad_request_names_the_field(changes, field):
    with pytest.raises(InvalidInput) as error:
        replace(subsidy_request(synthetic_programme(), 10000), **changes)
    assert error.value.field == field


def test_a_malformed_region_code_is_refused():
    with pytest.raises(InvalidInput) as error:
        Applicant(region_code="44A")
    assert error.value.field == "region_code"
