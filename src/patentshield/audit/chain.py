"""The audit chain: entries, their canonical form, their hashes and the check of a whole chain.

Each entry records one insert, update or delete: when (UTC), who (a user's email or
``cli:<os user>``), for which organisation, what (action, object type and id) and the
SHA-256 digest of the changed column values in canonical JSON (keys sorted, no spaces,
UTF-8). Its hash is the SHA-256 of the canonical JSON of all those fields and of the previous
entry's hash, so changing, deleting or inserting an entry breaks every hash after it; the chain
head (last sequence and hash, kept in its own row) catches a deleted or added last entry.

This module is pure: it imports no framework and reads no clock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum, StrEnum

GENESIS = "0" * 64
"""The "previous hash" of the first entry."""


class Action(StrEnum):
    """What a change did to a row."""

    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


class Problem(StrEnum):
    """How a chain was found broken."""

    CHANGED = "changed"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True, slots=True)
class Change:
    """One change, before it takes its place in the chain."""

    at: datetime
    actor: str
    organisation_id: str | None
    action: Action
    object_type: str
    object_id: str
    digest: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the chain."""

    sequence: int
    change: Change
    previous: str
    hash: str


@dataclass(frozen=True, slots=True)
class Head:
    """The last sequence number and hash of the chain, as its head row records them."""

    sequence: int
    hash: str


@dataclass(frozen=True, slots=True)
class Breach:
    """The first place a chain is broken."""

    sequence: int
    problem: Problem
    detail: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of checking a chain: how many entries, and the first breach if any."""

    count: int
    head: Head
    breach: Breach | None

    @property
    def is_intact(self) -> bool:
        """Tell whether no entry was changed, deleted or inserted."""
        return self.breach is None


def canonical_value(value: object) -> object:
    """Return ``value`` as plain JSON: decimals and dates as strings, enums as their value."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Enum):
        return canonical_value(value.value)
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    if isinstance(value, date | Decimal):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Mapping):
        return {str(key): canonical_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [canonical_value(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    return repr(value)  # floats and anything else: their exact representation


def canonical_json(value: object) -> str:
    """Return the canonical JSON of ``value``: sorted keys, no spaces, non-ASCII kept.

    >>> canonical_json({"b": Decimal("1.50"), "a": date(2026, 3, 1)})
    '{"a":"2026-03-01","b":"1.50"}'
    """
    return json.dumps(
        canonical_value(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def change_digest(values: Mapping[str, object]) -> str:
    """Return the SHA-256 (hex) of the canonical JSON of changed column values."""
    return hashlib.sha256(canonical_json(values).encode("utf-8")).hexdigest()


def entry_hash(sequence: int, change: Change, previous: str) -> str:
    """Return the hash of an entry: SHA-256 of the canonical JSON of its fields and ``previous``."""
    fields = [
        sequence,
        canonical_value(change.at),
        change.actor,
        change.organisation_id,
        change.action.value,
        change.object_type,
        change.object_id,
        change.digest,
        previous,
    ]
    return hashlib.sha256(canonical_json(fields).encode("utf-8")).hexdigest()


def chained(changes: Iterable[Change], head: Head) -> list[Entry]:
    """Return ``changes`` as entries that continue the chain after ``head``."""
    entries: list[Entry] = []
    sequence, previous = head.sequence, head.hash
    for change in changes:
        sequence += 1
        digest = entry_hash(sequence, change, previous)
        entries.append(Entry(sequence, change, previous, digest))
        previous = digest
    return entries


def verify(entries: Iterable[Entry], head: Head) -> ChainReport:
    """Check entries in order of sequence against each other and against the head.

    The first breach found is reported: an entry whose hash does not match its content (or
    whose previous hash is not its predecessor's) was **changed**; a missing sequence number
    was **deleted**; an entry with a number out of order or after the head was **inserted**.
    """
    expected, previous, count = 1, GENESIS, 0
    for entry in entries:
        count += 1
        breach = _breach(entry, expected, previous, head)
        if breach is not None:
            return ChainReport(count, head, breach)
        expected, previous = entry.sequence + 1, entry.hash
    if expected - 1 < head.sequence:
        detail = f"the chain head records {head.sequence} entries, the log ends at {expected - 1}"
        return ChainReport(count, head, Breach(expected, Problem.DELETED, detail))
    if previous != head.hash:
        detail = "the last entry's hash is not the one the chain head records"
        return ChainReport(count, head, Breach(expected - 1, Problem.CHANGED, detail))
    return ChainReport(count, head, None)


def _breach(entry: Entry, expected: int, previous: str, head: Head) -> Breach | None:
    if entry.sequence < expected or entry.sequence > head.sequence:
        detail = f"entry {entry.sequence} is not in the chain (expected {expected})"
        return Breach(entry.sequence, Problem.INSERTED, detail)
    if entry.sequence > expected:
        detail = f"entry {expected} is missing (the next is {entry.sequence})"
        return Breach(expected, Problem.DELETED, detail)
    if entry.hash != entry_hash(entry.sequence, entry.change, entry.previous):
        return Breach(entry.sequence, Problem.CHANGED, "its content does not match its hash")
    if entry.previous != previous:
        detail = "its previous hash is not the hash of the entry before it"
        return Breach(entry.sequence, Problem.CHANGED, detail)
    return None
