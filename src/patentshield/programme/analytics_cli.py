"""``patentshield programme whatif|uptake|adequacy|triangles|stats``: thin adapters.

Each command parses its options, calls its service (which takes the runtime first) and
publishes the view: a table on screen, JSON or CSV on stdout (``--format``), and on request an
Excel workbook (``--xlsx FILE``) and PNG and SVG charts (``--charts DIR``). The commands are
registered on the ``programme`` group by :mod:`patentshield.programme.cli`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from patentshield.assessment.cli import SeedOption, ThreadsOption, default_threads
from patentshield.kernel.cli import (
    OutputFormat,
    optional_day,
    print_json,
    print_table,
    progress_shown,
)
from patentshield.kernel.cli import runtime as command_runtime
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import parse_decimal
from patentshield.programme.adequacy import adequacy_charts, adequacy_tables
from patentshield.programme.adequacy_service import AdequacyRequest, limit_adequacy
from patentshield.programme.statistics import statistics_charts, statistics_tables
from patentshield.programme.statistics_service import book_statistics, subsidy_uptake
from patentshield.programme.tables import Chart, Table, shown
from patentshield.programme.triangles_report import triangles_charts, triangles_tables
from patentshield.programme.triangles_service import TrianglesRequest, claims_development
from patentshield.programme.uptake import uptake_charts, uptake_tables
from patentshield.programme.whatif import Changes, Rationing
from patentshield.programme.whatif_report import whatif_charts, whatif_tables
from patentshield.programme.whatif_service import WhatIfRequest, run_whatif
from patentshield.usitc.charts import ChartFormat


class ReportFormat(StrEnum):
    """How an analytics command prints its view."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


ReportFormatOption = Annotated[
    ReportFormat, typer.Option("--format", "-f", help="Output format: table, json or csv.")
]
XlsxOption = Annotated[
    Path | None, typer.Option("--xlsx", help="Also write the tables to this Excel workbook.")
]
ChartsOption = Annotated[
    Path | None, typer.Option("--charts", help="Also draw the charts (PNG and SVG) here.")
]
YearsOption = Annotated[int, typer.Option("--years", help="Simulated years.")]
DateOption = Annotated[str | None, typer.Option("--date", help="Day, YYYY-MM-DD.")]


def publish(
    fmt: ReportFormat,
    document: Mapping[str, JsonValue],
    tables: Sequence[Table],
    *,
    charts: Callable[[], Sequence[Chart]] | None = None,
    xlsx: Path | None = None,
    charts_dir: Path | None = None,
    prefix: str,
) -> None:
    """Write the workbook and charts asked for, then print the view in ``fmt``."""
    written: list[Path] = []
    if xlsx is not None:
        from patentshield.programme.export import write_workbook

        written.append(write_workbook(tables, xlsx))
    if charts_dir is not None and charts is not None:
        from patentshield.programme.charts import draw_charts

        kinds = (ChartFormat.PNG, ChartFormat.SVG)
        written += draw_charts(charts(), charts_dir, prefix=prefix, kinds=kinds)
    if fmt is ReportFormat.JSON:
        print_json(dict(document))
    elif fmt is ReportFormat.CSV:
        from patentshield.programme.export import tables_csv

        typer.echo(tables_csv(tables), nl=False)
    else:
        for item in tables:
            rows = [
                [shown(cell, column.kind) for cell, column in zip(row, item.columns, strict=True)]
                for row in item.rows
            ]
            headings = [column.name for column in item.columns]
            print_table(item.title, headings, rows, caption=item.caption)
        for path in written:
            typer.echo(f"wrote {path}")


def progress_format(fmt: ReportFormat) -> OutputFormat:
    """Return the format that shows a progress bar only for a table on a terminal."""
    return OutputFormat.TABLE if fmt is ReportFormat.TABLE else OutputFormat.JSON


