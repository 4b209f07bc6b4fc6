"""Quotes through the service on SQLite and PostgreSQL: saved, subsidised from the ledger."""

from datetime import date
from pathlib import Path

import pytest

from patentshield.catalog.model import ProductType
from patentshield.enterprises.service import enterprise_profile, import_enterprises
from patentshield.kernel.errors import InvalidInput, NotFound, RuleViolation
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.quotes.model import QuoteRequest
from patentshield.quotes.serialise import quote_to_json
from patentshield.quotes.service import (
    compare_products,
    quote_product,
    saved_quote,
    saved_quotes,
)
from patentshield.subsidies.choice import applicant_of
from patentshield.subsidies.model import GrantRequest
from patentshield.subsidies.service import grant_subsidy

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
DAY = date(2026, 3, 1)


def cny(amount: int) -> Money:
    return Money.of(amount, "CNY")


@pytest.fixture
def loaded(runtime: Runtime) -> Runtime:
    import_enterprises(runtime, EXAMPLES)
    return runtime


def overseas_quote(**changes: object) -> QuoteRequest:
    fields: dict[str, object] = {
        "product_id": "huangpu-2020-overseas-liability",
        "day": DAY,
        "enterprise": "sz-led-lighting",
        "premium": cny(100_000),
    }
    fields.update(changes)
    return QuoteRequest(**fields)  # type: ignore[arg-type]


def test_a_quote_is_saved_with_its_document(loaded: Runtime):
    quote = quote_product(loaded, overseas_quote())
    saved = saved_quote(loaded, quote.id)
    document = quote_to_json(saved)
    assert document == quote_to_json(quote)
    assert document["gross_premium"] == {"amount": "100000.00", "currency": "CNY"}
    assert saved.enterprise_id == "sz-led-lighting"
    assert [q.id for q in saved_quotes(loaded, enterprise="sz-led-lighting")] == [quote.id]


def test_the_shenzhen_subsidy_counts_what_the_ledger_already_granted_this_year(loaded: Runtime):
    assert quote_product(loaded, overseas_quote()).subsidy.amount == cny(50_000)
    applicant = applicant_of(enterprise_profile(loaded, "sz-led-lighting"), None)
    grant_subsidy(
        loaded,
        GrantRequest(
            programme_id="shenzhen",
            applicant=applicant,
            product_type=ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY,
            premium=cny(360_000),
            day=date(2026, 1, 15),
            reference="policy-earlier-2026",
        ),
        idempotency_key="earlier-2026",
    )
    quote = quote_product(loaded, overseas_quote())
    assert quote.subsidy.amount == cny(20_000)  # 200,000 cap − 180,000 granted
    assert quote.net_premium == cny(80_000)
    assert quote.subsidy.programme_id == "shenzhen"


def test_the_package_c_limit_is_ninety_times_its_premium(loaded: Runtime):
    request = QuoteRequest(product_id="chancheng-package-10-c", day=DAY, units=1)
    quote = quote_product(loaded, request)
    assert quote.gross_premium == cny(16_000)
    assert quote.aggregate_limit == cny(1_440_000)


def test_compare_saves_one_quote_per_product(loaded: Runtime):
    request = QuoteRequest(product_id="", day=DAY, enterprise="fs-kitchen-appliances")
    quotes = compare_products(loaded, request, ["picc-2013-enforcement", "chancheng-package-10-b"])
    assert [q.product_id for q in quotes] == ["picc-2013-enforcement", "chancheng-package-10-b"]
    assert len(saved_quotes(loaded)) == 2


def test_a_risk_rated_quote_for_an_exporter_is_priced_by_the_engine_and_saved(loaded: Runtime):
    quote = quote_product(loaded, overseas_quote(premium=None))
    assert quote.gross_premium.amount > 0
    assert quote.pricing_trace[0].startswith("risk engine: indicated premium for sz-led-lighting")
    again = quote_product(loaded, overseas_quote(premium=None))
    assert again.gross_premium == quote.gross_premium
    assert len(saved_quotes(loaded)) == 2


def test_bad_requests_write_nothing(loaded: Runtime):
    with pytest.raises(NotFound):
        quote_product(loaded, overseas_quote(product_id="no-such-product"))
    with pytest.raises(NotFound):
        quote_product(loaded, overseas_quote(enterprise="nobody"))
    with pytest.raises(RuleViolation):  # risk-rated, no premium and no exporter to rate
        quote_product(loaded, overseas_quote(premium=None, enterprise=None, region_code="440306"))
    with pytest.raises(RuleViolation):  # risk-rated, but pays nothing for a 337 case
        quote_product(
            loaded,
            overseas_quote(product_id="picc-patent-guard-enforcement", premium=None, units=1),
        )
    with pytest.raises(InvalidInput):
        quote_product(loaded, overseas_quote(region_code="110000"))
    assert saved_quotes(loaded) == []
