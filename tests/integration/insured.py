"""Shared set-up of the case and claim tests: a Shenzhen exporter with a bound policy."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.db import Database
from patentshield.kernel.money import Money
from patentshield.policies.binding import Policy
from patentshield.policies.model import QuoteRequest
from patentshield.policies.policy_service import BindRequest, bind_policy
from patentshield.policies.service import quote_product

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
QUOTE_DAY = date(2026, 3, 1)
PRODUCT = "illustrative-337-defence"


def quote_id(database: Database, enterprise: str = "sz-led-lighting", day: date = QUOTE_DAY) -> str:
    """Quote the illustrative 337 defence product for ``enterprise``; return the quote id."""
    request = QuoteRequest(
        product_id=PRODUCT,
        day=day,
        enterprise=enterprise,
        premium=Money.of("400000", "CNY"),
        fx_rate=None,
    )
    return quote_product(database, request, now=NOW).id


def insured(
    database: Database,
    enterprise: str = "sz-led-lighting",
    *,
    import_examples: bool = True,
    notice_days: int = 30,
) -> Policy:
    """Import the example enterprises, quote and bind a policy from 1 March 2026."""
    if import_examples:
        import_enterprises(database, EXAMPLES)
    request = BindRequest(quote_id=quote_id(database, enterprise), notice_days=notice_days)
    return bind_policy(database, request, now=NOW)
