"""A quote document reads back into the same quote: every catalog product, random quotes."""

import json
from datetime import UTC
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.catalog.loader import Catalog
from patentshield.kernel.errors import InvalidInput, PatentshieldError
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, FxRate, Money
from patentshield.quotes.assembly import ApplicantFacts
from patentshield.quotes.model import Quote
from patentshield.quotes.serialise import quote_from_json, quote_to_json
from patentshield.subsidies.choice import SubsidyOutcome
from tests.factories import pricing_of, quote_of

CATALOG = Catalog.shipped()


def stored(quote: Quote) -> dict[str, JsonValue]:
    """Return the quote's document as the store keeps it (through JSON text)."""
    document: dict[str, JsonValue] = json.loads(json.dumps(quote_to_json(quote)))
    return document


@pytest.mark.parametrize("product", CATALOG.entries, ids=lambda p: f"{p.id}-v{p.version}")
def test_the_document_of_every_catalog_product_reads_back_to_the_same_document(product):
    document = stored(quote_of(product, pricing_of(product, product.plans[0], 3)))
    assert quote_to_json(quote_from_json(document)) == document


texts = st.text(max_size=40)
subsidies = st.builds(
    SubsidyOutcome,
    amount=st.decimals(min_value=0, max_value=500_000, places=3).map(
        lambda amount: Money(amount, Currency.CNY)
    ),
    programme_id=st.none() | st.sampled_from(["shenzhen", "wuxi"]),
    programme_version=st.none() | st.integers(1, 4),
    explanation=st.lists(texts, max_size=3).map(tuple),
    warnings=st.lists(texts, max_size=2).map(tuple),
    alternatives=st.lists(texts, max_size=2).map(tuple),
)
facts = st.builds(
    ApplicantFacts,
    enterprise_id=st.none() | st.just("sz-led-lighting"),
    region_code=st.none() | st.sampled_from(["440306", "4403", "11"]),
    us_sales=st.none() | st.integers(1, 10**9).map(lambda v: Money(Decimal(v), Currency.USD)),
    patents=st.none() | st.integers(0, 60),
)


@st.composite
def quotes(draw: st.DrawFn) -> Quote:
    product = draw(st.sampled_from(CATALOG.entries))
    plan = draw(st.sampled_from(product.plans))
    try:
        pricing = pricing_of(
            product, plan, draw(st.integers(1, 40)), draw(st.integers(1, 2_000_000))
        )
    except PatentshieldError:
        return draw(st.nothing())
    rate = draw(st.decimals(min_value="5.5", max_value="8.5", places=4))
    return quote_of(
        product,
        pricing,
        subsidy=draw(subsidies),
        facts=draw(facts),
        fx=FxRate(Currency.USD, Currency.CNY, rate, product.valid_from, draw(texts)),
        fx_warnings=tuple(draw(st.lists(texts, max_size=2))),
        created_at=draw(st.datetimes(timezones=st.just(UTC))),
    )


@settings(max_examples=200, deadline=None)
@given(quotes())
def test_a_quote_document_reads_back_to_the_same_document(quote: Quote):
    document = stored(quote)
    assert quote_to_json(quote_from_json(document)) == document


def test_the_quote_read_back_carries_the_figures_a_policy_is_bound_from():
    product = CATALOG.get("illustrative-337-defence")
    quote = quote_of(product, pricing_of(product, product.plans[0], 1, premium=400_000))
    again = quote_from_json(stored(quote))
    assert (again.id, again.day, again.plan) == (quote.id, quote.day, quote.plan)
    assert (again.product_id, again.product_version) == (product.id, product.version)
    assert again.gross_premium == quote.gross_premium
    assert again.per_claim_limit == quote.per_claim_limit
    assert again.aggregate_limit == quote.aggregate_limit
    assert again.subsidy.amount == quote.subsidy.amount.rounded()
    assert again.fx_rate == quote.fx_rate and again.created_at == quote.created_at


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"plan": None}, "quote.plan"),
        ({"gross_premium": {"amount": "1"}}, "quote.gross_premium"),
        ({"date": "1 March"}, "quote.date"),
        ({"product": "illustrative-337-defence"}, "quote.product"),
        ({"units": "3"}, "quote.units"),
    ],
)
def test_a_malformed_document_names_the_field(change, field):
    product = CATALOG.get("illustrative-337-defence")
    document = {**stored(quote_of(product, pricing_of(product, product.plans[0], 1))), **change}
    with pytest.raises(InvalidInput) as refused:
        quote_from_json(document)
    assert refused.value.field == field


def _amount(money: JsonValue) -> Decimal:
    assert isinstance(money, dict)
    return Decimal(str(money["amount"]))


@settings(max_examples=200, deadline=None)
@given(quotes())
def test_the_usd_lines_of_a_quote_add_up_like_its_cny_lines(quote: Quote):
    usd = quote_to_json(quote)["usd"]
    assert isinstance(usd, dict)
    gross, subsidy, net = (_amount(usd[k]) for k in ("gross_premium", "subsidy", "net_premium"))
    assert gross - subsidy == net


def test_the_demo_quote_that_lost_a_cent_in_usd_now_adds_up():
    product = CATALOG.get("illustrative-337-defence")
    rate = FxRate(Currency.USD, Currency.CNY, Decimal("7.1884"), product.valid_from)
    quote = quote_of(
        product,
        pricing_of(product, product.plans[0], 1, premium=400_000),
        subsidy=SubsidyOutcome(Money(Decimal("200000.00"), Currency.CNY), "shenzhen", 1, ()),
        fx=rate,
    )
    usd = quote_to_json(quote)["usd"]
    assert isinstance(usd, dict)
    assert usd["gross_premium"] == {"amount": "55645.21", "currency": "USD"}
    assert _amount(usd["gross_premium"]) - _amount(usd["subsidy"]) == _amount(usd["net_premium"])
