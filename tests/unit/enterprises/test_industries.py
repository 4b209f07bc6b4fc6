from __future__ import annotations

import pytest

from patentshield.enterprises.industries import (
    find_industry,
    is_shenzhen_strategic,
    load_industries,
    shenzhen_strategic_tags,
)
from patentshield.kernel.errors import InvalidInput

ASKED_FOR = [
    "new_generation_it",
    "high_end_equipment",
    "new_energy",
    "new_materials",
    "biomedicine",
    "digital_creative",
    "green_environmental",
    "marine_economy",
    "smart_terminals",
    "semiconductors_ic",
    "led_lighting",
    "furniture",
    "e_cigarettes",
    "consumer_electronics",
    "textiles_apparel",
    "auto_parts",
    "medical_devices",
]


def test_the_vocabulary_holds_the_tags_subsidy_rules_refer_to() -> None:
    vocabulary = load_industries()
    assert set(ASKED_FOR) <= set(vocabulary)
    assert all(industry.name and industry.name_zh for industry in vocabulary.values())


@pytest.mark.parametrize(
    "tag",
    [
        "semiconductors_ic",
        "smart_terminals",
        "new_energy",
        "high_end_equipment",
        "biomedicine",
        "new_materials",
        "digital_creative",
    ],
)
def test_the_justified_tags_are_read_as_shenzhen_strategic(tag: str) -> None:
    assert tag in shenzhen_strategic_tags()


@pytest.mark.parametrize("tag", ["led_lighting", "furniture", "e_cigarettes", "auto_parts"])
def test_plain_product_sectors_are_not_read_as_shenzhen_strategic(tag: str) -> None:
    assert not find_industry(tag).shenzhen_strategic


def test_an_enterprise_is_strategic_when_any_of_its_tags_is() -> None:
    assert is_shenzhen_strategic(["led_lighting", "ultra_hd_display"])
    assert not is_shenzhen_strategic(["led_lighting", "furniture"])
    assert not is_shenzhen_strategic([])


def test_an_unknown_tag_is_refused_with_close_suggestions() -> None:
    with pytest.raises(InvalidInput, match="did you mean led_lighting") as refused:
        find_industry("led_lightning")
    assert refused.value.field == "industries"
