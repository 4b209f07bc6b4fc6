"""The claims-development document: triangles, reserves by policy year, tables and charts.

JSON: ``source`` (ledger or simulated), ``evaluation``, and per currency a ``triangle``
(``origins``, ``claims``, cumulative ``paid`` and ``incurred`` rows as money, the simulated
``ultimate`` when known) and its ``reserves`` (per origin: paid, incurred, chain-ladder paid
and incurred ultimates, unpaid, IBNR, Bornhuetter–Ferguson ultimate and IBNR, premium; the
development factors; the a-priori loss ratio; the library) — or ``reserves: null`` and
``reserves_note`` when the chainladder library is not installed.

This module is pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, Money, money_sum
from patentshield.programme.reserving import MISSING, OriginReserve, Reserves
from patentshield.programme.tables import Chart, Kind, Series, Table, money_of, table
from patentshield.programme.triangles import Triangle


def _money(amount: Money | None) -> JsonValue:
    return None if amount is None else amount.to_json()


def _rows(triangle: Triangle, which: str) -> list[JsonValue]:
    rows = triangle.paid if which == "paid" else triangle.incurred
    return [[Money(v, triangle.currency).to_json() for v in row] for row in rows]


def _reserve_row(row: OriginReserve, premium: Money | None) -> dict[str, JsonValue]:
    return {
        "origin": row.origin,
        "premium": _money(premium),
        "paid": row.paid.to_json(),
        "incurred": row.incurred.to_json(),
        "chain_ladder_paid_ultimate": row.paid_ultimate.to_json(),
        "unpaid": row.unpaid.to_json(),
        "chain_ladder_incurred_ultimate": row.incurred_ultimate.to_json(),
        "ibnr": row.ibnr.to_json(),
        "bf_ultimate": _money(row.bf_ultimate),
        "bf_ibnr": _money(row.bf_ibnr),
    }


def _reserves(result: Reserves, premium: Mapping[int, Money]) -> dict[str, JsonValue]:
    currency = result.rows[0].paid.currency if result.rows else Currency.CNY

    def total(values: Sequence[Money | None]) -> JsonValue:
        known = [value for value in values if value is not None]
        return money_sum(known, currency).to_json() if known else None

    rows = result.rows
    return {
        "library": result.library,
        "apriori_loss_ratio": result.apriori,
        "paid_factors": list(result.paid_factors),
        "incurred_factors": list(result.incurred_factors),
        "origins": [_reserve_row(row, premium.get(row.origin)) for row in rows],
        "total": {
            "paid": total([row.paid for row in rows]),
            "incurred": total([row.incurred for row in rows]),
            "unpaid": total([row.unpaid for row in rows]),
            "ibnr": total([row.ibnr for row in rows]),
            "bf_ibnr": total([row.bf_ibnr for row in rows]),
        },
    }


def triangles_document(
    source: str,
    evaluation: date,
    results: Sequence[tuple[Triangle, Reserves | None]],
    premium: Mapping[Currency, Mapping[int, Money]],
) -> dict[str, JsonValue]:
    """Return the document of ``patentshield programme triangles``."""
    books: list[JsonValue] = []
    missing = False
    for triangle, result in results:
        missing = missing or result is None
        books.append(
            {
                "currency": triangle.currency.value,
                "origins": list(triangle.origins),
                "claims": list(triangle.claims),
                "paid": _rows(triangle, "paid"),
                "incurred": _rows(triangle, "incurred"),
                "ultimate": None
                if triangle.ultimate is None
                else [Money(v, triangle.currency).to_json() for v in triangle.ultimate],
                "reserves": None
                if result is None
                else _reserves(result, premium.get(triangle.currency, {})),
            }
        )
    return {
        "source": source,
        "evaluation": evaluation.isoformat(),
        "triangles": books,
        "reserves_note": MISSING if missing else None,
    }


def _triangle_table(book: Mapping[str, JsonValue], which: str) -> Table:
    origins, claims, rows = book["origins"], book["claims"], book[which]
    assert isinstance(origins, list) and isinstance(claims, list) and isinstance(rows, list)
    width = max((len(row) for row in rows if isinstance(row, list)), default=0)
    cells = [
        (origin, count, *row, *([None] * (width - len(row))))
        for origin, count, row in zip(origins, claims, rows, strict=True)
        if isinstance(row, list)
    ]
    columns = [("policy year", Kind.TEXT), ("claims", Kind.COUNT)]
    columns += [(str(k), Kind.MONEY) for k in range(1, width + 1)]
    return table(
        f"{which}-{book['currency']}",
        f"Cumulative {which} by policy year and development year ({book['currency']})",
        columns,
        cells,
    )


_RESERVE_COLUMNS = (
    ("premium", "premium"),
    ("paid", "paid"),
    ("incurred", "incurred"),
    ("chain-ladder ultimate (paid)", "chain_ladder_paid_ultimate"),
    ("unpaid", "unpaid"),
    ("chain-ladder ultimate (incurred)", "chain_ladder_incurred_ultimate"),
    ("IBNR", "ibnr"),
    ("BF ultimate", "bf_ultimate"),
    ("BF IBNR", "bf_ibnr"),
)


def _reserve_table(book: Mapping[str, JsonValue]) -> Table | None:
    result = book["reserves"]
    if not isinstance(result, dict) or not isinstance(result["origins"], list):
        return None
    ultimate = book["ultimate"] if isinstance(book["ultimate"], list) else None
    rows = []
    for i, row in enumerate(result["origins"]):
        assert isinstance(row, dict)
        cells = [row["origin"], *(row[key] for _, key in _RESERVE_COLUMNS)]
        rows.append((*cells, ultimate[i] if ultimate else None))
    columns = [("policy year", Kind.TEXT), *((name, Kind.MONEY) for name, _ in _RESERVE_COLUMNS)]
    columns.append(("simulated ultimate", Kind.MONEY))
    prior = result["apriori_loss_ratio"]
    return table(
        f"reserves-{book['currency']}",
        f"Reserves by policy year ({book['currency']}, {result['library']})",
        columns,
        rows,
        caption=f"BF a-priori loss ratio {prior}" if prior is not None else "",
    )


def triangles_tables(document: Mapping[str, JsonValue]) -> tuple[Table, ...]:
    """Return the paid and incurred triangles and the reserves of every currency."""
    books = document["triangles"]
    assert isinstance(books, list)
    tables: list[Table] = []
    for book in books:
        assert isinstance(book, dict)
        tables += [_triangle_table(book, "paid"), _triangle_table(book, "incurred")]
        reserve = _reserve_table(book)
        if reserve is not None:
            tables.append(reserve)
    return tuple(tables)


def triangles_charts(document: Mapping[str, JsonValue]) -> tuple[Chart, ...]:
    """Return, per currency, the paid development of each policy year."""
    books = document["triangles"]
    assert isinstance(books, list)
    charts = []
    for book in books:
        assert isinstance(book, dict)
        rows, origins = book["paid"], book["origins"]
        assert isinstance(rows, list) and isinstance(origins, list)
        width = max((len(row) for row in rows if isinstance(row, list)), default=0)
        series = []
        for origin, row in zip(origins, rows, strict=True):
            assert isinstance(row, list)
            amounts = [float(m.amount) if (m := money_of(cell)) else 0.0 for cell in row]
            series.append(Series(str(origin), tuple(amounts + [float("nan")] * (width - len(row)))))
        charts.append(
            Chart(
                f"paid-{book['currency']}",
                f"Cumulative paid by development year ({book['currency']})",
                tuple(str(k) for k in range(1, width + 1)),
                tuple(series[-5:]),
                ylabel=str(book["currency"]),
                xlabel="development year",
                line=True,
            )
        )
    return tuple(charts)
