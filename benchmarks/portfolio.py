"""Benchmark: a synthetic book of 30,000 policies over 100,000 simulated years.

Times the portfolio simulation (threads, then Dask with 1 and 2 worker processes) and reports
the peak resident memory of this process (the threaded run; Dask workers are separate
processes, their peak is read from the cluster's worker memory after the run), and checks that
1 and 2 Dask workers give bit-identical results, equal to the threaded run.

    .venv/bin/python benchmarks/portfolio.py [--policies 30000] [--years 100000] [--no-dask]
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from datetime import date
from functools import partial

import numpy as np

from patentshield.policies.reference import usd_cny_rate
from patentshield.products.catalog import load_catalog
from patentshield.programme.book import book_from_document
from patentshield.programme.distributed import run_on_dask
from patentshield.programme.synth import synthetic_book
from patentshield.risk.data_files import load_parameters
from patentshield.risk.measures import summarise
from patentshield.risk.montecarlo import blocks, run_blocks
from patentshield.risk.portfolio import join_blocks, simulate_book_block, tail_contributions


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", type=int, default=30_000)
    parser.add_argument("--years", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    day = date(2026, 3, 1)
    parameters = load_parameters()
    started = time.perf_counter()
    document = synthetic_book(
        policies=args.policies,
        seed=args.seed,
        products=load_catalog().products(day),
        fx=usd_cny_rate(day)[0],
        parameters=parameters,
    )
    book, _ = book_from_document(document, parameters)
    print(f"book of {book.size:,} policies built in {time.perf_counter() - started:.2f} s")
    grid = blocks(args.seed, args.years)
    threads = os.cpu_count() or 1
    started = time.perf_counter()
    result = join_blocks(
        run_blocks(partial(simulate_book_block, parameters, book), grid, threads=threads)
    )
    threaded = time.perf_counter() - started
    summary = summarise(result.loss, [0.995])
    var, contribution = tail_contributions(result, book, 0.995)
    print(
        f"{args.years:,} years on {threads} threads: {threaded:.2f} s; "
        f"peak RSS {peak_rss_gb():.2f} GB"
    )
    print(
        f"mean yearly loss USD {summary.mean.value:,.0f} ± {summary.mean.std_error:,.0f}; "
        f"VaR 99.5 % USD {var:,.0f}; TVaR 99.5 % USD {summary.tvar[0.995].value:,.0f}"
    )
    print(
        f"claims per year {result.claim_year.size / args.years:.1f}; "
        f"tail shares sum USD {contribution.sum():,.0f}"
    )
    if args.no_dask:
        return
    runs = {}
    for workers in (1, 2):
        started = time.perf_counter()
        runs[workers] = join_blocks(run_on_dask(parameters, book, grid, workers=workers))
        print(
            f"Dask, {workers} worker process(es): "
            f"{time.perf_counter() - started:.2f} s (incl. cluster start)"
        )
    same = all(
        np.array_equal(getattr(runs[1], f), getattr(runs[2], f))
        and np.array_equal(getattr(runs[1], f), getattr(result, f))
        for f in ("loss", "claim_year", "claim_policy", "claim_insured")
    )
    print(f"Dask 1 vs 2 workers vs threads bit-identical: {same}")


if __name__ == "__main__":
    main()
