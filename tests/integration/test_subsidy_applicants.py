"""A subsidy cap belongs to the enterprise however its id is spelled (issue 15, defect 1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from patentshield.catalog.model import ProductType
from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.errors import InvalidInput, NotFound, RuleViolation
from patentshield.kernel.runtime import Runtime
from patentshield.subsidies import service
from patentshield.subsidies.model import Applicant, GrantRequest, parse_cny

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
DAY = date(2024, 6, 1)


@pytest.fixture
def loaded(runtime: Runtime) -> Runtime:
    import_enterprises(runtime, EXAMPLES)
    return runtime


def shenzhen_grant(applicant: Applicant, reference: str) -> GrantRequest:
    return GrantRequest(
        programme_id="shenzhen",
        applicant=applicant,
        product_type=ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY,
        premium=parse_cny("400000", field="premium"),
        day=DAY,
        reference=reference,
    )


@pytest.mark.parametrize(
    "spelling", ["SZ-LED-LIGHTING", "91440306PT00000114", "sz-led-lighting ", "91440306pt00000114"]
)
def test_another_spelling_of_the_applicant_finds_the_cap_already_used(loaded: Runtime, spelling):
    first = service.grant_subsidy(
        loaded, shenzhen_grant(Applicant(id="sz-led-lighting"), "POL-1"), idempotency_key="k1"
    )
    assert first.amount.amount == Decimal("200000.00")
    with pytest.raises(RuleViolation, match="cap"):
        service.grant_subsidy(
            loaded, shenzhen_grant(Applicant(id=spelling), "POL-2"), idempotency_key="k2"
        )
    assert [g.applicant_id for g in service.list_grants(loaded)] == ["sz-led-lighting"]


def test_an_unknown_applicant_gets_nothing(loaded: Runtime):
    with pytest.raises(NotFound) as error:
        service.grant_subsidy(
            loaded, shenzhen_grant(Applicant(id="sz-led-lightning"), "P"), idempotency_key="k"
        )
    assert error.value.field == "applicant"
    assert service.list_grants(loaded) == []


def test_a_ningbo_firm_without_a_region_is_judged_by_its_profile_not_assumed_eligible(
    loaded: Runtime,
):
    with pytest.raises(RuleViolation) as error:
        service.grant_subsidy(
            loaded, shenzhen_grant(Applicant(id="nb-standing-desks"), "P"), idempotency_key="k"
        )
    assert "region 330212 is not within 4403" in error.value.message
    assert service.list_grants(loaded) == []


def test_a_region_contradicting_the_profile_is_refused(loaded: Runtime):
    claimed = Applicant(id="nb-standing-desks", region_code="440306")
    with pytest.raises(InvalidInput) as error:
        service.grant_subsidy(loaded, shenzhen_grant(claimed, "P"), idempotency_key="k")
    assert error.value.field == "region"
    assert "330212" in error.value.reason


def test_an_industry_the_profile_does_not_hold_is_refused(loaded: Runtime):
    claimed = Applicant(id="nb-standing-desks", industries=frozenset({"shenzhen_strategic"}))
    with pytest.raises(InvalidInput) as error:
        service.grant_subsidy(loaded, shenzhen_grant(claimed, "P"), idempotency_key="k")
    assert error.value.field == "industry"


def test_a_grant_states_the_profiles_facts_and_assumes_none_of_them(loaded: Runtime):
    made = service.grant_subsidy(
        loaded, shenzhen_grant(Applicant(id="SZ-LED-LIGHTING"), "POL-1"), idempotency_key="k"
    )
    assert made.applicant_id == "sz-led-lighting"
    assumed = [line for line in made.explanation if "assumed" in line]
    assert not [line for line in assumed if any(w in line for w in ("region", "industr", "flag"))]
    assert "region 440306 is within 4403" in " ".join(made.explanation)
