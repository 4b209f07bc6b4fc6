from __future__ import annotations

import doctest
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.enterprises import credit_code, hts
from patentshield.enterprises.credit_code import (
    ALPHABET,
    WEIGHTS,
    check_character,
    division_code,
    is_valid_credit_code,
    validate_credit_code,
)
from patentshield.kernel.errors import InvalidInput

# Published specimen of a unified social credit code, quoted in GB 32100 explainers.
SPECIMEN = "91350100M000100Y43"

first17 = st.text(alphabet=ALPHABET, min_size=17, max_size=17)


def test_the_published_specimen_code_validates() -> None:
    assert validate_credit_code(SPECIMEN) == SPECIMEN


def test_the_weights_are_powers_of_three_modulo_31() -> None:
    assert tuple(pow(3, i, 31) for i in range(17)) == WEIGHTS


def test_lower_case_input_and_blanks_are_normalised() -> None:
    assert validate_credit_code("  91350100m000100y43 ") == SPECIMEN


def test_a_wrong_check_character_is_refused_naming_the_expected_one() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_credit_code("91350100M000100Y44")
    assert refused.value.field == "credit_code"
    assert "expected '3'" in refused.value.reason


def test_a_code_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(InvalidInput, match="17 characters; a code has 18"):
        validate_credit_code(SPECIMEN[:-1])


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_letters_outside_the_alphabet_are_refused_with_their_position(letter: str) -> None:
    code = SPECIMEN[:8] + letter + SPECIMEN[9:]
    with pytest.raises(InvalidInput, match=f"{letter}' at position 9 is not allowed"):
        validate_credit_code(code)


def test_the_check_needs_exactly_17_characters() -> None:
    with pytest.raises(InvalidInput, match="need 17 characters"):
        check_character("9135")


def test_the_division_code_is_read_from_characters_3_to_8() -> None:
    assert division_code("91440306PT00000114") == "440306"


@given(first17)
def test_appending_the_computed_check_character_always_validates(body: str) -> None:
    assert is_valid_credit_code(body + check_character(body))


@given(first17, st.integers(min_value=0, max_value=17), st.sampled_from(ALPHABET))
def test_changing_one_character_never_validates(body: str, position: int, new: str) -> None:
    code = body + check_character(body)
    if code[position] == new:
        new = ALPHABET[(ALPHABET.index(new) + 1) % len(ALPHABET)]
    changed = code[:position] + new + code[position + 1 :]
    assert not is_valid_credit_code(changed)


@pytest.mark.parametrize("module", [credit_code, hts])
def test_the_docstring_examples_hold(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
