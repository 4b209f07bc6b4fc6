"""Defence-cost benchmarks: median cost of a US patent defence by amount at risk (AIPLA).

The table ships inside the package (``quotes/data/defence_cost_benchmarks.csv``) with its
source in a header comment, so quotes work offline; a quote shows the band of its applicant
beside its limits.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from patentshield.kernel.money import Currency, Money


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("patentshield.quotes").joinpath("data", name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


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
