"""Shared plumbing of the command-line edge: the runtime handed to commands and output.

Every capability's ``cli.py`` is a thin adapter: it parses options, calls a service and renders
the result with :func:`emit`. The top-level ``patentshield`` command (``patentshield.cli``)
builds one :class:`Runtime` per invocation and stores it in the Typer context; commands get it
with :func:`runtime`. Errors of the :mod:`~patentshield.kernel.errors` tree are mapped once,
in the top-level entry point, to one line on stderr and exit status 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from patentshield.kernel.dates import parse_date
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.progress import Advance
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.text import terminal_safe


class OutputFormat(StrEnum):
    """How a command prints its result."""

    TABLE = "table"
    JSON = "json"


_CURRENT: ContextVar[Runtime] = ContextVar("patentshield_runtime")


def bind_runtime(ctx: typer.Context, value: Runtime) -> None:
    """Store the runtime of this invocation (called by the top-level command only)."""
    ctx.obj = value
    _CURRENT.set(value)


def runtime(ctx: typer.Context) -> Runtime:
    """Return the :class:`Runtime` the top-level command stored in the context."""
    root = ctx.find_root()
    if not isinstance(root.obj, Runtime):  # pragma: no cover - wiring error
        raise RuntimeError("the patentshield command did not set up its runtime")
    return root.obj


def print_json(value: JsonValue) -> None:
    """Print ``value`` as indented JSON on stdout (non-ASCII kept readable)."""
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


def print_table(
    title: str, columns: Sequence[str], rows: Sequence[Sequence[str]], *, caption: str = ""
) -> None:
    """Print rows as a Rich table on stdout.

    Every cell, the title and the caption are plain text (no Rich markup), and their control
    characters are shown as escapes (:func:`~patentshield.kernel.text.terminal_safe`): data
    from a feed or a user cannot send escape sequences to the reader's terminal.
    """
    table = Table(
        title=Text(terminal_safe(title)),
        caption=Text(terminal_safe(caption)) if caption else None,
        show_lines=False,
    )
    for index, column in enumerate(columns):
        table.add_column(Text(terminal_safe(column)), no_wrap=index == 0)
    for row in rows:
        table.add_row(*(Text(terminal_safe(cell)) for cell in row))
    Console(soft_wrap=False, width=max(150, Console().width)).print(table)


DayOption = Annotated[str | None, typer.Option("--date", help="Day, YYYY-MM-DD (today).")]
"""A ``--date`` option read with :func:`day_or_today` (today when absent)."""


def today() -> date:
    """Return today by the clock of the running command's runtime."""
    return _CURRENT.get().clock.today()


def now() -> datetime:
    """Return the current time by the clock of the running command's runtime."""
    return _CURRENT.get().clock.now()


def day_or_today(value: str | None, field: str = "date") -> date:
    """Return the date given on the command line, or today by the runtime's clock."""
    return parse_date(value, field=field) if value else today()


def optional_day(value: str | None, field: str) -> date | None:
    """Return the date given on the command line, or ``None``."""
    return parse_date(value, field=field) if value else None


def emit(fmt: OutputFormat, value: JsonValue, render_table: Callable[[], None]) -> None:
    """Print ``value`` as JSON, or call ``render_table`` for the human-readable form."""
    if fmt is OutputFormat.JSON:
        print_json(value)
    else:
        render_table()


FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format: table or json.")
]
"""Use as ``fmt: FormatOption = OutputFormat.TABLE`` in every command that prints data."""


class RichProgress:
    """A Rich progress bar on standard error, one line per task, removed when it ends."""

    @contextmanager
    def task(self, description: str, total: int) -> Iterator[Advance]:
        """Show ``description`` with a bar of ``total`` units while the context runs."""
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(description, total=max(total, 1))
            yield lambda done: bar.advance(task, done)


def shows_progress(fmt: OutputFormat | None = None) -> bool:
    """Tell whether long work shows a progress bar: on a terminal, never under JSON."""
    if fmt is not None and fmt is not OutputFormat.TABLE:
        return False
    return sys.stdout.isatty() and sys.stderr.isatty()


@contextmanager
def progress_shown(ctx: typer.Context, fmt: OutputFormat | None = None) -> Iterator[Runtime]:
    """Yield the command's runtime, reporting progress on the terminal when it should."""
    current = runtime(ctx)
    if not shows_progress(fmt):
        yield current
        return
    previous, current.progress = current.progress, RichProgress()
    try:
        yield current
    finally:
        current.progress = previous
