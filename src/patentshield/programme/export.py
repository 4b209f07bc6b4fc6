"""Write the analytics' tables as CSV text or as an Excel workbook (one sheet per table).

**CSV**: each table is a block — a line with its name and title, the header, the rows, a blank
line. Text, counts, numbers and shares are written as they are (a share as a fraction, 0.125);
a money column becomes two columns, the amount and its currency (``subsidy paid``,
``subsidy paid currency``).

**Excel** (``openpyxl``): one sheet per table, named after it, with the title on the first
row, the header on the third and the rows below; money cells are numbers with the currency in
their number format, shares are numbers formatted as percentages. A text cell from the data
that starts with ``=``, ``+``, ``-`` or ``@`` is written as text (type ``s``, quote prefix):
a spreadsheet never evaluates it as a formula (CSV/formula injection).

The workbook is written to a path given by the caller; nothing else touches the file system.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.programme.tables import Column, Kind, Table, money_of, number_of

FORMULA_PREFIXES = ("=", "+", "-", "@")
"""First characters a spreadsheet reads as the start of a formula."""

_SHEET_NAME_MAX = 31


def _csv_header(column: Column) -> list[str]:
    if column.kind is Kind.MONEY:
        return [column.name, f"{column.name} currency"]
    return [column.name]


def _csv_cells(cell: JsonValue, column: Column) -> list[str]:
    if column.kind is Kind.MONEY:
        money = money_of(cell)
        return ["", ""] if money is None else [str(money.amount), money.currency.value]
    if cell is None:
        return [""]
    return [str(cell)]


def tables_csv(tables: Sequence[Table]) -> str:
    """Return ``tables`` as CSV blocks (name and title line, header, rows, blank line)."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    for item in tables:
        writer.writerow([item.name, item.title])
        writer.writerow([name for column in item.columns for name in _csv_header(column)])
        for row in item.rows:
            writer.writerow(
                [
                    text
                    for cell, column in zip(row, item.columns, strict=True)
                    for text in _csv_cells(cell, column)
                ]
            )
        writer.writerow([])
    return stream.getvalue()


def is_formula_like(text: str) -> bool:
    """Tell whether a spreadsheet would read ``text`` as a formula."""
    return text.startswith(FORMULA_PREFIXES)


def _write_cell(sheet: Worksheet, row: int, col: int, cell: JsonValue, kind: Kind) -> None:
    target = sheet.cell(row=row, column=col)
    money = money_of(cell) if kind is Kind.MONEY else None
    number = number_of(cell) if kind in (Kind.COUNT, Kind.NUMBER, Kind.SHARE) else None
    if money is not None:
        target.value = float(money.amount)
        target.number_format = f'#,##0.00 "{money.currency.value}"'
    elif number is not None:
        target.value = number
        target.number_format = "0.0%" if kind is Kind.SHARE else "#,##0.###"
    elif cell is not None:
        text = str(cell)
        target.value = text
        if is_formula_like(text):
            target.data_type = "s"
            target.quotePrefix = True


def _sheet_name(name: str, used: set[str]) -> str:
    base = "".join(c for c in name if c not in "[]:*?/\\")[:_SHEET_NAME_MAX] or "table"
    candidate, number = base, 2
    while candidate in used:
        suffix = f"-{number}"
        candidate, number = base[: _SHEET_NAME_MAX - len(suffix)] + suffix, number + 1
    used.add(candidate)
    return candidate


def write_workbook(tables: Sequence[Table], path: Path) -> Path:
    """Write ``tables`` to an Excel workbook at ``path`` (one sheet each); return the path."""
    workbook = Workbook()
    for blank in list(workbook.worksheets):
        workbook.remove(blank)
    used: set[str] = set()
    for item in tables:
        sheet = workbook.create_sheet(_sheet_name(item.name, used))
        _write_cell(sheet, 1, 1, item.title, Kind.TEXT)
        sheet.cell(row=1, column=1).font = Font(bold=True)
        if item.caption:
            _write_cell(sheet, 2, 1, item.caption, Kind.TEXT)
        for col, column in enumerate(item.columns, start=1):
            _write_cell(sheet, 3, col, column.name, Kind.TEXT)
            sheet.cell(row=3, column=col).font = Font(bold=True)
        for offset, row in enumerate(item.rows):
            for col, (cell, column) in enumerate(zip(row, item.columns, strict=True), start=1):
                _write_cell(sheet, 4 + offset, col, cell, column.kind)
    try:
        workbook.save(path)
    except OSError as error:
        raise InvalidInput("xlsx", f"cannot write {path}: {error.strerror}") from error
    return path
