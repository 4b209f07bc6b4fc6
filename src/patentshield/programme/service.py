"""Portfolio use cases: write a synthetic book file; simulate a book file's years.

No database: books are files (JSON). The catalog, exchange rate and parameters are the shipped
ones unless the caller gives files; the simulation runs on threads by default, or on Dask
(a local cluster of ``workers`` processes, or a scheduler address).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.policies.reference import usd_cny_rate
from patentshield.products.catalog import load_catalog
from patentshield.programme.book import book_from_document
from patentshield.programme.report import portfolio_report
from patentshield.programme.synth import synthetic_book
from patentshield.risk.data_files import load_parameters, read_document
from patentshield.risk.montecarlo import blocks, run_blocks
from patentshield.risk.portfolio import join_blocks, simulate_book_block


@dataclass(frozen=True, slots=True)
class PortfolioRequest:
    """What ``portfolio simulate`` is asked."""

    book: Path
    years: int
    seed: int
    workers: int | None = None
    scheduler: str | None = None
    threads: int = 1
    calibration: Path | None = None
    parameters: Path | None = None


def write_synthetic_book(*, policies: int, seed: int, out: Path, day: date) -> dict[str, JsonValue]:
    """Write a synthetic book of ``policies`` policies to ``out`` and return its summary."""
    fx, _ = usd_cny_rate(day)
    document = synthetic_book(
        policies=policies,
        seed=seed,
        products=load_catalog().products(day),
        fx=fx,
        parameters=load_parameters(),
    )
    try:
        out.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    except OSError as error:
        raise InvalidInput("out", f"cannot write {out}: {error.strerror}") from error
    products = document["products"]
    assert isinstance(products, dict)
    return {"file": str(out), "policies": policies, "seed": seed, "products": sorted(products)}


def simulate_portfolio(request: PortfolioRequest) -> dict[str, JsonValue]:
    """Simulate the book's years and return the portfolio report."""
    parameters = load_parameters(calibration=request.calibration, overrides=request.parameters)
    book, ids = book_from_document(read_document(request.book, "book"), parameters)
    grid = blocks(request.seed, request.years)
    started = time.perf_counter()
    if request.workers is None and request.scheduler is None:
        parts = run_blocks(
            partial(simulate_book_block, parameters, book), grid, threads=request.threads
        )
        workers = 0
    else:
        from patentshield.programme.distributed import run_on_dask

        workers = request.workers or 0
        parts = run_on_dask(
            parameters, book, grid, workers=request.workers or 2, scheduler=request.scheduler
        )
    result = join_blocks(parts)
    seconds = time.perf_counter() - started
    return portfolio_report(result, book, ids, seed=request.seed, seconds=seconds, workers=workers)
