"""Portfolio use cases: write a synthetic book file; simulate a book file's years.

No database: books are files (JSON). The catalog, the USD/CNY table, the parameters and today
are the runtime's (a command's own calibration and override files are layered on top of its
parameters); the simulation runs on threads by default, or on Dask (a local cluster of
``workers`` processes, or a scheduler address).
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from patentshield.assessment.service import parameters_for
from patentshield.catalog.loader import Catalog
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.fx import FxTable
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.outputs import write_atomically
from patentshield.kernel.progress import Advance
from patentshield.kernel.runtime import Runtime
from patentshield.programme.book import book_from_document
from patentshield.programme.report import portfolio_report
from patentshield.programme.synth import synthetic_book
from patentshield.risk.data_files import read_document
from patentshield.risk.montecarlo import Block, blocks, run_blocks
from patentshield.risk.parameters import Parameters
from patentshield.risk.portfolio import Book, BookBlock, join_blocks, simulate_book_block


@dataclass(frozen=True, slots=True)
class PortfolioRequest:
    """What ``portfolio simulate`` is asked."""

    book: Path | None
    """The book file (``None``: a document handed to :func:`simulate_book`)."""
    years: int
    seed: int
    workers: int | None = None
    scheduler: str | None = None
    threads: int = 1
    calibration: Path | None = None
    parameters: Path | None = None


def write_synthetic_book(
    runtime: Runtime, *, policies: int, seed: int, out: Path
) -> dict[str, JsonValue]:
    """Write a synthetic book of ``policies`` policies to ``out`` and return its summary.

    The book uses the products on sale today and today's USD/CNY rate (the runtime's).
    """
    day = runtime.clock.today()
    fx, _ = runtime.reference.get(FxTable).usd_cny(day)
    with runtime.progress.task("drawing the book, writing it", total=2) as advance:
        document = synthetic_book(
            policies=policies,
            seed=seed,
            products=runtime.reference.get(Catalog).products(day),
            fx=fx,
            parameters=parameters_for(runtime),
        )
        advance(1)
        write_atomically(out, json.dumps(document, ensure_ascii=False).encode("utf-8"))
        advance(1)
    products = document["products"]
    assert isinstance(products, dict)
    return {"file": str(out), "policies": policies, "seed": seed, "products": sorted(products)}


def _simulated_blocks(
    parameters: Parameters,
    book: Book,
    grid: list[Block],
    request: PortfolioRequest,
    advance: Advance,
) -> list[BookBlock]:
    if request.workers is None and request.scheduler is None:
        kernel = partial(simulate_book_block, parameters, book)
        return run_blocks(kernel, grid, threads=request.threads, on_block=advance)
    from patentshield.programme.distributed import run_on_dask  # Dask loads only when asked

    workers = request.workers or 2
    return run_on_dask(
        parameters, book, grid, workers=workers, scheduler=request.scheduler, on_block=advance
    )


def simulate_portfolio(runtime: Runtime, request: PortfolioRequest) -> dict[str, JsonValue]:
    """Simulate the years of the request's book file and return the portfolio report."""
    if request.book is None:
        raise InvalidInput("book", "give a book file")
    return simulate_book(runtime, read_document(request.book, "book"), request)


def simulate_book(
    runtime: Runtime,
    document: Mapping[str, object],
    request: PortfolioRequest,
    *,
    max_policies: int | None = None,
) -> dict[str, JsonValue]:
    """Simulate the years of a book document (at most ``max_policies`` policies if given)."""
    policies = document.get("policies")
    count = len(policies) if isinstance(policies, Sequence) else 0
    if max_policies is not None and count > max_policies:
        raise InvalidInput("book", f"at most {max_policies:,} policies, got {count:,}")
    parameters = parameters_for(
        runtime, calibration=request.calibration, overrides=request.parameters
    )
    book, ids = book_from_document(document, parameters)
    grid = blocks(request.seed, request.years)
    started = time.perf_counter()
    with runtime.progress.task("simulating years", total=len(grid)) as advance:
        parts = _simulated_blocks(parameters, book, grid, request, advance)
    workers = 0 if request.workers is None and request.scheduler is None else request.workers or 0
    result = join_blocks(parts)
    seconds = time.perf_counter() - started
    return portfolio_report(result, book, ids, seed=request.seed, seconds=seconds, workers=workers)
