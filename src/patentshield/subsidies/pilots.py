"""Pilot regions and milestones of China's patent-insurance programme, as sourced data.

``data/pilots.yaml`` lists each **pilot** (a batch of pilot regions named by one decision: the
national batches of 2012 and 2016, the Guangdong cities, local pilots such as Foshan
Chancheng's), with its level, year, the number of regions the source counts and every region
the sources name, and the programme's **milestones** (the 2008 IP Strategy Outline, the 2011
opinions on science-and-technology finance, the SIPO–PICC agreement of 2014, the reach at the
end of 2022, …). Every entry cites its sources (DOMAIN.md tags, or ``He §2`` for the article
this project implements) and a confidence flag (V, S, U, D or J).

A region is given by its 6-digit administrative division code and must be in the shipped
region table (``enterprises/data/regions.csv``), which gives its official name and province;
regions a source counts but does not name are kept as a count (``unnamed``). :class:`Pilots`
answers the administration's two questions, *when* (:meth:`Pilots.timeline`) and *where*
(:meth:`Pilots.by_province`). The file is validated as a whole (every error collected, each
with its path) and read once per process, when first asked for — never at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from patentshield.catalog.records import SourceRecord, validation_errors
from patentshield.enterprises.regions import resolve_region
from patentshield.kernel.errors import ExternalDataError, InvalidInput, InvalidRecords, RecordError
from patentshield.subsidies.model import Confidence, Source

SHIPPED = "pilots.yaml"


class PilotLevel(StrEnum):
    """Who named the pilot regions."""

    NATIONAL = "national"  # SIPO / CNIPA
    PROVINCIAL = "provincial"  # a province or a municipality directly under the State Council
    LOCAL = "local"  # a city or a district


@dataclass(frozen=True, slots=True)
class PilotRegion:
    """A named pilot region: its division code, official names and province.

    ``place`` is the name the source uses when it is not the division's (Zhongguancun lies in
    Haidian, 110108).
    """

    code: str
    name: str
    name_zh: str
    province_code: str
    province: str
    place: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        """Return the region as the source names it (its division's name unless ``place``)."""
        return self.place or self.name


@dataclass(frozen=True, slots=True)
class Pilot:
    """A batch of pilot regions: ``size`` regions counted by the source, ``regions`` named."""

    id: str
    name: str
    name_zh: str
    level: PilotLevel
    year: int
    until: int | None
    size: int | None
    unit: str
    regions: tuple[PilotRegion, ...]
    sources: tuple[Source, ...]
    confidence: Confidence
    notes: tuple[str, ...] = ()

    @property
    def unnamed(self) -> int | None:
        """Return how many regions of the batch no source names (``None``: not counted)."""
        return None if self.size is None else self.size - len(self.regions)


@dataclass(frozen=True, slots=True)
class Milestone:
    """A dated event of the programme; ``when`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

    when: str
    title: str
    title_zh: str
    region_code: str | None
    sources: tuple[Source, ...]
    confidence: Confidence
    note: str = ""


@dataclass(frozen=True, slots=True)
class ProvinceSummary:
    """The pilot regions of one province: how many, and in which pilots and years."""

    code: str
    name: str
    regions: tuple[PilotRegion, ...]
    pilots: tuple[str, ...]
    first_year: int


@dataclass(frozen=True, slots=True)
class Pilots:
    """Every pilot and milestone of one file, in file order."""

    pilots: tuple[Pilot, ...]
    milestones: tuple[Milestone, ...]
    source: str = SHIPPED

    @classmethod
    def shipped(cls) -> Pilots:
        """Return the pilots shipped with the package (parsed once per process)."""
        return _shipped()

    def timeline(self) -> list[tuple[str, str]]:
        """Return ``(when, what)`` for every pilot and milestone, oldest first."""
        events = [(str(p.year), f"pilot: {p.name}") for p in self.pilots]
        events += [(m.when, m.title) for m in self.milestones]
        return sorted(events, key=lambda event: event[0])

    def by_province(self) -> list[ProvinceSummary]:
        """Return the named pilot regions grouped by province, by province code."""
        grouped: dict[str, list[tuple[Pilot, PilotRegion]]] = {}
        for pilot in self.pilots:
            for region in pilot.regions:
                grouped.setdefault(region.province_code, []).append((pilot, region))
        return [_province(code, grouped[code]) for code in sorted(grouped)]


def _province(code: str, entries: list[tuple[Pilot, PilotRegion]]) -> ProvinceSummary:
    regions = tuple(dict.fromkeys(region for _pilot, region in entries))
    return ProvinceSummary(
        code=code,
        name=entries[0][1].province,
        regions=regions,
        pilots=tuple(dict.fromkeys(pilot.id for pilot, _region in entries)),
        first_year=min(pilot.year for pilot, _region in entries),
    )


# --- the file ------------------------------------------------------------------------------

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Code = Annotated[str, StringConstraints(pattern=r"^[1-9]\d{5}$")]
When = Annotated[str, StringConstraints(pattern=r"^(19|20)\d\d(-(0[1-9]|1[0-2])(-\d\d)?)?$")]
Year = Annotated[int, Field(ge=1980, le=2100)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RegionRecord(_Record):
    """A named region: ``{code, place?, place_zh?, note?}``."""

    code: Code
    place: str = ""
    note: str = ""


class PilotRecord(_Record):
    """One pilot as written in the file."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    name: Text
    name_zh: Text
    level: PilotLevel
    year: Year
    until: Year | None = None
    size: int | None = Field(default=None, ge=1)
    unit: Text = "regions"
    regions: list[RegionRecord] = Field(min_length=1)
    confidence: Confidence
    sources: list[SourceRecord] = Field(min_length=1)
    notes: list[Text] = Field(default_factory=list)


class MilestoneRecord(_Record):
    """One milestone as written in the file."""

    when: When
    title: Text
    title_zh: str = ""
    region_code: Code | None = None
    confidence: Confidence
    sources: list[SourceRecord] = Field(min_length=1)
    note: str = ""


class PilotsFileRecord(_Record):
    """The whole file: pilots and milestones."""

    pilots: list[PilotRecord] = Field(min_length=1)
    milestones: list[MilestoneRecord] = Field(default_factory=list)


def _sources(records: list[SourceRecord]) -> tuple[Source, ...]:
    return tuple(Source(s.ref, s.url or "", s.note) for s in records)


def _region(record: RegionRecord, where: str, errors: list[RecordError]) -> PilotRegion | None:
    try:
        region = resolve_region(record.code, field="code")
    except InvalidInput as error:
        errors.append(RecordError(where, "code", error.reason))
        return None
    province = region.province
    if not region.is_listed or province is None:
        errors.append(RecordError(where, "code", f"{record.code} is not in the region table"))
        return None
    division = region.divisions[-1]
    return PilotRegion(
        code=record.code,
        name=division.name,
        name_zh=division.name_zh,
        province_code=province.code,
        province=province.name,
        place=record.place,
        note=record.note,
    )


def _pilot(record: PilotRecord, errors: list[RecordError]) -> Pilot:
    found = [_region(r, f"{record.id}.regions[{i}]", errors) for i, r in enumerate(record.regions)]
    regions = tuple(region for region in found if region is not None)
    if record.size is not None and record.size < len(record.regions):
        errors.append(RecordError(record.id, "size", "fewer regions than the sources name"))
    if record.until is not None and record.until < record.year:
        errors.append(RecordError(record.id, "until", f"{record.until} is before {record.year}"))
    return Pilot(
        id=record.id,
        name=record.name,
        name_zh=record.name_zh,
        level=record.level,
        year=record.year,
        until=record.until,
        size=record.size,
        unit=record.unit,
        regions=regions,
        sources=_sources(record.sources),
        confidence=record.confidence,
        notes=tuple(record.notes),
    )


def _milestone(record: MilestoneRecord, index: int, errors: list[RecordError]) -> Milestone:
    if record.region_code is not None:
        _region(RegionRecord(code=record.region_code), f"milestones[{index}]", errors)
    return Milestone(
        when=record.when,
        title=record.title,
        title_zh=record.title_zh,
        region_code=record.region_code,
        sources=_sources(record.sources),
        confidence=record.confidence,
        note=record.note,
    )


def parse_pilots(document: object, source: str) -> Pilots:
    """Return the pilots and milestones of a parsed YAML ``document``.

    Raises
    ------
    InvalidRecords
        Listing every problem found, each with its path (``pilots[2].regions[0].code``).
    """
    try:
        record = PilotsFileRecord.model_validate(document)
    except ValidationError as error:
        raise InvalidRecords(source, validation_errors("file", error)) from None
    problems: list[RecordError] = []
    pilots = tuple(_pilot(item, problems) for item in record.pilots)
    milestones = tuple(_milestone(m, i, problems) for i, m in enumerate(record.milestones))
    ids = [pilot.id for pilot in pilots]
    problems += [
        RecordError(i, "id", "given twice") for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
    if problems:
        raise InvalidRecords(source, problems)
    return Pilots(pilots, milestones, source)


@lru_cache(maxsize=1)
def _shipped() -> Pilots:
    text = resources.files("patentshield.subsidies").joinpath("data", SHIPPED).read_text("utf-8")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:  # pragma: no cover - a packaging mistake
        raise ExternalDataError(f"{SHIPPED} is not valid YAML: {error}") from None
    return parse_pilots(document, SHIPPED)
