"""The bilingual vocabulary parses, and a clashing or dangling file is refused."""

from __future__ import annotations

import pytest

from patentshield.compliance.vocabulary import Vocabulary, parse_vocabulary
from patentshield.kernel.errors import ExternalDataError

HEADER = "# a comment\nconcept,hs,broader,en,zh\n"


def test_the_shipped_vocabulary_has_broader_concepts_nearest_first():
    vocabulary = Vocabulary.shipped()
    assert vocabulary.ancestors("filament_led")[:3] == ("led_lamp", "led", "lighting")
    assert vocabulary.chinese_concept("升降桌") == "desk"
    assert vocabulary.english_concept(("standing", "desk")) is None  # stems, not words
    assert vocabulary.english_concept(("stand", "desk")) == "desk"


def test_a_term_naming_two_concepts_is_refused():
    text = HEADER + "desk,9403,,desk,桌\ntable,9403,,desks,桌子\n"
    with pytest.raises(ExternalDataError, match="also names 'desk'"):
        parse_vocabulary(text, source="test")


def test_a_broader_concept_that_does_not_exist_is_refused():
    with pytest.raises(ExternalDataError, match="'furniture' is not a concept"):
        parse_vocabulary(HEADER + "desk,9403,furniture,desk,桌\n", source="test")


def test_broader_concepts_that_loop_are_refused():
    text = HEADER + "a,9403,b,alpha,甲\nb,9403,a,beta,乙\n"
    with pytest.raises(ExternalDataError, match="loop"):
        parse_vocabulary(text, source="test")


def test_wrong_columns_are_refused():
    with pytest.raises(ExternalDataError, match="columns"):
        parse_vocabulary("id,en\nx,y\n", source="test")
