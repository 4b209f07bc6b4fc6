"""Run the book's blocks, or a what-if's take-up chunks, on Dask: a local cluster or a scheduler.

The blocks are those of :func:`patentshield.risk.montecarlo.blocks`; each is one task
(:func:`patentshield.risk.portfolio.simulate_book_block`), the parameters and the book are
scattered to every worker once, and results are gathered in block order, so the answer is
bit-for-bit the same for 1 or N workers, and the same as without Dask.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from distributed import Client, LocalCluster, as_completed

from patentshield.programme.takeup_years import TakeUpInputs, YearClaims, simulate_chunks
from patentshield.risk.distributions import FloatArray
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
    on_block: Callable[[int], None] | None = None,
) -> list[BookBlock]:
    """Simulate every block on Dask and return the results in block order.

    ``on_block(1)`` is called as each block's result arrives (progress only).
    ``processes=False`` runs the local cluster's workers as threads of this process (quick to
    start; used by the tests), ``True`` as separate processes (the default: true parallelism).
    """
    with _client(workers, scheduler, processes) as client:
        return _run(client, parameters, book, grid, on_block)


@contextmanager
def _client(workers: int, scheduler: str | None, processes: bool) -> Iterator[Client]:
    """Yield a client of the scheduler at ``scheduler``, or of a new local cluster."""
    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
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
        yield client


def _run(
    client: Client,
    parameters: Parameters,
    book: Book,
    grid: Sequence[Block],
    on_block: Callable[[int], None] | None,
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
    if on_block is not None:
        for _future in as_completed(futures):
            on_block(1)
    results: list[BookBlock] = client.gather(futures)
    return results


def run_take_up_on_dask(
    inputs: TakeUpInputs,
    tasks: Sequence[tuple[list[Block], list[YearClaims]]],
    *,
    workers: int = 2,
    scheduler: str | None = None,
    processes: bool = True,
    on_task: Callable[[int], None] | None = None,
) -> list[list[FloatArray]]:
    """Simulate a what-if's take-up tasks on Dask, in task order.

    A task is a run of chunks with their claims (:func:`simulate_chunks`); the inputs go to
    every worker once. ``on_task(n)`` is called with a task's chunk count as it finishes.
    """
    with _client(workers, scheduler, processes) as client:
        shared = client.scatter(inputs, broadcast=True)
        futures = client.map(
            simulate_chunks,
            [shared] * len(tasks),
            [chunks for chunks, _ in tasks],
            [claims for _, claims in tasks],
            pure=False,
        )
        if on_task is not None:
            sizes = {future.key: len(task[0]) for future, task in zip(futures, tasks, strict=True)}
            for future in as_completed(futures):
                on_task(sizes[future.key])
        results: list[list[FloatArray]] = client.gather(futures)
        return results
