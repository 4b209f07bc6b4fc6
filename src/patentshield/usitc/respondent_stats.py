"""Respondents, not only investigations: how many, from where, and how each one's case ended.

Chinese-language statistics count **enterprises**: "74 Chinese enterprises were named in 2024,
45 (60.8 %) chose to defend" (He §5, citing Wu 2024). To reproduce such a figure from a feed,
respondents are counted one by one over the investigations whose respondent list can be
counted, by country group — mainland China, Hong Kong, Taiwan and all others — with each
respondent's own disposition (settled, consent order, withdrawn, default, violation, no
violation, other, or not known yet). A respondent **defended** when its disposition is known
and is not a default; the share defended is over the respondents with a known disposition.
Records that state counts only (``counts_only``) count respondents by country but no
dispositions.

Beside the finer outcome classes of an investigation, :func:`final_determination` gives the
Commission's final determination type: a violation (a default-based violation is still a
violation), no violation, or none (terminated by settlement, consent order or withdrawal).

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from patentshield.usitc.records import DispositionKind, Investigation, Outcome


class CountryGroup(StrEnum):
    """Where a respondent is from, as Chinese-language statistics split it (DOMAIN.md §3.2)."""

    CHINA = "china"
    HONG_KONG = "hong_kong"
    TAIWAN = "taiwan"
    OTHERS = "others"
    ALL = "all"


class Determination(StrEnum):
    """The Commission's final determination type of an investigation that ended."""

    VIOLATION = "violation"
    NO_VIOLATION = "no_violation"
    NONE = "none"


NOT_KNOWN = "not_known"
"""The outcome key of respondents whose disposition is not (yet) known."""

_GROUPS = {
    "China": CountryGroup.CHINA,
    "Hong Kong": CountryGroup.HONG_KONG,
    "Taiwan": CountryGroup.TAIWAN,
}
_DETERMINATIONS = {
    Outcome.VIOLATION: Determination.VIOLATION,
    Outcome.DEFAULT: Determination.VIOLATION,
    Outcome.NO_VIOLATION: Determination.NO_VIOLATION,
    Outcome.SETTLED: Determination.NONE,
    Outcome.WITHDRAWN: Determination.NONE,
    Outcome.TERMINATED_OTHER: Determination.NONE,
}


def country_group(country: str | None) -> CountryGroup:
    """Return the group of a normalised country name (Macau and unknown go to others).

    >>> [country_group(c).value for c in ("China", "Hong Kong", "Taiwan", "Macau", None)]
    ['china', 'hong_kong', 'taiwan', 'others', 'others']
    """
    return _GROUPS.get(country or "", CountryGroup.OTHERS)


def final_determination(outcome: Outcome) -> Determination | None:
    """Return the final determination type of an ended investigation (``None`` if not ended).

    >>> final_determination(Outcome.DEFAULT), final_determination(Outcome.ACTIVE)
    (<Determination.VIOLATION: 'violation'>, None)
    """
    return _DETERMINATIONS.get(outcome)


@dataclass(frozen=True, slots=True)
class RespondentCounts:
    """The respondents of one country group, and how their cases ended (counts)."""

    group: CountryGroup
    respondents: int
    outcomes: tuple[tuple[str, int], ...]

    def count(self, outcome: str) -> int:
        """Return how many respondents had ``outcome`` (a disposition kind or ``not_known``)."""
        return dict(self.outcomes).get(outcome, 0)

    @property
    def defaulted(self) -> int:
        """Respondents whose disposition is a default."""
        return self.count(DispositionKind.DEFAULT.value)

    @property
    def known(self) -> int:
        """Respondents whose disposition is known."""
        return self.respondents - self.count(NOT_KNOWN)

    @property
    def defended(self) -> int:
        """Respondents with a known disposition other than a default."""
        return self.known - self.defaulted


OUTCOME_KEYS = (*(kind.value for kind in DispositionKind), NOT_KNOWN)


def _tally(records: Iterable[Investigation]) -> dict[CountryGroup, Counter[str]]:
    tally: dict[CountryGroup, Counter[str]] = {group: Counter() for group in CountryGroup}
    for record in records:
        countries = record.respondent_countries()
        if countries is None:
            continue
        if record.stated_respondents:  # counts stated, no dispositions
            for country, count in countries.items():
                tally[country_group(country)][NOT_KNOWN] += count
            continue
        for party in record.respondents():
            kind = party.disposition_kind
            tally[country_group(party.country)][kind.value if kind else NOT_KNOWN] += 1
    for group in CountryGroup:
        if group is not CountryGroup.ALL:
            tally[CountryGroup.ALL].update(tally[group])
    return tally


def respondent_counts(records: Iterable[Investigation]) -> tuple[RespondentCounts, ...]:
    """Return the respondents of ``records`` per country group, then all of them."""
    tally = _tally(records)
    return tuple(
        RespondentCounts(
            group,
            sum(tally[group].values()),
            tuple((key, tally[group][key]) for key in OUTCOME_KEYS),
        )
        for group in CountryGroup
    )
