"""Pages in the reader's language: 337 procedure steps, duties and refused forms' reasons."""

from __future__ import annotations

import pytest

from tests.web_world import EXPORTER, signed_in, visible_text, world


@pytest.fixture
def built(database, tmp_path):
    return world(database, tmp_path / "home")


def test_the_case_room_shows_the_schedule_and_the_duties_in_chinese(built):
    runtime, _ = built
    text = visible_text(signed_in(runtime, EXPORTER, "zh_CN").get("/cases/337-TA-1501").text)
    for chinese in (
        "对起诉书和立案公告的答辩截止日",
        "证据听证会开始（通常）",
        "就",
        "的索赔通知保险人",
    ):
        assert chinese in text
    assert "对起诉书和立案公告提交答辩" in text and "证据：研发记录" in text
    for english in ("Answer the complaint", "Notify the insurer", "Evidentiary hearing begins"):
        assert english not in text


def test_the_case_room_keeps_the_english_titles_in_english(built):
    runtime, _ = built
    text = visible_text(signed_in(runtime, EXPORTER, "en").get("/cases/337-TA-1501").text)
    assert "Answer the complaint and notice of investigation" in text
    assert "Evidentiary hearing begins (typical)" in text and "Notify the insurer of" in text
    assert "证据听证会" not in text
