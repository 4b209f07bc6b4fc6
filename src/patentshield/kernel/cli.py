"""Shared plumbing of the command-line edge: the runtime handed to commands and output.

Every capability's ``cli.py`` is a thin adapter: it parses options, calls a service and renders
the result with :func:`emit`. The top-level ``patentshield`` command (``patentshield.cli``)
builds one :class:`Runtime` per invocation and stores it in the Typer context; commands get it
with :func:`runtime`. Errors of the :mod:`~patentshield.kernel.errors` tree are mapped once,
in the top-level entry point, to one line on stderr and exit status 2.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from patentshield.kernel.config import Settings
from patentshield.kernel.dates import parse_date
from patentshield.kernel.db import Database
from patentshield.kernel.jsonvalue import JsonValue


class OutputFormat(StrEnum):
    """How a command prints its result."""

    TABLE = "table"
    JSON = "json"


@dataclass(slots=True)
class Runtime:
    """What one CLI invocation works with: its settings and its database."""

    settings: Settings
    database: Database


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
    """Print rows as a Rich table on stdout."""
    table = Table(title=title, caption=caption or None, show_lines=False)
    for index, column in enumerate(columns):
        table.add_column(column, no_wrap=index == 0)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    Console(soft_wrap=False, width=max(150, Console().width)).print(table)


DayOption = Annotated[str | None, typer.Option("--date", help="Day, YYYY-MM-DD (today).")]
"""A ``--date`` option read with :func:`day_or_today` (today when absent)."""


def day_or_today(value: str | None, field: str = "date") -> date:
    """Return the date given on the command line, or today (read here, at the edge)."""
    return parse_date(value, field=field) if value else date.today()


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
