"""The record of a Section 337 investigation as read from the USITC feeds or the shipped sample.

An :class:`Investigation` is one investigation number with everything the feeds say about it:
dates, parties (role, name, country, disposition and its date), IP rights, unfair acts, HTS
numbers, remedial orders (LEO / GEO / CDO), associated litigation, status, the derived
outcome, and every raw row it was built from, so that nothing read is lost. A
:class:`PhaseRow` is one row of a feed (the IDS publishes one row per *phase*: Violation,
Remand, Enforcement, …); the importer groups phase rows into investigations.

Countries are normalised to short English names (DOMAIN.md §3.2: China = mainland only; Hong
Kong, Macau and Taiwan separate).

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

CHINA = "China"
GREATER_CHINA = frozenset({"China", "Hong Kong", "Macau", "Taiwan"})
UNKNOWN = "unknown"


class RecordKind(StrEnum):
    """An instituted investigation, or a complaint listed under its docket number before it."""

    INVESTIGATION = "investigation"
    PREINSTITUTION = "preinstitution"


class DataSource(StrEnum):
    """Where a record came from: a feed the user imported, or the sample shipped in the package."""

    IMPORTED = "imported"
    SHIPPED = "shipped"


class FeedLayout(StrEnum):
    """The file layout a row was read from (``SCHEMA.md`` schemas A, B and C; shipped CSV)."""

    IDS_TITLE_CASE = "ids_title_case"
    IDS_SNAKE_CASE = "ids_snake_case"
    INFO_337 = "337info"
    SHIPPED_CSV = "shipped_csv"


class PartyRole(StrEnum):
    """A party's side in the investigation."""

    COMPLAINANT = "complainant"
    RESPONDENT = "respondent"
    OTHER = "other"


class DispositionKind(StrEnum):
    """How the investigation ended for one respondent, read from the disposition text."""

    SETTLED = "settled"
    CONSENT_ORDER = "consent_order"
    WITHDRAWN = "withdrawn"
    DEFAULT = "default"
    VIOLATION = "violation"
    NO_VIOLATION = "no_violation"
    OTHER = "other"


class OrderType(StrEnum):
    """Remedial orders (DOMAIN.md §1.4); a consent order ends a case by agreement."""

    LEO = "LEO"
    GEO = "GEO"
    CDO = "CDO"
    CONSENT_ORDER = "consent_order"


class Outcome(StrEnum):
    """How an investigation ended, derived from status, determination, dispositions and orders."""

    SETTLED = "settled"  # settlement or consent order
    WITHDRAWN = "withdrawn"
    DEFAULT = "default"
    VIOLATION = "violation"
    NO_VIOLATION = "no_violation"
    TERMINATED_OTHER = "terminated_other"
    ACTIVE = "active"
    UNKNOWN = "unknown"

    def is_decided(self) -> bool:
        """Tell whether the investigation has ended and we know how."""
        return self not in (Outcome.ACTIVE, Outcome.UNKNOWN)


class Completeness(StrEnum):
    """How complete a record's list of respondents is (``institutions.csv`` column)."""

    YES = "yes"  # every respondent named at institution
    COUNTS_ONLY = "counts_only"  # counts stated, not all names
    PARTIAL = "partial"  # list cut off; counts are lower bounds
    NONE = "none"  # no list

    def counts_respondents(self) -> bool:
        """Tell whether the record may be used for respondent statistics."""
        return self in (Completeness.YES, Completeness.COUNTS_ONLY)


@dataclass(frozen=True, slots=True)
class Party:
    """A complainant or respondent, with its country and, for respondents, its disposition."""

    role: PartyRole
    name: str
    country: str | None = None
    disposition: str | None = None
    disposition_kind: DispositionKind | None = None
    disposition_date: date | None = None

    def key(self) -> tuple[str, PartyRole]:
        """Return the identity used to de-duplicate parties: (folded name, role)."""
        return (" ".join(self.name.casefold().split()), self.role)


@dataclass(frozen=True, slots=True)
class IpRight:
    """An asserted IP right: its kind (Patent, Trademark, Copyright, …) and number if known."""

    kind: str
    number: str | None = None

    def is_patent(self) -> bool:
        """Tell whether the right is a patent (utility or design)."""
        return "patent" in self.kind.casefold()


@dataclass(frozen=True, slots=True)
class RemedialOrder:
    """An exclusion, cease-and-desist or consent order, parsed from its title."""

    order_type: OrderType
    title: str
    issued: date | None = None
    respondent: str | None = None


@dataclass(frozen=True, slots=True)
class Litigation:
    """A parallel court case (district court or Federal Circuit appeal)."""

    case_number: str | None
    case_name: str | None = None
    court: str | None = None
    status: str | None = None
    docketed: date | None = None


@dataclass(frozen=True, slots=True)
class InvestigationDates:
    """The dates of an investigation; any may be unknown (``None``)."""

    complaint_filed: date | None = None
    instituted: date | None = None
    notice_published: date | None = None
    target: date | None = None
    final_initial_determination: date | None = None
    final_determination: date | None = None
    terminated: date | None = None

    def institution(self) -> date | None:
        """Return the institution date, or the publication of the notice when that is all."""
        return self.instituted or self.notice_published


