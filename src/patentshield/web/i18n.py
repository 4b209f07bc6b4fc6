"""The two languages of the pages: message catalogs, the choice of locale, numbers and dates.

Every text of a page is a message id (``nav.dashboard``, ``reason.deductible``) looked up in a
Babel catalog, ``locale/<locale>/LC_MESSAGES/messages.po``: Simplified Chinese (``zh_CN``, the
default) and English (``en``). The ``.po`` files are compiled in memory when first used, so
nobody runs a build step; an id missing from a catalog shows as itself, which the tests look for
on every page (``tests/unit/web/test_catalogs.py``, ``tests/integration/test_web_pages.py``).

The locale of a request is the user's choice (a cookie set by the language switch), else the
first supported language of ``Accept-Language``, else ``zh_CN``. Amounts are formatted with
Babel's currency patterns (``¥1,234,567.00`` in Chinese, ``CN¥1,234,567.00`` in English); large
CNY amounts are also given in 万元 to Chinese readers, as a Chinese insurer's schedule writes
them. Dates use each locale's long form (``2026年4月28日``, ``Apr 28, 2026``).

This module is pure: it imports no web framework, reads no clock and no database.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent

from patentshield.kernel.money import Money

LOCALES = ("zh_CN", "en")
"""The supported locales, the default first."""
DEFAULT_LOCALE = LOCALES[0]
LOCALE_DIR = Path(__file__).parent / "locale"
TEN_THOUSAND = Decimal(10000)
WAN_FROM = Decimal(100000)
"""CNY amounts from this size on are also shown in 万元 to Chinese readers."""


def catalog_path(locale: str) -> Path:
    """Return the ``.po`` file of ``locale``."""
    return LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po"


@cache
def translations(locale: str) -> gettext.GNUTranslations:
    """Return the compiled messages of ``locale`` (compiled in memory once per process)."""
    with catalog_path(locale).open("rb") as source:
        catalog = read_po(source, locale=locale)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def supported(value: str | None) -> str | None:
    """Return the supported locale a language tag names (``zh-Hans-CN`` → ``zh_CN``), if any.

    >>> supported("zh-TW"), supported("en-GB"), supported("fr"), supported(None)
    ('zh_CN', 'en', None, None)
    """
    if not value:
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return {"zh": "zh_CN", "en": "en"}.get(primary)


def from_accept_language(header: str | None) -> str | None:
    """Return the first supported locale of an ``Accept-Language`` header, by its q-values.

    >>> from_accept_language("fr;q=0.9, en-US;q=0.8, zh;q=0.5")
    'en'
    >>> from_accept_language("de") is None
    True
    """
    ranked: list[tuple[float, int, str]] = []
    for order, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        locale = supported(tag)
        if locale is not None and quality > 0:
            ranked.append((-quality, order, locale))
    return min(ranked)[2] if ranked else None


def choose_locale(preference: str | None, accept_language: str | None) -> str:
    """Return the locale of a request: the user's choice, else ``Accept-Language``, else zh_CN."""
    return supported(preference) or from_accept_language(accept_language) or DEFAULT_LOCALE


def money(value: Money | None, locale: str) -> str:
    """Format an amount in ``locale`` (``¥1,234,567.00``; ``—`` for none).

    >>> money(Money.of("1234567", "CNY"), "zh_CN")
    '¥1,234,567.00'
    >>> money(Money.of("1234567", "CNY"), "en")
    'CN¥1,234,567.00'
    """
    if value is None:
        return "—"
    return format_currency(value.amount, value.currency.value, locale=locale)


def wan(value: Money, locale: str) -> str | None:
    """Return a large CNY amount in 万元 for Chinese readers, else ``None``.

    >>> wan(Money.of("1234567", "CNY"), "zh_CN")
    '123.46万元'
    >>> wan(Money.of("1234567", "CNY"), "en") is None
    True
    """
    if locale != "zh_CN" or value.currency.value != "CNY" or abs(value.amount) < WAN_FROM:
        return None
    return format_decimal(value.amount / TEN_THOUSAND, "#,##0.##", locale=locale) + "万元"


def day(value: date | None, locale: str) -> str:
    """Format a date in the long form of ``locale``.

    >>> day(date(2026, 4, 28), "zh_CN"), day(date(2026, 4, 28), "en")
    ('2026年4月28日', 'Apr 28, 2026')
    """
    if value is None:
        return "—"
    return format_date(value, "long" if locale == "zh_CN" else "medium", locale=locale)


def number(value: float | int | Decimal, locale: str, digits: int = 0) -> str:
    """Format a number with the grouping of ``locale``."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, pattern, locale=locale)


def shown(value: object, locale: str) -> str:
    """Format a parameter of a message in ``locale``: an amount, a date, a number or text.

    >>> shown(Money.of("1500", "CNY"), "zh_CN"), shown(date(2026, 5, 6), "en"), shown(2000, "en")
    ('¥1,500.00', 'May 6, 2026', '2,000')
    """
    if isinstance(value, Money):
        return money(value, locale)
    if isinstance(value, date):
        return day(value, locale)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return format_decimal(value, locale=locale)
    return str(value)


def percent(value: float | Decimal, locale: str) -> str:
    """Format a share (0.125 → ``12.5%``) in ``locale``."""
    return format_percent(value, "#,##0.#%", locale=locale)


def missing(ids: Iterable[str], locale: str) -> list[str]:
    """Return the ids of ``ids`` that the catalog of ``locale`` does not translate."""
    found = translations(locale)
    return sorted({i for i in ids if found.gettext(i) == i})