ProgrammeOption = Annotated[str, typer.Option("--programme", help="Subsidy programme id.")]
RateOption = Annotated[str | None, typer.Option("--rate", help="Changed rate, a share (0.3).")]
CapOption = Annotated[
    str | None, typer.Option("--cap", help="Changed cap per applicant and year, CNY.")
]
BudgetOption = Annotated[str | None, typer.Option("--budget", help="Changed budget a year, CNY.")]
RationingOption = Annotated[
    Rationing, typer.Option("--rationing", help="pro-rata or first-come, when over budget.")
]
PopulationOption = Annotated[
    Path | None, typer.Option("--population", help="Population file (else the database).")
]
ProductOption = Annotated[
    str | None, typer.Option("--product", help="Catalog product offered to every firm.")
]
ElasticityOption = Annotated[
    float | None, typer.Option("--elasticity", help="Take-up elasticity (calibrated).")
]
ParticipationOption = Annotated[
    float, typer.Option("--participation", help="Share of database firms taking a free policy.")
]
WorkersOption = Annotated[int | None, typer.Option("--workers", help="Dask local workers.")]
SchedulerOption = Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler.")]


def whatif(
    ctx: typer.Context,
    programme: ProgrammeOption,
    rate: RateOption = None,
    cap: CapOption = None,
    budget: BudgetOption = None,
    rationing: RationingOption = Rationing.PRO_RATA,
    population: PopulationOption = None,
    product: ProductOption = None,
    day: DateOption = None,
    years: YearsOption = 10_000,
    seed: SeedOption = 0,
    elasticity: ElasticityOption = None,
    participation: ParticipationOption = 1.0,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    threads: ThreadsOption = None,
    fmt: ReportFormatOption = ReportFormat.TABLE,
    xlsx: XlsxOption = None,
    charts: ChartsOption = None,
) -> None:
    """Simulate a subsidy programme's take-up, budget, premiums and losses under scenarios."""
    if workers is not None and workers < 1:
        raise InvalidInput("workers", f"must be at least 1, got {workers}")
    changes = Changes.of_text(rate=rate, cap=cap, budget=budget, rationing=rationing)
    request = WhatIfRequest(
        programme=programme,
        years=years,
        seed=seed,
        changes=changes,
        population=population,
        product=product,
        day=optional_day(day, "date"),
        elasticity=elasticity,
        participation=participation,
        threads=default_threads(threads),
        workers=workers,
        scheduler=scheduler,
    )
    with progress_shown(ctx, progress_format(fmt)) as current:
        document = run_whatif(current, request)
    publish(
        fmt,
        document,
        whatif_tables(document),
        charts=lambda: whatif_charts(document),
        xlsx=xlsx,
        charts_dir=charts,
        prefix="whatif",
    )


class Source(StrEnum):
    """Where the claims of a development triangle come from."""

    LEDGER = "ledger"
    SIMULATED = "simulated"


def triangles(
    ctx: typer.Context,
    source: Annotated[
        Source, typer.Option("--source", help="ledger (the claims ledger) or simulated.")
    ] = Source.LEDGER,
    day: DateOption = None,
    apriori: Annotated[
        float | None, typer.Option("--apriori", help="A-priori loss ratio of Bornhuetter-Ferguson.")
    ] = None,
    book: Annotated[
        Path | None, typer.Option("--book", help="Book file for a simulated history.")
    ] = None,
    policies: Annotated[
        int, typer.Option("--policies", help="Synthetic book size for a simulated history.")
    ] = 100_000,
    origins: Annotated[int, typer.Option("--origins", help="Simulated policy years.")] = 10,
    seed: SeedOption = 0,
    fmt: ReportFormatOption = ReportFormat.TABLE,
    xlsx: XlsxOption = None,
    charts: ChartsOption = None,
) -> None:
    """Paid and incurred triangles by policy year; chain-ladder and BF reserves."""
    request = TrianglesRequest(
        source=source.value,
        day=optional_day(day, "date"),
        apriori=apriori,
        book=book,
        policies=policies,
        origins=origins,
        seed=seed,
    )
    document = claims_development(command_runtime(ctx), request)
    publish(
        fmt,
        document,
        triangles_tables(document),
        charts=lambda: triangles_charts(document),
        xlsx=xlsx,
        charts_dir=charts,
        prefix="triangles",
    )
    note = document["reserves_note"]
    if note and fmt is ReportFormat.TABLE:
        typer.echo(str(note))


