from __future__ import annotations

import pytest

from patentshield.catalog.coverage import (
    categories_with,
    coverage_gaps,
    non_response_reason,
    responds_to_337,
)
from patentshield.catalog.loader import load_catalog
from patentshield.catalog.model import Answer, CostCategory, Cover, ProductType
from tests.factories import product


def test_the_gaps_are_every_category_not_clearly_covered() -> None:
    gaps = coverage_gaps(product())
    assert CostCategory.US_COUNSEL not in gaps
    assert CostCategory.EXPERTS in gaps  # unclear
    assert CostCategory.LOST_US_PROFIT in gaps  # not listed, so not covered
    assert len(gaps) == len(CostCategory) - 2


def test_categories_are_grouped_by_their_cover() -> None:
    subject = product()
    assert categories_with(subject, Cover.COVERED) == (
        CostCategory.US_COUNSEL,
        CostCategory.SETTLEMENT_LICENCE,
    )
    assert categories_with(subject, Cover.UNCLEAR) == (CostCategory.EXPERTS,)


@pytest.mark.parametrize("answer", [Answer.YES, Answer.UNCLEAR])
def test_a_defensive_product_answers_as_its_wording_does(answer: Answer) -> None:
    subject = product(itc_counts_as_lawsuit=answer)
    assert responds_to_337(subject) is answer
    assert non_response_reason(subject) is None


def test_an_enforcement_product_does_not_answer_a_complaint_against_the_insured() -> None:
    subject = product(product_type=ProductType.PATENT_ENFORCEMENT)
    assert responds_to_337(subject) is Answer.NO
    assert "does not answer a 337 complaint" in (non_response_reason(subject) or "")


@pytest.mark.parametrize("kind", [ProductType.TRADEMARK, ProductType.COPYRIGHT])
def test_trademark_or_copyright_cover_never_answers_a_patent_337_case(kind: ProductType) -> None:
    subject = product(product_type=kind)  # even with a wording that would defend a patent case
    assert responds_to_337(subject) is Answer.NO
    assert f"insures {kind} rights, not patents" in (non_response_reason(subject) or "")


def test_product_liability_with_patent_infringement_liability_is_defensive() -> None:
    subject = product(product_type=ProductType.PATENT_INTENSIVE_PRODUCT_LIABILITY)
    assert non_response_reason(subject) is None


@pytest.mark.parametrize(
    "kind", [ProductType.TECHNOLOGY_COMPREHENSIVE, ProductType.OVERSEAS_IP_RIGHTS_PROTECTION]
)
def test_technology_and_rights_protection_cover_does_not_defend_the_insured(
    kind: ProductType,
) -> None:
    assert "does not answer a 337 complaint" in (
        non_response_reason(product(product_type=kind)) or ""
    )


def test_a_territory_without_the_united_states_rules_a_337_case_out() -> None:
    assert responds_to_337(product(territory=("CN",))) is Answer.NO
    assert responds_to_337(product(territory=("CN", "overseas"))) is Answer.YES


def test_an_unstated_territory_does_not_rule_a_337_case_out() -> None:
    assert responds_to_337(product(territory=())) is Answer.YES


def test_a_wording_that_excludes_itc_cases_does_not_respond() -> None:
    subject = product(itc_counts_as_lawsuit=Answer.NO)
    assert responds_to_337(subject) is Answer.NO
    assert "does not count" in (non_response_reason(subject) or "")


def test_in_the_shipped_catalog_only_the_benchmark_surely_answers_a_337_case() -> None:
    answers = {p.id: responds_to_337(p) for p in load_catalog().products()}
    assert [i for i, a in answers.items() if a is Answer.YES] == ["illustrative-337-defence"]
    assert answers["beijing-2022-overseas-legal-expense"] is Answer.UNCLEAR
    assert answers["chancheng-package-10-c"] is Answer.NO
