"""Commands of the products capability: ``patentshield catalog list | show | validate``.

A thin adapter: parse options, ask the runtime's :class:`~patentshield.catalog.loader.Catalog`
(the shipped one, or ``PATENTSHIELD_CATALOG_FILE``), print with
:func:`~patentshield.kernel.cli.emit`. Errors of the kernel tree (unknown id, bad date,
invalid catalog file) reach the top-level command, which prints one line and exits with 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from patentshield.catalog import serialise
from patentshield.catalog.loader import Catalog, load_catalog
from patentshield.catalog.model import Product, ProductType
from patentshield.kernel.cli import (
    FormatOption,
    OutputFormat,
    day_or_today,
    emit,
    optional_day,
    print_table,
    runtime,
)
from patentshield.kernel.errors import InvalidRecords

app = typer.Typer(no_args_is_help=True, add_completion=False)

DateOption = Annotated[
    str | None, typer.Option("--date", help="Day the terms apply (YYYY-MM-DD).", show_default=False)
]


def _print_product(product: Product) -> None:
    title = f"{product.id} v{product.version}: {product.name}"
    print_table(title, ("Term", "Value"), serialise.term_rows(product))
    print_table(
        "Cover per 337 cost category", serialise.COVERAGE_COLUMNS, serialise.coverage_rows(product)
    )
    typer.echo("Sources:")
    for line in serialise.source_lines(product):
        typer.echo(f"  {line}")
    for line in serialise.illustrative_notices(product):
        typer.echo(line)


@app.command("list")
def list_products(
    ctx: typer.Context,
    day: DateOption = None,
    product_type: Annotated[
        ProductType | None, typer.Option("--type", help="Only products of this type.")
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """List the products on sale on a day (today by default), one version each."""
    when = day_or_today(day)
    products = runtime(ctx).reference.get(Catalog).products(when, product_type=product_type)
    emit(
        fmt,
        serialise.catalog_list_json(products),
        lambda: print_table(
            f"Insurance catalog on {when}",
            serialise.LIST_COLUMNS,
            serialise.list_rows(products),
            caption="337 covered?: does the product answer a Section 337 case against the insured",
        ),
    )


@app.command("show")
def show_product(
    ctx: typer.Context,
    product_id: Annotated[str, typer.Argument(metavar="ID", help="Product id.")],
    version: Annotated[int | None, typer.Option("--version", help="Version number.")] = None,
    day: DateOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Show every term of a product: plans, cover per cost category, sources."""
    when = optional_day(day, "date")
    product = runtime(ctx).reference.get(Catalog).get(product_id, on=when, version=version)
    emit(fmt, serialise.product_to_json(product), lambda: _print_product(product))


@app.command("validate")
def validate_file(
    file: Annotated[Path, typer.Argument(help="A catalog YAML file (see docs/catalog.md).")],
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Check an insurer's own catalog file and list every error (exit status 2 if any)."""
    try:
        catalog = load_catalog(file)
    except InvalidRecords as error:
        errors = error.errors
        emit(
            fmt,
            serialise.validation_json(str(file), catalog=None, errors=errors),
            lambda: print_table(
                f"{len(errors)} error(s) in {file}",
                serialise.ERROR_COLUMNS,
                serialise.error_rows(errors),
            ),
        )
        raise
    emit(
        fmt,
        serialise.validation_json(str(file), catalog=catalog),
        lambda: typer.echo(
            f"{file}: valid, {len(catalog.entries)} product version(s) "
            f"of {len(catalog.ids())} product(s)"
        ),
    )
