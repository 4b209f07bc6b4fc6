"""How much memory a collective-risk simulation will need, known before anything is allocated.

:meth:`~patentshield.risk.collective.CollectiveModel.simulate` holds one result per
simulation (8 bytes each) and, in every thread at once, one block's claim counts
(:data:`~patentshield.risk.montecarlo.BLOCK_SIMS` × 8 bytes) and one slice's losses
(:data:`~patentshield.risk.collective.SLICE_SIMS` simulations' claims, with a temporary of
the same size while they are layered and summed). The number of claims in a slice is bounded
by its mean plus six standard deviations (for a Poisson of mean 10⁶ and 8,192 simulations,
8.2·10⁹ claims: 131 GB), so a request that cannot fit is refused with the figure and the
limit instead of exhausting the machine (``--lam 1000000 --sims 100000`` asked for 488 GiB).

This module is pure: arithmetic on the model's parameters, no allocation.
"""

from __future__ import annotations

import math

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.collective import SLICE_SIMS, CollectiveModel
from patentshield.risk.montecarlo import BLOCK_SIMS

BYTES_PER_VALUE = 8
"""A float64 loss or an int64 count."""

COPIES_PER_LOSS = 2
"""A slice's losses and the temporary of the layer and the sum."""


def slice_claims(model: CollectiveModel, sims: int) -> float:
    """Return a bound on the claims drawn together: mean plus six standard deviations."""
    size = min(sims, SLICE_SIMS)
    frequency = model.frequency
    return size * frequency.mean + 6 * math.sqrt(size * frequency.variance)


def simulation_bytes(model: CollectiveModel, sims: int, *, threads: int) -> float:
    """Return the peak memory, in bytes, that simulating ``model`` ``sims`` times will need.

    >>> from patentshield.risk.distributions import LogNormal, Poisson
    >>> model = CollectiveModel(Poisson(1_000_000.0), LogNormal(1.0, 1.0))
    >>> round(simulation_bytes(model, 100_000, threads=1) / 2**30)
    122
    """
    results = sims * BYTES_PER_VALUE
    block = min(sims, BLOCK_SIMS) * BYTES_PER_VALUE
    losses = slice_claims(model, sims) * BYTES_PER_VALUE * COPIES_PER_LOSS
    return results + max(1, threads) * (block + losses)


def check_simulation_memory(
    model: CollectiveModel, sims: int, *, threads: int, limit: int
) -> float:
    """Return the estimate of :func:`simulation_bytes`, or refuse it beyond ``limit`` bytes.

    Raises
    ------
    InvalidInput
        Naming ``sims`` with the estimate and the limit, in GiB.
    """
    needed = simulation_bytes(model, sims, threads=threads)
    if needed > limit:
        raise InvalidInput(
            "sims",
            f"this simulation would need about {needed / 2**30:,.1f} GiB of memory "
            f"(mean {model.frequency.mean:,.6g} claims per period, {sims:,} simulations, "
            f"{threads} threads); the limit is {limit / 2**30:,.1f} GiB: lower --sims, "
            "--threads or the claim frequency",
        )
    return needed
