"""Progress of long work (simulations, imports), reported without knowing who shows it.

A service opens a task on the runtime's reporter and hands its ``advance`` callback to the
engine, which calls it as each block of work finishes::

    with runtime.progress.task("simulating years", total=len(blocks)) as advance:
        results = run_blocks(kernel, blocks, on_block=advance)

:class:`NoProgress` (the default) shows nothing; the CLI installs a Rich progress bar on
standard error when it runs on a terminal and prints a table (``kernel/cli.py``), never under
``--format json`` or when its output goes to a file or a pipe.

This module is pure: no I/O, no framework.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

Advance = Callable[[int], None]
"""Called with the number of units of work just finished."""


class ProgressReporter(Protocol):
    """Something that shows the progress of named tasks."""

    def task(self, description: str, total: int) -> AbstractContextManager[Advance]:
        """Open a task of ``total`` units; the context yields its ``advance`` callback."""
        ...


def _ignore(_done: int) -> None:
    """Advance nothing."""


class NoProgress:
    """Shows nothing (services, tests, the HTTP API, the CLI off a terminal)."""

    @contextmanager
    def task(self, description: str, total: int) -> Iterator[Advance]:
        """Yield a callback that ignores every advance."""
        yield _ignore
