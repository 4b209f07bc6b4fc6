"""A deterministic reference for the collective-risk model: discretisation and FFT.

Used to check the Monte Carlo engine (tests, benchmark) without sampling error:

1. Discretise the severity on the grid ``0, h, 2h, …`` by the rounding method:
   ``f_0 = F(h/2)``, ``f_k = F((k + ½)h) − F((k − ½)h)`` (Klugman, Panjer & Willmot, *Loss
   Models*, §9.6.1), the mass beyond the grid put on the last point.
2. Apply the per-occurrence layer to each grid point (``d`` and ``u`` rounded to the grid).
3. Compound with the frequency's probability generating function on the FFT of the severity:
   Poisson ``P(z) = exp(λ(z − 1))``; negative binomial ``P(z) = (p / (1 − (1 − p) z))^r``.
   The grid is long enough (``points``) that wrap-around mass is negligible.
4. Apply the aggregate layer to the aggregate distribution.

Quantiles of the result carry a discretisation error of about ``h``.

This module is pure: no I/O, no clock, no random numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.collective import CollectiveModel, Layer
from patentshield.risk.distributions import FloatArray, Frequency, LogNormal, Pareto, Poisson


@dataclass(frozen=True, slots=True)
class DiscreteDistribution:
    """Probabilities ``pmf[k]`` of the values ``k × span``."""

    span: float
    pmf: FloatArray

    @property
    def mean(self) -> float:
        """The distribution's mean."""
        return float(np.dot(np.arange(self.pmf.size) * self.span, self.pmf))

    @property
    def std(self) -> float:
        """The distribution's standard deviation."""
        values = np.arange(self.pmf.size) * self.span
        return float(np.sqrt(np.dot((values - self.mean) ** 2, self.pmf)))

    def quantile(self, level: float) -> float:
        """Return the smallest grid value whose cumulative probability reaches ``level``."""
        index = int(np.searchsorted(np.cumsum(self.pmf), level - 1e-12))
        return min(index, self.pmf.size - 1) * self.span


def discretise(severity: LogNormal | Pareto, span: float, points: int) -> FloatArray:
    """Return the rounding-method probabilities of ``severity`` on ``points`` grid values."""
    edges = (np.arange(points, dtype=np.float64) + 0.5) * span
    cdf = severity.cdf(edges)
    pmf = np.diff(cdf, prepend=0.0)
    pmf[-1] += 1.0 - cdf[-1]
    return pmf


def _layer_grid(pmf: FloatArray, span: float, deductible: float, cover: float | None) -> FloatArray:
    shift = round(deductible / span)
    top = pmf.size - 1 if cover is None else min(round(cover / span), pmf.size - 1)
    layered = np.zeros_like(pmf)
    target = np.clip(np.arange(pmf.size) - shift, 0, top)
    np.add.at(layered, target, pmf)
    return layered


def _compound(frequency: Frequency, pmf: FloatArray) -> FloatArray:
    transform = np.fft.rfft(pmf)
    if isinstance(frequency, Poisson):
        generated = np.exp(frequency.lam * (transform - 1.0))
    else:
        generated = (frequency.p / (1.0 - (1.0 - frequency.p) * transform)) ** frequency.r
    result: FloatArray = np.fft.irfft(generated, n=pmf.size)
    np.maximum(result, 0.0, out=result)
    result /= result.sum()
    return result


def aggregate_distribution(
    model: CollectiveModel, *, span: float, points: int = 2**18
) -> DiscreteDistribution:
    """Return the distribution of the layered period loss of ``model`` on a grid of ``span``."""
    if not isinstance(model.severity, LogNormal | Pareto):
        raise InvalidInput("severity", "the FFT reference needs a lognormal or Pareto severity")
    layer: Layer = model.layer
    pmf = discretise(model.severity, span, points)
    pmf = _layer_grid(pmf, span, layer.deductible, layer.cover)
    aggregate = _compound(model.frequency, pmf)
    aggregate = _layer_grid(aggregate, span, layer.aggregate_deductible, layer.aggregate_cover)
    return DiscreteDistribution(span, aggregate)
