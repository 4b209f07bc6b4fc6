"""Quotes to JSON documents (the shape the CLI and API print and the store saves) and back.

Money is ``{"amount": "123.45", "currency": "CNY"}``; every CNY amount is also given in USD
with the exchange rate used (``fx_rate``), so a reader can check the conversion; the USD
subsidy is the USD gross premium less the USD net premium, so the USD lines add up too.
:func:`quote_from_json` reads a document back into a :class:`Quote`, so that
``quote_to_json(quote_from_json(document)) == document``.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TypeVar

from patentshield.catalog.gaps import GapReport, GapRow
from patentshield.catalog.model import Answer, CostCategory, Cover
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, FxRate, Money, parse_decimal
from patentshield.quotes.model import Quote
from patentshield.subsidies.choice import SubsidyOutcome

T = TypeVar("T")


def _usd(quote: Quote, amount: Money) -> Money:
    if amount.currency is Currency.USD:
        return amount.rounded()
    return quote.fx_rate.convert(amount).rounded()


def _usd_lines(quote: Quote, money: dict[str, Money]) -> dict[str, JsonValue]:
    """Return the amounts in USD; the subsidy is the USD gross less the USD net premium.

    Converting each line on its own rounds each to the cent, so the three could disagree by
    one (55,645.21 − 27,822.60 ≠ 27,822.60): the subsidy is derived from the two others, so
    that the gross and the net premium — what the insured pays — stay exact conversions.
    """
    usd = {name: _usd(quote, amount) for name, amount in money.items()}
    usd["subsidy"] = usd["gross_premium"] - usd["net_premium"]
    return {name: amount.to_json() for name, amount in usd.items()}


def quote_to_json(quote: Quote) -> dict[str, JsonValue]:
    """Return the JSON document of a quote."""
    money = {
        "gross_premium": quote.gross_premium,
        "subsidy": quote.subsidy.amount.rounded(),
        "net_premium": quote.net_premium,
        "per_claim_limit": quote.per_claim_limit,
        "aggregate_limit": quote.aggregate_limit,
    }
    if quote.deductible is not None:
        money["deductible"] = quote.deductible
    document: dict[str, JsonValue] = {
        "id": quote.id,
        "created_at": quote.created_at.isoformat(),
        "date": quote.day.isoformat(),
        "product": {
            "id": quote.product_id,
            "version": quote.product_version,
            "name": quote.product_name,
            "insurer": quote.insurer,
            "product_type": quote.product_type,
        },
        "plan": quote.plan,
        "units": quote.units,
        "enterprise": quote.enterprise_id,
        "region": quote.region_code,
        **{name: amount.to_json() for name, amount in money.items()},
        "deductible": quote.deductible.to_json() if quote.deductible else None,
        "coinsurance": str(quote.coinsurance),
        "subsidy_programme": quote.subsidy.programme_id,
        "subsidy_programme_version": quote.subsidy.programme_version,
        "subsidy_explanation": list(quote.subsidy.explanation),
        "subsidy_alternatives": list(quote.subsidy.alternatives),
        "usd": _usd_lines(quote, money),
        "fx_rate": quote.fx_rate.to_json(),
        "responds_to_337": quote.gap_report.responds_to_337.value,
        "coverage_gaps": [category.value for category in quote.gap_report.gaps],
        "coverage": [
            {
                "category": row.category.value,
                "label": row.label,
                "worded": row.worded.value,
                "effective": row.effective.value,
                "reason": row.reason,
                "sub_limit": row.sub_limit,
            }
            for row in quote.gap_report.rows
        ],
        "pricing": list(quote.pricing_trace),
        "warnings": list(quote.warnings),
        "illustrative": quote.illustrative,
        "illustrative_terms": list(quote.illustrative_terms),
    }
    return document


class _Reader:
    """Reads the fields of a quote document; a missing or malformed field is InvalidInput."""

    def __init__(self, document: Mapping[str, JsonValue], where: str = "quote") -> None:
        self.document = document
        self.where = where

    def field_name(self, key: str) -> str:
        return f"{self.where}.{key}"

    def value(self, key: str) -> JsonValue:
        if key not in self.document:
            raise InvalidInput(self.field_name(key), "missing")
        return self.document[key]

    def text(self, key: str) -> str:
        value = self.value(key)
        if not isinstance(value, str):
            raise InvalidInput(self.field_name(key), f"{value!r} is not text")
        return value

    def optional_text(self, key: str) -> str | None:
        return None if self.document.get(key) is None else self.text(key)

    def integer(self, key: str) -> int:
        value = self.value(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(self.field_name(key), f"{value!r} is not a whole number")
        return value

    def optional_integer(self, key: str) -> int | None:
        return None if self.document.get(key) is None else self.integer(key)

    def money(self, key: str) -> Money:
        return Money.from_json(self.value(key), field=self.field_name(key))

    def optional_money(self, key: str) -> Money | None:
        return None if self.document.get(key) is None else self.money(key)

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.document.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise InvalidInput(self.field_name(key), "is not a list of text")
        return tuple(str(item) for item in value)

    def nested(self, key: str) -> _Reader:
        value = self.value(key)
        if not isinstance(value, Mapping):
            raise InvalidInput(self.field_name(key), f"{value!r} is not a mapping")
        return _Reader(value, self.field_name(key))

    def rows(self, key: str) -> list[_Reader]:
        value = self.value(key)
        if not isinstance(value, list) or not all(isinstance(row, Mapping) for row in value):
            raise InvalidInput(self.field_name(key), "is not a list of mappings")
        return [_Reader(row, f"{self.field_name(key)}[{n}]") for n, row in enumerate(value)]

    def parsed(self, key: str, parse: Callable[[str], T]) -> T:
        text = self.text(key)
        try:
            return parse(text)
        except ValueError:
            raise InvalidInput(self.field_name(key), f"{text!r} is not valid here") from None


def _fx_rate(reader: _Reader) -> FxRate:
    return FxRate(
        base=reader.parsed("base", Currency),
        quote=reader.parsed("quote", Currency),
        rate=parse_decimal(reader.text("rate"), field=reader.field_name("rate")),
        as_of=reader.parsed("as_of", date.fromisoformat),
        source=reader.text("source"),
    )


def _gap_report(reader: _Reader) -> GapReport:
    rows = tuple(
        GapRow(
            category=row.parsed("category", CostCategory),
            label=row.text("label"),
            worded=row.parsed("worded", Cover),
            effective=row.parsed("effective", Cover),
            reason=row.text("reason"),
            sub_limit=row.optional_text("sub_limit"),
        )
        for row in reader.rows("coverage")
    )
    return GapReport(rows, reader.parsed("responds_to_337", Answer), warnings=())


def _subsidy(reader: _Reader) -> SubsidyOutcome:
    return SubsidyOutcome(
        amount=reader.money("subsidy"),
        programme_id=reader.optional_text("subsidy_programme"),
        programme_version=reader.optional_integer("subsidy_programme_version"),
        explanation=reader.texts("subsidy_explanation"),
        alternatives=reader.texts("subsidy_alternatives"),
    )


def quote_from_json(document: Mapping[str, JsonValue]) -> Quote:
    """Rebuild a quote from its document (the inverse of :func:`quote_to_json`).

    The document is what the buyer was shown, so it is the whole quote: the warnings of the
    coverage-gap report and of the subsidy are read back as the quote's own warnings, which
    already list them. A missing or malformed field raises :class:`InvalidInput` naming it.
    """
    reader = _Reader(document)
    product = reader.nested("product")
    return Quote(
        id=reader.text("id"),
        created_at=reader.parsed("created_at", datetime.fromisoformat),
        day=reader.parsed("date", date.fromisoformat),
        product_id=product.text("id"),
        product_version=product.integer("version"),
        product_name=product.text("name"),
        insurer=product.text("insurer"),
        product_type=product.text("product_type"),
        plan=reader.text("plan"),
        units=reader.integer("units"),
        enterprise_id=reader.optional_text("enterprise"),
        region_code=reader.optional_text("region"),
        gross_premium=reader.money("gross_premium"),
        subsidy=_subsidy(reader),
        net_premium=reader.money("net_premium"),
        per_claim_limit=reader.money("per_claim_limit"),
        aggregate_limit=reader.money("aggregate_limit"),
        deductible=reader.optional_money("deductible"),
        coinsurance=parse_decimal(reader.text("coinsurance"), field="quote.coinsurance"),
        fx_rate=_fx_rate(reader.nested("fx_rate")),
        gap_report=_gap_report(reader),
        pricing_trace=reader.texts("pricing"),
        warnings=reader.texts("warnings"),
        illustrative=reader.value("illustrative") is True,
        illustrative_terms=reader.texts("illustrative_terms"),
    )
