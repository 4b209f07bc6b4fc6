"""The pool-size effect: the loss ratio's spread shrinks as the book grows (He §3: risk is
shared only if many firms join)."""

from datetime import date
from functools import partial
from typing import Any

from patentshield.catalog.loader import Catalog
from patentshield.kernel.fx import FxTable
from patentshield.programme.book import book_from_document
from patentshield.programme.report import pool_size_effect
from patentshield.programme.synth import synthetic_book
from patentshield.risk.montecarlo import blocks, run_blocks
from patentshield.risk.parameters import Parameters
from patentshield.risk.portfolio import join_blocks, simulate_book_block

DAY = date(2026, 3, 1)


def test_the_loss_ratio_spread_and_capital_per_premium_shrink_as_the_pool_grows():
    parameters = Parameters.shipped()
    document = synthetic_book(
        policies=10_000,
        seed=3,
        products=Catalog.shipped().products(DAY),
        fx=FxTable.shipped().usd_cny(DAY)[0],
        parameters=parameters,
    )
    book, _ = book_from_document(document, parameters)
    parts = run_blocks(partial(simulate_book_block, parameters, book), blocks(5, 20_000))
    rows: Any = pool_size_effect(join_blocks(parts), book)
    assert [row["policies"] for row in rows] == [100, 1_000, 10_000]
    spreads = [row["loss_ratio_std"] for row in rows]
    assert spreads[0] > spreads[1] > spreads[2]
    assert rows[0]["capital_per_premium"] > rows[-1]["capital_per_premium"]
