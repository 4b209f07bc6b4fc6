"""Quotes as values: what a quote states, and the subsidy outcome it carries.

A :class:`Quote` is assembled by :func:`patentshield.quotes.assembly.assemble_quote` from pure
parts (pricing, subsidy, exchange rate, coverage-gap report) and saved by the service. Its JSON
form is the contract of ``patentshield quote --format json``.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from patentshield.catalog.gaps import GapReport
from patentshield.kernel.money import FxRate, Money
from patentshield.subsidies.choice import SubsidyOutcome


@dataclass(frozen=True, slots=True)
class QuoteRequest:
    """What the caller asks a quote for (validated at the edge)."""

    product_id: str
    day: date
    units: int | None = None
    plan: str | None = None
    enterprise: str | None = None
    region_code: str | None = None
    premium: Money | None = None
    fx_rate: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A priced offer of one product plan to one applicant on one day (amounts rounded)."""

    id: str
    created_at: datetime
    day: date
    product_id: str
    product_version: int
    product_name: str
    insurer: str
    product_type: str
    plan: str
    units: int
    enterprise_id: str | None
    region_code: str | None
    gross_premium: Money
    subsidy: SubsidyOutcome
    net_premium: Money
    per_claim_limit: Money
    aggregate_limit: Money
    deductible: Money | None
    coinsurance: Decimal
    fx_rate: FxRate
    gap_report: GapReport
    pricing_trace: tuple[str, ...]
    warnings: tuple[str, ...]
    illustrative: bool
    illustrative_terms: tuple[str, ...]
