"""``patentshield programme``: synthetic books and portfolio simulation (insurer view).

A thin adapter over :mod:`patentshield.programme.service`, which takes today's date (for the
catalog and exchange rate of a synthetic book) from the runtime's clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from patentshield.assessment.cli import (
    CalibrationOption,
    ParametersOption,
    SeedOption,
    ThreadsOption,
    default_threads,
)
from patentshield.kernel.cli import (
    FormatOption,
    OutputFormat,
    emit,
    print_table,
    progress_shown,
)
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Money
from patentshield.programme import analytics_cli
from patentshield.programme.service import (
    PortfolioRequest,
    simulate_portfolio,
    write_synthetic_book,
)

app = typer.Typer(no_args_is_help=True, add_completion=False)


@app.command("synth")
def synth(
    ctx: typer.Context,
    policies: Annotated[int, typer.Option("--policies", help="Number of policies.")],
    out: Annotated[Path, typer.Option("--out", help="Book file to write (JSON).")],
    seed: SeedOption = 0,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Write a seeded synthetic book of policies (realistic mix of classes and sizes)."""
    with progress_shown(ctx, fmt) as current:
        summary = write_synthetic_book(current, policies=policies, seed=seed, out=out)
    emit(fmt, summary, lambda: typer.echo(f"wrote {policies} policies to {out} (seed {seed})"))


def _money(value: JsonValue) -> str:
    return str(Money.from_json(value)) if value is not None else "—"


def _render(document: dict[str, JsonValue]) -> None:
    loss = document["loss"]
    ratio = document["loss_ratio"]
    assert isinstance(loss, dict) and isinstance(ratio, dict)
    var, tvar = loss["var"], loss["tvar"]
    assert isinstance(var, dict) and isinstance(tvar, dict)
    rows = [
        ["written premium", _money(document["written_premium"])],
        ["expected loss", _money(loss["mean"])],
        ["VaR 99.5 %", _money(var["0.995"])],
        ["TVaR 99.5 %", _money(tvar["0.995"])],
        ["expected loss ratio", f"{float(str(ratio['mean'])):.1%}"],
        ["chance the loss ratio exceeds 100 %", f"{float(str(ratio['p_above_100_percent'])):.2%}"],
        ["named cases per year", f"{float(str(document['named_cases_per_year'])):.2f}"],
    ]
    print_table(
        f"Portfolio of {document['policies']} policies",
        ["figure", "value"],
        rows,
        caption=f"{document['years']} years, seed {document['seed']}, {document['seconds']} s",
    )
    pool = document["pool_size_effect"]
    assert isinstance(pool, list)
    print_table(
        "Pool-size effect",
        ["policies", "expected loss ratio", "loss ratio sd", "capital per premium"],
        [
            [
                str(row["policies"]),
                f"{float(str(row['expected_loss_ratio'])):.1%}",
                f"{float(str(row['loss_ratio_std'])):.1%}",
                f"{float(str(row['capital_per_premium'])):.2f}",
            ]
            for row in pool
            if isinstance(row, dict)
        ],
    )


@app.command("simulate")
def simulate(
    ctx: typer.Context,
    book: Annotated[Path, typer.Argument(help="Book file (portfolio synth output).")],
    years: Annotated[int, typer.Option("--years", help="Simulated years.")] = 10_000,
    seed: SeedOption = 0,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Dask local cluster with this many workers.")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Address of a Dask scheduler.")
    ] = None,
    threads: ThreadsOption = None,
    calibration: CalibrationOption = None,
    parameters: ParametersOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Simulate a book's years: loss distribution, loss ratios, tail contributions, pool size."""
    if workers is not None and workers < 1:
        raise InvalidInput("workers", f"must be at least 1, got {workers}")
    request = PortfolioRequest(
        book=book,
        years=years,
        seed=seed,
        workers=workers,
        scheduler=scheduler,
        threads=default_threads(threads),
        calibration=calibration,
        parameters=parameters,
    )
    with progress_shown(ctx, fmt) as current:
        document = simulate_portfolio(current, request)
    emit(fmt, document, lambda: _render(document))


# Programme analytics for IP administrations and insurers (issue 13), in analytics_cli.py.
app.command("whatif")(analytics_cli.whatif)
app.command("triangles")(analytics_cli.triangles)
app.command("adequacy")(analytics_cli.adequacy)
app.command("stats")(analytics_cli.stats)
app.command("uptake")(analytics_cli.uptake)
