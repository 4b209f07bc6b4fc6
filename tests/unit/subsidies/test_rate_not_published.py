"""A programme whose rate no source shows is listed and checked, and never computes a subsidy."""

from __future__ import annotations

from datetime import date

import pytest

from patentshield.kernel.errors import InvalidRecords
from patentshield.subsidies.catalog import Programmes, programmes_on
from patentshield.subsidies.evaluate import evaluate
from patentshield.subsidies.model import RATE_NOT_PUBLISHED, Applicant
from patentshield.subsidies.programme_file import parse_programmes
from patentshield.subsidies.serialise import programme_row, programme_to_json
from tests.factories import shipped_programme, subsidy_request, synthetic_programme, year_cap
from tests.unit.subsidies.test_catalog import MINIMAL

UNPUBLISHED = synthetic_programme(rate=None, per_applicant_year_caps=(year_cap("firm", 50_000),))


def test_an_eligible_policy_gets_no_subsidy_and_the_trace_says_why() -> None:
    decision = evaluate(subsidy_request(UNPUBLISHED, 100_000))
    assert decision.eligible and not decision.rate_published
    assert decision.amount.is_zero()
    assert decision.explanation[-2].startswith(f"{RATE_NOT_PUBLISHED}: no source shows the rate")
    assert decision.explanation[-1] == "subsidy CNY 0.00"
    assert decision.warnings[0].startswith("RATE NOT PUBLISHED: test-programme")
    assert "no subsidy is computed; ask Test body" in decision.warnings[0]


def test_an_ineligible_policy_is_refused_for_its_own_reason_first() -> None:
    outsider = Applicant(region_code="110108")
    decision = evaluate(subsidy_request(UNPUBLISHED, 100_000, applicant=outsider))
    assert not decision.eligible
    assert decision.refusals == ("region 110108 is not within 4403",)
    assert decision.amount.is_zero()


def test_the_file_says_rate_not_published_and_nothing_else_is_read_as_unknown() -> None:
    (programme,) = parse_programmes({"programmes": [{**MINIMAL, "rate": RATE_NOT_PUBLISHED}]}, "t")
    assert programme.rate is None
    with pytest.raises(InvalidRecords) as caught:
        parse_programmes({"programmes": [{**MINIMAL, "rate": "unknown"}]}, "t")
    assert [error.field for error in caught.value.errors] == ["rate"]


def test_the_beijing_2012_fund_is_listed_with_its_rate_not_published() -> None:
    (fund,) = [p for p in programmes_on(date(2015, 6, 1), "110108", Programmes.shipped())]
    assert fund.id == "beijing-2012-premium-fund"
    assert programme_to_json(fund)["rate"] is None
    assert programme_to_json(fund)["sources"] == [{"ref": "He §2", "url": None}]
    assert programme_row(fund)[4] == RATE_NOT_PUBLISHED


def test_the_beijing_2012_fund_computes_nothing_however_large_the_premium() -> None:
    day = date(2015, 6, 1)
    fund = shipped_programme("beijing-2012-premium-fund", day)
    decision = evaluate(
        subsidy_request(fund, 6_000, day=day, applicant=Applicant(region_code="110108"))
    )
    assert decision.eligible and decision.amount.is_zero() and not decision.rate_published
