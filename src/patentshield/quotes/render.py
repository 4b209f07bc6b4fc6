"""Human-readable tables of quotes (the ``--format table`` output), drawn from quote documents."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import typer

from patentshield.kernel.cli import print_table
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.quotes.model import Quote
from patentshield.quotes.serialise import quote_to_json

Document = Mapping[str, JsonValue]


def _money(value: JsonValue) -> str:
    if isinstance(value, Mapping):
        amount = value.get("amount")
        return f"{value.get('currency')} {Decimal(str(amount)):,.2f}" if amount is not None else ""
    return "—"


def _field(document: Document, *path: str) -> JsonValue:
    value: JsonValue = document
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _lines(value: JsonValue) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _summary_rows(document: Document) -> list[tuple[str, str]]:
    product = f"{_field(document, 'product', 'id')} v{_field(document, 'product', 'version')}"
    coinsurance = f"{Decimal(str(document.get('coinsurance', '0'))) * 100:.0f} % retained"
    return [
        ("Product", f"{product} — {_field(document, 'product', 'name')}"),
        ("Insurer", str(_field(document, "product", "insurer"))),
        ("Plan / units", f"{document.get('plan')} × {document.get('units')}"),
        (
            "Enterprise / region",
            f"{document.get('enterprise') or '—'} / {document.get('region') or '—'}",
        ),
        ("Gross premium", _money(document.get("gross_premium"))),
        (
            "Subsidy",
            f"{_money(document.get('subsidy'))} ({document.get('subsidy_programme') or 'none'})",
        ),
        ("Net premium", _money(document.get("net_premium"))),
        ("Net premium (USD)", _money(_field(document, "usd", "net_premium"))),
        ("Per-claim limit", _money(document.get("per_claim_limit"))),
        ("Aggregate limit", _money(document.get("aggregate_limit"))),
        ("Aggregate limit (USD)", _money(_field(document, "usd", "aggregate_limit"))),
        ("Deductible", _money(document.get("deductible"))),
        ("Coinsurance", coinsurance),
        (
            "FX",
            f"USD/CNY {_field(document, 'fx_rate', 'rate')} "
            f"as of {_field(document, 'fx_rate', 'as_of')}",
        ),
        ("Responds to a 337 case", str(document.get("responds_to_337"))),
    ]


COMPLIANCE_LINE = "compliance score"
"""How the pricing lines of a compliance score begin (:mod:`patentshield.compliance.effect`)."""


def document_table(document: Document) -> None:
    """Print one quote document: summary, coverage, pricing and subsidy traces, warnings."""
    print_table(
        f"Quote {document.get('id')} on {document.get('date')}", ["", ""], _summary_rows(document)
    )
    coverage = document.get("coverage")
    rows = [
        [
            str(row.get("label")),
            str(row.get("worded")),
            str(row.get("effective")),
            str(row.get("reason")),
        ]
        for row in (coverage if isinstance(coverage, list) else [])
        if isinstance(row, Mapping)
    ]
    print_table(
        "Coverage against the 337 cost categories",
        ["Category", "Wording", "In a 337 case", "Why"],
        rows,
    )
    for title, key in (
        ("Pricing", "pricing"),
        ("Subsidy", "subsidy_explanation"),
        ("Warnings", "warnings"),
    ):
        lines = _lines(document.get(key))
        if lines:
            typer.echo(f"{title}:")
            for line in lines:
                typer.echo(f"  - {line}")


def quote_table(quote: Quote) -> None:
    """Print a freshly computed quote."""
    document_table(quote_to_json(quote))


def comparison_table(quotes: Sequence[Quote]) -> None:
    """Print several quotes side by side, one column per product."""
    documents = [quote_to_json(quote) for quote in quotes]
    names = [str(_field(d, "product", "id")) for d in documents]
    labels = [label for label, _ in _summary_rows(documents[0])][1:]
    rows = [[label, *[dict(_summary_rows(d))[label] for d in documents]] for label in labels]
    rows.append(
        ["Coverage gaps (of 13)", *[str(len(_lines(d.get("coverage_gaps")))) for d in documents]]
    )
    rows.append(["Warnings", *[str(len(_lines(d.get("warnings")))) for d in documents]])
    print_table("Quote comparison", ["", *names], rows)
    for document in documents:
        for line in _lines(document.get("pricing")):
            if line.startswith(COMPLIANCE_LINE):
                typer.echo(f"  [{_field(document, 'product', 'id')}] {line}")
        for line in _lines(document.get("warnings")):
            typer.echo(f"  [{_field(document, 'product', 'id')}] {line}")


def documents_table(documents: Sequence[Document]) -> None:
    """Print saved quotes, one row each."""
    rows = [
        [
            str(d.get("id")),
            str(d.get("date")),
            str(_field(d, "product", "id")),
            str(d.get("enterprise") or "—"),
            _money(d.get("gross_premium")),
            _money(d.get("subsidy")),
            _money(d.get("net_premium")),
            _money(d.get("aggregate_limit")),
        ]
        for d in documents
    ]
    print_table(
        "Saved quotes",
        ["Id", "Date", "Product", "Enterprise", "Gross", "Subsidy", "Net", "Aggregate limit"],
        rows,
    )