def adequacy(
    ctx: typer.Context,
    us_sales: Annotated[
        str | None, typer.Option("--us-sales", help="Exporter's annual US sales, USD (2,000,000).")
    ] = None,
    enterprise: Annotated[
        str | None, typer.Option("--enterprise", help="Read the US sales of this enterprise.")
    ] = None,
    policies: Annotated[
        bool, typer.Option("--policies", help="Judge every policy of the database instead.")
    ] = False,
    cases: Annotated[int, typer.Option("--cases", help="Simulated 337 cases.")] = 20_000,
    seed: SeedOption = 0,
    day: DateOption = None,
    fmt: ReportFormatOption = ReportFormat.TABLE,
    xlsx: XlsxOption = None,
    charts: ChartsOption = None,
) -> None:
    """Share of 337 defences each limit pays in full, the limit for 90 % and its premium."""
    request = AdequacyRequest(
        us_sales=parse_decimal(us_sales, field="us_sales") if us_sales is not None else None,
        enterprise=enterprise,
        policies=policies,
        cases=cases,
        seed=seed,
        day=optional_day(day, "date"),
    )
    document = limit_adequacy(command_runtime(ctx), request)
    publish(
        fmt,
        document,
        adequacy_tables(document),
        charts=lambda: adequacy_charts(document),
        xlsx=xlsx,
        charts_dir=charts,
        prefix="adequacy",
    )


ByOption = Annotated[
    list[str] | None,
    typer.Option("--by", help="Group by region, year or product_type (repeatable; all three)."),
]


GroupedView = tuple[
    Callable[..., dict[str, JsonValue]],
    Callable[[Mapping[str, JsonValue]], Sequence[Table]],
    Callable[[Mapping[str, JsonValue]], Sequence[Chart]],
]
"""A grouped view of the book: its service, its tables and its charts."""


def _grouped_view(
    ctx: typer.Context,
    view: GroupedView,
    *,
    by: list[str] | None,
    day: str | None,
    output: tuple[ReportFormat, Path | None, Path | None],
    prefix: str,
) -> None:
    """Run a grouped view of the book (stats, uptake) and publish it."""
    service, tables, charts = view
    document = service(command_runtime(ctx), by=by or (), day=optional_day(day, "date"))
    fmt, xlsx, charts_dir = output
    publish(
        fmt,
        document,
        tables(document),
        charts=lambda: charts(document),
        xlsx=xlsx,
        charts_dir=charts_dir,
        prefix=prefix,
    )


def stats(
    ctx: typer.Context,
    by: ByOption = None,
    day: DateOption = None,
    fmt: ReportFormatOption = ReportFormat.TABLE,
    xlsx: XlsxOption = None,
    charts: ChartsOption = None,
) -> None:
    """Enterprises insured, IP rights, cover, premiums, subsidies, claims, loss ratio."""
    view = (book_statistics, statistics_tables, statistics_charts)
    _grouped_view(ctx, view, by=by, day=day, output=(fmt, xlsx, charts), prefix="stats")


def uptake(
    ctx: typer.Context,
    by: ByOption = None,
    day: DateOption = None,
    fmt: ReportFormatOption = ReportFormat.TABLE,
    xlsx: XlsxOption = None,
    charts: ChartsOption = None,
) -> None:
    """Share of premium paid by subsidy, self-paid take-up, renewal with and without subsidy."""
    view = (subsidy_uptake, uptake_tables, uptake_charts)
    _grouped_view(ctx, view, by=by, day=day, output=(fmt, xlsx, charts), prefix="uptake")
