"""The evidence vault on disk: files stored by their SHA-256, written atomically, read-only.

A file is streamed into a temporary file in the vault (hashing as it goes), flushed to disk,
made read-only and renamed to ``<root>/<first two hex digits>/<sha256>``: a reader never sees a
half-written file, and adding the same content twice stores it once. :func:`check` recomputes a
stored file's hash, so any change made behind the vault's back (or a deleted file) is found.

This module reads and writes files under the vault root only; it knows no database.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

CHUNK = 1 << 20
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


class FileState(StrEnum):
    """What :func:`check` found for a stored file."""

    INTACT = "intact"
    ALTERED = "altered"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Stored:
    """A file in the vault: its hash and size."""

    sha256: str
    size: int


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of the file at ``path``."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def path_of(root: Path, sha256: str) -> Path:
    """Return where the vault keeps the content with this hash."""
    return root / sha256[:2] / sha256


def put(root: Path, source: Path) -> Stored:
    """Store the content of ``source`` in the vault and return its hash and size."""
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    descriptor, temporary = tempfile.mkstemp(dir=root, prefix=".incoming-")
    try:
        with os.fdopen(descriptor, "wb") as target, source.open("rb") as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
            target.flush()
            os.fsync(target.fileno())
        sha = digest.hexdigest()
        final = path_of(root, sha)
        if final.exists() and check(root, sha) is FileState.INTACT:
            os.unlink(temporary)
            return Stored(sha, size)
        final.parent.mkdir(exist_ok=True)
        os.chmod(temporary, READ_ONLY)
        if final.exists():  # an altered copy: replace it with the right content
            os.chmod(final, stat.S_IWUSR | READ_ONLY)
        os.replace(temporary, final)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return Stored(sha, size)


def check(root: Path, sha256: str) -> FileState:
    """Recompute the hash of a stored file and say whether it is intact."""
    path = path_of(root, sha256)
    if not path.is_file():
        return FileState.MISSING
    return FileState.INTACT if sha256_of(path) == sha256 else FileState.ALTERED
