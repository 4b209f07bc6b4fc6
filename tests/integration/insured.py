"""Shared set-up of the case and claim tests: a Shenzhen exporter with a bound policy."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.db import Database
from patentshield.kernel.money import Money
from patentshield.policies.model import Policy
from patentshield.policies.service import BindRequest, bind_policy
from patentshield.quotes.model import QuoteRequest
from patentshield.quotes.service import quote_product
from tests.factories import runtime_of

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
QUOTE_DAY = date(2026, 3, 1)
PRODUCT = "illustrative-337-defence"


def quote_id(
    database: Database,
    enterprise: str = "sz-led-lighting",
    day: date = QUOTE_DAY,
    product: str = PRODUCT,
) -> str:
    """Quote ``product`` (the illustrative 337 defence) for ``enterprise``; return the quote id.

    The illustrative product is risk-rated and quoted at CNY 400,000; another is quoted at its
    tariff.
    """
    premium = Money.of("400000", "CNY") if product == PRODUCT else None
    request = QuoteRequest(
        product_id=product,
        day=day,
        enterprise=enterprise,
        premium=premium,
        fx_rate=None,
    )
    return quote_product(runtime_of(database, now=NOW), request).id


def insured(
    database: Database,
    enterprise: str = "sz-led-lighting",
    *,
    import_examples: bool = True,
    notice_days: int = 30,
    product: str = PRODUCT,
) -> Policy:
    """Import the example enterprises, quote and bind a policy from 1 March 2026."""
    runtime = runtime_of(database, now=NOW)
    if import_examples:
        import_enterprises(runtime, EXAMPLES)
    quoted = quote_id(database, enterprise, product=product)
    request = BindRequest(quote_id=quoted, notice_days=notice_days)
    return bind_policy(runtime, request)
