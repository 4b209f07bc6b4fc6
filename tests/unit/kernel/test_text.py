"""Text for people: control characters visible on terminals, formulas defused in CSV."""

import pytest

from patentshield.kernel.text import spreadsheet_row, spreadsheet_safe, terminal_safe


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b[31mred", "a\\x1b[31mred"),
        ("bell\x07", "bell\\x07"),
        ("over\rwrite", "over\\x0dwrite"),
        ("c1\x9bcsi", "c1\\x9bcsi"),
        ("flip\u202etxt", "flip\\u202etxt"),
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
        ("深圳 LED", "深圳 LED"),
    ],
)
def test_control_characters_are_shown_as_escapes(text, shown):
    assert terminal_safe(text) == shown


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("China", "China"),
        (0.25, 0.25),
        (-3, -3),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(cell, written):
    assert spreadsheet_safe(cell) == written
    assert spreadsheet_row([cell, "ok"]) == [written, "ok"]
