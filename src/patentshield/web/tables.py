"""Tables of the pages: each shown as HTML and exported as an Excel workbook (.xlsx).

A page builds its tables as :class:`WebTable` values — a caption, column headers and cells
that keep both their value (a number, an amount, a date) and their text in the page's locale.
The template shows the texts; ``?export=xlsx&table=NAME`` on the same page answers the
workbook of that table with the values as numbers and dates (openpyxl), so a spreadsheet can
sum them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from patentshield.kernel.money import Money
from patentshield.web import i18n

Value = str | int | float | Decimal | date | Money | None


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: its value, its text in the page's locale, and a link if it leads somewhere."""

    value: Value
    text: str
    link: str | None = None

    @property
    def numeric(self) -> bool:
        """Tell whether the cell holds a number or an amount (shown right-aligned)."""
        return isinstance(self.value, int | float | Decimal | Money) and not isinstance(
            self.value, bool
        )


def cell(value: Value, locale: str, link: str | None = None) -> Cell:
    """Return the cell of ``value`` formatted in ``locale``."""
    if isinstance(value, Money):
        text = i18n.money(value, locale)
        large = i18n.wan(value, locale)
        return Cell(value, f"{text} ({large})" if large else text, link)
    if isinstance(value, date):
        return Cell(value, i18n.day(value, locale), link)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return Cell(value, i18n.number(value, locale), link)
    if isinstance(value, float):
        return Cell(value, i18n.number(value, locale, 2), link)
    return Cell(value, "—" if value is None else str(value), link)


@dataclass(slots=True)
class WebTable:
    """A table of a page: its name (for the export link), caption, headers and rows."""

    name: str
    caption: str
    columns: Sequence[str]
    rows: list[list[Cell]] = field(default_factory=list)
    locale: str = i18n.DEFAULT_LOCALE

    def add(self, *values: Value | Cell) -> None:
        """Append a row; plain values are formatted in the table's locale."""
        self.rows.append([v if isinstance(v, Cell) else cell(v, self.locale) for v in values])


def _excel_value(value: Value) -> str | int | float | Decimal | date | None:
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # a text never becomes a formula in the reader's spreadsheet
    return value


def workbook(table: WebTable) -> bytes:
    """Return ``table`` as an .xlsx workbook: its caption, headers, then the values."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.name[:31]
    sheet.append([table.caption])
    headers = list(table.columns)
    currencies = {
        i: c.value.currency.value
        for row in table.rows
        for i, c in enumerate(row)
        if isinstance(c.value, Money)
    }
    sheet.append(
        [f"{h} ({currencies[i]})" if i in currencies else h for i, h in enumerate(headers)]
    )
    for row in table.rows:
        sheet.append([_excel_value(c.value) for c in row])
    from openpyxl.utils import get_column_letter

    for index, _ in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 22
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
