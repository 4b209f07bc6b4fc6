"""Turn the shipped sample (``institutions.csv``, ``determinations.csv``) into investigations.

Each ``institutions.csv`` row is an instituted investigation as announced by the USITC:
``release_date`` (the institution announcement or the notice's publication, see
``date_basis``) becomes the institution date, parties are parsed from
``Name | City, State | Country`` separated by ``; ``, and ``respondents_complete`` is honoured:
only ``yes`` (every respondent named) and ``counts_only`` (counts stated, not all names)
records count for respondent statistics. The requested remedy is *requested*, not issued,
and is not read as an order. Outcomes and issued orders come from ``determinations.csv``
where it has a row for the same number (the latest row wins).

This module is pure: it works on rows already read, with no I/O, database or clock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from patentshield.kernel.errors import RecordError
from patentshield.usitc import feed_values as fv
from patentshield.usitc.outcome import determination_outcome
from patentshield.usitc.records import (
    Completeness,
    DataSource,
    FeedLayout,
    Investigation,
    InvestigationDates,
    IpRight,
    OrderType,
    Outcome,
    Party,
    PartyRole,
    RawRow,
    RecordKind,
    RemedialOrder,
)

_STATED_COUNTRIES = (
    ("n_respondents_china", "China"),
    ("n_respondents_hk", "Hong Kong"),
    ("n_respondents_tw", "Taiwan"),
)
_ORDER = re.compile(r"\b(LEO|GEO|CDO)\b")


@dataclass(frozen=True, slots=True)
class Determination:
    """An outcome announced for an investigation (``determinations.csv``)."""

    number: str
    day: date | None
    outcome: Outcome
    orders: tuple[RemedialOrder, ...]
    text: str


def parse_parties(value: str, role: PartyRole, field: str) -> tuple[Party, ...]:
    """Parse ``Name | City, State | Country; …`` into parties.

    >>> parse_parties("Acme | Shenzhen, Guangdong | China", PartyRole.RESPONDENT, "r")[0].country
    'China'
    """
    parties: list[Party] = []
    for entry in (part for part in value.split("; ") if part.strip()):
        pieces = entry.split("|")
        if len(pieces) != 3 or not pieces[0].strip():
            raise fv.RowProblem(field, f"{entry!r} is not 'Name | City, State | Country'")
        parties.append(Party(role=role, name=pieces[0].strip(), country=fv.country(pieces[2])))
    return tuple(parties)


def parse_determination(row: Mapping[str, str]) -> Determination:
    """Parse one ``determinations.csv`` row (dates given only as a year or month stay unknown)."""
    number, _ = fv.investigation_number(row.get("inv_no"), "inv_no")
    text = row.get("outcome", "")
    day = _full_date(row.get("release_date", ""), "release_date")
    return Determination(number, day, determination_text_outcome(text), _orders(row, day), text)


def determination_text_outcome(text: str) -> Outcome:
    """Read an outcome sentence of ``determinations.csv``.

    >>> determination_text_outcome("violation (23 defaulting respondents)")
    <Outcome.DEFAULT: 'default'>
    >>> determination_text_outcome("terminated (complaint withdrawn)")
    <Outcome.WITHDRAWN: 'withdrawn'>
    """
    folded = text.casefold()
    decided = determination_outcome(folded.split(";")[0])
    if decided is Outcome.VIOLATION and "default" in folded:
        return Outcome.DEFAULT
    if decided is not None:
        return decided
    for needle, outcome in (
        ("consent order", Outcome.SETTLED),
        ("settle", Outcome.SETTLED),
        ("withdrawn", Outcome.WITHDRAWN),
    ):
        if needle in folded:
            return outcome
    return Outcome.TERMINATED_OTHER if "terminated" in folded else Outcome.UNKNOWN


def parse_institution(
    row: Mapping[str, str], position: int, determination: Determination | None
) -> Investigation:
    """Parse one ``institutions.csv`` row, with its determination when there is one."""
    number, _ = fv.investigation_number(row.get("inv_no"), "inv_no")
    completeness = _completeness(row.get("respondents_complete", ""))
    parties = parse_parties(
        row.get("complainants", ""), PartyRole.COMPLAINANT, "complainants"
    ) + parse_parties(row.get("respondents", ""), PartyRole.RESPONDENT, "respondents")
    decided = determination.day if determination else None
    outcome = determination.outcome if determination else Outcome.UNKNOWN
    dates = InvestigationDates(
        complaint_filed=_full_date(row.get("complaint_filed", ""), "complaint_filed"),
        instituted=_full_date(row.get("release_date", ""), "release_date"),
        final_determination=decided if outcome in _DETERMINED else None,
        terminated=decided if outcome is not Outcome.UNKNOWN else None,
    )
    return Investigation(
        number=number,
        kind=RecordKind.INVESTIGATION,
        source=DataSource.SHIPPED,
        layout=FeedLayout.SHIPPED_CSV,
        outcome=outcome,
        title=row.get("product") or None,
        determination=determination.text if determination else None,
        dates=dates,
        parties=parties,
        respondents_complete=completeness,
        stated_respondents=_stated_counts(row, completeness, parties),
        stated_year=fv.integer(row.get("year"), "year"),
        ip_rights=_ip_rights(row.get("ip_type", "")),
        unfair_acts=tuple(
            part.strip() for part in row.get("ip_type", "").split(";") if part.strip()
        ),
        orders=determination.orders if determination else (),
        raw_rows=(RawRow(FeedLayout.SHIPPED_CSV, position, dict(row)),),
    )


_DETERMINED = (Outcome.VIOLATION, Outcome.NO_VIOLATION, Outcome.DEFAULT)


def latest_determinations(
    rows: Sequence[Mapping[str, str]],
) -> tuple[dict[str, Determination], list[RecordError]]:
    """Return the latest determination per number, and the rows that could not be read."""
    latest: dict[str, Determination] = {}
    errors: list[RecordError] = []
    for position, row in enumerate(rows, start=1):
        try:
            found = parse_determination(row)
        except fv.RowProblem as problem:
            errors.append(RecordError(position, problem.field, problem.reason))
            continue
        known = latest.get(found.number)
        if known is None or (found.day or date.min) >= (known.day or date.min):
            latest[found.number] = found
    return latest, errors


def _full_date(value: str, field: str) -> date | None:
    """Return a full ``YYYY-MM-DD`` date; a year or year-month alone is left unknown."""
    if re.fullmatch(r"\d{4}(-\d{2})?", value.strip()):
        return None
    return fv.feed_date(value, field)


def _completeness(value: str) -> Completeness:
    try:
        return Completeness(value.strip() or "none")
    except ValueError:
        raise fv.RowProblem(
            "respondents_complete", f"{value!r} is not one of yes, counts_only, partial, none"
        ) from None


def _stated_counts(
    row: Mapping[str, str], completeness: Completeness, parties: tuple[Party, ...]
) -> tuple[tuple[str, int], ...]:
    """Respondent counts by country for ``counts_only`` records (names are incomplete)."""
    if completeness is not Completeness.COUNTS_ONLY:
        return ()
    total = fv.integer(row.get("n_respondents"), "n_respondents")
    if total is None:
        raise fv.RowProblem("n_respondents", "counts_only needs the number of respondents")
    counts = [(place, fv.integer(row.get(field), field) or 0) for field, place in _STATED_COUNTRIES]
    rest = total - sum(count for _, count in counts)
    if rest < 0:
        raise fv.RowProblem("n_respondents", f"{total} is less than the respondents by country")
    return tuple((place, count) for place, count in [*counts, ("unknown", rest)] if count)


def _ip_rights(value: str) -> tuple[IpRight, ...]:
    kinds: list[str] = []
    for part in (piece.strip().casefold() for piece in value.split(";")):
        for needle, kind in (
            ("patent", "Patent"),
            ("trademark", "Trademark"),
            ("copyright", "Copyright"),
            ("trade secret", "Trade secret"),
        ):
            if needle in part and kind not in kinds:
                kinds.append(kind)
    return tuple(IpRight(kind=kind) for kind in kinds)


def _orders(row: Mapping[str, str], day: date | None) -> tuple[RemedialOrder, ...]:
    text = row.get("orders", "")
    return tuple(
        RemedialOrder(order_type=OrderType(code), title=text, issued=day)
        for code in dict.fromkeys(_ORDER.findall(text))
    )
