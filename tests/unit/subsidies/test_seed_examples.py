"""The Shenzhen figures the subsidy engine must reproduce (DOMAIN.md §0 item 9, §4.3, [R77])."""

from decimal import Decimal

import pytest

from patentshield.catalog.model import ProductType
from patentshield.subsidies.evaluate import evaluate
from tests.factories import cny, shipped_programme, subsidy_request


@pytest.mark.parametrize(
    ("premium", "granted", "expected"),
    [
        ("500000", None, "200000.00"),
        ("100000", None, "50000.00"),
        ("100000", "180000", "20000.00"),
    ],
)
def test_shenzhen_pays_half_the_premium_up_to_200000_per_applicant_year(premium, granted, expected):
    decision = evaluate(
        subsidy_request(
            shipped_programme("shenzhen"),
            premium,
            product_type=ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY,
            granted_this_year=cny(granted) if granted else None,
        )
    )
    assert decision.eligible
    assert decision.amount.amount == Decimal(expected)
    assert decision.amount.currency.value == "CNY"
    assert (decision.programme_id, decision.programme_version) == ("shenzhen", 1)


def test_the_trace_shows_the_rate_and_the_binding_cap_with_its_figures():
    decision = evaluate(
        subsidy_request(shipped_programme("shenzhen"), 100000, granted_this_year=cny(180000))
    )
    trace = "\n".join(decision.explanation)
    assert "rate 50 % × CNY 100,000.00 = CNY 50,000.00" in trace
    assert "CNY 200,000.00 − granted this year CNY 180,000.00 = CNY 20,000.00 → binding" in trace
    assert decision.explanation[-1] == "subsidy CNY 20,000.00"


def test_a_check_without_an_enterprise_says_what_it_assumed():
    decision = evaluate(subsidy_request(shipped_programme("shenzhen"), 500000))
    assumed = [line for line in decision.explanation if line.startswith("assumed eligible")]
    assert any("region" in line for line in assumed)
    assert any("shenzhen_strategic" in line for line in assumed)
    assert any(
        warning.startswith("assumed eligible on facts not given") for warning in decision.warnings
    )


def test_every_shenzhen_decision_flags_its_illustrative_terms():
    decision = evaluate(subsidy_request(shipped_programme("shenzhen"), 500000))
    assert "ILLUSTRATIVE: shenzhen terms not shown by any source: valid_to" in decision.warnings
