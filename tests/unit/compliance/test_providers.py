"""The insurers' service-provider directory and the panel it sets for counsel consent."""

from __future__ import annotations

import pytest

from patentshield.compliance.providers import (
    ProviderDirectory,
    ProviderKind,
    check_panel,
    parse_directory,
)
from patentshield.kernel.errors import InvalidInput

DIRECTORY = ProviderDirectory.shipped()


def test_every_shipped_provider_is_an_example_with_english_and_chinese_names():
    products = DIRECTORY.products()
    assert "illustrative-337-defence" in products
    providers = [p for product in products for p in DIRECTORY.for_product(product)]
    assert providers and all(p.example and p.name and p.name_zh for p in providers)
    assert {p.kind for p in providers} == set(ProviderKind)
    assert all(kind.label and kind.label_zh for kind in ProviderKind)


def test_the_panel_lists_only_panel_counsel():
    panel = DIRECTORY.panel("illustrative-337-defence")
    assert "Kirkland & Pell LLP" in panel
    appraisers = DIRECTORY.for_product(
        "illustrative-337-defence", ProviderKind.APPRAISAL_INSTITUTION
    )
    assert appraisers and not {p.name for p in appraisers} & set(panel)


def test_a_panel_firm_passes_whatever_its_spacing_or_case():
    check_panel(DIRECTORY, "illustrative-337-defence", "  kirkland &  PELL llp ")


def test_a_firm_off_the_panel_is_refused_with_the_panel_named():
    with pytest.raises(InvalidInput) as caught:
        check_panel(DIRECTORY, "illustrative-337-defence", "Dewey Cheatham LLP")
    assert caught.value.field == "firm" and "Kirkland & Pell LLP" in caught.value.message


def test_a_product_without_a_directory_accepts_any_firm():
    check_panel(DIRECTORY, "foshan-chancheng-2010", "Dewey Cheatham LLP")
    assert DIRECTORY.for_product("foshan-chancheng-2010") == ()


@pytest.mark.parametrize(
    "text",
    [
        "products: []",
        "products: {p: [{id: a, kind: broker, name: A, name_zh: 甲}]}",
        "products: {p: [{id: a, kind: panel_counsel, name: A}]}",
    ],
)
def test_a_malformed_directory_is_one_clear_error(text):
    with pytest.raises(InvalidInput) as caught:
        parse_directory(text, source="test.yaml")
    assert caught.value.field == "providers"
