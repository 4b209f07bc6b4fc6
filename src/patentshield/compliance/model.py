"""Watch lists and alerts of the compliance watch.

A :class:`WatchList` names what an enterprise watches among US patents: assignees (a name
contained in the patent's assignee, case folded), CPC classes (a prefix of a CPC group:
``H01L33``, ``G06F3/048``) and keywords (a word of the title). :func:`watch_hits` says which
of them a patent meets. An :class:`Alert` is one thing the watch found for an enterprise — an
investigation, a docketed complaint or a watched patent — recorded the first time a run sees
it; later runs do not repeat it.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from patentshield.compliance.patents import UsPatent
from patentshield.compliance.words import words
from patentshield.kernel.errors import InvalidInput

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_CPC_PREFIX = re.compile(r"^[A-HY](\d{2}([A-Z](\d{1,4}(/\d{0,6})?)?)?)?$")
MAX_ENTRIES = 200
"""Most assignees, CPC classes or keywords one watch list may hold."""


class AlertKind(StrEnum):
    """What an alert is about."""

    INVESTIGATION = "investigation"
    COMPLAINT = "complaint"
    PATENT = "patent"


@dataclass(frozen=True, slots=True)
class WatchList:
    """What an enterprise watches among US patents: assignees, CPC classes, keywords."""

    id: str
    enterprise_id: str
    assignees: tuple[str, ...] = ()
    cpc: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _SLUG.match(self.id):
            raise InvalidInput("id", f"{self.id!r} is not a slug (a-z, 0-9, -; up to 64)")
        if not (self.assignees or self.cpc or self.keywords):
            raise InvalidInput("watch list", "name at least one assignee, CPC class or keyword")
        for name, entries in (("assignee", self.assignees), ("cpc", self.cpc)):
            if len(entries) > MAX_ENTRIES:
                raise InvalidInput(name, f"at most {MAX_ENTRIES} entries")
        if len(self.keywords) > MAX_ENTRIES:
            raise InvalidInput("keyword", f"at most {MAX_ENTRIES} entries")
        for prefix in self.cpc:
            if not _CPC_PREFIX.match(prefix):
                raise InvalidInput("cpc", f"{prefix!r} is not a CPC class prefix like H01L33")
        for name, entries in (("assignee", self.assignees), ("keyword", self.keywords)):
            if any(not entry.strip() for entry in entries):
                raise InvalidInput(name, "an entry is empty")


def watch_hits(watch_list: WatchList, patent: UsPatent) -> tuple[str, ...]:
    """Return why ``patent`` is on ``watch_list`` (empty when it is not).

    >>> p = UsPatent("7479949", "utility", "Touch screen device", date(2009, 1, 20),
    ...              assignees=("Apple Inc.",), cpc=("G06F3/04883",))
    >>> watch_hits(WatchList("w", "e", assignees=("apple",), cpc=("G06F3",)), p)
    ('assignee: Apple Inc.', 'CPC: G06F3/04883')
    """
    hits: list[str] = []
    owners = [owner for owner in patent.assignees if _names(watch_list.assignees, owner)]
    hits.extend(f"assignee: {owner}" for owner in owners)
    hits.extend(
        f"CPC: {group}"
        for group in patent.cpc
        if any(group.startswith(prefix) for prefix in watch_list.cpc)
    )
    title = {word.stem for word in words(patent.title)}
    hits.extend(
        f"keyword: {keyword}"
        for keyword in watch_list.keywords
        if {word.stem for word in words(keyword)} and {w.stem for w in words(keyword)} <= title
    )
    return tuple(hits)


def _names(wanted: tuple[str, ...], owner: str) -> bool:
    folded = owner.casefold()
    return any(name.casefold().strip() in folded for name in wanted)


@dataclass(frozen=True, slots=True)
class Alert:
    """Something the watch found for an enterprise's product, first seen by run ``run_id``."""

    enterprise_id: str
    product: str
    kind: AlertKind
    subject: str
    title: str
    score: float
    reasons: tuple[str, ...]
    run_id: int
    created_at: datetime
    expires: date | None = None