@dataclass(frozen=True, slots=True)
class PhaseSummary:
    """One phase row of an investigation: its name, status and start, and its row number."""

    name: str | None
    status: str | None
    started: date | None
    row: int


@dataclass(frozen=True, slots=True)
class RawRow:
    """A row exactly as read (JSON object or CSV row), with its layout and row number."""

    layout: FeedLayout
    row: int
    data: dict[str, object]


@dataclass(frozen=True, slots=True)
class PhaseRow:
    """One parsed row of a feed: one phase of one investigation (or a docketed complaint)."""

    number: str
    kind: RecordKind
    layout: FeedLayout
    row: int
    raw: dict[str, object]
    phase: str | None = None
    phase_number: int | None = None
    docket: str | None = None
    title: str | None = None
    status: str | None = None
    determination: str | None = None
    dates: InvestigationDates = InvestigationDates()
    parties: tuple[Party, ...] = ()
    has_party_list: bool = False
    ip_rights: tuple[IpRight, ...] = ()
    unfair_acts: tuple[str, ...] = ()
    hts_numbers: tuple[str, ...] = ()
    orders: tuple[RemedialOrder, ...] = ()
    litigation: tuple[Litigation, ...] = ()

    def is_violation_phase(self) -> bool:
        """Tell whether this row is the investigation proper (the Violation phase)."""
        return (self.phase or "").strip().casefold() == "violation"


@dataclass(frozen=True, slots=True)
class Investigation:
    """Everything known about one investigation number (or one docketed complaint).

    ``stated_respondents`` holds respondent counts by country when the source states counts
    rather than names (``respondents_complete = counts_only`` in the shipped sample).
    """

    number: str
    kind: RecordKind
    source: DataSource
    layout: FeedLayout
    outcome: Outcome
    title: str | None = None
    docket: str | None = None
    status: str | None = None
    determination: str | None = None
    dates: InvestigationDates = InvestigationDates()
    parties: tuple[Party, ...] = ()
    respondents_complete: Completeness = Completeness.NONE
    stated_respondents: tuple[tuple[str, int], ...] = ()
    stated_year: int | None = None
    ip_rights: tuple[IpRight, ...] = ()
    unfair_acts: tuple[str, ...] = ()
    hts_numbers: tuple[str, ...] = ()
    orders: tuple[RemedialOrder, ...] = ()
    litigation: tuple[Litigation, ...] = ()
    phases: tuple[PhaseSummary, ...] = ()
    raw_rows: tuple[RawRow, ...] = ()

    def respondents(self) -> tuple[Party, ...]:
        """Return the respondents, in the order read."""
        return tuple(party for party in self.parties if party.role is PartyRole.RESPONDENT)

    def year(self) -> int | None:
        """Return the year of institution (else the stated year, else the complaint's year)."""
        instituted = self.dates.institution()
        if instituted is not None:
            return instituted.year
        if self.stated_year is not None:
            return self.stated_year
        filed = self.dates.complaint_filed
        return filed.year if filed is not None else None

    def respondent_countries(self) -> Counter[str] | None:
        """Return respondents per country, or ``None`` when the list cannot be counted.

        Only complete lists and stated counts are counted (``institutions.csv`` README), and
        an empty list is not a count; a respondent without a printed country is ``unknown``.
        """
        if not self.respondents_complete.counts_respondents():
            return None
        if self.stated_respondents:
            counted = Counter(dict(self.stated_respondents))
        else:
            counted = Counter(party.country or UNKNOWN for party in self.respondents())
        # Every investigation names at least one respondent: an empty list is a missing list.
        return counted if sum(counted.values()) > 0 else None

    def respondent_count(self) -> int | None:
        """Return the number of respondents, or ``None`` when the list cannot be counted."""
        countries = self.respondent_countries()
        return None if countries is None else sum(countries.values())

    def names_respondent_from(self, countries: frozenset[str]) -> bool | None:
        """Tell whether a respondent comes from one of ``countries`` (``None``: not known)."""
        counted = self.respondent_countries()
        if counted is None:
            return None
        return any(counted[country] > 0 for country in countries)

    def is_patent_based(self) -> bool | None:
        """Tell whether a patent is asserted (``None`` when no IP right or unfair act is known)."""
        if not self.ip_rights and not self.unfair_acts:
            return None
        if any(right.is_patent() for right in self.ip_rights):
            return True
        return any("patent" in act.casefold() for act in self.unfair_acts)

    def hts_chapters(self) -> tuple[str, ...]:
        """Return the distinct two-digit HTS chapters of the investigation's HTS numbers."""
        chapters = dict.fromkeys(hts_chapter(code) for code in self.hts_numbers)
        return tuple(chapter for chapter in chapters if chapter is not None)

    def order_types(self) -> frozenset[OrderType]:
        """Return the kinds of remedial order issued."""
        return frozenset(order.order_type for order in self.orders)


def hts_chapter(code: str) -> str | None:
    """Return the two-digit HTS chapter of an HTS number (``None`` when it has no digits).

    >>> hts_chapter("8517.62.0050")
    '85'
    >>> hts_chapter("n/a") is None
    True
    """
    digits = "".join(character for character in code if character.isdigit())
    if len(digits) < 2:
        return None
    return digits[:2]
