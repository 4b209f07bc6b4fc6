"""Read files given at an edge safely: regular files only, bounded sizes, bounded documents.

Every importer reads through this module, so that no file a user names can exhaust memory,
hang the command or end in a traceback:

* :func:`read_bytes` / :func:`read_text` open **regular files only** (a FIFO, a device such as
  ``/dev/zero``, a directory or ``/proc`` entries are refused; the check is made on the opened
  descriptor, so a symlink swapped in between is caught) and read at most
  :data:`~patentshield.kernel.limits.MAX_FILE_BYTES`; text must be UTF-8 without NUL bytes;
* :func:`gunzip` expands gzip data to at most
  :data:`~patentshield.kernel.limits.MAX_DECOMPRESSED_BYTES` (a 2 MB file that expands to
  2 GiB is refused after reading a bounded amount);
* :func:`load_yaml` checks the event stream before building anything: nesting at most
  :data:`~patentshield.kernel.limits.MAX_NESTING` deep, at most
  :data:`~patentshield.kernel.limits.MAX_YAML_ALIASES` aliases and
  :data:`~patentshield.kernel.limits.MAX_YAML_NODES` nodes once aliases are expanded (a
  384-byte alias bomb expands to 10⁹); a date that does not exist is one clear error;
* :func:`load_json` refuses deep nesting, integers longer than
  :data:`~patentshield.kernel.limits.MAX_NUMBER_DIGITS` digits and NUL characters;
* :func:`csv_errors` turns the csv module's errors (a cell over its field limit) into one line;
* :func:`checked_idempotency_key` trims a payment's, grant's or decision's key and bounds its
  length.

Every refusal is an :class:`~patentshield.kernel.errors.InvalidInput` naming the field (the
option the file came from) and the reason. This module reads files but imports no framework.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import yaml

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.limits import (
    MAX_DECOMPRESSED_BYTES,
    MAX_FILE_BYTES,
    MAX_IDEMPOTENCY_KEY_LENGTH,
    MAX_NESTING,
    MAX_NUMBER_DIGITS,
    MAX_YAML_ALIASES,
    MAX_YAML_NODES,
)

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 20


def _mebibytes(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def open_regular(path: Path, field: str) -> tuple[int, int]:
    """Open ``path`` without blocking; return the descriptor of a regular file and its size."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InvalidInput(field, f"{path} does not exist (no such file)") from None
    except IsADirectoryError:
        raise InvalidInput(field, f"{path} is a directory, not a file") from None
    except OSError as error:
        raise InvalidInput(field, f"{path} cannot be read ({error.strerror})") from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise InvalidInput(field, f"{path} is not a regular file (a device, FIFO or socket)")
    return descriptor, status.st_size


def refuse_size_change(path: Path, field: str, *, stated: int, read: int) -> None:
    """Refuse a file whose content is not the size it states (a /proc entry, or one growing)."""
    if read != stated:
        raise InvalidInput(
            field,
            f"{path} is not a regular file on disk (it states {stated} bytes and gave {read}: "
            "a /proc or /sys entry, or a file being written)",
        )


def read_bytes(path: Path, *, field: str = "file", limit: int = MAX_FILE_BYTES) -> bytes:
    """Return the content of the regular file at ``path``, at most ``limit`` bytes.

    Raises
    ------
    InvalidInput
        When the file is missing, not a regular file, unreadable or larger than ``limit``.
    """
    descriptor, size = open_regular(path, field)
    with os.fdopen(descriptor, "rb") as handle:
        if size > limit:
            raise InvalidInput(field, f"{path} is larger than {_mebibytes(limit)}")
        try:
            content = handle.read(limit + 1)
        except OSError as error:
            raise InvalidInput(field, f"{path} cannot be read ({error.strerror})") from None
    if len(content) > limit:
        raise InvalidInput(field, f"{path} is larger than {_mebibytes(limit)}")
    refuse_size_change(path, field, stated=size, read=len(content))
    return content


