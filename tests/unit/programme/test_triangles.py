"""Development triangles from claim histories and a simulated history; reserves by chainladder."""

import sys
from datetime import date
from decimal import Decimal

import numpy as np
import pytest

from patentshield.kernel.money import Currency, Money
from patentshield.programme.reserving import MISSING, reserves
from patentshield.programme.triangles import ClaimHistory, ledger_triangles, simulated_triangle
from patentshield.programme.triangles_report import triangles_document, triangles_tables

D = Decimal


def history(claim, year, payments=(), adjudications=(), currency=Currency.CNY):
    return ClaimHistory(claim, year, currency, tuple(payments), tuple(adjudications))


HISTORIES = [
    history(
        "a",
        2024,
        [(date(2024, 9, 1), D(100)), (date(2025, 3, 1), D(50))],
        [(date(2024, 8, 1), D(120)), (date(2025, 2, 1), D(150))],
    ),
    history("b", 2024, [], [(date(2026, 1, 5), D(80))]),
    history("c", 2025, [(date(2026, 2, 1), D(30))], [(date(2025, 11, 1), D(40))]),
    history("d", 2025, [(date(2025, 6, 1), D(10))], [], Currency.USD),
]


def test_the_latest_diagonal_reconciles_to_every_payment_and_adjudication():
    cny, usd = sorted(ledger_triangles(HISTORIES, date(2026, 3, 1)), key=lambda t: t.currency)
    assert cny.origins == (2024, 2025) and usd.origins == (2025,)
    assert cny.paid == ((D(100), D(150), D(150)), (D(0), D(30)))
    assert cny.incurred == ((D(120), D(150), D(230)), (D(40), D(40)))
    assert sum(m.amount for m in cny.latest("paid")) == D(180)  # every CNY payment
    assert sum(m.amount for m in cny.latest("incurred")) == D(150 + 80 + 40)
    assert cny.claims == (2, 1) and usd.paid == ((D(10), D(10)),)


def test_a_simulated_history_is_fully_paid_once_every_case_has_run_its_course():
    rng = np.random.default_rng(1)
    years = np.repeat(np.arange(6), 20)
    amounts = rng.uniform(1e5, 1e6, years.size)
    triangle = simulated_triangle(
        years, amounts, np.full(years.size, 10.0), origins=6, first_year=2020, rng=rng
    )
    assert triangle.evaluation == date(2025, 12, 31)
    assert triangle.ultimate is not None  # a simulated history knows its ultimates
    assert len(triangle.paid[0]) == 6 and len(triangle.paid[-1]) == 1
    assert triangle.paid[0][-1] == triangle.ultimate[0] == triangle.incurred[0][-1]
    assert all(a <= b for a, b in zip(triangle.paid[0], triangle.paid[0][1:], strict=False))


def test_chain_ladder_and_bf_reserve_what_a_simulated_history_has_still_to_pay():
    rng = np.random.default_rng(2)
    years = np.repeat(np.arange(8), 200)
    amounts = rng.lognormal(12, 1, years.size)
    months = rng.uniform(6, 30, years.size)
    triangle = simulated_triangle(years, amounts, months, origins=8, first_year=2018, rng=rng)
    premium = {o: Money(D(50_000_000), Currency.CNY) for o in triangle.origins}
    result = reserves(triangle, premium=premium, apriori=0.6)
    assert triangle.ultimate is not None  # a simulated history knows its ultimates
    assert result is not None and result.library.startswith("chainladder")
    unpaid = sum(row.unpaid.amount for row in result.rows)
    truth = sum(u for u in triangle.ultimate) - sum(m.amount for m in triangle.latest("paid"))
    assert float(unpaid) == pytest.approx(float(truth), rel=0.15)
    assert all(row.bf_ultimate is not None for row in result.rows)
    assert result.rows[0].unpaid.is_zero()


def test_without_the_library_the_triangles_print_and_the_reserves_say_how_to_install_it(
    monkeypatch,
):
    monkeypatch.setitem(sys.modules, "chainladder", None)
    [triangle, _] = ledger_triangles(HISTORIES, date(2026, 3, 1))
    assert reserves(triangle, premium=None, apriori=0.6) is None
    document = triangles_document("ledger", date(2026, 3, 1), [(triangle, None)], {})
    assert document["reserves_note"] == MISSING and "pip install" in MISSING
    assert [t.name for t in triangles_tables(document)] == ["paid-CNY", "incurred-CNY"]


def test_a_single_development_year_keeps_the_latest_amounts_as_ultimates():
    [triangle] = ledger_triangles(HISTORIES[:1], date(2024, 12, 31))
    result = reserves(triangle, premium=None, apriori=0.6)
    assert result is not None and result.rows[0].unpaid.is_zero()
