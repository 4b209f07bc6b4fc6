"""Freedom-to-operate opinions: counsel, date, patents reviewed, conclusion, file and products.

An FTO opinion is a lawyer's opinion that an exporter's product does (or does not) infringe the
US patents reviewed. The exporter files it before any case: the opinion's document goes into
the evidence vault under its SHA-256 (:mod:`patentshield.kernel.vault`) and its record links it
to the enterprise's product classes. It then serves twice:

* in the **compliance score**, it covers the products it names (control
  ``fto_per_us_product``, :mod:`patentshield.compliance.score`);
* in a **case**, it is the insured's evidence of good faith: the dossier for the insurer lists
  and carries it, and the claims' wilful-infringement rule names it
  (:func:`good_faith_line`). Under US law an opinion of counsel bears on wilfulness (the
  absence of one may not be used to prove it, 35 U.S.C. 298); a court weighs it, so the rule
  records it beside a finding and changes no finding.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from patentshield.kernel.errors import InvalidInput

MAX_PATENTS = 200
MAX_TEXT = 500


class FtoConclusion(StrEnum):
    """What the opinion concludes for the products it covers."""

    CLEAR = "clear"
    CLEAR_WITH_DESIGN_AROUND = "clear_with_design_around"
    RISK_IDENTIFIED = "risk_identified"

    @property
    def label(self) -> str:
        """Return the conclusion's English label."""
        return _LABELS[self][0]

    @property
    def label_zh(self) -> str:
        """Return the conclusion's Chinese label."""
        return _LABELS[self][1]


_LABELS = {
    FtoConclusion.CLEAR: ("no infringement found", "未发现侵权风险"),
    FtoConclusion.CLEAR_WITH_DESIGN_AROUND: (
        "clear after the design-around it describes",
        "采取规避设计后无侵权风险",
    ),
    FtoConclusion.RISK_IDENTIFIED: ("infringement risk identified", "发现侵权风险"),
}


def patent_key(number: str) -> str:
    """Return a US patent number as compared: digits only (``US 9,876,543`` → ``9876543``).

    >>> patent_key("US 9,876,543 B2")
    '98765432'
    >>> patent_key("9876543")
    '9876543'
    """
    return "".join(ch for ch in number if ch.isdigit())


@dataclass(frozen=True, slots=True)
class FtoOpinion:
    """One FTO opinion of an enterprise, its document in the vault."""

    id: str
    enterprise_id: str
    counsel: str
    issued_on: date
    patents: tuple[str, ...]
    products: tuple[str, ...]
    conclusion: FtoConclusion
    sha256: str
    size: int
    filename: str
    added_at: datetime
    note: str = ""

    def __post_init__(self) -> None:
        if not self.counsel.strip():
            raise InvalidInput("counsel", "name the counsel who gave the opinion")
        if not self.products:
            raise InvalidInput("product", "name at least one product the opinion covers")
        if not self.patents:
            raise InvalidInput("patent", "name at least one US patent the opinion reviewed")
        if len(self.patents) > MAX_PATENTS:
            raise InvalidInput("patent", f"at most {MAX_PATENTS} patents per opinion")
        if any(not patent_key(p) for p in self.patents):
            raise InvalidInput("patent", "a patent number has no digits")
        if len(self.counsel) > MAX_TEXT or len(self.note) > MAX_TEXT:
            raise InvalidInput("counsel", f"counsel and note are at most {MAX_TEXT} characters")

    def reviewed(self, patents: Sequence[str]) -> tuple[str, ...]:
        """Return those of ``patents`` this opinion reviewed."""
        mine = {patent_key(p) for p in self.patents}
        return tuple(p for p in patents if patent_key(p) in mine)


def good_faith_line(opinions: Sequence[FtoOpinion], asserted: Sequence[str]) -> str | None:
    """Return the sentence naming the insured's FTO opinions as good-faith evidence, or None.

    Opinions that reviewed an asserted patent come first; the others still show diligence.
    """
    if not opinions:
        return None
    ranked = sorted(opinions, key=lambda o: (not o.reviewed(asserted), o.issued_on, o.id))
    parts = []
    for opinion in ranked:
        reviewed = opinion.reviewed(asserted)
        which = f"reviewed {', '.join(reviewed)}" if reviewed else "no asserted patent reviewed"
        parts.append(
            f"FTO opinion {opinion.id} of {opinion.counsel} on {opinion.issued_on} "
            f"({opinion.conclusion.label}; {which})"
        )
    return "evidence of good faith on file: " + "; ".join(parts)
