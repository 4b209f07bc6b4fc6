"""Benchmark: ``recommend`` over all products for 100,000 years, one simulation for them all.

Workload: the example exporters (``examples/enterprises.yaml``) in a temporary SQLite database,
every catalog product valid on 2026-03-01, 100,000 simulated years, seed 0. Start-up — imports,
the database migrated, the catalog, subsidy programmes, parameters and exchange rates loaded —
happens before any timing (a 100-year ``recommend`` of the same exporter on the same runtime).
Timed in this process, wall clock and process CPU, best of ``--repeat``:

* **recommend**: the service on a runtime with an empty cache of simulated years: the exporter's
  years are simulated once and every product (and every iteration of a risk-rated premium) is
  applied to them (common random numbers);
* **again**: the same call on the same runtime: the years come from the cache;
* **quote**: a risk-rated quote (``beijing-2022-overseas-legal-expense``) right after, on the
  same runtime (the quote's engine also rates 100,000 years with seed 0): no simulation;
* **reference**: the path before this change, in the same process: the same service on a cache
  that keeps nothing (``YearsCache(capacity=0)``), so every use of the years simulates them
  anew — each iteration of each risk-rated premium and the final ranking, as before (plus the
  one simulation the new path starts with).

It checks that both paths give the same products and figures, and prints the standard error
of each net benefit's difference to the top product's, paired on the common years, beside the
one independent simulations would give (√(SE_a² + SE_top²)).

    .venv/bin/python benchmarks/recommend.py [--enterprise dg-vape-devices] [--repeat 3]
"""

from __future__ import annotations

import argparse
import math
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from patentshield.assessment.service import RiskRequest, recommend_products
from patentshield.assessment.simulation import RecommendationReport
from patentshield.assessment.years_cache import YearsCache
from patentshield.cli.wiring import open_database, record_audit
from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.config import Settings
from patentshield.kernel.runtime import Reference, Runtime
from patentshield.quotes.model import QuoteRequest
from patentshield.quotes.service import quote_product

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "enterprises.yaml"
DAY = date(2026, 3, 1)
RISK_RATED = "beijing-2022-overseas-legal-expense"
T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[T, float, float]:
    """Return the result of ``work``, its wall and its process CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def runtime_on(folder: Path, cache: YearsCache) -> Runtime:
    """Return a runtime as the CLI builds it, on a database in ``folder``, keeping ``cache``."""
    settings = Settings(home=folder, database_url=f"sqlite:///{folder / 'bench.db'}")
    return Runtime(
        settings,
        open_database=open_database,
        reference=Reference({YearsCache: lambda: cache}),
        session_hooks=(record_audit,),
    )


def figures(report: RecommendationReport) -> list[tuple[str, str, str, str]]:
    """Return what two runs must agree on: products in order, payment, net benefit, tail cut."""
    return [
        (
            r.candidate.product.id,
            str(r.expected_payment.amount),
            str(r.expected_net_benefit.amount),
            str(r.tail_cut.amount),
        )
        for r in report.ranked
    ]


@dataclass(frozen=True)
class Run:
    """One timed ``recommend`` after start-up: its runtime and cache, report, wall and CPU."""

    runtime: Runtime
    cache: YearsCache
    report: RecommendationReport
    wall: float
    cpu: float


@dataclass
class Bench:
    """The database, the request and the caches of the runtimes made so far."""

    folder: Path
    request: RiskRequest
    caches: list[YearsCache] = field(default_factory=list)

    def started(self, capacity: int) -> Runtime:
        """Return a runtime after start-up: its data loaded, its database open (100 years)."""
        self.caches.append(YearsCache(capacity=capacity))
        runtime = runtime_on(self.folder, self.caches[-1])
        recommend_products(runtime, replace(self.request, years=100))
        return runtime

    def best(self, repeat: int, capacity: int) -> Run:
        """Recommend on ``repeat`` started runtimes; return the run of least wall time."""
        runs = []
        for _ in range(repeat):
            runtime = self.started(capacity)
            report, wall, cpu = timed(lambda: recommend_products(runtime, self.request))  # noqa: B023
            runs.append(Run(runtime, self.caches[-1], report, wall, cpu))
        return min(runs, key=lambda run: run.wall)


def errors_table(report: RecommendationReport) -> None:
    """Print each product's net benefit against the top one's, paired and independent SEs."""
    top = report.ranked[0]
    print(f"\nnet benefit against the top product ({top.candidate.product.id}):")
    print(f"{'product':40s} {'difference':>16s} {'paired SE':>11s} {'independent SE':>15s}")
    for r in report.ranked[1:]:
        assert r.difference_to_top is not None and r.difference_to_top_std_error is not None
        independent = math.hypot(
            float(r.expected_payment_std_error.amount), float(top.expected_payment_std_error.amount)
        )
        print(
            f"{r.candidate.product.id[:40]:40s} {r.difference_to_top.currency.value} "
            f"{float(r.difference_to_top.amount):>12,.0f} "
            f"{float(r.difference_to_top_std_error.amount):>11,.0f} {independent:>15,.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprise", default="dg-vape-devices")
    parser.add_argument("--years", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=min(os.cpu_count() or 1, 8))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    request = RiskRequest(args.enterprise, DAY, args.years, seed=0, threads=args.threads)
    quote = QuoteRequest(RISK_RATED, DAY, enterprise=args.enterprise)
    with tempfile.TemporaryDirectory() as name:
        bench = Bench(Path(name), request)
        import_enterprises(runtime_on(bench.folder, YearsCache()), EXAMPLES)
        new = bench.best(args.repeat, capacity=8)
        _, again, _ = timed(lambda: recommend_products(new.runtime, request))
        _, quoted, _ = timed(lambda: quote_product(new.runtime, quote))
        old = bench.best(args.repeat, capacity=0)
    same = figures(new.report) == figures(old.report)
    print(
        f"recommend {args.enterprise}: {len(new.report.ranked)} products ranked, "
        f"{len(new.report.left_out)} left out; {args.years:,} years, {args.threads} threads"
    )
    print(f"recommend, empty cache   {new.wall:6.3f} s wall  {new.cpu:6.3f} s CPU  (target 1 s)")
    print(f"  again, same runtime    {again:6.3f} s wall  (years from the cache)")
    print(f"  risk-rated quote after {quoted:6.3f} s wall  ({RISK_RATED})")
    print(
        f"  simulations in that runtime: {new.cache.simulations} (start-up 1, recommend 1), "
        f"answers from the cache: {new.cache.hits}"
    )
    print(
        f"reference (no cache)     {old.wall:6.3f} s wall  {old.cpu:6.3f} s CPU  "
        f"({old.cache.simulations - 1} simulations after start-up; the path before this "
        f"change ran {old.cache.simulations - 2}, without the new path's first)"
    )
    print(f"speed-up: {old.wall / new.wall:.1f}× wall, {old.cpu / new.cpu:.1f}× CPU")
    print(f"same products, ranks and figures as the reference: {'yes' if same else 'NO'}")
    errors_table(new.report)


if __name__ == "__main__":
    main()
