"""Write files at an edge atomically, and only onto a new or regular file.

:func:`write_atomically` writes to a temporary file beside the target, flushes it to disk and
renames it over the target, so that a reader never sees half a file. It refuses a target that
exists and is not a regular file — a device such as ``/dev/full``, a FIFO, a directory, a
symbolic link — because renaming onto it would replace the device node or the link instead of
writing where the user meant; and it words every failure of the file system (a folder that
cannot be written, a full disk) as one :class:`~patentshield.kernel.errors.InvalidInput`
naming the option. A failed write leaves no temporary file behind.

This module writes files but imports no framework.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from patentshield.kernel.errors import InvalidInput


def check_target(path: Path, *, field: str) -> None:
    """Refuse ``path`` unless it is missing or a regular file (not a link, device or FIFO)."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise InvalidInput(field, f"cannot use {path} ({error.strerror})") from None
    if not stat.S_ISREG(status.st_mode):
        raise InvalidInput(
            field,
            f"{path} exists and is not a regular file (a device, FIFO, folder or link): "
            "give a new file or a regular one to replace",
        )


@contextmanager
def atomic_output(path: Path, *, field: str = "out") -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``path`` when the block ends without an error.

    Raises
    ------
    InvalidInput
        When ``path`` is not a new or regular file, or the file system refuses the write.
    """
    check_target(path, field=field)
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise InvalidInput(field, f"cannot write {path} ({error.strerror})") from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


def write_atomically(path: Path, content: bytes, *, field: str = "out") -> Path:
    """Write ``content`` to ``path`` through a temporary file and a rename; return ``path``.

    Raises
    ------
    InvalidInput
        When ``path`` is not a new or regular file, or the file system refuses the write.
    """
    with atomic_output(path, field=field) as handle:
        handle.write(content)
    return path
