"""Benchmark: a national-scale book (100,000 policies) over 100,000 simulated years, and scaling.

Default run, in this process:

* builds a synthetic book of ``--policies`` (100,000: China's IP insurance covered over 28,000
  enterprises at the end of 2022, with room for growth) and simulates ``--years`` (100,000)
  on the machine's threads: time, peak resident memory of this process, figures;
* unless ``--no-dask``: the same book on Dask local clusters of 1, 2 and 4 worker processes
  (one thread each) over ``--dask-years`` (262,144 = 4 blocks of 65,536 years, one task
  each): time with and without starting the cluster, peak memory of each worker, and whether
  every worker count gives the threaded run's result bit for bit.

``--scaling`` prints instead the cost table: policies 1,000 → 100,000 by years 10,000 →
100,000, each cell in a fresh process (simulation time, peak resident memory of that process,
and microseconds per thousand policy-years).

    /usr/bin/time -v .venv/bin/python benchmarks/portfolio.py [--policies 100000] [--years 100000]
    .venv/bin/python benchmarks/portfolio.py --scaling
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import subprocess
import sys
import time
from datetime import date
from functools import partial

import numpy as np

from patentshield.catalog.loader import Catalog
from patentshield.kernel.fx import FxTable
from patentshield.programme.book import book_from_document
from patentshield.programme.distributed import run_on_dask
from patentshield.programme.synth import synthetic_book
from patentshield.risk.data_files import load_parameters
from patentshield.risk.measures import summarise
from patentshield.risk.montecarlo import blocks, run_blocks
from patentshield.risk.parameters import Parameters
from patentshield.risk.portfolio import Book, BookBlock, join_blocks, simulate_book_block

DAY = date(2026, 3, 1)
FIELDS = ("loss", "claim_year", "claim_policy", "claim_insured")


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def build_book(policies: int, seed: int, parameters: Parameters) -> Book:
    document = synthetic_book(
        policies=policies,
        seed=seed,
        products=Catalog.shipped().products(DAY),
        fx=FxTable.shipped().usd_cny(DAY)[0],
        parameters=parameters,
    )
    return book_from_document(document, parameters)[0]


def threaded(parameters: Parameters, book: Book, years: int, seed: int) -> tuple[BookBlock, float]:
    started = time.perf_counter()
    parts = run_blocks(
        partial(simulate_book_block, parameters, book),
        blocks(seed, years),
        threads=os.cpu_count() or 1,
    )
    return join_blocks(parts), time.perf_counter() - started


def cell(policies: int, years: int) -> None:
    """One cell of the scaling table, in this (fresh) process: seconds and peak RSS."""
    parameters = load_parameters()
    book = build_book(policies, 1, parameters)
    _, seconds = threaded(parameters, book, years, 1)
    print(f"{seconds:.4f} {peak_rss_gb():.4f}")


def scaling() -> None:
    heading = ("policies", "years", "seconds", "peak RSS GB", "µs / 1,000 policy-years")
    print("{:>9} {:>8} {:>8} {:>12} {:>24}".format(*heading))
    for policies in (1_000, 3_000, 10_000, 30_000, 100_000):
        for years in (10_000, 30_000, 100_000):
            done = subprocess.run(
                [sys.executable, __file__, "--cell", str(policies), str(years)],
                capture_output=True,
                text=True,
                check=True,
            )
            seconds, memory = (float(v) for v in done.stdout.split())
            per = seconds / (policies * years / 1000) * 1e6
            print(f"{policies:>9,} {years:>8,} {seconds:>8.2f} {memory:>12.2f} {per:>24.3f}")


def dask_runs(parameters: Parameters, book: Book, years: int, seed: int) -> None:
    from distributed import Client, LocalCluster

    reference, seconds = threaded(parameters, book, years, seed)
    print(f"\n{years:,} years ({-(-years // 65_536)} blocks) on threads: {seconds:.2f} s")
    grid = blocks(seed, years)
    for workers in (1, 2, 4):
        started = time.perf_counter()
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            running = time.perf_counter()
            result = join_blocks(
                run_on_dask(parameters, book, grid, scheduler=cluster.scheduler_address)
            )
            computed = time.perf_counter() - running
            peaks = client.run(peak_rss_gb)
        total = time.perf_counter() - started
        same = all(np.array_equal(getattr(result, f), getattr(reference, f)) for f in FIELDS)
        memory = ", ".join(f"{v:.2f}" for v in peaks.values())
        print(
            f"Dask, {workers} worker process(es): {computed:.2f} s on the running cluster, "
            f"{total:.2f} s with its start; peak RSS per worker {memory} GB; "
            f"bit-identical to threads: {same}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=100_000)
    parser.add_argument("--dask-years", type=int, default=4 * 65_536)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--scaling", action="store_true")
    parser.add_argument("--cell", type=int, nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cell:
        cell(*args.cell)
        return
    if args.scaling:
        scaling()
        return
    parameters = load_parameters()
    started = time.perf_counter()
    book = build_book(args.policies, args.seed, parameters)
    print(f"book of {book.size:,} policies built in {time.perf_counter() - started:.2f} s")
    result, seconds = threaded(parameters, book, args.years, args.seed)
    print(
        f"{args.years:,} years on {os.cpu_count()} threads: {seconds:.2f} s; "
        f"peak RSS {peak_rss_gb():.2f} GB (this process)"
    )
    summary = summarise(result.loss, [0.995])
    print(
        f"mean yearly loss USD {summary.mean.value:,.0f} ± {summary.mean.std_error:,.0f}; "
        f"VaR 99.5 % USD {summary.var[0.995].value:,.0f}; "
        f"TVaR 99.5 % USD {summary.tvar[0.995].value:,.0f}; "
        f"claims per year {result.claim_year.size / args.years:.1f}"
    )
    if not args.no_dask:
        dask_runs(parameters, book, args.dask_years, args.seed)


if __name__ == "__main__":
    main()
