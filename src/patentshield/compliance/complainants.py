"""Complainant profiles: 337 history, repeat-filer rank and an NPE flag with its basis.

For every complainant of the record (a party named as complainant; affiliates filing together
are separate complainants) a :class:`Profile` gathers its investigations, the respondents it
named and how many were Chinese, the outcomes and the orders, and its **rank** among all
complainants by number of investigations (competition ranking: equal counts share a rank).

The **NPE flag** comes from the shipped classification (``data/complainants.csv``: USITC
categories 1 and 2 of non-practising entities, or practising, each with its basis and tag);
an unclassified complainant is ``unknown``, with the signals its name gives ("IP",
"licensing", "patent", "holdings") listed but never turned into a flag. The record's share of
investigations brought by NPEs is set beside the published shares (``data/npe_shares.csv``,
DOMAIN.md §5.2) as calibration.

This module is pure: it works on records already loaded; :meth:`ComplainantReference.shipped`
reads the package's own data files.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources

from patentshield.kernel.errors import ExternalDataError, InvalidInput, NotFound
from patentshield.usitc.records import CHINA, Investigation, PartyRole

_SUFFIXES = re.compile(
    r"\b(inc|co|corp|corporation|company|llc|l\.?l\.?c|ltd|limited|gmbh|ag|s\.?a|a/s|l\.?p|plc|"
    r"the|d/b/a.*|f/k/a.*)\b"
)
_SIGNALS = ("ip", "licensing", "patent", "patents", "holdings", "technologies llc")


class NpeClass(StrEnum):
    """The USITC's classes of complainant (DOMAIN.md §5.2)."""

    CATEGORY_1 = "npe_category_1"
    CATEGORY_2 = "npe_category_2"
    PRACTISING = "practising"
    UNKNOWN = "unknown"

    def is_npe(self) -> bool | None:
        """Tell whether the class is a non-practising entity (``None`` when unknown)."""
        if self is NpeClass.UNKNOWN:
            return None
        return self is not NpeClass.PRACTISING


@dataclass(frozen=True, slots=True)
class Classification:
    """A complainant's class with its basis and its tag (J = the project's judgement)."""

    category: NpeClass
    basis: str
    tag: str


@dataclass(frozen=True, slots=True)
class PublishedShare:
    """A published share of investigations brought by NPEs, with its period and source."""

    period: str
    share: float
    note: str
    tag: str
    source: str


