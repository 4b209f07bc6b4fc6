"""``patentshield usitc …``: USITC records, statistics, charts and the calibration file.

A thin adapter: it parses options, calls :mod:`patentshield.usitc.service` with the runtime
(whose clock dates imports and the calibration) and prints with :mod:`patentshield.usitc.render`.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, cast

import typer

from patentshield.kernel.cli import (
    FormatOption,
    OutputFormat,
    emit,
    print_json,
    progress_shown,
    runtime,
)
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.usitc import render, service
from patentshield.usitc.charts import ChartFormat
from patentshield.usitc.service import Selection
from patentshield.usitc.stats import GroupBy

app = typer.Typer(no_args_is_help=True, add_completion=False)


class StatsFormat(StrEnum):
    """How ``usitc stats`` prints: a table, JSON or long-format CSV."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class ChartKinds(StrEnum):
    """Which chart files ``usitc chart`` writes."""

    PNG = "png"
    SVG = "svg"
    BOTH = "both"


ByOption = Annotated[
    GroupBy, typer.Option("--by", help="Break down by year of institution, HTS chapter or country.")
]
SourceOption = Annotated[
    Selection,
    typer.Option(
        "--source",
        help="Imported feed, shipped sample, or all (a number in both counts once, imported wins).",
    ),
]


@app.command("import")
def import_feed(
    ctx: typer.Context,
    file: Annotated[
        Path | None, typer.Argument(help="investigations.json (IDS) or 337Info JSON; .gz ok.")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse the whole file if any row is malformed.")
    ] = False,
    url: Annotated[
        str | None,
        typer.Option(
            "--url", help="Download the feed, e.g. https://ids.usitc.gov/investigations.json"
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Import USITC Section 337 records (IDS title-case or snake_case, or 337Info)."""
    if (file is None) == (url is None):
        raise InvalidInput("file", "give either a FILE or --url URL")
    if url is not None:
        payload, source = service.fetch_url(url), url
    else:
        payload, source = service.read_file(cast(Path, file)), str(file)
    with progress_shown(ctx, fmt) as current:
        report = service.import_feed(current, payload, source=source, strict=strict)
    emit(fmt, render.import_report_to_json(report), lambda: render.print_import_report(report))


@app.command("stats")
def stats(
    ctx: typer.Context,
    by: ByOption = GroupBy.YEAR,
    source: SourceOption = Selection.ALL,
    fmt: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="Output format: table, json or csv.")
    ] = StatsFormat.TABLE,
) -> None:
    """Statistics of Section 337 investigations, overall and by year, HTS chapter or country."""
    groups = service.investigation_statistics(runtime(ctx), by=by, selection=source)
    if fmt is StatsFormat.CSV:
        typer.echo(render.statistics_csv(groups), nl=False)
    elif fmt is StatsFormat.JSON:
        published = cast(dict[str, JsonValue], service.published_comparison())
        print_json(
            render.statistics_to_json(groups, by=by.value, source=source.value, published=published)
        )
    else:
        render.print_statistics(groups, by=by.value, source=source.value)


@app.command("chart")
def chart(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="Folder to write the charts into.")],
    by: ByOption = GroupBy.YEAR,
    source: SourceOption = Selection.ALL,
    kind: Annotated[ChartKinds, typer.Option("--kind", help="png, svg or both.")] = ChartKinds.BOTH,
) -> None:
    """Draw the statistics as charts (PNG and/or SVG) and print the files written."""
    kinds = [ChartFormat.PNG, ChartFormat.SVG] if kind is ChartKinds.BOTH else [ChartFormat(kind)]
    paths = service.write_charts(runtime(ctx), by=by, selection=source, out_dir=out, kinds=kinds)
    for path in paths:
        typer.echo(str(path))


@app.command("calibrate")
def calibrate(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write here (.json, or .yaml/.yml for YAML); else print JSON."),
    ] = None,
    source: SourceOption = Selection.ALL,
) -> None:
    """Write the risk engine's parameter file, each parameter with its data and sources."""
    document = service.calibration(runtime(ctx), selection=source)
    if out is None:
        typer.echo(service.calibration_text(document, as_yaml=False), nl=False)
        return
    typer.echo(str(service.write_calibration(document, out)))
