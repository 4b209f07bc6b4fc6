"""Each shipped programme's rule, as DOMAIN.md §4.3 states it."""

from datetime import date
from decimal import Decimal

import pytest

from patentshield.catalog.model import ARTICLE_REF, ProductType
from patentshield.kernel.errors import InvalidInput
from patentshield.subsidies.catalog import load_programmes
from patentshield.subsidies.evaluate import evaluate
from patentshield.subsidies.model import Applicant, SubsidyDecision
from tests.factories import cny, shipped_programme, subsidy_request

ENFORCEMENT = ProductType.PATENT_ENFORCEMENT
LOSS = ProductType.PATENT_INFRINGEMENT_LOSS
OVERSEAS = ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY
LEGAL_EXPENSE = ProductType.OVERSEAS_IP_DISPUTE_LEGAL_EXPENSE


def amount(decision: SubsidyDecision) -> Decimal:
    return decision.amount.amount


# --- Shenzhen [R77] -------------------------------------------------------------------------


def test_shenzhen_refuses_an_applicant_outside_the_strategic_industries():
    applicant = Applicant(region_code="440306", industries=frozenset({"furniture"}))
    decision = evaluate(subsidy_request(shipped_programme("shenzhen"), 100000, applicant=applicant))
    assert not decision.eligible
    assert amount(decision) == 0
    assert decision.refusals == (
        "industry: none of the applicant's industries is one of shenzhen_strategic",
    )


def test_shenzhen_refuses_an_applicant_outside_shenzhen():
    applicant = Applicant(region_code="441900", industries=frozenset({"shenzhen_strategic"}))
    decision = evaluate(subsidy_request(shipped_programme("shenzhen"), 100000, applicant=applicant))
    assert not decision.eligible
    assert decision.refusals == ("region 441900 is not within 4403",)


def test_shenzhen_does_not_subsidise_infringement_liability_insurance_sold_at_home():
    decision = evaluate(
        subsidy_request(
            shipped_programme("shenzhen"),
            100000,
            product_type=ProductType.PATENT_INFRINGEMENT_LIABILITY,
        )
    )
    assert not decision.eligible


def test_shenzhen_stops_at_its_programme_budget_of_five_million_a_year():
    decision = evaluate(
        subsidy_request(shipped_programme("shenzhen"), 100000, budget_used_this_year=cny("4990000"))
    )
    assert amount(decision) == Decimal("10000.00")
    used_up = evaluate(
        subsidy_request(shipped_programme("shenzhen"), 100000, budget_used_this_year=cny("5000000"))
    )
    assert used_up.eligible and amount(used_up) == 0


def test_shenzhen_refuses_a_policy_another_city_body_already_subsidised():
    decision = evaluate(
        subsidy_request(
            shipped_programme("shenzhen"),
            100000,
            other_bodies_granted=(("Shenzhen Science and Technology Innovation Bureau", cny(1)),),
        )
    )
    assert not decision.eligible
    assert "no double subsidy across bodies" in decision.refusals[0]


def test_shenzhen_excludes_ip_rights_already_subsidised_for_the_same_product_type():
    decision = evaluate(
        subsidy_request(
            shipped_programme("shenzhen"),
            100000,
            ip_rights=("CN1", "CN2", "CN3", "CN4"),
            already_subsidised=frozenset({("CN1", ENFORCEMENT), ("CN2", LOSS)}),
        )
    )
    # CN1 was subsidised for enforcement: 3 of 4 rights count, 50 % × 75,000 = 37,500.
    assert amount(decision) == Decimal("37500.00")
    assert decision.subsidised_ip_rights == ("CN2", "CN3", "CN4")


def test_shenzhen_refuses_a_policy_whose_every_ip_right_was_subsidised_for_the_type():
    decision = evaluate(
        subsidy_request(
            shipped_programme("shenzhen"),
            100000,
            ip_rights=("CN1",),
            already_subsidised=frozenset({("CN1", ENFORCEMENT)}),
        )
    )
    assert not decision.eligible
    assert "one subsidy per IP right per product type" in decision.refusals[0]


