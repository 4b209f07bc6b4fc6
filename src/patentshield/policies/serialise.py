"""Quotes to JSON-able dictionaries and table rows (the shape the CLI and API print).

Money is ``{"amount": "123.45", "currency": "CNY"}``; every CNY amount is also given in USD
with the exchange rate used (``fx_rate``), so a reader can check the conversion.
"""

from __future__ import annotations

from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, Money
from patentshield.policies.model import Quote


def _usd(quote: Quote, amount: Money) -> dict[str, str]:
    if amount.currency is Currency.USD:
        return amount.to_json()
    return quote.fx_rate.convert(amount).rounded().to_json()


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
        "usd": {name: _usd(quote, amount) for name, amount in money.items()},
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
