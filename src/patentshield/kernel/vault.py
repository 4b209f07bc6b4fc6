"""The evidence vault on disk: files stored by their SHA-256, written atomically, read-only.

A file is streamed into a temporary file in the vault (hashing as it goes), flushed to disk,
made read-only and renamed to ``<root>/<first two hex digits>/<sha256>``: a reader never sees a
half-written file, and adding the same content twice stores it once. Only a **regular file** is
taken, opened without blocking and checked on its descriptor (a FIFO, ``/dev/zero``, a folder
are refused), and it must yield the size it states (``/proc/self/environ`` states 0); the
source's size is bounded. :func:`check` recomputes a stored file's hash and size, so any change
made behind the vault's back (or a deleted file) is found; :func:`discard` removes a file this
process just stored when the record that was to reference it was not written.

The vault lives in the settings' home (``PATENTSHIELD_HOME/evidence``, :func:`vault_root`). It
holds a case's evidence (:mod:`patentshield.cases.evidence`) and the freedom-to-operate opinions
an exporter files before any case (:mod:`patentshield.compliance.programme_service`), so it sits
in the kernel, below both. This module reads and writes files under the vault root only; it
knows no database.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from patentshield.kernel.config import Settings
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.inputs import open_regular, refuse_size_change

CHUNK = 1 << 20
_SHA256_NAME = re.compile(r"[0-9a-f]{64}")
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
MAX_EVIDENCE_BYTES = 4 * 1024**3
"""Largest evidence file taken (4 GiB; a case's documents are far smaller)."""


class FileState(StrEnum):
    """What a check found: the file (intact, altered, missing) or its database record altered."""

    INTACT = "intact"
    ALTERED = "altered"
    MISSING = "missing"
    RECORD_ALTERED = "record_altered"


@dataclass(frozen=True, slots=True)
class Stored:
    """A file in the vault: its hash and size, and whether the call that stored it wrote it."""

    sha256: str
    size: int
    created: bool = False


def vault_root(settings: Settings) -> Path:
    """Return the folder of the evidence vault: ``evidence`` in the settings' home."""
    return settings.home / "evidence"


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of the file at ``path``."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def stored_files(root: Path) -> list[Path]:
    """Return every file the vault holds under its content's name, in name order."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("*/*") if p.is_file() and _SHA256_NAME.fullmatch(p.name))


def path_of(root: Path, sha256: str) -> Path:
    """Return where the vault keeps the content with this hash."""
    return root / sha256[:2] / sha256


def put(root: Path, source: Path, *, field: str = "file") -> Stored:
    """Store the content of the regular file ``source`` in the vault; return its hash and size.

    ``Stored.created`` tells whether this call wrote the file (it was not in the vault).

    Raises
    ------
    InvalidInput
        When ``source`` is missing, not a regular file, larger than the limit, or changed
        size while it was read.
    """
    descriptor, stated = open_regular(source, field)
    with os.fdopen(descriptor, "rb") as handle:
        if stated > MAX_EVIDENCE_BYTES:
            raise InvalidInput(field, f"{source} is larger than {MAX_EVIDENCE_BYTES:,} bytes")
        root.mkdir(parents=True, exist_ok=True)
        return _store(root, handle, source=source, stated=stated, field=field)


def _store(root: Path, handle: BinaryIO, *, source: Path, stated: int, field: str) -> Stored:
    digest = hashlib.sha256()
    size = 0
    descriptor, temporary = tempfile.mkstemp(dir=root, prefix=".incoming-")
    try:
        with os.fdopen(descriptor, "wb") as target:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
                if size > stated:
                    break
                target.write(chunk)
            target.flush()
            os.fsync(target.fileno())
        refuse_size_change(source, field, stated=stated, read=size)
        sha = digest.hexdigest()
        final = path_of(root, sha)
        if final.exists() and check(root, sha, size) is FileState.INTACT:
            os.unlink(temporary)
            return Stored(sha, size, created=False)
        final.parent.mkdir(exist_ok=True)
        os.chmod(temporary, READ_ONLY)
        if final.exists():  # an altered copy: replace it with the right content
            os.chmod(final, stat.S_IWUSR | READ_ONLY)
        os.replace(temporary, final)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return Stored(sha, size, created=True)


def discard(root: Path, stored: Stored) -> None:
    """Remove a file that :func:`put` created, when no record came to reference it."""
    if stored.created:
        path_of(root, stored.sha256).unlink(missing_ok=True)


def check(root: Path, sha256: str, size: int | None = None) -> FileState:
    """Recompute the hash (and compare the size, when given) of a stored file.

    ``INTACT`` only when the file's content hashes to its name and, if ``size`` is given, has
    that many bytes: the record's size is checked against the file as well as its hash.
    """
    path = path_of(root, sha256)
    if not path.is_file():
        return FileState.MISSING
    if size is not None and path.stat().st_size != size:
        return FileState.ALTERED
    return FileState.INTACT if sha256_of(path) == sha256 else FileState.ALTERED
