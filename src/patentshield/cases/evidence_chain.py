"""The chain of a case's evidence records: each record's hash covers its fields and the last.

A file's database record says which content (SHA-256) and size the case relies on, who added
it and when. So that an edit of the record behind the application's back (a new hash, a new
size, another name) is found, each record carries ``record_hash`` = SHA-256 of the canonical
JSON (keys sorted, no spaces, UTF-8) of its fields — case, sequence, id, content hash, size,
kind, file name, who, day, time, note — and of the previous record's ``record_hash`` in the
case (64 zeros for the first). :func:`broken_links` recomputes the chain: an edited, deleted
or inserted record breaks it from there on. The file itself is checked against the record by
:func:`patentshield.kernel.vault.check` (its content hashes to the record's hash and has the
record's size): together, the record is verified against the file and the file against the
record.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC

from patentshield.cases.model import Evidence

GENESIS = "0" * 64
"""The previous hash of a case's first record."""


def record_hash(evidence: Evidence, previous: str) -> str:
    """Return the hash of ``evidence``'s record chained to ``previous``.

    >>> from datetime import date, datetime
    >>> from patentshield.cases.model import EvidenceKind
    >>> item = Evidence("ev-1", "c-1", "ab" * 32, EvidenceKind.OTHER, "a.txt", 3, "Li",
    ...                 date(2026, 4, 20), datetime(2026, 4, 20, 9, tzinfo=UTC), "", 1)
    >>> record_hash(item, GENESIS)[:12]
    'de4e8492c72c'
    """
    fields = {
        "case": evidence.case_id,
        "sequence": evidence.sequence,
        "id": evidence.id,
        "sha256": evidence.sha256,
        "size": evidence.size,
        "kind": evidence.kind.value,
        "filename": evidence.filename,
        "added_by": evidence.added_by,
        "added_on": evidence.added_on.isoformat(),
        "added_at": evidence.added_at.astimezone(UTC).isoformat(),
        "note": evidence.note,
        "previous": previous,
    }
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def broken_links(records: Sequence[Evidence]) -> set[str]:
    """Return the ids of the records whose hash does not follow from the chain before them.

    ``records`` are one case's records in sequence order. A record is broken when its stored
    hash is not the hash of its fields and its predecessor's stored hash, or when its sequence
    number is not the next one (a record deleted or inserted before it).
    """
    broken: set[str] = set()
    previous = GENESIS
    for expected, item in enumerate(records, start=1):
        if item.sequence != expected or item.record_hash != record_hash(item, previous):
            broken.add(item.id)
        previous = item.record_hash
    return broken
