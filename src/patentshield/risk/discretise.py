"""The severity through the per-occurrence layer on a grid: three discretisations.

The grid is ``0, h, 2h, …, (n − 1)h`` (``step`` h, ``points`` n, model unit) and the layered
severity is ``Y = min(max(X − d, 0), u)`` — the per-occurrence layer of
:class:`patentshield.risk.collective.Layer`, applied exactly: the deductible shifts the
severity's own functions, the cover is an atom of mass ``P[X > d + u]`` at ``u``.

* ``lower`` — ``Y`` rounded down, ``h⌊Y/h⌋ ≤ Y``: mass ``P[jh ≤ Y < (j + 1)h]`` at ``jh``;
* ``upper`` — ``Y`` rounded up, ``h⌈Y/h⌉ ≥ Y``: mass ``P[(j − 1)h < Y ≤ jh]`` at ``jh``;
* ``mean`` — local moment matching with one moment (Klugman, Panjer & Willmot, *Loss Models*,
  §9.6.2): the probability of ``Y`` in ``[jh, (j + 1)h)`` is split between the two ends so
  that its mean is kept. With the stop-loss transform ``π(y) = E[(Y − y)⁺]`` and the cell
  integrals ``D_j = π(jh) − π((j + 1)h)``, the masses are ``f_0 = 1 − D_0 / h`` and
  ``f_j = (D_{j−1} − D_j) / h``; their mean is ``E[Y] − π((n − 1)h)``, exact up to the
  stop-loss beyond the grid.

Each scheme puts the probability beyond the last point on the last point. Since the lower
and upper values bound ``Y`` draw by draw, the compound sums of either — and any
non-decreasing layer of those sums — are ordered the same way (first-order stochastic
dominance), so their mean, VaR and TVaR bracket the exact figures (*Loss Models*, §9.6.1),
up to the probability beyond the grid, which the upper scheme cannot push higher.

This module is pure: no I/O, no clock, no random numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.collective import Layer
from patentshield.risk.distributions import FloatArray, LogNormal, Pareto, Severity

MAX_POINTS = 2**22
"""Upper bound on grid points (the FFT works on twice as many; 64 MB of complex numbers)."""

GridSeverity = LogNormal | Pareto
"""Severities with a survival function and stop-loss transform in closed form."""

_ON_GRID = 1e-9
"""Relative slack when telling whether the cover falls on a grid point."""


class Scheme(StrEnum):
    """How the layered severity is moved onto the grid."""

    LOWER = "lower"
    MEAN = "mean"
    UPPER = "upper"


@dataclass(frozen=True, slots=True)
class Grid:
    """The grid ``0, step, 2 step, …, (points − 1) step`` (model unit)."""

    step: float
    points: int

    def __post_init__(self) -> None:
        if not math.isfinite(self.step) or self.step <= 0:
            raise InvalidInput("step", f"must be a positive number, got {self.step}")
        check_points(self.points)

    @property
    def top(self) -> float:
        """The last grid value, ``(points − 1) × step``."""
        return (self.points - 1) * self.step


def check_points(points: int) -> int:
    """Return ``points`` if a grid may have that many, else raise ``InvalidInput``."""
    if not 2 <= points <= MAX_POINTS:
        raise InvalidInput("points", f"must be between 2 and {MAX_POINTS}, got {points}")
    return points


def grid_severity(severity: Severity) -> GridSeverity:
    """Return ``severity`` if it can be discretised exactly, else raise ``InvalidInput``."""
    if not isinstance(severity, LogNormal | Pareto):
        raise InvalidInput(
            "severity", "the fft and panjer methods need a lognormal or pareto severity"
        )
    return severity


@dataclass(frozen=True, slots=True)
class Discretised:
    """The layered severity's probabilities on one grid under each scheme."""

    lower: FloatArray
    mean: FloatArray
    upper: FloatArray

    def under(self, scheme: Scheme) -> FloatArray:
        """Return the probabilities of ``scheme``."""
        return {Scheme.LOWER: self.lower, Scheme.MEAN: self.mean, Scheme.UPPER: self.upper}[scheme]


def discretise(severity: Severity, layer: Layer, grid: Grid) -> Discretised:
    """Return the probabilities of the layered severity on ``grid`` under the three schemes.

    One evaluation of the severity's tail serves all three: at the grid values ``y`` it gives
    ``P[X > d + y]`` and ``∫ P[X > x] dx`` from ``d + y`` to ``d + u``, which is ``π(y)``.

    >>> pmf = discretise(LogNormal(1.0, 1.0), Layer(cover=2.0), Grid(0.5, 8)).mean
    >>> round(float(pmf.sum()), 12), round(float(np.dot(np.arange(8) * 0.5, pmf)), 9)
    (1.0, 1.113870149)
    """
    exact = grid_severity(severity)
    index = np.arange(grid.points, dtype=np.float64)
    cover = math.inf if layer.cover is None else layer.cover
    last = cover / grid.step
    # beyond the cover both functions are 0: evaluate the severity below it only
    inside = grid.points if math.isinf(last) else min(grid.points, math.floor(last) + 2)
    survival, stop_loss = (
        np.concatenate([part, np.zeros(grid.points - inside)])
        for part in exact.tail_functions(
            layer.deductible + index[:inside] * grid.step, layer.deductible + cover
        )
    )
    # P[Y ≥ jh] and P[Y > jh]: the cover's atom counts in the first at the cover, not the second
    at_least = np.where(index <= last * (1 + _ON_GRID), survival, 0.0)
    at_least[0] = 1.0
    above = np.where(index < last * (1 - _ON_GRID), survival, 0.0)
    stop_loss[index >= last * (1 - _ON_GRID)] = 0.0
    cells = -np.diff(stop_loss) / grid.step
    mean = np.concatenate([[1.0 - cells[0]], cells[:-1] - cells[1:], cells[-1:]])
    # rounding leaves masses of about 1e-17 below zero far in the tail
    np.maximum(mean, 0.0, out=mean)
    return Discretised(
        lower=at_least - np.append(at_least[1:], 0.0),
        mean=mean,
        upper=np.concatenate([[1.0 - above[0]], above[:-2] - above[1:-1], above[-2:-1]]),
    )
