"""Verify an exported dossier: every document against the manifest it travels with.

A dossier (:mod:`patentshield.cases.dossier`) leaves the platform as one ZIP with
``manifest.json`` listing each document's path, size and SHA-256. :func:`verify_dossier` reads
the ZIP as it stands — a regular file of bounded size, members read in chunks and never past
the size the manifest states — and reports each listed document as ``intact``, ``altered``
(another size or hash) or ``missing``, and each document in the ZIP that the manifest does not
list as ``unlisted``. The platform's database is not needed: an insurer can check a dossier it
received.

This module reads the file it is given but imports no framework.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.inputs import decode_text, load_json, open_regular, stream_digest

MANIFEST = "manifest.json"
DOCUMENTS = "documents/"
MAX_DOSSIER_BYTES = 4 * 1024**3
MAX_MANIFEST_BYTES = 16 * 1024**2


class DocumentState(StrEnum):
    """What the check found for one document of a dossier."""

    INTACT = "intact"
    ALTERED = "altered"
    MISSING = "missing"
    UNLISTED = "unlisted"


@dataclass(frozen=True, slots=True)
class DocumentCheck:
    """One document: its path in the ZIP, its state, and the hashes expected and found."""

    path: str
    state: DocumentState
    expected: str | None
    found: str | None


@dataclass(frozen=True, slots=True)
class DossierReport:
    """Every document of a dossier with its state, and the case the manifest names."""

    source: str
    case: str
    documents: tuple[DocumentCheck, ...]

    @property
    def is_intact(self) -> bool:
        """Tell whether every document is listed and intact."""
        return all(d.state is DocumentState.INTACT for d in self.documents)


def _archive(handle: BinaryIO, path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(handle)
    except zipfile.BadZipFile:
        raise InvalidInput("file", f"{path} is not a ZIP dossier") from None


def _manifest(archive: zipfile.ZipFile, source: str) -> Mapping[str, object]:
    try:
        member = archive.getinfo(MANIFEST)
    except KeyError:
        raise InvalidInput("file", f"{source} has no {MANIFEST}: not a dossier") from None
    try:
        with archive.open(member) as stream:
            content = stream.read(MAX_MANIFEST_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise InvalidInput("file", f"{source}: {MANIFEST} cannot be read ({error})") from None
    if len(content) > MAX_MANIFEST_BYTES:
        raise InvalidInput("file", f"{source}: {MANIFEST} is larger than {MAX_MANIFEST_BYTES:,}")
    try:
        document = load_json(
            decode_text(content, field="file", source=MANIFEST), field="file", source=MANIFEST
        )
    except json.JSONDecodeError as error:
        raise InvalidInput("file", f"{source}: {MANIFEST} is not JSON ({error.msg})") from None
    if not isinstance(document, dict) or not isinstance(document.get("files"), list):
        raise InvalidInput("file", f"{source}: {MANIFEST} lists no files")
    return document


def _digest(archive: zipfile.ZipFile, member: zipfile.ZipInfo, size: int) -> str:
    """Return the SHA-256 of a member, reading no more than one byte past ``size``."""
    try:
        with archive.open(member) as stream:
            digest, read = stream_digest(stream, size)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        return f"unreadable ({error})"
    return digest if read <= size else "larger than listed"


def _check(archive: zipfile.ZipFile, entry: object) -> DocumentCheck:
    if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
        raise InvalidInput("file", f"{MANIFEST} lists a file without a path: {entry!r}"[:200])
    path, expected, size = entry["path"], entry.get("sha256"), entry.get("size")
    if not isinstance(expected, str) or not isinstance(size, int):
        raise InvalidInput("file", f"{MANIFEST}: {path} has no sha256 or size")
    try:
        member = archive.getinfo(path)
    except KeyError:
        return DocumentCheck(path, DocumentState.MISSING, expected, None)
    found = _digest(archive, member, size)
    state = DocumentState.INTACT if found == expected else DocumentState.ALTERED
    return DocumentCheck(path, state, expected, found)


def verify_dossier(path: Path) -> DossierReport:
    """Check every document of the dossier ZIP at ``path`` against its manifest.

    Raises
    ------
    InvalidInput
        When the file is missing, not a regular file, not a ZIP, or has no readable manifest.
    """
    descriptor, size = open_regular(path, "file")
    with os.fdopen(descriptor, "rb") as handle:
        if size > MAX_DOSSIER_BYTES:
            raise InvalidInput("file", f"{path} is larger than {MAX_DOSSIER_BYTES:,} bytes")
        return _report(_archive(handle, path), path)


def _report(opened: zipfile.ZipFile, path: Path) -> DossierReport:
    with opened as archive:
        manifest = _manifest(archive, str(path))
        entries = manifest["files"]
        assert isinstance(entries, list)
        checks = [_check(archive, entry) for entry in entries]
        listed = {check.path for check in checks}
        unlisted = [
            DocumentCheck(name, DocumentState.UNLISTED, None, None)
            for name in archive.namelist()
            if name.startswith(DOCUMENTS) and not name.endswith("/") and name not in listed
        ]
    case = manifest.get("case")
    number = case.get("number") if isinstance(case, dict) else None
    return DossierReport(str(path), str(number or "?"), tuple(checks + unlisted))