def test_shenzhen_does_not_apply_to_contracts_before_2024():
    decision = evaluate(
        subsidy_request(shipped_programme("shenzhen"), 100000, day=date(2023, 12, 31))
    )
    assert not decision.eligible
    assert decision.refusals[0].startswith("date 2023-12-31 is outside")


# --- Beijing patent pilot [R78] -------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ({"first_application", "single_champion"}, "500000.00"),
        ({"first_application", "key_sector_sme"}, "200000.00"),
        ({"first_application", "single_champion", "key_sector_sme"}, "500000.00"),
    ],
)
def test_beijing_patent_pilot_pays_the_full_premium_up_to_the_cap_of_the_category(flags, expected):
    applicant = Applicant(region_code="110108", flags=frozenset(flags))
    decision = evaluate(
        subsidy_request(
            shipped_programme("beijing-patent-pilot"),
            900000,
            applicant=applicant,
            product_type=LOSS,
        )
    )
    assert amount(decision) == Decimal(expected)


def test_beijing_patent_pilot_pays_all_of_a_small_first_premium():
    applicant = Applicant(flags=frozenset({"first_application", "key_sector_sme"}))
    decision = evaluate(
        subsidy_request(shipped_programme("beijing-patent-pilot"), 12000, applicant=applicant)
    )
    assert amount(decision) == Decimal("12000.00")


def test_beijing_patent_pilot_assumes_the_smaller_cap_when_flags_are_not_given():
    decision = evaluate(subsidy_request(shipped_programme("beijing-patent-pilot"), 900000))
    assert amount(decision) == Decimal("200000.00")
    assert decision.year_cap_key == "key_sector_sme"
    assert any("smallest applicant-year cap" in line for line in decision.explanation)


def test_beijing_patent_pilot_models_only_first_applications():
    applicant = Applicant(flags=frozenset({"single_champion"}))
    decision = evaluate(
        subsidy_request(shipped_programme("beijing-patent-pilot"), 10000, applicant=applicant)
    )
    assert not decision.eligible
    assert decision.refusals == ("flag first_application required: missing",)


def test_beijing_patent_pilot_warns_that_no_cap_is_known_for_other_applicants():
    applicant = Applicant(flags=frozenset({"first_application"}))
    decision = evaluate(
        subsidy_request(shipped_programme("beijing-patent-pilot"), 10000, applicant=applicant)
    )
    assert amount(decision) == Decimal("10000.00")
    assert any("no source gives a cap for others" in warning for warning in decision.warnings)


def test_beijing_pilot_never_gives_an_applicant_without_a_qualifying_flag_an_uncapped_subsidy():
    # issue 9 item 13: neither single champion nor key-sector SME -> the smallest cap [R78]
    applicant = Applicant(flags=frozenset({"first_application"}))
    decision = evaluate(
        subsidy_request(shipped_programme("beijing-patent-pilot"), 900000, applicant=applicant)
    )
    assert amount(decision) == Decimal("200000.00")
    assert decision.year_cap_key == "key_sector_sme"
    assert any("holds none of the flags" in warning for warning in decision.warnings)


# --- Beijing overseas legal fees [R79][R80] -------------------------------------------------


def test_beijing_overseas_legal_fee_pilot_pays_80_percent_up_to_800000():
    applicant = Applicant(flags=frozenset({"export_oriented", "no_illegal_record_2y"}))
    programme = shipped_programme("beijing-overseas-legal-fees")
    small = evaluate(
        subsidy_request(programme, 50000, applicant=applicant, product_type=LEGAL_EXPENSE)
    )
    large = evaluate(
        subsidy_request(programme, 1200000, applicant=applicant, product_type=LEGAL_EXPENSE)
    )
    assert amount(small) == Decimal("40000.00")
    assert amount(large) == Decimal("800000.00")


def test_beijing_overseas_legal_fee_pilot_needs_a_clean_record():
    applicant = Applicant(flags=frozenset({"export_oriented"}))
    decision = evaluate(
        subsidy_request(
            shipped_programme("beijing-overseas-legal-fees"),
            50000,
            applicant=applicant,
            product_type=LEGAL_EXPENSE,
        )
    )
    assert decision.refusals == ("flag no_illegal_record_2y required: missing",)


# --- Shandong [R88] -------------------------------------------------------------------------


