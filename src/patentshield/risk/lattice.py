"""A discrete loss distribution, the aggregate layer applied to it, and its risk measures.

The compound methods give the period total ``S`` on the grid ``0, h, …, (n − 1)h`` and the
probability beyond it, which is kept as an atom at ``nh`` (a lower value than the true one).
The aggregate layer is then applied value by value, exactly as the Monte Carlo path applies
it to each simulated total: ``min(max(S − D, 0), A)``. Since it is non-decreasing, the
values stay sorted.

Measures use the Monte Carlo engine's definitions (:mod:`patentshield.risk.measures`):
``VaR_α`` is the smallest value whose cumulative probability reaches ``α`` and
``TVaR_α = VaR_α + E[(X − VaR_α)⁺] / (1 − α)``.

This module is pure: no I/O, no clock, no random numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from patentshield.risk.collective import Layer
from patentshield.risk.compound import Compound
from patentshield.risk.distributions import FloatArray

CUMULATIVE_SLACK = 1e-12
"""A cumulative probability within this of a level counts as reaching it (summation error)."""


@dataclass(frozen=True, slots=True)
class LatticeLoss:
    """Loss values (non-decreasing, model unit) and their probabilities."""

    values: FloatArray
    pmf: FloatArray

    @property
    def mean(self) -> float:
        """``E[X] = Σ x p``."""
        return _expectation(self.values, self.pmf)

    @property
    def std(self) -> float:
        """The standard deviation ``√(Σ (x − E[X])² p)``."""
        centred = self.values - self.mean
        return math.sqrt(_expectation(centred * centred, self.pmf))

    def value_at_risk(self, levels: Sequence[float]) -> dict[float, float]:
        """Return ``VaR_α`` for each level.

        >>> LatticeLoss(np.array([0.0, 1.0, 2.0]), np.array([0.5, 0.3, 0.2])).value_at_risk([0.8])
        {0.8: 1.0}
        """
        cumulative = np.cumsum(self.pmf)
        last = self.values.size - 1
        return {
            level: float(
                self.values[min(int(np.searchsorted(cumulative, level - CUMULATIVE_SLACK)), last)]
            )
            for level in levels
        }

    def tail_value_at_risk(self, var: dict[float, float]) -> dict[float, float]:
        """Return ``TVaR_α`` for each level of ``var``.

        ``E[(X − v)⁺] = (E[X] − Σ_{x ≤ v} x p) − v (1 − Σ_{x ≤ v} p)``: running sums over the
        values up to the largest VaR serve every level (the rest of the grid, far longer, is
        summed once).

        >>> loss = LatticeLoss(np.array([0.0, 1.0, 2.0]), np.array([0.5, 0.3, 0.2]))
        >>> loss.tail_value_at_risk({0.8: 1.0})
        {0.8: 2.0}
        """
        lasts = {
            level: int(np.searchsorted(self.values, value, side="right")) - 1
            for level, value in var.items()
        }
        stop = max(lasts.values()) + 1
        probability = np.cumsum(self.pmf[:stop])
        partial = np.cumsum(self.values[:stop] * self.pmf[:stop])
        total, mean = float(self.pmf.sum()), self.mean
        result = {}
        for level, value in var.items():
            last = lasts[level]
            excess = (mean - partial[last]) - value * (total - probability[last])
            result[level] = value + max(float(excess), 0.0) / (1.0 - level)
        return result


def _expectation(values: FloatArray, pmf: FloatArray) -> float:
    """Return ``Σ values × pmf`` (not ``np.dot``: BLAS threads stall when the cores are busy)."""
    return float(np.einsum("i,i->", values, pmf))


def layered_total(compound: Compound, step: float, layer: Layer) -> LatticeLoss:
    """Return the distribution of the aggregate layer's payment from the period total.

    The probability beyond the grid sits at ``n × step``.

    >>> total = Compound(np.array([0.2, 0.3, 0.4]), 0.1)
    >>> paid = layered_total(total, 1.0, Layer(aggregate_deductible=0.5, aggregate_cover=2.0))
    >>> paid.values.tolist(), paid.pmf.tolist()
    ([0.0, 0.5, 1.5, 2.0], [0.2, 0.3, 0.4, 0.1])
    """
    points = compound.pmf.size
    values = np.arange(points + 1, dtype=np.float64) * step
    layer.apply_aggregate(values)
    return LatticeLoss(values, np.append(compound.pmf, compound.beyond))
