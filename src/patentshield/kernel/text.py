r"""Text shown to people: control characters made visible, spreadsheet formulas defused.

Data printed by a command came, in part, from outside — a complainant's name from a feed, a
vendor typed by a user. Two ways such text can attack its reader are closed here, at the one
place each output goes through:

* :func:`terminal_safe` shows control characters (an ``ESC`` that starts a terminal escape
  sequence, a bell, a carriage return that overwrites a line, C1 codes, the bidirectional
  overrides that reorder what is read) as visible escapes such as ``\x1b``; the kernel's table
  printer applies it to every cell;
* :func:`spreadsheet_safe` prefixes a quote to a CSV cell that a spreadsheet would run as a
  formula (``=``, ``+``, ``-``, ``@``, a tab or carriage return first: ``=HYPERLINK(…)``), per
  OWASP's CSV-injection advice; numbers, including negative ones, are left as they are.

>>> terminal_safe("Lumina\x1b[2J IP")
'Lumina\\x1b[2J IP'
>>> spreadsheet_safe('=HYPERLINK("http://x.test")'), spreadsheet_safe("-12.5")
('\'=HYPERLINK("http://x.test")', '-12.5')

This module is pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters except tab and newline, C1 codes and bidirectional marks."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    r"""Return ``text`` with control characters written as visible escapes (``\x1b``)."""
    return _CONTROL.sub(_escaped, text)


def spreadsheet_safe(cell: object) -> object:
    """Return a CSV cell a spreadsheet will show as text, never run as a formula."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def spreadsheet_row(cells: Iterable[object]) -> list[object]:
    """Return a CSV row with every cell made :func:`spreadsheet_safe`."""
    return [spreadsheet_safe(cell) for cell in cells]
