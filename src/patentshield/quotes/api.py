"""``/api/v1/quotes``: price a product for an applicant, compare products, read saved quotes.

A thin adapter over :mod:`patentshield.quotes.service`: every quote is saved as it is priced
(as ``patentshield quote`` does) and answered as the JSON of ``quote … --format json``
(:func:`~patentshield.quotes.serialise.quote_to_json`). Amounts and rates are decimal text,
checked by the same parsers as the CLI's options.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, Field

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Day, Document, Key, day_or_today
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.limits import MAX_UNITS
from patentshield.kernel.money import Currency, Money, parse_amount, parse_fx_rate
from patentshield.kernel.runtime import Runtime
from patentshield.quotes.model import QuoteRequest
from patentshield.quotes.serialise import quote_to_json
from patentshield.quotes.service import (
    compare_products,
    quote_product,
    saved_quote,
    saved_quotes,
)
from patentshield.subsidies.model import parse_region_code

router = APIRouter(prefix="/quotes", tags=["quotes"])
MAX_COMPARED = 10

Units = Annotated[int | None, Field(ge=1, le=MAX_UNITS, description="Insured units.")]
Reference = Annotated[str | None, Field(max_length=200)]


class QuoteOut(Document):
    """A saved quote: premiums, limits, subsidy, net premium and 337 coverage gaps."""

    id: str
    created_at: str
    date: str
    product: dict[str, str | int]
    plan: str
    units: int


class Applicant(BaseModel):
    """Who is quoted and when: an enterprise (id or credit code), or a region alone."""

    units: Units = None
    enterprise: Reference = None
    region: Annotated[str | None, Field(max_length=6, examples=["440305"])] = None
    date: Day | None = Field(default=None, description="Quote date (today).")
    fx_rate: Annotated[str | None, Field(max_length=30, description="CNY per USD.")] = None


class QuoteIn(Applicant):
    """A product (and plan) to price for an applicant."""

    product: Annotated[str, Field(min_length=1, max_length=200, examples=["picc-337"])]
    plan: Reference = None
    premium: Annotated[
        str | None, Field(max_length=40, description="CNY agreed (risk-rated products).")
    ] = None


class CompareIn(Applicant):
    """Products to price side by side for one applicant."""

    products: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=200)]],
        Field(min_length=2, max_length=MAX_COMPARED),
    ]


def _request(runtime: Runtime, body: Applicant, product: str) -> QuoteRequest:
    premium = getattr(body, "premium", None)
    amount = None if premium is None else parse_amount(premium, field="premium")
    if amount is not None and amount <= 0:
        raise InvalidInput("premium", f"must be positive, got {premium}")
    return QuoteRequest(
        product_id=product,
        day=day_or_today(runtime, body.date),
        units=body.units,
        plan=getattr(body, "plan", None),
        enterprise=body.enterprise,
        region_code=None if body.region is None else parse_region_code(body.region, field="region"),
        premium=None if amount is None else Money(amount, Currency.CNY),
        fx_rate=None if body.fx_rate is None else parse_fx_rate(body.fx_rate),
    )


@router.post(
    "",
    response_model=QuoteOut,
    status_code=status.HTTP_201_CREATED,
    summary="Quote a product (the quote is saved)",
)
def create_quote(body: QuoteIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Price a product for an applicant: premium, limits, subsidy, net premium, 337 gaps."""
    return quote_to_json(quote_product(runtime, _request(runtime, body, body.product)))


@router.post(
    "/compare",
    response_model=list[QuoteOut],
    status_code=status.HTTP_201_CREATED,
    summary="Quote several products side by side (all saved)",
)
def compare(body: CompareIn, runtime: RuntimeDep) -> list[JsonValue]:
    """Quote each product for the same applicant and day."""
    request = _request(runtime, body, body.products[0])
    return [quote_to_json(q) for q in compare_products(runtime, request, body.products)]


@router.get("", response_model=list[QuoteOut], summary="Saved quotes, newest first")
def list_quotes(
    runtime: RuntimeDep,
    enterprise: Annotated[str | None, Query(max_length=200)] = None,
) -> list[JsonValue]:
    """List saved quotes, of one enterprise if given."""
    return [quote_to_json(q) for q in saved_quotes(runtime, enterprise=enterprise)]


@router.get("/{quote_id}", response_model=QuoteOut, summary="A saved quote")
def show_quote(quote_id: Key, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Show a saved quote."""
    return quote_to_json(saved_quote(runtime, quote_id))
