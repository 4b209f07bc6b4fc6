"""Pages in the reader's language: 337 procedure steps, duties and refused forms' reasons."""

from __future__ import annotations

import re

import pytest

from tests.web_world import (
    EXPORTER,
    OFFICER,
    applied_for_subsidy,
    csrf,
    invoice_form,
    signed_in,
    visible_text,
    world,
)


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


def _shown_reason(html: str) -> str:
    """Return the reasons of a refused form as the reader sees them."""
    parts = html.split('class="detail"')[1:]
    return " ".join(visible_text("<body" + part.split("</span>")[0]) for part in parts)


@pytest.mark.parametrize(
    ("locale", "reason", "absent"),
    [
        ("zh_CN", "“1,5”不是有效的数字", "is not a number"),
        ("en", "1,5 is not a number", "不是有效的数字"),
    ],
)
def test_a_bad_invoice_amount_is_refused_in_the_reader_language(built, locale, reason, absent):
    runtime, claim = built
    client = signed_in(runtime, EXPORTER, locale)
    form = invoice_form(client, "1,5")
    answer = client.post(f"/claims/{claim.id}/invoices", data=form)
    assert answer.status_code == 200 and 'id="e-amount"' in answer.text
    field_error = answer.text.split('id="e-amount"')[1].split("</p>")[0]
    assert reason in field_error and absent not in visible_text(answer.text)


@pytest.mark.parametrize(
    ("locale", "reason", "absent"),
    [
        ("zh_CN", "已向该项目提交过申请，正在审核中", "already has an open application"),
        ("en", "already has an open application to this programme", "正在审核中"),
    ],
)
def test_a_second_subsidy_application_is_refused_in_the_reader_language(
    built, locale, reason, absent
):
    runtime, _ = built
    exporter = signed_in(runtime, EXPORTER, locale)
    quote_id, first = applied_for_subsidy(exporter)
    assert first.status_code == 200
    programme = re.findall(r'<option value="([^"]+)" selected', first.text)[0]
    form = {"csrf_token": csrf(exporter), "programme": programme}
    refused = exporter.post(f"/quotes/{quote_id}/subsidy", data=form)
    assert reason in _shown_reason(refused.text)
    assert absent not in visible_text(refused.text)


@pytest.mark.parametrize(
    ("locale", "reason", "absent"),
    [
        ("zh_CN", "请说明驳回申请的理由", "say why"),
        ("en", "say why the application is rejected", "驳回申请的理由"),
    ],
)
def test_a_rejection_without_a_reason_is_refused_in_the_reader_language(
    built, locale, reason, absent
):
    runtime, _ = built
    exporter = signed_in(runtime, EXPORTER, locale)
    applied_for_subsidy(exporter)
    officer = signed_in(runtime, OFFICER, locale)
    action = re.findall(
        r'action="(/applications/[0-9a-f]+/reject)"', officer.get("/programme").text
    )
    refused = officer.post(action[0], data={"csrf_token": csrf(officer), "reason": " "})
    assert refused.status_code == 200 and reason in _shown_reason(refused.text)
    assert absent not in visible_text(refused.text)
    assert ("理由" if locale == "zh_CN" else "Reason") in visible_text(refused.text)


@pytest.mark.parametrize(
    ("locale", "reason", "absent"),
    [
        ("zh_CN", "未通过 GB 32100-2015 校验：最后一位是 5，应为", "fails the"),
        ("en", "fails the GB 32100-2015 check: last character is 5, expected", "校验"),
    ],
)
def test_a_bad_credit_code_is_refused_in_the_reader_language(built, locale, reason, absent):
    runtime, _ = built
    client = signed_in(runtime, EXPORTER, locale)
    form = {
        "csrf_token": csrf(client),
        "id": "sz-new-maker",
        "name": "Shenzhen New Maker Co., Ltd.",
        "name_zh": "深圳新创有限公司",
        "credit_code": "91440306PT00000115",
        "region": "440306",
    }
    answer = client.post("/enterprise", data=form)
    assert answer.status_code == 422 and 'id="e-credit_code"' in answer.text
    field_error = answer.text.split('id="e-credit_code"')[1].split("</p>")[0]
    assert reason in visible_text("<body>" + field_error)
    assert absent not in visible_text(answer.text)


def test_a_reason_without_a_message_id_stays_english_and_is_marked_as_english(built):
    runtime, _ = built
    client = signed_in(runtime, EXPORTER, "zh_CN")
    answer = client.post(
        "/cases/337-TA-1501/evidence",
        data={"csrf_token": csrf(client), "kind": "bogus", "note": ""},
        files={"file": ("rd-log.txt", b"notes", "text/plain")},
    )
    assert answer.status_code == 200
    assert '<strong>证据类别</strong>: <span class="detail" lang="en">unknown kind of evidence' in (
        answer.text.replace("&#39;", "'")
    )
