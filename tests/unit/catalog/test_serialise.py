from __future__ import annotations

import json
from typing import Any

from patentshield.catalog import serialise
from patentshield.catalog.loader import load_catalog
from patentshield.kernel.errors import RecordError


def _json(product_id: str) -> Any:
    """The JSON document of a shipped product, as a reader of the output would parse it."""
    return json.loads(json.dumps(serialise.product_to_json(load_catalog().get(product_id))))


def test_a_product_becomes_json_with_money_as_amount_and_currency() -> None:
    document = _json("illustrative-337-defence")
    assert document["deductible"] == {"amount": "100000.00", "currency": "CNY"}
    assert document["coinsurance"] == "0.2"
    assert document["responds_to_337"] == "yes"
    assert document["sub_limits"]["ipr_ptab"] == {"amount": "2000000.00", "currency": "CNY"}
    assert document["coverage"][7] == {
        "category": "ipr_ptab",
        "label": "IPR at the PTAB",
        "cover": "covered",
        "sub_limit": {"amount": "2000000.00", "currency": "CNY"},
    }


def test_every_plan_rule_has_a_json_shape_and_words() -> None:
    standard = _json("picc-2013-enforcement")["plans"][0]
    assert standard["premium"] == {
        "rule": "base_plus_per_added_patent",
        "base": {"amount": "2000.00", "currency": "CNY"},
        "per_added": {"amount": "200.00", "currency": "CNY"},
        "included": 1,
    }
    assert standard["limit"] == {
        "rule": "multiple_of_premium",
        "aggregate": "15",
        "per_claim": None,
    }
    wuxi = _json("wuxi-2022-overseas-liability")
    assert wuxi["plans"][0]["premium_text"] == "2.4 % of the aggregate limit"


def test_a_limit_in_premium_multiples_is_shown_with_its_amount() -> None:
    product = load_catalog().get("chancheng-package-10-c")
    text = serialise.limit_text(product, product.plans[0])
    assert text == "aggregate 90 × premium (= CNY 1,440,000.00 per package of 10 patents)"


def test_the_coverage_table_has_a_labelled_row_per_category() -> None:
    rows = serialise.coverage_rows(load_catalog().get("illustrative-337-defence"))
    assert len(rows) == 13
    assert rows[7] == ["ipr_ptab", "IPR at the PTAB", "covered", "CNY 2,000,000.00"]


def test_illustrative_terms_always_come_with_a_notice() -> None:
    real = serialise.illustrative_notices(load_catalog().get("foshan-chancheng-2010"))
    assert len(real) == 1 and real[0].startswith("ILLUSTRATIVE terms: valid_from")
    design = serialise.illustrative_notices(load_catalog().get("illustrative-337-defence"))
    assert design[0].startswith("ILLUSTRATIVE product: illustrative-337-defence")


def test_list_rows_follow_the_list_columns() -> None:
    rows = serialise.list_rows(load_catalog().products())
    assert all(len(row) == len(serialise.LIST_COLUMNS) for row in rows)
    assert rows[-1][0] == "illustrative-337-defence" and rows[-1][-1] == "product"


def test_validation_errors_keep_their_record_and_field() -> None:
    errors = [RecordError("demo v1", "coinsurance", "not in [0, 1)")]
    assert serialise.validation_json("f.yaml", catalog=None, errors=errors) == {
        "file": "f.yaml",
        "valid": False,
        "product_versions": 0,
        "products": 0,
        "errors": [{"row": "demo v1", "field": "coinsurance", "reason": "not in [0, 1)"}],
    }
