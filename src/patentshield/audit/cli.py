"""``patentshield audit``: check the hash chain of the audit log, export it.

``audit verify`` exits with status 0 and the number of entries when the chain is intact, and
with status 1 and the first changed, deleted or inserted entry when it is not.
"""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from patentshield.audit import service
from patentshield.audit.serialise import COLUMNS, entry_json, entry_row, report_json, report_line
from patentshield.kernel.cli import FormatOption, OutputFormat, emit, print_json, runtime
from patentshield.kernel.text import spreadsheet_row

app = typer.Typer(no_args_is_help=True, add_completion=False)


class ExportFormat(StrEnum):
    """Formats of ``audit export``."""

    JSON = "json"
    CSV = "csv"


@app.command()
def verify(ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Check every entry of the chain; exit 1 at the first changed, deleted or inserted one."""
    report = service.verify_chain(runtime(ctx))
    emit(fmt, report_json(report), lambda: typer.echo(report_line(report)))
    if not report.is_intact:
        raise typer.Exit(1)


def _write(fmt: ExportFormat, ctx: typer.Context, stream: TextIO) -> int:
    count = 0
    if fmt is ExportFormat.CSV:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(COLUMNS)
        for entry in service.iter_entries(runtime(ctx)):
            writer.writerow(spreadsheet_row(entry_row(entry)))
            count += 1
        return count
    stream.write("[")
    for entry in service.iter_entries(runtime(ctx)):
        stream.write(("," if count else "") + "\n  " + json.dumps(entry_json(entry)))
        count += 1
    stream.write("\n]\n")
    return count


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="json or csv.")
    ] = ExportFormat.JSON,
    out: Annotated[
        Path | None, typer.Option(help="File to write (standard output when absent).")
    ] = None,
) -> None:
    """Export the audit log, entry by entry, with the hashes that chain them."""
    if out is None:
        _write(fmt, ctx, sys.stdout)
        return
    with out.open("w", encoding="utf-8", newline="") as stream:
        count = _write(fmt, ctx, stream)
    print_json({"file": str(out), "entries": count})
