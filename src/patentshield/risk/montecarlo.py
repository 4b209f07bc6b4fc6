"""The Monte Carlo grid: fixed blocks of simulations, one independent random stream per block.

Simulations ``0 … sims-1`` are cut into blocks of ``BLOCK_SIMS`` (the last may be shorter).
Block ``i`` always draws from ``Generator(PCG64(SeedSequence(seed).spawn(n_blocks)[i]))``, so
a block's numbers depend only on the seed and the block's index: grouping blocks into larger
tasks (to bound memory or to spread work over threads or Dask workers) never changes a
result. That is the invariance the tests check: 1 or N threads, 1 or N workers, any task size,
the same numbers bit for bit. Memory per task is bounded by the block, not by ``sims``.

``BLOCK_SIMS`` is part of the model (changing it changes which stream a simulation uses);
it is recorded in every result as ``block_sims``.

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from patentshield.kernel.errors import InvalidInput

BLOCK_SIMS = 65_536
"""Simulations per random stream (2**16): small enough for cache-friendly arrays."""

MAX_SIMS = 10**9
"""Upper bound on simulations per run (the per-simulation output is 8 bytes each)."""

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Block:
    """A contiguous run of simulations ``[start, start + size)`` with its own random stream."""

    index: int
    start: int
    size: int
    seed: np.random.SeedSequence

    def rng(self) -> np.random.Generator:
        """Return a fresh generator for this block's stream (the same numbers every time)."""
        return np.random.Generator(np.random.PCG64(self.seed))


def check_sims(sims: int, field: str = "sims") -> int:
    """Return ``sims`` if it is a usable number of simulations, else raise ``InvalidInput``."""
    if sims < 1 or sims > MAX_SIMS:
        raise InvalidInput(field, f"must be between 1 and {MAX_SIMS}, got {sims}")
    return sims


def block_count(sims: int, *, block_sims: int = BLOCK_SIMS) -> int:
    """Return how many blocks ``sims`` simulations make (the last one may be short).

    >>> block_count(10, block_sims=4)
    3
    """
    return -(-sims // block_sims)


def blocks(seed: int, sims: int, *, block_sims: int = BLOCK_SIMS) -> list[Block]:
    """Cut ``sims`` simulations into blocks with spawned, independent seed sequences.

    >>> [(b.start, b.size) for b in blocks(7, 10, block_sims=4)]
    [(0, 4), (4, 4), (8, 2)]
    """
    check_sims(sims)
    if seed < 0:
        raise InvalidInput("seed", f"must be a non-negative integer, got {seed}")
    count = block_count(sims, block_sims=block_sims)
    children = np.random.SeedSequence(seed).spawn(count)
    return [
        Block(index, index * block_sims, min(block_sims, sims - index * block_sims), child)
        for index, child in enumerate(children)
    ]


def run_blocks(
    kernel: Callable[[Block], T],
    all_blocks: Sequence[Block],
    *,
    threads: int = 1,
    on_block: Callable[[int], None] | None = None,
) -> list[T]:
    """Run ``kernel`` on every block and return the results in block order.

    With ``threads > 1`` blocks run on a thread pool: NumPy's generators and array kernels
    release the GIL, so threads use several cores without copying arrays between processes.
    ``on_block(1)`` is called, in the calling thread, as each block's result is collected
    (progress reporting; it never changes a result).
    """
    if threads < 1:
        raise InvalidInput("threads", f"must be at least 1, got {threads}")
    done = on_block or (lambda _count: None)
    if threads == 1 or len(all_blocks) == 1:
        results = []
        for block in all_blocks:
            results.append(kernel(block))
            done(1)
        return results
    with ThreadPoolExecutor(max_workers=threads) as pool:
        collected = []
        for result in pool.map(kernel, all_blocks):
            collected.append(result)
            done(1)
        return collected
