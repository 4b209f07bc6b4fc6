"""Builders of programmes and requests for the subsidies tests (fakes, not mocks)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from patentshield.catalog.model import ProductType
from patentshield.kernel.money import Money
from patentshield.subsidies.catalog import Programmes, find_programme
from patentshield.subsidies.model import (
    Applicant,
    Programme,
    Source,
    SubsidyRequest,
    YearCap,
    parse_cny,
)

DAY = date(2024, 6, 1)


def cny(amount: str | int) -> Money:
    """Return ``amount`` CNY."""
    return parse_cny(str(amount), field="amount")


def shipped(programme_id: str, day: date = DAY) -> Programme:
    """Return the shipped programme version in force on ``day``."""
    return find_programme(programme_id, day, Programmes.shipped())


def synthetic(**changes: object) -> Programme:
    """Return a plain programme (50 % of premium, region 4403) with ``changes`` applied."""
    base = Programme(
        id="test-programme",
        version=1,
        valid_from=date(2024, 1, 1),
        valid_to=date(2025, 1, 1),
        name="Test programme",
        name_zh="测试",
        rule="test rule",
        body="Test body",
        region_code="4403",
        product_types=frozenset({ProductType.PATENT_ENFORCEMENT}),
        rate=Decimal("0.50"),
        sources=(Source("R0", "https://example.invalid/rule"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def year_cap(
    key: str, amount: int, *, flag: str | None = None, types: tuple[ProductType, ...] = ()
) -> YearCap:
    """Return an applicant-year cap."""
    return YearCap(key, parse_cny(str(amount), field="cap"), frozenset(types), flag)


def request(
    programme: Programme,
    premium: int | str,
    *,
    product_type: ProductType = ProductType.PATENT_ENFORCEMENT,
    day: date = DAY,
    **changes: object,
) -> SubsidyRequest:
    """Return a request for ``premium`` CNY under ``programme`` with ``changes`` applied."""
    base = SubsidyRequest(
        programme=programme,
        product_type=product_type,
        premium=parse_cny(str(premium), field="premium"),
        day=day,
        applicant=Applicant(),
    )
    return replace(base, **changes)  # type: ignore[arg-type]
