"""The collective-risk model: a random number of losses, each of a random size, through a layer.

For one period ``S = Σ_{i=1..N} Y_i`` with ``N`` from the frequency and
``Y_i = min(max(X_i − d, 0), u)`` the per-occurrence layer (deductible ``d``, cover ``u``) of
the severity ``X_i``; the insured amount of the period is then the aggregate layer
``min(max(S − D, 0), A)`` (aggregate deductible ``D``, aggregate cover ``A``).

The simulation is vectorised per block of the Monte Carlo grid: draw all counts, draw all
sizes at once, apply the per-occurrence layer in place, sum each simulation's losses with one
``np.add.reduceat`` and apply the aggregate layer — no Python loop over simulations.

Closed forms used by the tests and the ``risk aggregate`` report (compound distribution):
``E[S] = E[N] E[Y]`` and ``Var[S] = E[N] Var[Y] + Var[N] E[Y]²``, with ``E[Y^k]`` from the
severity's limited moments: ``E[Y] = E[X∧(d+u)] − E[X∧d]`` and
``E[Y²] = E[(X∧(d+u))²] − E[(X∧d)²] − 2d E[Y]``. They exist only without an aggregate layer.

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.distributions import FloatArray, Frequency, LogNormal, Pareto, Severity
from patentshield.risk.montecarlo import Block, blocks, run_blocks


@dataclass(frozen=True, slots=True)
class Layer:
    """Per-occurrence deductible and cover, aggregate deductible and cover (model unit).

    ``None`` cover means unlimited.
    """

    deductible: float = 0.0
    cover: float | None = None
    aggregate_deductible: float = 0.0
    aggregate_cover: float | None = None

    def __post_init__(self) -> None:
        for name in ("deductible", "aggregate_deductible"):
            value = getattr(self, name)
            if not math.isfinite(value) or value < 0:
                raise InvalidInput(name, f"must be a non-negative number, got {value}")
        for name in ("cover", "aggregate_cover"):
            value = getattr(self, name)
            if value is not None and (not math.isfinite(value) or value <= 0):
                raise InvalidInput(name, f"must be a positive number, got {value}")

    @property
    def has_per_occurrence_terms(self) -> bool:
        """Tell whether a deductible or cover applies to each loss."""
        return self.deductible > 0 or self.cover is not None

    @property
    def has_aggregate_terms(self) -> bool:
        """Tell whether an aggregate deductible or cover applies to the period's total."""
        return self.aggregate_deductible > 0 or self.aggregate_cover is not None

    def apply_per_occurrence(self, losses: FloatArray) -> None:
        """Replace each loss by the layer's payment, in place."""
        if self.deductible > 0:
            losses -= self.deductible
            np.maximum(losses, 0.0, out=losses)
        if self.cover is not None:
            np.minimum(losses, self.cover, out=losses)

    def apply_aggregate(self, totals: FloatArray) -> None:
        """Replace each period total by the aggregate layer's payment, in place."""
        if self.aggregate_deductible > 0:
            totals -= self.aggregate_deductible
            np.maximum(totals, 0.0, out=totals)
        if self.aggregate_cover is not None:
            np.minimum(totals, self.aggregate_cover, out=totals)


@dataclass(frozen=True, slots=True)
class CollectiveModel:
    """Frequency × severity × layer: the model of ``patentshield risk aggregate``."""

    frequency: Frequency
    severity: Severity
    layer: Layer = Layer()

    def simulate_block(self, block: Block) -> FloatArray:
        """Return the layered aggregate loss of each simulation of ``block``."""
        rng = block.rng()
        counts = self.frequency.draw(rng, block.size)
        losses = self.severity.draw(rng, int(counts.sum()))
        self.layer.apply_per_occurrence(losses)
        totals = sum_per_simulation(losses, counts)
        self.layer.apply_aggregate(totals)
        return totals

    def simulate(self, sims: int, seed: int, *, threads: int = 1) -> FloatArray:
        """Return the layered aggregate loss of each of ``sims`` simulations (seeded grid)."""
        parts = run_blocks(self.simulate_block, blocks(seed, sims), threads=threads)
        return np.concatenate(parts)


def sum_per_simulation(values: FloatArray, counts: np.ndarray) -> FloatArray:
    """Sum consecutive runs of ``values`` whose lengths are ``counts`` (0 gives 0).

    >>> sum_per_simulation(np.array([1.0, 2.0, 3.0]), np.array([2, 0, 1])).tolist()
    [3.0, 0.0, 3.0]
    """
    totals = np.zeros(counts.shape[0], dtype=np.float64)
    nonzero = counts > 0
    if values.size:
        starts = np.cumsum(counts) - counts
        totals[nonzero] = np.add.reduceat(values, starts[nonzero])
    return totals


def layered_severity_moments(severity: Severity, layer: Layer) -> tuple[float, float] | None:
    """Return ``(E[Y], E[Y²])`` of the per-occurrence layer, or ``None`` without a closed form."""
    if not layer.has_per_occurrence_terms:
        return severity.moment(1), severity.moment(2)
    if not isinstance(severity, LogNormal | Pareto):
        return None
    d = layer.deductible
    top = math.inf if layer.cover is None else d + layer.cover

    def limited(k: int, c: float) -> float:
        if c == 0:
            return 0.0
        return severity.moment(k) if math.isinf(c) else severity.limited_moment(k, c)

    first = limited(1, top) - limited(1, d)
    second = limited(2, top) - limited(2, d) - 2 * d * first
    return first, second


def closed_form_moments(model: CollectiveModel) -> tuple[float, float] | None:
    """Return the exact ``(mean, standard deviation)`` of the period loss, when one exists."""
    if model.layer.has_aggregate_terms:
        return None
    moments = layered_severity_moments(model.severity, model.layer)
    if moments is None:
        return None
    first, second = moments
    frequency = model.frequency
    variance = frequency.mean * (second - first**2) + frequency.variance * first**2
    return frequency.mean * first, math.sqrt(variance)
