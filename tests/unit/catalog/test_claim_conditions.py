"""Issue 9: a product's claims conditions (trigger, order of terms, consent to settle,
final-adjudication clause), unclear wording read for the insured (PRC Insurance Law art. 30),
an insured complainant answered by enforcement cover, and the Foshan Chancheng insurer."""

from __future__ import annotations

from pathlib import Path

import pytest

from patentshield.catalog.conditions import (
    ClaimConditions,
    ClaimTrigger,
    SubLimitOrder,
    conditions_from_json,
    conditions_json,
)
from patentshield.catalog.coverage import (
    enforcement_reason,
    enforces_in_337,
    is_read_as_covered,
    responds_to_337,
)
from patentshield.catalog.loader import load_catalog
from patentshield.catalog.model import ARTICLE_REF, Answer, Cover
from patentshield.catalog.serialise import product_to_json
from patentshield.kernel.errors import InvalidRecords
from tests.factories import catalog_record, write_catalog


def _fields(path: Path) -> set[str]:
    with pytest.raises(InvalidRecords) as caught:
        load_catalog(path)
    return {error.field for error in caught.value.errors}


def test_a_record_without_conditions_gets_the_defaults_and_every_shipped_product_has_them(
    tmp_path: Path,
):
    product = load_catalog(write_catalog(tmp_path / "c.yaml", catalog_record())).get(
        "demo-liability"
    )
    assert product.conditions == ClaimConditions()
    assert product.conditions.sub_limit_order is SubLimitOrder.AFTER_RETENTION
    assert product.conditions.settlement_consent
    assert all(p.conditions == ClaimConditions() for p in load_catalog().entries)


def test_a_record_states_its_conditions_and_they_round_trip_through_json(tmp_path: Path):
    conditions = {
        "claim_trigger": "first_written_demand",
        "sub_limit_order": "before_retention",
        "settlement_consent": False,
        "final_adjudication": True,
    }
    written = catalog_record(claim_conditions=conditions, exclusions=["wilful_infringement"])
    product = load_catalog(write_catalog(tmp_path / "c.yaml", written)).get("demo-liability")
    assert product.conditions.claim_trigger is ClaimTrigger.FIRST_WRITTEN_DEMAND
    assert conditions_json(product.conditions) == conditions
    assert conditions_from_json(conditions_json(product.conditions)) == product.conditions
    assert product_to_json(product)["claim_conditions"] == conditions


def test_a_final_adjudication_clause_needs_the_wilful_infringement_exclusion(tmp_path: Path):
    bad = catalog_record(claim_conditions={"final_adjudication": True})
    assert _fields(write_catalog(tmp_path / "c.yaml", bad)) == {
        "claim_conditions.final_adjudication"
    }


def test_a_claims_made_trigger_on_an_occurrence_policy_is_refused(tmp_path: Path):
    bad = catalog_record(claims_basis="occurrence", claim_conditions={"claim_trigger": "service"})
    assert _fields(write_catalog(tmp_path / "c.yaml", bad)) == {"claim_conditions.claim_trigger"}


def test_an_unknown_condition_is_named(tmp_path: Path):
    bad = catalog_record(claim_conditions={"sub_limit_order": "sometimes"})
    assert _fields(write_catalog(tmp_path / "c.yaml", bad)) == {"claim_conditions.sub_limit_order"}


def test_art_30_unclear_answers_and_cover_are_read_as_covered():
    assert is_read_as_covered(Answer.UNCLEAR) and is_read_as_covered(Cover.UNCLEAR)
    assert is_read_as_covered(Answer.YES) and is_read_as_covered(Cover.COVERED)
    assert not is_read_as_covered(Answer.NO) and not is_read_as_covered(Cover.NOT_COVERED)


def test_an_enforcement_product_answers_an_insured_complainant_not_a_respondent():
    chancheng = load_catalog().get("foshan-chancheng-2010")
    assert responds_to_337(chancheng) is Answer.NO
    assert enforcement_reason(chancheng) is None
    assert enforces_in_337(chancheng) is Answer.UNCLEAR  # read for the insured (art. 30)
    defence = load_catalog().get("illustrative-337-defence")
    assert enforces_in_337(defence) is Answer.NO
    assert "enforcing its own patent" in str(enforcement_reason(defence))


def test_he_2_the_foshan_chancheng_2010_plan_was_written_by_cinda_not_picc():
    chancheng = load_catalog().get("foshan-chancheng-2010")
    assert chancheng.insurer.startswith("Cinda Property & Casualty")
    assert "信达财险" in chancheng.insurer
    he = next(source for source in chancheng.sources if source.ref == ARTICLE_REF)
    assert "Foshan Daily" in he.note and "15 Jan 2014" in he.note
    assert not any("PICC" in term for term in chancheng.illustrative_terms)
