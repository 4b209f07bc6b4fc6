"""What a calibration is built from, and the rules of where each of its values comes from.

:class:`CalibrationInputs` holds the loaded records (imported feed, shipped sample or both),
the generation date and the published figures; every calibration module reads only these, so
nothing is read inside them. Loaded data are used where they can answer (at least
:data:`MIN_SAMPLE` records, unless a module says otherwise); published aggregates fill the
rest, and each parameter's ``data`` says which.

This module is pure: no I/O, no database, no clock (the generation date is a field).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from patentshield.usitc.fits import Basis
from patentshield.usitc.published import DomainFigure, PublishedFigure
from patentshield.usitc.records import DataSource, Investigation, RecordKind

MIN_SAMPLE = 20
SHIPPED_SOURCE = (
    "patentshield/usitc/data/institutions.csv and determinations.csv: USITC news releases and "
    "Federal Register notices, one source_url per row (data/PROVENANCE.md)"
)
IMPORTED_SOURCE = (
    "USITC IDS investigations.json (https://ids.usitc.gov/investigations.json) or 337Info "
    "records, as imported (raw rows kept in usitc_raw_rows)"
)
UNPUBLISHED = "not published; load data to estimate"


@dataclass(frozen=True, slots=True)
class CalibrationInputs:
    """What the calibration is built from; nothing here is read inside this module."""

    records: Sequence[Investigation]
    selection: str
    generated_on: date
    package_version: str
    published: Sequence[PublishedFigure]
    figures: Sequence[DomainFigure]

    def investigations(self) -> list[Investigation]:
        """Return the instituted investigations (not pre-institution complaints)."""
        return [r for r in self.records if r.kind is RecordKind.INVESTIGATION]

    def imported(self) -> list[Investigation]:
        """Return the investigations read from an imported feed."""
        return [r for r in self.investigations() if r.source is DataSource.IMPORTED]

    def series(self, key: str) -> list[DomainFigure]:
        """Return the shipped DOMAIN.md figures named ``key``."""
        return [figure for figure in self.figures if figure.key == key]

    def published_series(self, metric: str) -> list[PublishedFigure]:
        """Return the published figures of ``metric``, oldest first."""
        return sorted((f for f in self.published if f.metric == metric), key=lambda f: f.year)

    def loaded(self, what: str = "") -> Basis:
        """Return the basis "the loaded investigations" (``what`` narrows it down)."""
        counts = Counter(record.source for record in self.investigations())
        parts = ", ".join(f"{count} {source.value}" for source, count in sorted(counts.items()))
        sources = [IMPORTED_SOURCE] if counts[DataSource.IMPORTED] else []
        sources += [SHIPPED_SOURCE] if counts[DataSource.SHIPPED] else []
        label = f"loaded investigations ({parts or 'none'}; --source {self.selection})"
        return Basis(f"{label}{what}", tuple(sources))


def figures_basis(data: str, figures: Sequence[DomainFigure]) -> Basis:
    """Return the basis of DOMAIN.md figures, with their tags and URLs as sources."""
    return Basis(data, tuple(dict.fromkeys(figure.source() for figure in figures)))
