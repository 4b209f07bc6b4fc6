"""``/api/v1/catalog``: the insurance products on sale, their terms, cover and gaps.

A thin adapter over the runtime's :class:`~patentshield.catalog.loader.Catalog` (shipped, or
``PATENTSHIELD_CATALOG_FILE``); the answers are the JSON of ``patentshield catalog … --format
json`` (:mod:`patentshield.catalog.serialise`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from patentshield.catalog import serialise
from patentshield.catalog.loader import Catalog
from patentshield.catalog.model import ProductType
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Day, Document, Key, day_or_today
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.runtime import Runtime

router = APIRouter(prefix="/catalog", tags=["catalog"])
MAX_COMPARED = 10

DayQuery = Annotated[Day | None, Query(description="Day the terms apply (today).")]


class ProductSummaryOut(Document):
    """A product version as listed."""

    id: str
    version: int
    insurer: str
    name: str
    name_zh: str
    product_type: str
    plans: list[str]
    responds_to_337: str
    illustrative: bool


class CoverageOut(BaseModel):
    """Cover of one 337 cost category."""

    category: str
    label: str
    cover: str
    sub_limit: dict[str, str] | None


class ProductOut(Document):
    """Every term of a product version: plans, cover per 337 cost category, gaps, sources."""

    id: str
    version: int
    insurer: str
    currency: str
    coverage: list[CoverageOut]
    coverage_gaps: list[str]


def _catalog(runtime: Runtime) -> Catalog:
    require(runtime.caller, Permission.CATALOG_READ)
    return runtime.reference.get(Catalog)


@router.get("", response_model=list[ProductSummaryOut], summary="Products on sale on a day")
def list_products(
    runtime: RuntimeDep,
    day: DayQuery = None,
    product_type: Annotated[ProductType | None, Query(description="Only this type.")] = None,
) -> list[JsonValue]:
    """List the products on sale on a day (today by default), one version each."""
    catalog = _catalog(runtime)
    return serialise.catalog_list_json(
        catalog.products(day_or_today(runtime, day), product_type=product_type)
    )


@router.get(
    "/compare", response_model=list[ProductOut], summary="Products side by side, with their gaps"
)
def compare_products(
    runtime: RuntimeDep,
    product: Annotated[list[str], Query(max_length=MAX_COMPARED, description="Product ids.")],
    day: DayQuery = None,
) -> list[JsonValue]:
    """Return the terms, cover and coverage gaps of several products valid on a day."""
    catalog = _catalog(runtime)
    if not product:
        raise InvalidInput("product", "give at least one product id")
    when = day_or_today(runtime, day)
    return [serialise.product_to_json(catalog.get(key, on=when)) for key in product]


@router.get("/{product_id}", response_model=ProductOut, summary="Every term of a product")
def show_product(
    product_id: Key,
    runtime: RuntimeDep,
    version: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    day: DayQuery = None,
) -> dict[str, JsonValue]:
    """Show a product version: plans, cover per cost category, gaps, sources."""
    catalog = _catalog(runtime)
    return serialise.product_to_json(catalog.get(product_id, on=day, version=version))
