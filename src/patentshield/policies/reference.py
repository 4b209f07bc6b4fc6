"""Reference tables used by quotes: USD/CNY exchange rates and defence-cost benchmarks.

Both tables ship inside the package (``policies/data/``) with their sources in a header
comment, so quotes work offline. A caller may always override the exchange rate: the shipped
table holds year-end central-parity fixings, and a quote made long after the last fixing says
so in its warnings.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Currency, FxRate, Money

STALE_AFTER_DAYS = 92


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("patentshield.policies").joinpath("data", name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def shipped_usd_cny_rates() -> tuple[FxRate, ...]:
    """Return the shipped USD/CNY fixings, oldest first."""
    rates = [
        FxRate(
            Currency.USD,
            Currency.CNY,
            Decimal(row["rate"]),
            date.fromisoformat(row["as_of"]),
            row["source"],
        )
        for row in _rows("fx_usd_cny.csv")
    ]
    return tuple(sorted(rates, key=lambda rate: rate.as_of))


def usd_cny_rate(day: date, override: Decimal | None = None) -> tuple[FxRate, tuple[str, ...]]:
    """Return the USD/CNY rate to use for a quote on ``day``, and warnings about it.

    ``override`` (a rate given by the user) wins; otherwise the latest shipped fixing on or
    before ``day`` is used.
    """
    if override is not None:
        return FxRate(Currency.USD, Currency.CNY, override, day, "given by the user"), ()
    earlier = [rate for rate in shipped_usd_cny_rates() if rate.as_of <= day]
    if not earlier:
        first = shipped_usd_cny_rates()[0].as_of
        raise InvalidInput("fx_rate", f"no shipped USD/CNY rate before {day} (first: {first})")
    rate = earlier[-1]
    age = (day - rate.as_of).days
    warnings: tuple[str, ...] = ()
    if age > STALE_AFTER_DAYS:
        warnings = (
            f"USD amounts use the USD/CNY rate of {rate.as_of} ({rate.rate}), {age} days before "
            "the quote date; pass --fx-rate for the rate of the day",
        )
    return rate, warnings


@dataclass(frozen=True, slots=True)
class DefenceCostBenchmark:
    """Median defence cost of a US patent suit for a band of amount at risk (USD)."""

    stake_min: Money
    stake_max: Money | None
    through_discovery: Money
    total: Money
    edition: str
    source: str

    def includes(self, stake: Money) -> bool:
        """Tell whether ``stake`` lies in this band ``[stake_min, stake_max)``."""
        return self.stake_min <= stake and (self.stake_max is None or stake < self.stake_max)


@lru_cache(maxsize=1)
def defence_cost_benchmarks() -> tuple[DefenceCostBenchmark, ...]:
    """Return the shipped defence-cost benchmarks (AIPLA 2015 medians, DOMAIN.md §2.1)."""

    def usd(text: str) -> Money:
        return Money(Decimal(text), Currency.USD)

    return tuple(
        DefenceCostBenchmark(
            stake_min=usd(row["stake_min_usd"]),
            stake_max=usd(row["stake_max_usd"]) if row["stake_max_usd"] else None,
            through_discovery=usd(row["through_discovery_usd"]),
            total=usd(row["total_usd"]),
            edition=row["edition"],
            source=row["source"],
        )
        for row in _rows("defence_cost_benchmarks.csv")
    )


def benchmark_for(stake: Money) -> DefenceCostBenchmark:
    """Return the benchmark band that contains ``stake`` (USD at risk)."""
    for band in defence_cost_benchmarks():
        if band.includes(stake):
            return band
    return defence_cost_benchmarks()[0]
