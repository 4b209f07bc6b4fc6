"""Method-of-moments fits used by the calibration, and the parameter value they produce.

* Shifted negative binomial for respondents per investigation: ``K = shift + N`` with
  ``N ~ NB(r, p)`` counting failures before the ``r``-th success, so
  ``E[N] = r (1 - p) / p`` and ``Var[N] = r (1 - p) / p²``. Matching ``m = E[K] - shift`` and
  ``v = Var[K]`` gives ``p = m / v`` and ``r = m² / (v - m)``; it needs over-dispersion
  (``v > m``), else the data are no more variable than a Poisson and no NB fits. This is the
  parameterisation of ``numpy.random.Generator.negative_binomial(n=r, p=p)``.
* Beta for shares: ``Beta(α, β)`` has mean ``μ = α / (α + β)`` and variance
  ``μ (1 - μ) / (α + β + 1)``, so ``α + β = μ (1 - μ) / v - 1``, ``α = μ (α + β)``,
  ``β = (1 - μ)(α + β)``; it needs ``0 < μ < 1`` and ``0 < v < μ (1 - μ)``.
* Beta for the Chinese share of an investigation's respondents, fitted to what the risk
  engine must reproduce (:func:`beta_for_naming`): ``N ~ Binomial(K, π)``, ``π ~ Beta(α, β)``,
  ``K`` the shifted negative binomial above. ``E[N] = E[K] μ`` fixes ``μ``; the share of
  investigations naming at least one, ``1 − E[B(α, β + K) / B(α, β)]``, grows with ``α + β``
  (from ``μ`` when every investigation is all or nothing to ``1 − E[(1 − μ)^K]``), so one
  bisection on ``α + β`` matches it.
* Weibull for months to an early exit (:func:`weibull_by_moments`): ``E[M] = λ Γ(1 + 1/k)``,
  ``Var[M] / E[M]² = Γ(1 + 2/k) / Γ(1 + 1/k)² − 1``, decreasing in ``k``: a bisection on ``k``
  matches the coefficient of variation, then ``λ = E[M] / Γ(1 + 1/k)``.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Parameter:
    """One calibrated value with its unit, sample size, the data it came from and its sources."""

    value: float | int | None
    unit: str
    n: int | None
    data: str
    sources: tuple[str, ...] = ()
    note: str = ""
    extra: dict[str, float | int | str | None] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """Return the parameter as a JSON-ready dict (floats rounded to 6 significant digits)."""
        document: dict[str, object] = {
            "value": _rounded(self.value),
            "unit": self.unit,
            "n": self.n,
            "data": self.data,
            "sources": list(self.sources),
        }
        if self.note:
            document["note"] = self.note
        for key, value in self.extra.items():
            document[key] = _rounded(value) if not isinstance(value, str) else value
        return document


@dataclass(frozen=True, slots=True)
class Basis:
    """Where a group of parameters comes from: a description of the data and its sources."""

    data: str
    sources: tuple[str, ...] = ()

    def parameter(
        self,
        value: float | int | None,
        unit: str,
        n: int | None,
        note: str = "",
        **extra: float | int | str | None,
    ) -> dict[str, object]:
        """Return a JSON-ready :class:`Parameter` on this basis."""
        return Parameter(value, unit, n, self.data, self.sources, note, dict(extra)).to_json()


def _rounded(value: float | int | None) -> float | int | None:
    if isinstance(value, float):
        return float(f"{value:.6g}")
    return value


@dataclass(frozen=True, slots=True)
class NegativeBinomialFit:
    """``K = shift + N``, ``N ~ NB(r, p)`` (failures before the r-th success)."""

    shift: int
    r: float
    p: float

    def mean(self) -> float:
        """Return ``E[K] = shift + r (1 - p) / p``."""
        return self.shift + self.r * (1 - self.p) / self.p

    def variance(self) -> float:
        """Return ``Var[K] = r (1 - p) / p²``."""
        return self.r * (1 - self.p) / self.p**2


@dataclass(frozen=True, slots=True)
class BetaFit:
    """``Beta(alpha, beta)``."""

    alpha: float
    beta: float

    def mean(self) -> float:
        """Return ``α / (α + β)``."""
        return self.alpha / (self.alpha + self.beta)

    def variance(self) -> float:
        """Return ``α β / ((α + β)² (α + β + 1))``."""
        total = self.alpha + self.beta
        return self.alpha * self.beta / (total**2 * (total + 1))


def mean_and_variance(values: Sequence[float]) -> tuple[float, float] | None:
    """Return the mean and the sample variance (n - 1); ``None`` for fewer than two values."""
    if len(values) < 2:
        return None
    return statistics.fmean(values), statistics.variance(values)


def shifted_negative_binomial(
    mean: float, variance: float, shift: int = 1
) -> NegativeBinomialFit | None:
    """Fit ``K = shift + NB(r, p)`` by moments; ``None`` without over-dispersion.

    >>> fit = shifted_negative_binomial(4.0, 9.0)
    >>> round(fit.r, 6), round(fit.p, 6), round(fit.mean(), 6), round(fit.variance(), 6)
    (1.5, 0.333333, 4.0, 9.0)
    """
    excess = mean - shift
    if excess <= 0 or variance <= excess:
        return None
    return NegativeBinomialFit(shift=shift, r=excess**2 / (variance - excess), p=excess / variance)


def beta_by_moments(mean: float, variance: float) -> BetaFit | None:
    """Fit ``Beta(α, β)`` by moments; ``None`` when no Beta has that mean and variance.

    >>> fit = beta_by_moments(0.4, 0.01)
    >>> round(fit.alpha, 6), round(fit.beta, 6), round(fit.mean(), 6), round(fit.variance(), 6)
    (9.2, 13.8, 0.4, 0.01)
    """
    if not 0 < mean < 1 or not 0 < variance < mean * (1 - mean):
        return None
    total = mean * (1 - mean) / variance - 1
    return BetaFit(alpha=mean * total, beta=(1 - mean) * total)


@dataclass(frozen=True, slots=True)
class WeibullFit:
    """``Weibull(shape k, scale λ)``: ``F(m) = 1 − exp(−(m / λ)^k)``."""

    shape: float
    scale: float

    def mean(self) -> float:
        """Return ``λ Γ(1 + 1/k)``."""
        return self.scale * math.gamma(1 + 1 / self.shape)

    def variance(self) -> float:
        """Return ``λ² (Γ(1 + 2/k) − Γ(1 + 1/k)²)``."""
        first = math.gamma(1 + 1 / self.shape)
        return self.scale**2 * (math.gamma(1 + 2 / self.shape) - first**2)


def _bisect(function: Callable[[float], float], low: float, high: float) -> float:
    """Return the root of an increasing ``function`` between ``low`` and ``high`` (log scale)."""
    for _ in range(200):
        middle = math.sqrt(low * high)
        if function(middle) > 0:
            high = middle
        else:
            low = middle
    return math.sqrt(low * high)


def weibull_by_moments(mean: float, variance: float) -> WeibullFit | None:
    """Fit ``Weibull(k, λ)`` by moments; ``None`` without a positive mean and variance.

    >>> fit = weibull_by_moments(8.0, 64.0)  # coefficient of variation 1: the exponential
    >>> round(fit.shape, 6), round(fit.scale, 6), round(fit.mean(), 6), round(fit.variance(), 6)
    (1.0, 8.0, 8.0, 64.0)
    """
    if mean <= 0 or variance <= 0:
        return None
    target = variance / mean**2

    def excess(shape: float) -> float:
        ratio = math.exp(math.lgamma(1 + 2 / shape) - 2 * math.lgamma(1 + 1 / shape))
        return target - (ratio - 1)  # increasing in the shape

    shape = _bisect(excess, 0.05, 500.0)
    return WeibullFit(shape=shape, scale=mean / math.gamma(1 + 1 / shape))


def _none_named(alpha: float, beta: float, count: NegativeBinomialFit) -> float:
    """Return ``P(N = 0)`` for ``N ~ Binomial(K, Beta(α, β))`` and ``K = shift + NB(r, p)``."""
    total, none_of_k, k = 0.0, 1.0, 0
    failures_mass = count.p**count.r  # P(NB = 0)
    remaining = 1.0
    while remaining > 1e-13 and k < 100_000:
        if k >= count.shift:
            failures = k - count.shift
            if failures > 0:
                failures_mass *= (failures - 1 + count.r) / failures * (1 - count.p)
            total += failures_mass * none_of_k
            remaining -= failures_mass
        none_of_k *= (beta + k) / (alpha + beta + k)
        k += 1
    return total


def beta_for_naming(
    mean_chinese: float, naming: float, count: NegativeBinomialFit
) -> BetaFit | None:
    """Fit ``π ~ Beta(α, β)`` so that ``E[N]`` and ``P(N > 0)`` match (module docstring).

    ``mean_chinese`` is the mean number of Chinese respondents per investigation, ``naming``
    the share of investigations naming at least one. ``None`` when no Beta reaches them.

    >>> count = NegativeBinomialFit(shift=1, r=1.0, p=0.2)
    >>> fit = beta_for_naming(1.0, 0.4, count)
    >>> round(fit.mean() * count.mean(), 6), round(1 - _none_named(fit.alpha, fit.beta, count), 6)
    (1.0, 0.4)
    """
    share = mean_chinese / count.mean()
    if not 0 < share < 1 or not share < naming < 1:
        return None

    def excess(total: float) -> float:
        return 1 - _none_named(share * total, (1 - share) * total, count) - naming

    if excess(1e6) <= 0:
        return None
    total = _bisect(excess, 1e-6, 1e6)
    return BetaFit(alpha=share * total, beta=(1 - share) * total)
