"""``patentshield quote``: price a product for an exporter, compare products, show saved quotes.

A thin adapter: options are parsed into a :class:`QuoteRequest` (today's date is read here,
at the edge, from the runtime's clock), the service prices and saves, and
:mod:`patentshield.quotes.render` prints.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import typer

from patentshield.kernel.cli import FormatOption, OutputFormat, day_or_today, emit, runtime
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Currency, Money, parse_amount, parse_fx_rate
from patentshield.quotes import render
from patentshield.quotes.model import QuoteRequest
from patentshield.quotes.serialise import quote_to_json
from patentshield.quotes.service import (
    compare_products,
    quote_product,
    saved_quote,
    saved_quotes,
)

app = typer.Typer(invoke_without_command=True, no_args_is_help=False, add_completion=False)

ProductOption = Annotated[
    list[str] | None, typer.Option("--product", "-p", help="Product id (see `catalog list`).")
]
UnitsOption = Annotated[
    int | None,
    typer.Option(
        help="Insured units: patents, commodities (product classes) or packages (default: "
        "enough for the whole enterprise, else 1)."
    ),
]
PlanOption = Annotated[str | None, typer.Option(help="Plan of the product (default: its first).")]
EnterpriseOption = Annotated[
    str | None, typer.Option(help="Enterprise id or credit code (see `enterprise list`).")
]
RegionOption = Annotated[
    str | None, typer.Option(help="Administrative division code, when no enterprise is given.")
]
DateOption = Annotated[str | None, typer.Option("--date", help="Quote date YYYY-MM-DD (today).")]
PremiumOption = Annotated[
    str | None,
    typer.Option(
        help="Premium in CNY agreed with the insurer (risk-rated products) or chosen "
        "inside the product's premium range."
    ),
]
FxOption = Annotated[
    str | None,
    typer.Option(
        "--fx-rate", help="CNY per USD for this operation (default: the rate table, --fx)."
    ),
]


def _premium(value: str | None) -> Decimal | None:
    if value is None:
        return None
    number = parse_amount(value, field="premium")
    if number <= 0:
        raise InvalidInput("premium", f"must be positive, got {value}")
    return number


def _request(
    product: str,
    *,
    units: int | None,
    plan: str | None,
    enterprise: str | None,
    region: str | None,
    day: str | None,
    premium: str | None,
    fx_rate: str | None,
) -> QuoteRequest:
    premium_amount = _premium(premium)
    if region is not None and not (region.isdigit() and len(region) in (2, 4, 6)):
        raise InvalidInput("region", f"{region!r} is not an administrative division code")
    return QuoteRequest(
        product_id=product,
        day=day_or_today(day),
        units=units,
        plan=plan,
        enterprise=enterprise,
        region_code=region,
        premium=Money(premium_amount, Currency.CNY) if premium_amount is not None else None,
        fx_rate=parse_fx_rate(fx_rate) if fx_rate is not None else None,
    )


@app.callback()
def quote(
    ctx: typer.Context,
    product: ProductOption = None,
    units: UnitsOption = None,
    plan: PlanOption = None,
    enterprise: EnterpriseOption = None,
    region: RegionOption = None,
    day: DateOption = None,
    premium: PremiumOption = None,
    fx_rate: FxOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Quote a product: premium, limits, subsidy, net premium and 337 coverage gaps."""
    if ctx.invoked_subcommand is not None:
        return
    if not product or len(product) != 1:
        raise InvalidInput("product", "give exactly one --product (or use `quote compare`)")
    request = _request(
        product[0],
        units=units,
        plan=plan,
        enterprise=enterprise,
        region=region,
        day=day,
        premium=premium,
        fx_rate=fx_rate,
    )
    result = quote_product(runtime(ctx), request)
    emit(fmt, quote_to_json(result), lambda: render.quote_table(result))


@app.command()
def compare(
    ctx: typer.Context,
    product: ProductOption = None,
    units: UnitsOption = None,
    enterprise: EnterpriseOption = None,
    region: RegionOption = None,
    day: DateOption = None,
    fx_rate: FxOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Quote several products (--product A --product B …) side by side; all are saved."""
    products = product or []
    request = _request(
        products[0] if products else "",
        units=units,
        plan=None,
        enterprise=enterprise,
        region=region,
        day=day,
        premium=None,
        fx_rate=fx_rate,
    )
    quotes = compare_products(runtime(ctx), request, products)
    emit(fmt, [quote_to_json(q) for q in quotes], lambda: render.comparison_table(quotes))


@app.command()
def show(
    ctx: typer.Context,
    quote_id: Annotated[str, typer.Argument(help="Quote id (q-…).")],
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Show a saved quote."""
    found = saved_quote(runtime(ctx), quote_id)
    emit(fmt, quote_to_json(found), lambda: render.quote_table(found))


@app.command("list")
def list_quotes(
    ctx: typer.Context,
    enterprise: EnterpriseOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """List saved quotes, newest first."""
    documents = [quote_to_json(q) for q in saved_quotes(runtime(ctx), enterprise=enterprise)]
    emit(fmt, documents, lambda: render.documents_table(documents))
