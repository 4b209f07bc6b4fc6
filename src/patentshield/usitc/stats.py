"""Statistics of Section 337 investigations, overall and by year, HTS chapter or country.

For every group: the number of investigations, the share that are patent-based, the share
naming a Chinese (mainland) respondent and a respondent from greater China (mainland, Hong
Kong, Macau, Taiwan — the basis of most Chinese-language series [R47]), respondents per
investigation (mean, median, distribution), days from complaint to institution, months from
institution to termination and to final determination, outcome shares among investigations
that ended beside the Commission's final determination type (a default-based violation is
still a violation), remedial orders by type, and the **respondents** themselves by country
group with each one's disposition (:mod:`patentshield.usitc.respondent_stats`). **Each
figure carries its sample size n**: a share or a mean is computed only over the
investigations (or respondents) for which the fact is known.

Groups may overlap: an investigation with HTS numbers in two chapters, or respondents from two
countries, counts in each. Pre-institution complaints are not investigations and are left out.
A month is 365.25 / 12 = 30.4375 days.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from patentshield.usitc.records import (
    CHINA,
    GREATER_CHINA,
    UNKNOWN,
    Investigation,
    OrderType,
    Outcome,
    RecordKind,
)
from patentshield.usitc.respondent_stats import (
    Determination,
    RespondentCounts,
    final_determination,
    respondent_counts,
)

DAYS_PER_MONTH = 365.25 / 12
OVERALL = "all"
OUTCOMES = (
    Outcome.SETTLED,
    Outcome.WITHDRAWN,
    Outcome.DEFAULT,
    Outcome.VIOLATION,
    Outcome.NO_VIOLATION,
    Outcome.TERMINATED_OTHER,
)
ORDERS = (OrderType.LEO, OrderType.GEO, OrderType.CDO, OrderType.CONSENT_ORDER)


class GroupBy(StrEnum):
    """How statistics are broken down."""

    YEAR = "year"
    HTS = "hts"
    COUNTRY = "country"


@dataclass(frozen=True, slots=True)
class Share:
    """``count`` of ``n`` investigations; ``value`` is their ratio (``None`` when n = 0)."""

    count: int
    n: int

    @property
    def value(self) -> float | None:
        """Return ``count / n``, or ``None`` when nothing was counted."""
        return self.count / self.n if self.n else None


@dataclass(frozen=True, slots=True)
class Summary:
    """Mean, median, extremes and sample standard deviation of ``n`` values."""

    n: int
    mean: float | None = None
    median: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    stdev: float | None = None


@dataclass(frozen=True, slots=True)
class GroupStatistics:
    """The statistics of one group of investigations (``key`` is the group's name)."""

    key: str
    investigations: int
    patent_based: Share
    naming_chinese: Share
    naming_greater_china: Share
    respondents: Summary
    respondents_distribution: tuple[tuple[int, int], ...]
    days_complaint_to_institution: Summary
    months_institution_to_termination: Summary
    months_institution_to_final_determination: Summary
    outcomes: tuple[tuple[Outcome, Share], ...]
    determinations: tuple[tuple[Determination, Share], ...]
    orders: tuple[tuple[OrderType, Share], ...]
    respondents_by_country: tuple[RespondentCounts, ...]


def summarise(values: Sequence[float]) -> Summary:
    """Return the summary of ``values`` (empty gives ``n = 0`` and no figures).

    >>> summarise([1, 2, 6]).mean, summarise([1, 2, 6]).median
    (3.0, 2.0)
    """
    if not values:
        return Summary(n=0)
    return Summary(
        n=len(values),
        mean=statistics.fmean(values),
        median=float(statistics.median(values)),
        minimum=float(min(values)),
        maximum=float(max(values)),
        stdev=statistics.stdev(values) if len(values) > 1 else None,
    )


def share(flags: Iterable[bool | None]) -> Share:
    """Return how many of the known flags are true (``None`` = not known, not counted)."""
    known = [flag for flag in flags if flag is not None]
    return Share(count=sum(known), n=len(known))


def days_between(start: date | None, end: date | None) -> int | None:
    """Return the days from ``start`` to ``end``; ``None`` when unknown or negative."""
    if start is None or end is None or end < start:
        return None
    return (end - start).days


def group_statistics(records: Iterable[Investigation]) -> GroupStatistics:
    """Return the statistics of all ``records`` as one group named ``all``."""
    return statistics_of(OVERALL, _investigations_only(records))


def statistics_by(records: Iterable[Investigation], by: GroupBy) -> list[GroupStatistics]:
    """Return the overall group followed by one group per year, HTS chapter or country."""
    chosen = _investigations_only(records)
    groups: dict[str, list[Investigation]] = {}
    for record in chosen:
        for key in group_keys(record, by):
            groups.setdefault(key, []).append(record)
    ordered = sorted(groups, key=_sort_key(by, groups))
    return [statistics_of(OVERALL, chosen)] + [statistics_of(key, groups[key]) for key in ordered]


def group_keys(record: Investigation, by: GroupBy) -> tuple[str, ...]:
    """Return the groups a record belongs to (``unknown`` when the fact is missing)."""
    if by is GroupBy.YEAR:
        year = record.year()
        return (str(year) if year is not None else UNKNOWN,)
    if by is GroupBy.HTS:
        return record.hts_chapters() or (UNKNOWN,)
    countries = record.respondent_countries()
    if countries is None:
        countries = Counter(party.country or UNKNOWN for party in record.respondents())
    return tuple(sorted(place for place, count in countries.items() if count)) or (UNKNOWN,)


def _sort_key(
    by: GroupBy, groups: dict[str, list[Investigation]]
) -> Callable[[str], tuple[int, int, str]]:
    def key(name: str) -> tuple[int, int, str]:
        last = 1 if name == UNKNOWN else 0
        if by is GroupBy.COUNTRY:
            return (last, -len(groups[name]), name)
        return (last, 0, name)

    return key


def _investigations_only(records: Iterable[Investigation]) -> list[Investigation]:
    return [record for record in records if record.kind is RecordKind.INVESTIGATION]


def statistics_of(key: str, records: Sequence[Investigation]) -> GroupStatistics:
    """Return the statistics of one group of investigations."""
    counts = [count for count in (r.respondent_count() for r in records) if count is not None]
    decided = [record.outcome for record in records if record.outcome.is_decided()]
    return GroupStatistics(
        key=key,
        investigations=len(records),
        patent_based=share(record.is_patent_based() for record in records),
        naming_chinese=share(
            record.names_respondent_from(frozenset({CHINA})) for record in records
        ),
        naming_greater_china=share(
            record.names_respondent_from(GREATER_CHINA) for record in records
        ),
        respondents=summarise(counts),
        respondents_distribution=tuple(sorted(Counter(counts).items())),
        days_complaint_to_institution=summarise(_durations(records, _complaint_to_institution)),
        months_institution_to_termination=summarise(_months(records, _to_termination)),
        months_institution_to_final_determination=summarise(_months(records, _to_final)),
        outcomes=tuple(
            (outcome, Share(sum(1 for o in decided if o is outcome), len(decided)))
            for outcome in OUTCOMES
        ),
        determinations=_determinations(decided),
        orders=tuple(
            (kind, share(kind in record.order_types() for record in records)) for kind in ORDERS
        ),
        respondents_by_country=respondent_counts(records),
    )


def _determinations(decided: Sequence[Outcome]) -> tuple[tuple[Determination, Share], ...]:
    found = [final_determination(outcome) for outcome in decided]
    known = [kind for kind in found if kind is not None]
    return tuple(
        (kind, Share(sum(1 for k in known if k is kind), len(known))) for kind in Determination
    )


def _complaint_to_institution(record: Investigation) -> int | None:
    return days_between(record.dates.complaint_filed, record.dates.institution())


def _to_termination(record: Investigation) -> int | None:
    return days_between(record.dates.institution(), record.dates.terminated)


def _to_final(record: Investigation) -> int | None:
    return days_between(record.dates.institution(), record.dates.final_determination)


def _durations(
    records: Sequence[Investigation], measure: Callable[[Investigation], int | None]
) -> list[float]:
    return [float(days) for days in map(measure, records) if days is not None]


def _months(
    records: Sequence[Investigation], measure: Callable[[Investigation], int | None]
) -> list[float]:
    return [days / DAYS_PER_MONTH for days in _durations(records, measure)]


def merge_sources(
    imported: Iterable[Investigation], shipped: Iterable[Investigation]
) -> list[Investigation]:
    """Return imported records plus shipped ones whose number was not imported.

    An investigation present in both counts once, and the imported record (the live feed) is
    preferred over the shipped sample.
    """
    chosen = list(imported)
    seen = {record.number for record in chosen}
    return chosen + [record for record in shipped if record.number not in seen]
