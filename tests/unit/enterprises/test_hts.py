from __future__ import annotations

import pytest

from patentshield.enterprises.hts import hts_chapter, parse_hts_code
from patentshield.kernel.errors import InvalidInput


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("9405", "9405"),
        ("940511", "9405.11"),
        ("8541.41", "8541.41"),
        ("8541.41.00", "8541.41.00"),
        ("85414100", "8541.41.00"),
        ("8543.40.0000", "8543.40.0000"),
        ("8543.40.00.00", "8543.40.0000"),
        ("8543400000", "8543.40.0000"),
        (" 0101.21 ", "0101.21"),
    ],
)
def test_hts_codes_of_4_6_8_or_10_digits_are_accepted_and_grouped(
    written: str, canonical: str
) -> None:
    assert parse_hts_code(written) == canonical


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("940", "is not an HTS code"),
        ("94051", "is not an HTS code"),
        ("9405.1", "is not an HTS code"),
        ("94.0511", "is not an HTS code"),
        ("9405.11.000", "is not an HTS code"),
        ("8541.41.00.00.00", "is not an HTS code"),
        ("ABCD", "is not an HTS code"),
        ("", "is not an HTS code"),
        ("0012", "chapter 00 is not a goods chapter"),
        ("9801.00", "chapter 98 is not a goods chapter"),
        ("9903.88", "chapter 99 is not a goods chapter"),
        ("7701", "chapter 77 is reserved"),
    ],
)
def test_malformed_codes_and_non_goods_chapters_are_refused(written: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason) as refused:
        parse_hts_code(written)
    assert refused.value.field == "hts"


def test_the_chapter_is_the_first_two_digits() -> None:
    assert hts_chapter("0101.21") == 1
    assert hts_chapter("9403.10") == 94
