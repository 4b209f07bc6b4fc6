"""The PDF cover letter of an evidence dossier (fpdf2, built-in Helvetica).

The built-in PDF fonts cover Latin-1 only, and the package ships no CJK font (a CJK font is
10–20 MB). So the letter is written in English: any run of characters outside Latin-1 (a
Chinese company name, say) is replaced by ``[…]`` and the letter says that the manifest,
``manifest.json`` in the same ZIP, carries every name in full Unicode. This choice is documented
in docs/cases.md.

This module is pure: it returns the PDF as bytes and reads no clock (the date is a parameter).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

_NOT_LATIN1 = re.compile(r"[^\x00-\xff]+")
PLACEHOLDER = "[...]"


def latin1(text: str) -> str:
    """Return ``text`` with every run of non-Latin-1 characters replaced by ``[...]``."""
    return _NOT_LATIN1.sub(PLACEHOLDER, text)


@dataclass(frozen=True, slots=True)
class LetterLine:
    """One document listed in the letter."""

    kind: str
    filename: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class CoverLetter:
    """What the cover letter says."""

    day: date
    case_number: str
    case_title: str
    insured: str
    policy: str
    insurer: str
    complainants: Sequence[str]
    patents: Sequence[str]
    documents: Sequence[LetterLine]


def cover_letter_pdf(letter: CoverLetter) -> bytes:
    """Return the cover letter as PDF bytes."""
    from fpdf import FPDF  # imported here: fpdf takes a quarter second to import, every command

    pdf = FPDF(format="A4")
    pdf.set_creation_date(_creation(letter.day))
    pdf.set_title(latin1(f"Evidence dossier {letter.case_number}"))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    title = latin1(f"Evidence dossier - {letter.case_number}")
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    paragraphs = [
        f"Date: {letter.day.isoformat()}",
        f"To: {letter.insurer}",
        f"Insured: {letter.insured} - policy {letter.policy}",
        f"Investigation: {letter.case_number} {letter.case_title}",
        f"Complainants: {', '.join(letter.complainants)}",
        f"Asserted patents: {', '.join(letter.patents)}",
        "",
        "We enclose the documents listed below in support of our notice of claim. They show "
        "the independent development of the accused products and the searches made before "
        "they were sold in the United States. Each document is identified by its SHA-256 hash; "
        "manifest.json in this dossier lists the same hashes and every name in full.",
        "",
    ]
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, latin1(paragraph), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Courier", size=7)
    for number, line in enumerate(letter.documents, start=1):
        text = f"{number:>3}. [{line.kind}] {line.filename} ({line.size} bytes)\n     {line.sha256}"
        pdf.multi_cell(0, 4, latin1(text), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _creation(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
