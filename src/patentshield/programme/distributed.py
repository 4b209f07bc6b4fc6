"""Run the book's blocks on Dask distributed: a local cluster or a scheduler address.

The blocks are those of :func:`patentshield.risk.montecarlo.blocks`; each is one task
(:func:`patentshield.risk.portfolio.simulate_book_block`), the parameters and the book are
scattered to every worker once, and results are gathered in block order, so the answer is
bit-for-bit the same for 1 or N workers, and the same as without Dask.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from distributed import Client, LocalCluster

from patentshield.risk.montecarlo import Block
from patentshield.risk.parameters import Parameters
from patentshield.risk.portfolio import Book, BookBlock, simulate_book_block


def run_on_dask(
    parameters: Parameters,
    book: Book,
    grid: Sequence[Block],
    *,
    workers: int = 2,
    scheduler: str | None = None,
    processes: bool = True,
) -> list[BookBlock]:
    """Simulate every block on Dask and return the results in block order.

    ``processes=False`` runs the local cluster's workers as threads of this process (quick to
    start; used by the tests), ``True`` as separate processes (the default: true parallelism).
    """
    if scheduler is not None:
        with Client(scheduler) as client:
            return _run(client, parameters, book, grid)
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        return _run(client, parameters, book, grid)


def _run(
    client: Client, parameters: Parameters, book: Book, grid: Sequence[Block]
) -> list[BookBlock]:
    shared_parameters = client.scatter(parameters, broadcast=True)
    shared_book = client.scatter(book, broadcast=True)
    futures = client.map(
        simulate_book_block,
        [shared_parameters] * len(grid),
        [shared_book] * len(grid),
        list(grid),
        pure=False,
    )
    results: list[BookBlock] = client.gather(futures)
    return results
