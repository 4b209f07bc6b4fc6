"""Benchmark: a subsidy what-if over 30,000 enterprises × 10,000 simulated years (target ≤ 30 s).

Writes a population file of ``--firms`` Shenzhen exporters in three industry groups (the
shenzhen programme needs the industry tag ``shenzhen_strategic``: two groups hold it, one does
not), then runs ``patentshield programme whatif`` the way the CLI does — every scenario (as
today, withdrawn, changed: rate 30 %, budget CNY 20 M first come, first served, which binds)
and the four sensitivity elasticities, 7 variants on the same draws — on the machine's
threads, and prints the wall time of the whole use case, the peak resident memory of this
process and the headline figures.

    .venv/bin/python benchmarks/programme_whatif.py [--firms 30000] [--years 10000] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from patentshield.kernel.config import Settings
from patentshield.kernel.money import Currency, Money
from patentshield.kernel.runtime import FixedClock, Runtime
from patentshield.programme.whatif import Changes, Rationing
from patentshield.programme.whatif_service import WhatIfRequest, run_whatif

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def population(firms: int) -> dict[str, object]:
    third = firms // 3
    return {
        "format": "patentshield-population/1",
        "name": f"{firms} Shenzhen exporters (benchmark)",
        "seed": 13,
        "participation": 0.6,
        "groups": [
            {
                "region": "440306",
                "firms": third,
                "patents_per_firm": 6,
                "industries": ["shenzhen_strategic"],
                "product": "huangpu-2020-overseas-liability",
            },
            {
                "region": "440305",
                "firms": third,
                "patents_per_firm": 3,
                "industries": ["shenzhen_strategic"],
                "product": "nansha-2021-infringement-liability",
            },
            {
                "region": "440307",
                "firms": firms - 2 * third,
                "patents_per_firm": 2,
                "industries": ["furniture"],
                "product": "picc-2025-patent-intensive-product-liability",
            },
        ],
    }


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--firms", type=int, default=30_000)
    parser.add_argument("--years", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "population.json"
        path.write_text(json.dumps(population(args.firms)), "utf-8")
        runtime = Runtime(
            Settings(database_url=f"sqlite:///{folder}/unused.db"),
            open_database=lambda _settings: None,  # type: ignore[arg-type,return-value]
            clock=FixedClock(NOW),
        )
        request = WhatIfRequest(
            programme="shenzhen",
            years=args.years,
            seed=args.seed,
            changes=Changes(
                rate=Decimal("0.3"),
                budget=Money(Decimal(20_000_000), Currency.CNY),
                rationing=Rationing.FIRST_COME,
            ),
            population=path,
            threads=args.threads,
        )
        started = time.perf_counter()
        document = run_whatif(runtime, request)
        seconds = time.perf_counter() - started
    print(
        f"what-if: {args.firms:,} enterprises x {args.years:,} years, {args.threads} threads: "
        f"{seconds:.2f} s (target 30 s), peak RSS {peak_rss_gb():.2f} GB"
    )
    for row in document["scenarios"]:  # type: ignore[union-attr]
        print(
            f"  {row['scenario']:10s} insured firms {row['insured_firms']['mean']:9.1f}"  # type: ignore[index]
            f"  subsidy paid {row['subsidy_paid']['mean']['amount']:>15s} CNY"  # type: ignore[index]
            f"  years over budget {row['years_over_budget']:.0%}"  # type: ignore[index]
            f"  loss ratio {row['loss_ratio']['mean']:.2%}"  # type: ignore[index]
        )


if __name__ == "__main__":
    main()