def decode_text(content: bytes, *, field: str, source: str) -> str:
    """Return UTF-8 ``content`` as text (a BOM is dropped); NUL bytes are refused."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(field, f"{source} is not UTF-8 text (byte {error.start})") from None
    refuse_nul(text, field=field, source=source)
    return text


def refuse_nul(text: str, *, field: str, source: str) -> None:
    """Refuse text holding a NUL character (no database stores one in a text column)."""
    position = text.find("\x00")
    if position >= 0:
        raise InvalidInput(field, f"{source} holds a NUL character (at character {position})")


def read_text(path: Path, *, field: str = "file", limit: int = MAX_FILE_BYTES) -> str:
    """Return the UTF-8 text of the regular file at ``path`` (:func:`read_bytes`)."""
    return decode_text(read_bytes(path, field=field, limit=limit), field=field, source=str(path))


def gunzip(
    payload: bytes, *, field: str, source: str, limit: int = MAX_DECOMPRESSED_BYTES
) -> bytes:
    """Expand gzip ``payload`` (every member) to at most ``limit`` bytes.

    Raises
    ------
    InvalidInput
        When the data is damaged or truncated, or expands beyond ``limit``.
    """
    parts: list[bytes] = []
    size = 0
    rest = payload
    try:
        while rest:
            expander = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            while rest and not expander.eof:
                part = expander.decompress(rest, CHUNK)
                rest = expander.unconsumed_tail
                size += len(part)
                if size > limit:
                    raise InvalidInput(
                        field, f"{source} expands to more than {_mebibytes(limit)} (a gzip bomb?)"
                    )
                parts.append(part)
            if not expander.eof:
                raise InvalidInput(field, f"{source} is a damaged or truncated gzip file")
            rest = expander.unused_data.lstrip(b"\x00")
    except zlib.error as error:
        raise InvalidInput(
            field, f"{source} is a damaged or truncated gzip file ({error})"
        ) from None
    return b"".join(parts)


def _yaml_problem(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        return f"{error.problem} at line {mark.line + 1}, column {mark.column + 1}"
    return " ".join(str(error).split())


def check_yaml_shape(text: str, *, field: str, source: str) -> None:
    """Refuse YAML nested too deeply or expanding to too many nodes through its aliases.

    The check runs on the parser's events, before any object is built; it counts, for every
    anchor, how many nodes its value holds, so an alias adds the size of what it repeats.
    """
    sizes: dict[str, int] = {}
    stack: list[tuple[str | None, int]] = [(None, 0)]
    aliases = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append((event.anchor, 1))
            if len(stack) - 1 > MAX_NESTING:
                raise InvalidInput(field, f"{source} nests deeper than {MAX_NESTING} levels")
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, count = stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, count = event.anchor, 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                raise InvalidInput(field, f"{source} uses more than {MAX_YAML_ALIASES} aliases")
            anchor, count = None, sizes.get(str(event.anchor), 1)
        else:
            continue
        if anchor is not None:
            sizes[anchor] = count
        parent_anchor, parent_count = stack[-1]
        stack[-1] = (parent_anchor, parent_count + count)
        if stack[-1][1] > MAX_YAML_NODES:
            raise InvalidInput(
                field, f"{source} expands to more than {MAX_YAML_NODES:,} values through aliases"
            )


class SafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that an unquoted date that does not exist stays text.

    ``expiry: 2026-02-30`` then reaches the record's validator, which names the row and the
    field, instead of failing the whole file with Python's ``ValueError``.
    """


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return str(node.value)


SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def load_yaml(
    text: str,
    *,
    field: str,
    source: str,
    loader: type[yaml.SafeLoader] = SafeLoader,
) -> object:
    """Return the YAML document in ``text`` read with a safe ``loader``, within the bounds.

    Raises
    ------
    InvalidInput
        When the text is not YAML, is too deep or too large once expanded, or holds a value
        its loader cannot build (an unquoted date that does not exist, ``2026-02-30``).
    """
    try:
        check_yaml_shape(text, field=field, source=source)
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader or its subclass
    except yaml.YAMLError as error:
        raise InvalidInput(field, f"{source} is not valid YAML: {_yaml_problem(error)}") from None
    except ValueError as error:  # a timestamp that is no date: 2026-02-30
        raise InvalidInput(field, f"{source} holds a value that is not valid: {error}") from None


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ValueError(f"an integer of {len(text)} digits (at most {MAX_NUMBER_DIGITS})")
    return int(text)


def _depth_and_nul(document: object) -> tuple[int, bool]:
    deepest, has_nul = 0, False
    pending: list[tuple[object, int]] = [(document, 0)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            pending.extend((item, depth + 1) for item in value.values())
            has_nul = has_nul or any("\x00" in key for key in value)
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            has_nul = has_nul or "\x00" in value
            continue
        else:
            continue
        deepest = max(deepest, depth + 1)
    return deepest, has_nul


def load_json(text: str, *, field: str, source: str) -> object:
    """Return the JSON document in ``text``, within the nesting and number bounds.

    Raises
    ------
    InvalidInput
        When the document nests deeper than the bound, holds a huge integer or a NUL.
    json.JSONDecodeError
        When the text is not JSON (the caller words that error for its format).
    """
    try:
        document = json.loads(text, parse_int=_integer)
    except RecursionError:
        raise InvalidInput(field, f"{source} nests deeper than {MAX_NESTING} levels") from None
    except json.JSONDecodeError:
        raise
    except ValueError as error:
        raise InvalidInput(field, f"{source} holds {error}") from None
    depth, has_nul = _depth_and_nul(document)
    if depth > MAX_NESTING:
        raise InvalidInput(field, f"{source} nests deeper than {MAX_NESTING} levels")
    if has_nul:
        raise InvalidInput(field, f"{source} holds a NUL character in a text")
    return document


def stream_digest(stream: IO[bytes], limit: int) -> tuple[str, int]:
    """Return the SHA-256 and size of what ``stream`` yields, reading at most ``limit + 1`` bytes.

    A size above ``limit`` means the stream holds more than it should (a forged size); the
    digest then covers only what was read.
    """
    digest, size = hashlib.sha256(), 0
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        size += len(chunk)
        digest.update(chunk)
        if size > limit:
            break
    return digest.hexdigest(), size


@contextmanager
def csv_errors(*, field: str, source: str) -> Iterator[None]:
    """Turn an error of the csv module (a cell over its size limit) into one line."""
    try:
        yield
    except csv.Error as error:
        raise InvalidInput(field, f"{source} is not readable CSV: {error}") from None


def checked_idempotency_key(value: str) -> str:
    """Return ``value`` trimmed, refusing an empty key or one over the stored length.

    >>> checked_idempotency_key("  pay-1 ")
    'pay-1'
    """
    key = value.strip()
    if not key or len(key) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise InvalidInput(
            "idempotency_key", f"must be 1 to {MAX_IDEMPOTENCY_KEY_LENGTH} characters"
        )
    return key
