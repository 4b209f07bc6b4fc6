"""The compound distribution of a claim count and a severity on a grid: FFT and Panjer.

Given the severity's probabilities ``f_0 … f_{n−1}`` on the grid ``0, h, …, (n − 1)h``, both
methods return the probabilities ``g_0 … g_{n−1}`` of the period total ``S = Y_1 + … + Y_N``
on the same grid and the probability ``P[S ≥ nh]`` beyond it.

* **FFT.** ``g = IFFT(P_N(FFT(f)))`` with the claim count's probability generating function:
  Poisson ``P(z) = exp(λ(z − 1))``, negative binomial ``P(z) = (p / (1 − (1 − p) z))^r``
  (Klugman, Panjer & Willmot, *Loss Models*, §9.7). The transform is circular: mass beyond
  its length wraps onto the start. Padded, it runs on ``2n`` points (the severity followed
  by zeros): what lands on ``[nh, 2nh)`` is the probability beyond the grid, and only mass
  beyond ``2nh`` can wrap — far less than what is reported.
* **Panjer.** For the ``(a, b, 0)`` class, ``P[N = k] = (a + b / k) P[N = k − 1]``:
  ``g_0 = P_N(f_0)`` and ``g_j = Σ_{i=1..j} (a + b i / j) f_i g_{j−i} / (1 − a f_0)``
  (Panjer 1981; *Loss Models*, theorem 9.8): Poisson ``a = 0, b = λ``; negative binomial
  ``a = 1 − p, b = (r − 1)(1 − p)``. Exact on the grid (no wrap-around), ``O(n²)`` operations;
  it needs ``g_0`` to be a normal double (``λ(1 − f_0)`` below about 700).

This module is pure: no I/O, no clock, no random numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.distributions import FloatArray, Frequency, NegativeBinomial, Poisson


@dataclass(frozen=True, slots=True)
class Compound:
    """Probabilities of the period total on the grid, and the probability beyond it."""

    pmf: FloatArray
    beyond: float


def generating_function(frequency: Frequency, z: np.ndarray) -> np.ndarray:
    """Return the claim count's probability generating function ``E[z^N]`` at each ``z``."""
    if isinstance(frequency, Poisson):
        return np.exp(frequency.lam * (z - 1.0))
    return (frequency.p / (1.0 - (1.0 - frequency.p) * z)) ** frequency.r


def compound_fft(
    frequency: Frequency, severity_pmf: FloatArray, *, padded: bool = True
) -> Compound:
    """Return the compound distribution by FFT (see the module docstring).

    ``padded`` runs on twice the grid and measures the probability beyond it; without, the
    transform wraps that probability onto the grid's start (``beyond`` is then 0), which
    is harmless when it is known to be negligible and halves the work.

    >>> result = compound_fft(Poisson(1.0), np.eye(8)[1])  # every claim is 1: S = N
    >>> [round(float(v), 6) for v in result.pmf[:4]], f"{result.beyond:.2e}"
    ([0.367879, 0.367879, 0.18394, 0.061313], '1.02e-05')
    """
    points = severity_pmf.size
    length = 2 * points if padded else points
    transform = np.fft.rfft(severity_pmf, length)
    total: FloatArray = np.fft.irfft(generating_function(frequency, transform), length)
    # round-off leaves values of about 1e-17 below zero where the probability is nil
    np.maximum(total, 0.0, out=total)
    return Compound(total[:points].copy(), float(total[points:].sum()))


_DOT_CHUNK = 8192
"""Elements per dot product: OpenBLAS spreads longer ones (above 10,000) over threads, which
stall for milliseconds when other processes keep the cores busy."""


def _dot(left: FloatArray, right: FloatArray) -> float:
    """Return ``Σ left × right`` as single-threaded dot products of at most ``_DOT_CHUNK``."""
    total = 0.0
    for start in range(0, left.size, _DOT_CHUNK):
        stop = start + _DOT_CHUNK
        total += float(np.dot(left[start:stop], right[start:stop]))
    return total


def _panjer_start(frequency: Frequency, f0: float) -> tuple[float, float, float]:
    """Return ``(a, b, g_0)`` of the recursion, refusing a ``g_0`` that underflows."""
    if isinstance(frequency, NegativeBinomial):
        q = 1.0 - frequency.p
        a, b = q, (frequency.r - 1.0) * q
    else:
        a, b = 0.0, frequency.lam
    start = float(generating_function(frequency, np.array(f0)))
    if not start > np.finfo(np.float64).tiny:
        raise InvalidInput(
            "method",
            f"Panjer's recursion starts from P[S = 0] = {start:.3g}, below the smallest double; "
            "use --method fft",
        )
    return a, b, start


def compound_panjer(
    frequency: Frequency, severity_pmf: FloatArray, *, stop: int | None = None
) -> Compound:
    """Return the compound distribution by Panjer's recursion on the grid.

    The sum for ``g_j`` runs over the severity's support only (``f_i = 0`` beyond a cover),
    against the earlier ``g`` kept in reverse order. With ``stop`` the recursion ends after
    that many points, and the probability beyond is what is left.

    >>> result = compound_panjer(Poisson(1.0), np.array([0.0, 1.0, 0.0, 0.0]))
    >>> [round(float(v), 6) for v in result.pmf], round(result.beyond, 6)
    ([0.367879, 0.367879, 0.18394, 0.061313], 0.018988)
    """
    points = severity_pmf.size if stop is None else min(stop, severity_pmf.size)
    a, b, start = _panjer_start(frequency, float(severity_pmf[0]))
    pmf = severity_pmf[:points]
    support = int(np.flatnonzero(pmf)[-1]) if pmf.any() else 0
    plain = pmf[1 : support + 1].copy()
    weighted = plain * np.arange(1, support + 1)
    scale = 1.0 / (1.0 - a * float(severity_pmf[0]))
    result = np.zeros(points, dtype=np.float64)
    reverse = np.zeros(points, dtype=np.float64)
    result[0] = reverse[-1] = start
    for j in range(1, points):
        width = min(j, support)
        earlier = reverse[points - j : points - j + width]
        total = b * _dot(weighted[:width], earlier) / j
        if a:
            total += a * _dot(plain[:width], earlier)
        result[j] = reverse[points - 1 - j] = scale * total
    return Compound(result, max(1.0 - float(result.sum()), 0.0))
