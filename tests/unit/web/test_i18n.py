"""Locale choice, amounts, 万元 and dates in each language."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from patentshield.kernel.money import Money
from patentshield.web import i18n
from patentshield.web.charts import bar_chart
from patentshield.web.tables import WebTable, workbook


def test_the_user_choice_wins_over_accept_language_which_wins_over_chinese():
    assert i18n.choose_locale("en", "zh-CN,zh;q=0.9") == "en"
    assert i18n.choose_locale(None, "en-GB,en;q=0.9") == "en"
    assert i18n.choose_locale(None, "de-DE, fr;q=0.5") == "zh_CN"
    assert i18n.choose_locale("xx", None) == "zh_CN"


def test_accept_language_is_read_by_quality_not_by_order():
    assert i18n.from_accept_language("en;q=0.3, zh-Hans;q=0.8") == "zh_CN"
    assert i18n.from_accept_language("zh;q=0, en") == "en"
    assert i18n.from_accept_language("en;q=abc") is None


@pytest.mark.parametrize(
    ("amount", "locale", "shown", "wan"),
    [
        ("1234567", "zh_CN", "¥1,234,567.00", "123.46万元"),
        ("99999.99", "zh_CN", "¥99,999.99", None),
        ("1234567", "en", "CN¥1,234,567.00", None),
        ("-250000", "zh_CN", "-¥250,000.00", "-25万元"),
    ],
)
def test_cny_amounts_are_shown_with_the_yuan_sign_and_in_wan_for_chinese_readers(
    amount, locale, shown, wan
):
    money = Money.of(amount, "CNY")
    assert i18n.money(money, locale) == shown
    assert i18n.wan(money, locale) == wan


def test_usd_amounts_are_never_given_in_wan():
    assert i18n.wan(Money.of("5000000", "USD"), "zh_CN") is None
    assert i18n.money(Money.of("5000000", "USD"), "en") == "$5,000,000.00"


def test_dates_take_each_locale_form():
    assert i18n.day(date(2026, 4, 28), "zh_CN") == "2026年4月28日"
    assert i18n.day(date(2026, 4, 28), "en") == "Apr 28, 2026"
    assert i18n.day(None, "en") == "—"


def test_a_table_exports_its_values_as_numbers_and_dates_not_texts():
    from io import BytesIO

    from openpyxl import load_workbook

    table = WebTable("claims", "Claims", ["Claim", "Paid", "Day"], locale="zh_CN")
    table.add("=HYPERLINK(1)", Money.of("5000000", "CNY"), date(2026, 8, 5))
    sheet = load_workbook(BytesIO(workbook(table))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Claims" and rows[1] == ("Claim", "Paid (CNY)", "Day")
    assert rows[2][0] == "'=HYPERLINK(1)"
    assert isinstance(rows[2][2], datetime)  # a date cell, not a text
    assert Decimal(str(rows[2][1])) == Decimal("5000000") and rows[2][2].date() == date(2026, 8, 5)
    assert table.rows[0][1].text == "¥5,000,000.00 (500万元)" and table.rows[0][1].numeric


def test_a_bar_chart_is_an_svg_with_a_title_and_one_bar_per_value():
    svg = bar_chart("资本/保费 <1>", ["100", "1,000"], [0.56, 0.28], ["56%", "28%"])
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="chart-title">资本/保费 &lt;1&gt;</title>' in svg
    widths = [float(w) for w in __import__("re").findall(r'<rect[^>]*width="([0-9.]+)"', svg)]
    assert widths == [420.0, 210.0]


def test_a_refusal_reason_is_given_in_the_locale_with_its_amounts_and_dates_formatted():
    from patentshield.web.frame import reason_in

    amounts = {"payable": Money.of("1500", "CNY"), "paid": Money.of("2000", "CNY")}
    assert reason_in("zh_CN", "refusal.below_paid", amounts) == (
        "重新理算后的金额 ¥1,500.00 将低于已支付的 ¥2,000.00"
    )
    assert reason_in("en", "refusal.below_paid", amounts) == (
        "the claim would be adjudicated CN¥1,500.00, below the CN¥2,000.00 already paid"
    )
    day = {"day": date(2026, 5, 6)}
    assert reason_in("zh_CN", "refusal.programme_not_in_force", day) == (
        "该补贴项目在保费日期（2026年5月6日）不在有效期内"
    )
