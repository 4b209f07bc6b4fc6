"""Harmonized Tariff Schedule (HTS) codes of an exporter's product classes: check and normalise.

An HTS code is written with 4 (heading), 6 (subheading), 8 (tariff line) or 10 (statistical
reporting number) digits, with or without dots, e.g. ``9405``, ``8541.41``, ``8541.41.00``,
``8543.40.0000``. Its first two digits are the chapter. Chapters 01–97 hold goods; chapter 77 is
reserved by the Harmonized System for future use, and chapters 98–99 are special US provisions
(not goods classes), so none of those can describe what an exporter sells. The risk model maps
chapters to product classes (DOMAIN.md §5.1).

>>> parse_hts_code("854141")
'8541.41'
>>> parse_hts_code("8543.40.0000")
'8543.40.0000'
>>> hts_chapter("9403.10")
94

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import re

from patentshield.kernel.errors import InvalidInput

_WRITTEN = re.compile(r"^\d{4}(?:\.?\d{2}(?:\.?\d{2}(?:\.?\d{2})?)?)?$")
RESERVED_CHAPTER = 77
LAST_GOODS_CHAPTER = 97


def parse_hts_code(text: str, *, field: str = "hts") -> str:
    """Return ``text`` as a canonical HTS code, or raise :class:`InvalidInput`.

    The canonical form groups the digits as the schedule prints them: ``dddd``,
    ``dddd.dd``, ``dddd.dd.dd`` or ``dddd.dd.dddd``.
    """
    written = str(text).strip()
    if not _WRITTEN.match(written):
        raise InvalidInput(
            field,
            f"{written!r} is not an HTS code: use 4, 6, 8 or 10 digits, "
            "optionally dotted like 8541.41.00",
        )
    digits = written.replace(".", "")
    chapter = int(digits[:2])
    if chapter == 0 or chapter > LAST_GOODS_CHAPTER:
        raise InvalidInput(field, f"{written!r}: chapter {digits[:2]} is not a goods chapter 01-97")
    if chapter == RESERVED_CHAPTER:
        raise InvalidInput(field, f"{written!r}: chapter 77 is reserved in the Harmonized System")
    return _grouped(digits)


def _grouped(digits: str) -> str:
    if len(digits) <= 4:
        return digits
    if len(digits) == 10:
        return f"{digits[:4]}.{digits[4:6]}.{digits[6:]}"
    return ".".join([digits[:4], *(digits[i : i + 2] for i in range(4, len(digits), 2))])


def hts_chapter(code: str) -> int:
    """Return the chapter (01–97) of a canonical HTS code."""
    return int(code[:2])
