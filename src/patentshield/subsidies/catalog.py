"""The subsidy programmes of a runtime: the shipped file or a user's, and finding one by day.

:class:`Programmes` holds every version of every programme of one file; :func:`find_programme`
and :func:`programmes_on` pick the version in force on a day and the programmes of a region.
The shipped file is read once per process, when first asked for — never at import time; its
records are validated by :mod:`patentshield.subsidies.programme_file`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from patentshield.kernel.errors import (
    ExternalDataError,
    InvalidInput,
    NotFound,
)
from patentshield.kernel.inputs import load_yaml, read_text
from patentshield.subsidies.model import (
    Programme,
    parse_region_code,
)
from patentshield.subsidies.programme_file import SHIPPED, parse_programmes


@dataclass(frozen=True, slots=True)
class Programmes:
    """Every version of every subsidy programme of one file, in file order."""

    entries: tuple[Programme, ...]
    source: str = SHIPPED

    @classmethod
    def shipped(cls) -> Programmes:
        """Return the programmes shipped with the package (parsed once per process)."""
        return _shipped()

    def __iter__(self) -> Iterator[Programme]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def load_programmes(path: Path | None = None) -> Programmes:
    """Return the programmes of ``path``, or those shipped with the package when ``None``."""
    if path is None:
        return _shipped()
    text = read_text(path, field="programmes")
    return Programmes(_parse_text(text, str(path)), str(path))


@lru_cache(maxsize=1)
def _shipped() -> Programmes:
    text = resources.files("patentshield.subsidies").joinpath("data", SHIPPED).read_text("utf-8")
    return Programmes(_parse_text(text, SHIPPED), SHIPPED)


def _parse_text(text: str, source: str) -> tuple[Programme, ...]:
    try:
        document = load_yaml(text, field="programmes", source=source)
    except InvalidInput as error:
        raise ExternalDataError(error.reason) from None
    return parse_programmes(document, source)


def find_programme(programme_id: str, day: date, programmes: Iterable[Programme]) -> Programme:
    """Return the version of ``programme_id`` in force on ``day`` among ``programmes``.

    When no version is in force that day, the nearest one is returned (the latest that started
    before ``day``, else the first), so that :func:`~patentshield.subsidies.evaluate.evaluate`
    reports the date check in its trace instead of failing without one.

    Raises
    ------
    NotFound
        When no programme has the id; the message lists the known ids.
    """
    known = tuple(programmes)
    versions = sorted((p for p in known if p.id == programme_id), key=lambda p: p.valid_from)
    if not versions:
        ids = ", ".join(dict.fromkeys(p.id for p in known))
        raise NotFound(f"unknown programme {programme_id!r}; known: {ids}", field="programme")
    in_force = [p for p in versions if p.is_valid_on(day)]
    started = [p for p in versions if p.valid_from <= day]
    return (in_force or started or versions[:1])[-1]


def programmes_on(
    day: date, region_code: str | None, programmes: Iterable[Programme]
) -> list[Programme]:
    """Return the programme versions of ``programmes`` in force on ``day``, within a region.

    A programme is kept when its region and ``region_code`` overlap: an applicant's 6-digit
    code finds the programmes of its district, city and province; a province code (``44``)
    finds every programme inside it; ``None`` keeps every region.
    """
    code = None if region_code is None else parse_region_code(region_code)
    return sorted(
        (p for p in programmes if p.is_valid_on(day) and (code is None or p.covers_region(code))),
        key=lambda p: (p.region_code, p.id),
    )
