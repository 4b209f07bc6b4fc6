"""The backup archive: one ZIP with a manifest, the database's dump and the vault's files.

Layout::

    manifest.json             format, version, time, backend, schema revision, package version,
                              every member's size and SHA-256, every table's rows and digest
    database.sqlite           SQLite: a copy made with SQLite's online backup API
    database.pgdump           PostgreSQL: ``pg_dump --format=custom`` of the schema
    evidence/<2 hex>/<sha256> every file of the evidence vault

:func:`write_archive` writes it through a temporary file renamed into place (never over a
device); :func:`open_archive` reads one back and checks every member against the manifest
before anything is restored, reading members in chunks (a forged size cannot exhaust memory).
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.inputs import decode_text, load_json, open_regular, stream_digest
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.outputs import atomic_output

FORMAT = "patentshield-backup"
VERSION = 1
MANIFEST = "manifest.json"
VAULT_PREFIX = "evidence/"
CHUNK = 1 << 20
MAX_MANIFEST_BYTES = 64 * 1024**2


@dataclass(frozen=True, slots=True)
class Member:
    """A file to put in the archive: its name inside, where it is on disk."""

    name: str
    path: Path


def _sha256(path: Path) -> tuple[str, int]:
    with path.open("rb") as handle:
        return stream_digest(handle, path.stat().st_size)


def write_archive(out: Path, manifest: dict[str, JsonValue], members: list[Member]) -> None:
    """Write the archive: every member, then the manifest with their sizes and SHA-256."""
    listed: dict[str, JsonValue] = {}
    with (
        atomic_output(out, field="file") as handle,
        zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive,
    ):
        for member in members:
            sha, size = _sha256(member.path)
            compression = zipfile.ZIP_STORED if member.name.startswith(VAULT_PREFIX) else None
            archive.write(member.path, member.name, compress_type=compression)
            listed[member.name] = {"sha256": sha, "size": size}
        document = {**manifest, "format": FORMAT, "version": VERSION, "members": listed}
        archive.writestr(MANIFEST, json.dumps(document, indent=2, ensure_ascii=False))


@dataclass(frozen=True, slots=True)
class Archive:
    """An opened backup whose members all match its manifest."""

    zip: zipfile.ZipFile
    manifest: Mapping[str, object]

    def members(self) -> Mapping[str, object]:
        """Return the manifest's members: name → {sha256, size}."""
        members = self.manifest.get("members")
        return members if isinstance(members, dict) else {}

    def extract(self, name: str, target: Path) -> Path:
        """Copy the member ``name`` to the file ``target`` and return it."""
        with self.zip.open(name) as source, target.open("wb") as sink:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                sink.write(chunk)
        return target


def _read_manifest(archive: zipfile.ZipFile, source: Path) -> Mapping[str, object]:
    try:
        with archive.open(MANIFEST) as stream:
            content = stream.read(MAX_MANIFEST_BYTES + 1)
    except KeyError:
        raise InvalidInput("file", f"{source} has no {MANIFEST}: not a backup") from None
    if len(content) > MAX_MANIFEST_BYTES:
        raise InvalidInput("file", f"{source}: {MANIFEST} is too large")
    try:
        text = decode_text(content, field="file", source=MANIFEST)
        document = load_json(text, field="file", source=MANIFEST)
    except json.JSONDecodeError:
        raise InvalidInput("file", f"{source}: {MANIFEST} is not JSON") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput("file", f"{source} is not a patentshield backup")
    if document.get("version") != VERSION:
        raise InvalidInput("file", f"{source} is a backup of version {document.get('version')}")
    return document


def _check_member(archive: zipfile.ZipFile, name: str, listed: object, source: Path) -> None:
    if not isinstance(listed, dict):
        raise InvalidInput("file", f"{source}: the manifest does not describe {name}")
    expected = listed.get("size")
    try:
        with archive.open(name) as stream:
            digest, size = stream_digest(stream, expected if isinstance(expected, int) else 0)
    except KeyError:
        raise InvalidInput("file", f"{source} lacks {name}, which its manifest lists") from None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise InvalidInput("file", f"{source}: {name} cannot be read ({error})") from None
    if size != expected or digest != listed.get("sha256"):
        raise InvalidInput("file", f"{source}: {name} does not match its manifest (altered)")


@contextmanager
def open_archive(source: Path) -> Iterator[Archive]:
    """Open a backup and check every member against the manifest before it is used.

    Raises
    ------
    InvalidInput
        When the file is not a regular file, not a ZIP, not a backup of this version, or a
        member is missing, unlisted or altered.
    """
    descriptor, _size = open_regular(source, "file")
    with os.fdopen(descriptor, "rb") as handle:
        try:
            archive = zipfile.ZipFile(handle)
        except zipfile.BadZipFile:
            raise InvalidInput("file", f"{source} is not a backup archive (ZIP)") from None
        with archive:
            opened = Archive(archive, _read_manifest(archive, source))
            members = opened.members()
            for name in archive.namelist():
                if name != MANIFEST and name not in members:
                    raise InvalidInput("file", f"{source}: {name} is not in its manifest")
            for name, listed in members.items():
                _check_member(archive, name, listed, source)
            yield opened