def complainant_key(name: str) -> str:
    """Return the name folded for comparison: lower case, legal suffixes and punctuation off.

    >>> complainant_key("Lutron Electronics Co., Inc.")
    'lutron electronics'
    """
    folded = _SUFFIXES.sub(" ", name.casefold().replace("&", " and "))
    return " ".join(re.sub(r"[^\w ]+", " ", folded).split())


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("patentshield.compliance").joinpath("data", name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


class ComplainantReference:
    """The shipped classification of complainants and the published NPE shares."""

    def __init__(
        self, classes: dict[str, Classification], shares: Sequence[PublishedShare]
    ) -> None:
        self.classes = classes
        self.shares = tuple(shares)

    @classmethod
    def shipped(cls) -> ComplainantReference:
        """Return ``data/complainants.csv`` and ``data/npe_shares.csv``."""
        try:
            classes = {
                complainant_key(row["complainant"]): Classification(
                    NpeClass(row["category"]), row["basis"], row["tag"]
                )
                for row in _rows("complainants.csv")
            }
            shares = [
                PublishedShare(r["period"], float(r["share"]), r["note"], r["tag"], r["source"])
                for r in _rows("npe_shares.csv")
            ]
        except (KeyError, ValueError) as error:
            message = f"compliance/data: malformed complainant data ({error})"
            raise ExternalDataError(message) from None
        return cls(classes, shares)

    def classify(self, name: str) -> Classification:
        """Return the class of ``name``, or ``unknown`` with the signals its name gives."""
        known = self.classes.get(complainant_key(name))
        if known is not None:
            return known
        words = f" {name.casefold()} "
        signals = [signal for signal in _SIGNALS if f" {signal} " in words.replace(",", " ")]
        basis = (
            f"not classified; the name suggests a patent-holding company ({', '.join(signals)})"
            if signals
            else "not classified; nothing in the record says whether it practises its patents"
        )
        return Classification(NpeClass.UNKNOWN, basis, "")


@dataclass(frozen=True, slots=True)
class CaseLine:
    """One investigation of a complainant: respondents named (Chinese ones), outcome, orders."""

    number: str
    year: int | None
    title: str
    respondents: int
    chinese_respondents: int
    respondents_complete: bool
    outcome: str
    orders: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Profile:
    """A complainant's 337 history, its repeat-filer rank and its NPE flag."""

    name: str
    key: str
    cases: tuple[CaseLine, ...]
    rank: int
    complainants: int
    classification: Classification

    def respondents(self) -> int:
        """Return the respondents named over all its investigations (a lower bound)."""
        return sum(case.respondents for case in self.cases)

    def chinese_respondents(self) -> int:
        """Return the mainland Chinese respondents named (a lower bound)."""
        return sum(case.chinese_respondents for case in self.cases)

    def outcomes(self) -> dict[str, int]:
        """Return how many of its investigations ended each way."""
        return dict(Counter(case.outcome for case in self.cases))

    def orders(self) -> dict[str, int]:
        """Return how many orders of each type its investigations produced."""
        return dict(Counter(order for case in self.cases for order in case.orders))


def _case_line(record: Investigation) -> CaseLine:
    counted = record.respondent_countries()
    named = record.respondents()
    return CaseLine(
        number=record.number,
        year=record.year(),
        title=record.title or "",
        respondents=sum(counted.values()) if counted else len(named),
        chinese_respondents=counted[CHINA] if counted else sum(p.country == CHINA for p in named),
        respondents_complete=counted is not None,
        outcome=record.outcome.value,
        orders=tuple(sorted(order.value for order in record.order_types())),
    )


def profiles(
    investigations: Sequence[Investigation], reference: ComplainantReference
) -> list[Profile]:
    """Return a profile per complainant, most investigations first (then by name)."""
    cases: dict[str, list[CaseLine]] = {}
    names: dict[str, str] = {}
    for record in sorted(investigations, key=lambda r: (r.year() or 0, r.number)):
        for party in record.parties:
            if party.role is PartyRole.COMPLAINANT:
                key = complainant_key(party.name)
                names[key] = party.name
                known = cases.setdefault(key, [])
                if record.number not in {case.number for case in known}:
                    known.append(_case_line(record))
    counts = sorted((len(lines) for lines in cases.values()), reverse=True)
    found = [
        Profile(
            name=names[key],
            key=key,
            cases=tuple(lines),
            rank=counts.index(len(lines)) + 1,
            complainants=len(cases),
            classification=reference.classify(names[key]),
        )
        for key, lines in cases.items()
    ]
    return sorted(found, key=lambda profile: (profile.rank, profile.key))


def find_profiles(
    investigations: Sequence[Investigation], reference: ComplainantReference, name: str
) -> list[Profile]:
    """Return the profiles whose name is ``name``, or contains it when none is exactly it.

    Raises
    ------
    InvalidInput
        When ``name`` has no letters or digits.
    NotFound
        When no complainant of the record has that name.
    """
    wanted = complainant_key(name)
    if not wanted:
        raise InvalidInput("name", f"{name!r} is not a complainant name")
    every = profiles(investigations, reference)
    exact = [profile for profile in every if profile.key == wanted]
    found = exact or [profile for profile in every if wanted in profile.key]
    if not found:
        raise NotFound(f"no complainant of the record is named {name!r}", field="name")
    return found


def npe_share(found: Sequence[Profile]) -> tuple[int, int]:
    """Return (investigations with an NPE complainant, investigations) over ``found``."""
    numbers: set[str] = set()
    flagged: set[str] = set()
    for profile in found:
        for case in profile.cases:
            numbers.add(case.number)
            if profile.classification.category.is_npe():
                flagged.add(case.number)
    return len(flagged), len(numbers)
