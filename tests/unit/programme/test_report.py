"""Portfolio figures as money: the engine's USD floats become amounts at one point."""

import math
from typing import Any

import numpy as np

from patentshield.programme.report import portfolio_report, usd
from patentshield.risk.portfolio import BookBlock
from tests.unit.risk.test_portfolio import make_book


def test_an_engine_figure_becomes_usd_money_rounded_to_the_cent():
    assert usd(1234.565) == {"amount": "1234.57", "currency": "USD"}
    assert usd(0.004) == {"amount": "0.00", "currency": "USD"}
    assert usd(math.nan) is None


def test_every_amount_of_the_report_is_money_and_ratios_stay_numbers():
    book = make_book(200)  # 200 policies at USD 10,000 each
    result = BookBlock(
        loss=np.linspace(0.0, 400_000.0, 1_000),
        claim_policy=np.zeros(0, dtype=np.int64),
        claim_year=np.zeros(0, dtype=np.int64),
        claim_insured=np.zeros(0),
        named=10,
        reached_by_geo=2,
    )
    report: Any = portfolio_report(
        result, book, [f"p{i}" for i in range(200)], seed=1, seconds=0.5, workers=0
    )
    assert report["written_premium"] == {"amount": "2000000.00", "currency": "USD"}
    loss = report["loss"]
    assert loss["mean"] == {"amount": "200000.00", "currency": "USD"}
    assert loss["var"]["0.995"]["currency"] == "USD"
    assert isinstance(report["loss_ratio"]["mean"], float)
    assert report["pool_size_effect"][0]["premium"] == {"amount": "1000000.00", "currency": "USD"}
