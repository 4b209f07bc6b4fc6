"""Tables on screen, in CSV and in Excel: money keeps its currency, formulas stay text."""

import csv
import io

from openpyxl import load_workbook

from patentshield.programme.export import tables_csv, write_workbook
from patentshield.programme.tables import Kind, shown, table

VIEW = table(
    "stats",
    "Statistics",
    [("region", Kind.TEXT), ("firms", Kind.COUNT), ("premium", Kind.MONEY), ("ratio", Kind.SHARE)],
    [
        ('=HYPERLINK("http://evil")', 3, {"amount": "1234.50", "currency": "CNY"}, 0.25),
        ("+86 20", 1, None, None),
        ("-1", 2, {"amount": "10.00", "currency": "USD"}, 1.5),
        ("@SUM(A1)", 0, {"amount": "0.00", "currency": "CNY"}, 0.0),
    ],
)


def test_a_text_cell_that_starts_like_a_formula_is_written_as_text(tmp_path):
    path = write_workbook([VIEW], tmp_path / "view.xlsx")
    sheet = load_workbook(path)["stats"]
    cells = [sheet.cell(row=row, column=1) for row in range(4, 8)]
    assert [cell.value for cell in cells] == [
        '=HYPERLINK("http://evil")',
        "+86 20",
        "-1",
        "@SUM(A1)",
    ]
    assert all(cell.data_type == "s" for cell in cells)
    assert all(cell.quotePrefix for cell in cells)


def test_money_is_a_number_with_its_currency_in_the_format_and_shares_are_percentages(tmp_path):
    sheet = load_workbook(write_workbook([VIEW], tmp_path / "view.xlsx"))["stats"]
    assert sheet["C4"].value == 1234.5 and '"CNY"' in sheet["C4"].number_format
    assert '"USD"' in sheet["C6"].number_format
    assert sheet["D4"].value == 0.25 and sheet["D4"].number_format == "0.0%"
    assert sheet["A1"].value == "Statistics" and sheet["A3"].value == "region"


def test_csv_gives_each_money_column_its_currency_column():
    rows = list(csv.reader(io.StringIO(tables_csv([VIEW]))))
    assert rows[0] == ["stats", "Statistics"]
    assert rows[1] == ["region", "firms", "premium", "premium currency", "ratio"]
    assert rows[2][2:4] == ["1234.50", "CNY"]
    assert rows[3][2:] == ["", "", ""]


def test_on_screen_money_has_its_currency_and_shares_a_percent_sign():
    assert shown({"amount": "1234.5", "currency": "CNY"}, Kind.MONEY) == "CNY 1,234.50"
    assert shown(0.125, Kind.SHARE) == "12.5%"
    assert shown(None, Kind.COUNT) == "—"
    assert shown(12345, Kind.COUNT) == "12,345"
