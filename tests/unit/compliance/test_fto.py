"""FTO opinions: what they cover and how they are named as evidence of good faith."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from patentshield.compliance.fto import FtoConclusion, FtoOpinion, good_faith_line
from patentshield.kernel.errors import InvalidInput


def opinion(**changes: object) -> FtoOpinion:
    fields: dict[str, object] = {
        "id": "fto-1",
        "enterprise_id": "sz-led",
        "counsel": "CCPIT Patent",
        "issued_on": date(2022, 1, 15),
        "patents": ("US 9,876,543 B2",),
        "products": ("LED luminaires",),
        "conclusion": FtoConclusion.CLEAR,
        "sha256": "a" * 64,
        "size": 10,
        "filename": "fto.pdf",
        "added_at": datetime(2026, 1, 1, tzinfo=UTC),
    }
    fields.update(changes)
    return FtoOpinion(**fields)  # type: ignore[arg-type]


def test_an_opinion_matches_an_asserted_patent_however_it_is_written():
    assert opinion().reviewed(["US 9,876,543", "US 10,234,567"]) == ()
    assert opinion(patents=("9876543",)).reviewed(["US 9,876,543"]) == ("US 9,876,543",)


def test_the_good_faith_line_puts_the_opinion_that_reviewed_an_asserted_patent_first():
    other = opinion(id="fto-0", patents=("US 7,000,001",), issued_on=date(2021, 1, 1))
    relevant = opinion(patents=("US 9,876,543",))
    line = good_faith_line([other, relevant], ["US 9,876,543"])
    assert line is not None
    assert line.index("fto-1") < line.index("fto-0")
    assert "reviewed US 9,876,543" in line and "no asserted patent reviewed" in line
    assert good_faith_line([], ["US 9,876,543"]) is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"counsel": " "}, "counsel"),
        ({"products": ()}, "product"),
        ({"patents": ()}, "patent"),
        ({"patents": ("US no digits",)}, "patent"),
    ],
)
def test_an_incomplete_opinion_is_refused_naming_the_field(changes, field):
    with pytest.raises(InvalidInput) as caught:
        opinion(**changes)
    assert caught.value.field == field


def test_every_conclusion_has_an_english_and_a_chinese_label():
    assert all(c.label and c.label_zh for c in FtoConclusion)
