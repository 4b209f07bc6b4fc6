"""The 337 early warning ranks the record's investigations for English and Chinese products."""

from __future__ import annotations

from pathlib import Path

import pytest

from patentshield.compliance.evaluation import evaluate, parse_queries
from patentshield.compliance.matching import Subject, WatchIndex, record_subjects
from patentshield.compliance.text import Analyser
from patentshield.compliance.vocabulary import Vocabulary
from patentshield.usitc.published import shipped_investigations

EVALUATION_SET = Path(__file__).resolve().parents[3] / "benchmarks" / "watch_eval" / "queries.csv"


@pytest.fixture(scope="module")
def index() -> WatchIndex:
    return WatchIndex(record_subjects(shipped_investigations()), Analyser(Vocabulary.shipped()))


def _keys(index: WatchIndex, text: str, **options: object) -> list[str]:
    return [match.subject.key for match in index.rank(text, **options)]  # type: ignore[arg-type]


def test_a_chinese_standing_desk_finds_the_desk_investigation_first(index):
    assert _keys(index, "电动升降桌 双电机 记忆高度")[0] == "337-TA-1054"


def test_an_english_standing_desk_finds_the_same_investigation_first(index):
    assert _keys(index, "Electric sit-stand desks with dual motors")[0] == "337-TA-1054"


def test_chinese_and_english_led_bulbs_find_the_led_investigations(index):
    for text in ("LED filament bulbs, E26, vintage", "LED灯丝灯泡 E27螺口 复古款"):
        top = _keys(index, text, top=3)
        assert top[0] == "337-TA-1172"
        assert {"337-TA-798", "337-TA-1164"} <= set(_keys(index, text, top=5))


def test_reasons_name_the_matched_terms_and_the_shared_heading(index):
    match = index.rank("升降桌", hts=["9403.10.0040"], top=1)[0]
    assert match.subject.key == "337-TA-1054"
    assert any("'升降桌'" in reason and "desk" in reason for reason in match.reasons)
    assert "product class: HS heading 9403" in match.reasons


def test_an_imported_investigation_is_matched_by_its_hts_number_too():
    subjects = [
        Subject("337-TA-9001", "Certain widgets", hts_codes=("9403.10.0040",), source="imported"),
        Subject("337-TA-9002", "Certain gadgets", hts_codes=("8517.13.0000",)),
    ]
    ranked = WatchIndex(subjects, Analyser(Vocabulary.shipped())).rank("升降桌", top=5)
    assert [match.subject.key for match in ranked] == ["337-TA-9001"]


def test_a_product_the_record_never_concerned_matches_nothing(index):
    assert _keys(index, "Frozen peeled shrimp, IQF") == []
    assert _keys(index, "冷冻去壳虾仁") == []


def test_top_limits_the_number_of_matches(index):
    assert len(index.rank("smartphone", top=3)) == 3


def test_the_method_meets_the_targets_on_the_unseen_queries(index):
    queries = parse_queries(EVALUATION_SET.read_text(encoding="utf-8"))

    def rank(query):
        return [match.subject.key for match in index.rank(query.text, top=10)]

    scores = {(s.split, s.language): s for s in evaluate(queries, rank)}
    assert scores["unseen", "en"].recall >= 0.8
    assert scores["unseen", "zh"].recall >= 0.7
    assert scores["unseen", "en"].queries == scores["unseen", "zh"].queries == 42
