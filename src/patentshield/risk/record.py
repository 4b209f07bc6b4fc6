"""The published record the model's implied figures are set beside, with ranges and sources.

Each :class:`RecordFigure` is one figure of the record (``risk/data/record.yaml``): its stable
key, the published value, the range of the record where it gives one, the unit, tag and
source. :class:`PublishedRecord` is the reference data of the runtime
(``runtime.reference.get(PublishedRecord)``).

This module is pure: it works on documents already read (see ``risk/data_files.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from patentshield.kernel.errors import ExternalDataError


@dataclass(frozen=True, slots=True)
class RecordFigure:
    """One published figure, and the range of the record (``low``–``high``) when it gives one.

    With ``per_investigation`` the range is per instituted investigation and
    :meth:`range_for` scales it to a year.
    """

    key: str
    figure: str
    value: float
    unit: str
    tag: str
    source: str
    low: float | None = None
    high: float | None = None
    per_investigation: bool = False

    def range_for(self, investigations_per_year: float) -> tuple[float | None, float | None]:
        """Return the range of the record, per year when it is given per investigation."""
        if not self.per_investigation or self.low is None or self.high is None:
            return self.low, self.high
        return self.low * investigations_per_year, self.high * investigations_per_year


@dataclass(frozen=True, slots=True)
class PublishedRecord:
    """The figures of the record, by key."""

    figures: Mapping[str, RecordFigure]

    @classmethod
    def shipped(cls) -> PublishedRecord:
        """Return the shipped record (``risk/data/record.yaml``), read on first use."""
        # data_files reads package data, so it is imported here rather than at module level.
        from patentshield.risk.data_files import load_record

        return load_record()

    def __getitem__(self, key: str) -> RecordFigure:
        """Return the figure ``key``."""
        return self.figures[key]


def _number(entry: Mapping[str, object], name: str, key: str) -> float | None:
    value = entry.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ExternalDataError(f"record.yaml: {key}.{name} is not a number")
    return float(value)


def read_record(document: Mapping[str, object]) -> PublishedRecord:
    """Return the record from its parsed document (``figures: {key: {value, …}}``)."""
    entries = document.get("figures")
    if not isinstance(entries, Mapping):
        raise ExternalDataError("record.yaml has no figures")
    figures = {}
    for key, entry in entries.items():
        if not isinstance(entry, Mapping):
            raise ExternalDataError(f"record.yaml: {key} is not a mapping")
        value = _number(entry, "value", key)
        if value is None:
            raise ExternalDataError(f"record.yaml: {key} has no value")
        figures[str(key)] = RecordFigure(
            key=str(key),
            figure=str(entry.get("figure", key)),
            value=value,
            unit=str(entry.get("unit", "")),
            tag=str(entry.get("tag", "")),
            source=str(entry.get("source", "")),
            low=_number(entry, "low", key),
            high=_number(entry, "high", key),
            per_investigation=bool(entry.get("per_investigation", False)),
        )
    return PublishedRecord(figures)
