"""Claim-count (frequency) and claim-size (severity) distributions of the collective-risk model.

Each distribution is a frozen value that validates its parameters, draws with an explicit
``numpy.random.Generator`` (never the global RNG) and knows its raw moments in closed form so
tests and reports can check simulations against them. Severities also give limited moments
``E[min(X, c)^k]`` where a closed form exists (lognormal, Pareto), which yield the exact mean
and variance of a per-occurrence layer.

Parameterisations (the same as ``numpy.random.Generator`` and scipy's ``scale``):

* ``Poisson(lam)``: ``E[N] = Var[N] = lam``.
* ``NegativeBinomial(r, p)``: failures before the ``r``-th success, ``E[N] = r(1-p)/p``,
  ``Var[N] = r(1-p)/p²``.
* ``LogNormal(sigma, scale)``: ``ln X ~ Normal(ln scale, sigma²)``,
  ``E[X^k] = scale^k exp(k² sigma² / 2)``.
* ``Gamma(shape, scale)``: ``E[X^k] = scale^k Γ(shape + k) / Γ(shape)``.
* ``Pareto(shape, scale)`` (type I, support ``x ≥ scale``): ``E[X^k] = shape scale^k /
  (shape - k)`` for ``k < shape``, infinite otherwise.

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.special import normal_survival

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


def _positive(value: float, field: str) -> float:
    if not math.isfinite(value) or value <= 0:
        raise InvalidInput(field, f"must be a positive number, got {value}")
    return value


def _probability(value: float, field: str) -> float:
    if not 0 < value <= 1:
        raise InvalidInput(field, f"must be a probability in (0, 1], got {value}")
    return value


def _normal_cdf(z: float) -> float:
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


@dataclass(frozen=True, slots=True)
class Poisson:
    """Poisson claim counts with mean ``lam`` per period."""

    lam: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.lam) or self.lam < 0:
            raise InvalidInput("lam", f"must be a non-negative number, got {self.lam}")

    def draw(self, rng: np.random.Generator, size: int) -> IntArray:
        """Draw ``size`` claim counts."""
        return rng.poisson(self.lam, size).astype(np.int64, copy=False)

    @property
    def mean(self) -> float:
        """``E[N]``."""
        return self.lam

    @property
    def variance(self) -> float:
        """``Var[N]``."""
        return self.lam


@dataclass(frozen=True, slots=True)
class NegativeBinomial:
    """Negative binomial claim counts: failures before the ``r``-th success, success chance ``p``.

    >>> NegativeBinomial(r=2.0, p=0.5).mean
    2.0
    """

    r: float
    p: float

    def __post_init__(self) -> None:
        _positive(self.r, "r")
        _probability(self.p, "p")

    def draw(self, rng: np.random.Generator, size: int) -> IntArray:
        """Draw ``size`` claim counts."""
        return rng.negative_binomial(self.r, self.p, size).astype(np.int64, copy=False)

    @property
    def mean(self) -> float:
        """``E[N] = r (1 - p) / p``."""
        return self.r * (1 - self.p) / self.p

    @property
    def variance(self) -> float:
        """``Var[N] = r (1 - p) / p²``."""
        return self.r * (1 - self.p) / self.p**2


Frequency = Poisson | NegativeBinomial


@dataclass(frozen=True, slots=True)
class LogNormal:
    """Lognormal claim sizes: ``ln X ~ Normal(ln scale, sigma²)``.

    >>> round(LogNormal(sigma=1.0, scale=1.0).moment(1), 6)
    1.648721
    """

    sigma: float
    scale: float

    def __post_init__(self) -> None:
        _positive(self.sigma, "sigma")
        _positive(self.scale, "scale")

    def draw(self, rng: np.random.Generator, size: int) -> FloatArray:
        """Draw ``size`` claim sizes (model unit)."""
        return rng.lognormal(math.log(self.scale), self.sigma, size)

    def moment(self, k: int) -> float:
        """``E[X^k] = scale^k exp(k² sigma² / 2)``."""
        return float(self.scale**k * math.exp(k * k * self.sigma**2 / 2))

    def limited_moment(self, k: int, limit: float) -> float:
        """``E[min(X, limit)^k]`` (Klugman, Panjer & Willmot, *Loss Models*, appendix A)."""
        mu = math.log(self.scale)
        z = (math.log(limit) - mu) / self.sigma
        partial = self.moment(k) * _normal_cdf(z - k * self.sigma)
        return partial + limit**k * (1 - _normal_cdf(z))

    def _z(self, x: FloatArray) -> FloatArray:
        safe = np.maximum(x, np.finfo(np.float64).tiny)
        return (np.log(safe) - math.log(self.scale)) / self.sigma

    def cdf(self, x: FloatArray) -> FloatArray:
        """``P[X ≤ x] = Φ((ln x − ln scale) / sigma)`` elementwise."""
        return np.where(x > 0, normal_survival(-self._z(x)), 0.0)

    def survival(self, x: FloatArray) -> FloatArray:
        """``P[X > x]`` elementwise, accurate far in the tail."""
        return np.where(x > 0, normal_survival(self._z(x)), 1.0)

    def tail_functions(self, x: FloatArray, upper: float) -> tuple[FloatArray, FloatArray]:
        """Return ``P[X > x]`` and ``∫ P[X > t] dt`` from ``x`` to ``upper`` (``inf`` allowed).

        The integral is ``π(x) − π(upper)`` with the stop-loss transform
        ``π(x) = E[(X − x)⁺] = E[X] Φ̄(z − sigma) − x Φ̄(z)``, ``z = (ln x − ln scale) / sigma``
        (``E[X] − x`` below zero; Klugman, Panjer & Willmot, *Loss Models*, appendix A).
        """
        points = np.append(x, 0.0 if math.isinf(upper) else upper)
        z = self._z(points)
        survival = normal_survival(z)
        mean = self.moment(1)
        stop_loss = mean * normal_survival(z - self.sigma) - points * survival
        positive = points > 0
        survival = np.where(positive, survival, 1.0)
        stop_loss = np.where(positive, stop_loss, mean - points)
        top = 0.0 if math.isinf(upper) else float(stop_loss[-1])
        return survival[:-1], stop_loss[:-1] - top

    def tail_quantile(self, tail: float) -> float:
        """Return the ``x`` with ``P[X > x] = tail``."""
        return self.scale * math.exp(-self.sigma * NormalDist().inv_cdf(tail))


@dataclass(frozen=True, slots=True)
class Gamma:
    """Gamma claim sizes with ``shape`` and ``scale`` (mean ``shape × scale``)."""

    shape: float
    scale: float

    def __post_init__(self) -> None:
        _positive(self.shape, "shape")
        _positive(self.scale, "scale")

    def draw(self, rng: np.random.Generator, size: int) -> FloatArray:
        """Draw ``size`` claim sizes (model unit)."""
        return rng.gamma(self.shape, self.scale, size)

    def moment(self, k: int) -> float:
        """``E[X^k] = scale^k Γ(shape + k) / Γ(shape)``."""
        return float(
            self.scale**k * math.exp(math.lgamma(self.shape + k) - math.lgamma(self.shape))
        )


@dataclass(frozen=True, slots=True)
class Pareto:
    """Pareto (type I) claim sizes: ``P[X > x] = (scale / x)^shape`` for ``x ≥ scale``."""

    shape: float
    scale: float

    def __post_init__(self) -> None:
        _positive(self.shape, "shape")
        _positive(self.scale, "scale")

    def draw(self, rng: np.random.Generator, size: int) -> FloatArray:
        """Draw ``size`` claim sizes (model unit): ``scale × (1 + Lomax(shape))``."""
        values = rng.pareto(self.shape, size)
        values += 1.0
        values *= self.scale
        return values

    def moment(self, k: int) -> float:
        """``E[X^k] = shape scale^k / (shape - k)``, infinite when ``k ≥ shape``."""
        if k >= self.shape:
            return math.inf
        return self.shape * self.scale**k / (self.shape - k)

    def limited_moment(self, k: int, limit: float) -> float:
        """``E[min(X, limit)^k]``."""
        if limit <= self.scale:
            return float(limit**k)
        a, m = self.shape, self.scale
        tail = float(limit**k * (m / limit) ** a)
        if a == k:
            return float(a * m**k * math.log(limit / m)) + tail
        body = float(a * m**a * (limit ** (k - a) - m ** (k - a)) / (k - a))
        return body + tail

    def cdf(self, x: FloatArray) -> FloatArray:
        """``P[X ≤ x]`` elementwise."""
        return 1.0 - self.survival(x)

    def survival(self, x: FloatArray) -> FloatArray:
        """``P[X > x] = (scale / x)^shape`` above ``scale``, 1 below."""
        ratio: FloatArray = self.scale / np.maximum(x, self.scale)
        return ratio**self.shape

    def _stop_loss(self, x: FloatArray) -> FloatArray:
        """``E[(X − x)⁺] = scale^shape x^(1 − shape) / (shape − 1)`` above ``scale``; shape > 1."""
        a, m = self.shape, self.scale
        above = m**a * np.maximum(x, m) ** (1 - a) / (a - 1)
        return np.where(x >= m, above, self.moment(1) - x)

    def _limited_mean(self, x: FloatArray) -> FloatArray:
        """``E[min(X, x)] = ∫ P[X > t] dt`` from 0 to ``x``."""
        a, m = self.shape, self.scale
        top = np.maximum(x, m)
        body = m * np.log(top / m) if a == 1 else m**a * (top ** (1 - a) - m ** (1 - a)) / (1 - a)
        return np.minimum(x, m) + body

    def tail_functions(self, x: FloatArray, upper: float) -> tuple[FloatArray, FloatArray]:
        """Return ``P[X > x]`` and ``∫ P[X > t] dt`` from ``x`` to ``upper`` (``inf``: shape > 1).

        With a finite mean the integral is a difference of stop-loss transforms (accurate far
        in the tail); otherwise of limited means ``E[min(X, ·)]``.
        """
        if self.shape > 1:
            top = 0.0 if math.isinf(upper) else float(self._stop_loss(np.array([upper]))[0])
            return self.survival(x), self._stop_loss(x) - top
        if math.isinf(upper):
            raise InvalidInput("shape", "the Pareto mean is infinite for a shape of 1 or less")
        top = float(self._limited_mean(np.array([upper]))[0])
        return self.survival(x), top - self._limited_mean(x)

    def tail_quantile(self, tail: float) -> float:
        """Return the ``x`` with ``P[X > x] = tail``."""
        return float(self.scale * tail ** (-1.0 / self.shape))


Severity = LogNormal | Gamma | Pareto


FREQUENCIES = ("poisson", "negbin")
SEVERITIES = ("lognormal", "gamma", "pareto")


def _required(value: float | None, field: str, name: str) -> float:
    if value is None:
        raise InvalidInput(field, f"is required by the {name} distribution")
    return value


def frequency_named(
    name: str, *, lam: float | None = None, r: float | None = None, p: float | None = None
) -> Frequency:
    """Build a frequency from its name (``poisson`` needs ``lam``; ``negbin`` ``r`` and ``p``)."""
    if name == "poisson":
        return Poisson(_required(lam, "lam", name))
    if name == "negbin":
        return NegativeBinomial(_required(r, "r", name), _required(p, "p", name))
    raise InvalidInput("frequency", f"must be one of {', '.join(FREQUENCIES)}, got {name!r}")


def severity_named(
    name: str, *, sigma: float | None = None, scale: float | None = None, shape: float | None = None
) -> Severity:
    """Build a severity from its name (lognormal: sigma, scale; gamma and pareto: shape, scale)."""
    if name == "lognormal":
        return LogNormal(_required(sigma, "sigma", name), _required(scale, "scale", name))
    if name == "gamma":
        return Gamma(_required(shape, "shape", name), _required(scale, "scale", name))
    if name == "pareto":
        return Pareto(_required(shape, "shape", name), _required(scale, "scale", name))
    raise InvalidInput("severity", f"must be one of {', '.join(SEVERITIES)}, got {name!r}")
