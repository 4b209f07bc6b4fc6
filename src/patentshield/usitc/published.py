"""Load the reference data shipped in ``usitc/data/`` (provenance in ``data/PROVENANCE.md``).

* :func:`shipped_investigations` — the sample of instituted investigations
  (``institutions.csv``) with their announced outcomes (``determinations.csv``), as
  :class:`~patentshield.usitc.records.Investigation` records with source ``shipped``;
* :func:`published_figures` — the published yearly aggregates (``published_stats.csv``);
* :func:`domain_figures` — the DOMAIN.md figures the calibration uses (``domain_figures.csv``).

Files are read through :mod:`importlib.resources`, so an installed wheel works offline, and
only when first asked for (then cached). A malformed shipped file is a packaging mistake and
raises :class:`~patentshield.kernel.errors.ExternalDataError` listing every bad row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from patentshield.kernel.errors import ExternalDataError, RecordError
from patentshield.usitc.feed_values import RowProblem
from patentshield.usitc.parse_shipped import latest_determinations, parse_institution
from patentshield.usitc.records import Investigation


@dataclass(frozen=True, slots=True)
class PublishedFigure:
    """One published aggregate: a metric for a year on a counting basis, with its source."""

    year: int
    basis: str
    metric: str
    value: float
    unit: str
    source: str
    note: str


@dataclass(frozen=True, slots=True)
class DomainFigure:
    """One figure of DOMAIN.md with its unit, sample size, period, tag and source URL."""

    key: str
    value: float
    unit: str
    n: int | None
    period: str
    tag: str
    url: str
    note: str

    def source(self) -> str:
        """Return ``"tag URL"`` for parameter files and documents (the article has no URL)."""
        return f"{self.tag} {self.url}".strip()


def read_rows(name: str) -> list[dict[str, str]]:
    """Return the rows of the shipped CSV file ``name`` (blank cells as empty strings)."""
    text = resources.files("patentshield.usitc").joinpath("data", name).read_text("utf-8")
    return [
        {key: (value or "").strip() for key, value in row.items() if key is not None}
        for row in csv.DictReader(io.StringIO(text))
    ]


@lru_cache(maxsize=1)
def shipped_investigations() -> tuple[Investigation, ...]:
    """Return the shipped sample of instituted investigations, with announced outcomes."""
    determinations, errors = latest_determinations(read_rows("determinations.csv"))
    _refuse("determinations.csv", errors)
    records: list[Investigation] = []
    for position, row in enumerate(read_rows("institutions.csv"), start=1):
        try:
            number = row.get("inv_no", "")
            records.append(parse_institution(row, position, determinations.get(number)))
        except RowProblem as problem:
            errors.append(RecordError(position, problem.field, problem.reason))
    _refuse("institutions.csv", errors)
    return tuple(records)


@lru_cache(maxsize=1)
def published_figures() -> tuple[PublishedFigure, ...]:
    """Return the published yearly aggregates, in file order."""
    figures: list[PublishedFigure] = []
    errors: list[RecordError] = []
    for position, row in enumerate(read_rows("published_stats.csv"), start=1):
        try:
            figures.append(
                PublishedFigure(
                    int(row["year"]),
                    row["basis"],
                    row["metric"],
                    float(row["value"]),
                    row["unit"],
                    row["source"],
                    row.get("note", ""),
                )
            )
        except (KeyError, ValueError) as error:
            errors.append(RecordError(position, "row", f"unreadable ({error})"))
    _refuse("published_stats.csv", errors)
    return tuple(figures)


@lru_cache(maxsize=1)
def domain_figures() -> tuple[DomainFigure, ...]:
    """Return the DOMAIN.md figures shipped for the calibration, in file order."""
    figures: list[DomainFigure] = []
    errors: list[RecordError] = []
    for position, row in enumerate(read_rows("domain_figures.csv"), start=1):
        try:
            figures.append(
                DomainFigure(
                    row["key"],
                    float(row["value"]),
                    row["unit"],
                    int(row["n"]) if row["n"] else None,
                    row["period"],
                    row["tag"],
                    row["url"],
                    row.get("note", ""),
                )
            )
        except (KeyError, ValueError) as error:
            errors.append(RecordError(position, "row", f"unreadable ({error})"))
    _refuse("domain_figures.csv", errors)
    return tuple(figures)


def domain_series(key: str) -> tuple[DomainFigure, ...]:
    """Return every shipped DOMAIN.md figure named ``key`` (a yearly series has several)."""
    series = tuple(figure for figure in domain_figures() if figure.key == key)
    if not series:
        raise ExternalDataError(f"data/domain_figures.csv has no figure {key!r}", field=key)
    return series


def domain_figure(key: str) -> DomainFigure:
    """Return the single shipped DOMAIN.md figure named ``key``."""
    return domain_series(key)[0]


def published_series(metric: str, basis: str | None = None) -> tuple[PublishedFigure, ...]:
    """Return the published figures of ``metric`` (on ``basis`` when given), oldest first."""
    chosen = [
        figure
        for figure in published_figures()
        if figure.metric == metric and (basis is None or figure.basis == basis)
    ]
    return tuple(sorted(chosen, key=lambda figure: figure.year))


def _refuse(name: str, errors: list[RecordError]) -> None:
    if errors:
        listed = "; ".join(str(error) for error in errors)
        raise ExternalDataError(f"shipped data/{name} is malformed: {listed}", field=name)