def test_shandong_pays_60_percent_with_separate_caps_by_product_type():
    programme = shipped_programme("shandong")
    enforcement = evaluate(subsidy_request(programme, 1000000, product_type=ENFORCEMENT))
    overseas = evaluate(subsidy_request(programme, 1000000, product_type=OVERSEAS))
    assert amount(enforcement) == Decimal("200000.00")
    assert amount(overseas) == Decimal("400000.00")
    assert (enforcement.year_cap_key, overseas.year_cap_key) == (
        "enforcement_loss",
        "overseas_liability",
    )


def test_shandong_adds_ten_points_once_for_high_value_patents_or_belt_and_road_markets():
    both = Applicant(flags=frozenset({"high_value_patents", "belt_and_road_markets"}))
    none = Applicant(flags=frozenset())
    programme = shipped_programme("shandong")
    assert amount(evaluate(subsidy_request(programme, 100000, applicant=both))) == Decimal(
        "70000.00"
    )
    assert amount(evaluate(subsidy_request(programme, 100000, applicant=none))) == Decimal(
        "60000.00"
    )


def test_shandong_without_flags_does_not_assume_the_uplift():
    decision = evaluate(subsidy_request(shipped_programme("shandong"), 100000))
    assert amount(decision) == Decimal("60000.00")
    assert any(line.startswith("uplift not applied") for line in decision.explanation)


# --- Wuxi [R86], Quanzhou [R90] -------------------------------------------------------------


def test_wuxi_pays_half_with_no_cap_and_says_none_was_found():
    decision = evaluate(subsidy_request(shipped_programme("wuxi"), 51600, product_type=OVERSEAS))
    assert amount(decision) == Decimal("25800.00")
    assert any("no per-policy, per-applicant or budget cap" in w for w in decision.warnings)
    assert any(w.startswith("ILLUSTRATIVE: wuxi") for w in decision.warnings)


def test_quanzhou_needs_a_premium_of_at_least_1500():
    programme = shipped_programme("quanzhou")
    below = evaluate(subsidy_request(programme, 1499, product_type=LOSS))
    at = evaluate(subsidy_request(programme, 1500, product_type=LOSS))
    assert not below.eligible
    assert below.refusals == ("premium CNY 1,499.00 < the minimum CNY 1,500.00",)
    assert amount(at) == Decimal("750.00")


def test_quanzhou_caps_a_firm_at_50000_a_year():
    decision = evaluate(
        subsidy_request(
            shipped_programme("quanzhou"),
            300000,
            product_type=ProductType.IP_PLEDGE_LOAN_GUARANTEE,
            granted_this_year=cny(20000),
        )
    )
    assert amount(decision) == Decimal("30000.00")


# --- Foshan Chancheng [R84][R96] ------------------------------------------------------------


def test_foshan_chancheng_paid_the_full_premium_in_2011():
    day = date(2011, 5, 1)
    decision = evaluate(
        subsidy_request(shipped_programme("foshan-chancheng-2011", day), 4000, day=day)
    )
    assert amount(decision) == Decimal("4000.00")


def test_foshan_chancheng_paid_only_the_base_premium_from_2012():
    day = date(2012, 5, 1)
    programme = shipped_programme("foshan-chancheng-2012", day)
    decision = evaluate(subsidy_request(programme, 4800, day=day, base_premium=cny(4000)))
    assert amount(decision) == Decimal("4000.00")
    with pytest.raises(InvalidInput) as error:
        evaluate(subsidy_request(programme, 4800, day=day))
    assert error.value.field == "base_premium"


def test_the_2011_foshan_rule_no_longer_applies_in_2012():
    day = date(2012, 5, 1)
    decision = evaluate(
        subsidy_request(shipped_programme("foshan-chancheng-2011", day), 4000, day=day)
    )
    assert not decision.eligible


def test_every_shipped_programme_cites_its_sources_and_flags_its_illustrative_terms():
    for programme in load_programmes():
        assert programme.sources, programme.id
        assert all(
            source.url.startswith("http") or (source.ref == ARTICLE_REF and not source.url)
            for source in programme.sources
        )
        assert "valid_to" in programme.illustrative_terms or programme.valid_to is not None
