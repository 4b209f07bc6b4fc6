"""The collective-risk model without sampling: FFT or Panjer on a grid, with error bounds.

``patentshield risk aggregate --method fft|panjer`` answers here (``mc``, the default, is
:meth:`patentshield.risk.collective.CollectiveModel.simulate`). For a grid step ``h``:

1. the layered severity is discretised three ways (:mod:`patentshield.risk.discretise`):
   rounded down, rounded up, and keeping its mean;
2. each is compounded with the claim count (:mod:`patentshield.risk.compound`);
3. the aggregate layer is applied to each total (:mod:`patentshield.risk.lattice`).

The mean-keeping run gives the figures; the rounded-down and rounded-up runs bound them from
below and above (stochastic dominance), so each figure is reported with its **error bound**,
the larger distance to either bound. The bound ignores the probability that the total lies
beyond the grid, which is reported beside it (``beyond``) and kept below
:data:`BEYOND_TOLERANCE` when the step is chosen here.

**The probability beyond the grid.** Panjer's recursion computes it exactly (what its
probabilities leave of 1). For the FFT it is bounded by a *probe*: the rounded-up severity on
a grid :data:`PROBE_COARSENING` times coarser reaching no higher, compounded on twice that
grid (so nothing wraps but from beyond twice the top); what lands beyond the top bounds the
true probability from above. The three runs on the full grid then need no padding: what
little lies beyond wraps onto the start.

**Choosing the step** (unless given): the grid's top is the larger of the layered
severity's ``1 − 10⁻¹⁰ / E[N]`` quantile and ``E[S] + 20 sd(S)`` (per-occurrence layer only,
where a closed form exists); the step puts that top on the last of ``points`` points and,
with a per-occurrence cover, a whole number of steps in the cover. While the probe finds more
than the tolerance beyond the top, the step doubles (at most :data:`MAX_WIDENINGS` times).
Panjer's recursion uses the step so chosen; with an aggregate cover it stops at ``D + A``,
beyond which every total pays ``A`` (nothing is then lost beyond the grid).

This module is pure: no I/O, no clock, no random numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.collective import CollectiveModel, Layer, closed_form_moments
from patentshield.risk.compound import Compound, compound_fft, compound_panjer
from patentshield.risk.discretise import Grid, Scheme, check_points, discretise, grid_severity
from patentshield.risk.lattice import LatticeLoss, layered_total

DEFAULT_POINTS = 2**16
"""Grid points when none are asked for (65,536; the FFT runs on twice as many)."""

BEYOND_TOLERANCE = 1e-9
"""Largest probability beyond the grid accepted when the step is chosen here."""

MAX_WIDENINGS = 12
"""How many times the chosen step may double to bring the grid's top above the tail."""

MAX_PANJER_POINTS = 2**18
"""Most grid points Panjer's recursion accepts (its time grows with their square: about
16 times the default grid's seconds)."""

PROBE_COARSENING = 8
"""How much coarser the probe's grid is than the figures' grid."""

_TOP_TAIL = 1e-10
_TOP_SD = 20.0


class Method(StrEnum):
    """How ``risk aggregate`` computes the distribution."""

    MC = "mc"
    FFT = "fft"
    PANJER = "panjer"


@dataclass(frozen=True, slots=True)
class Figures:
    """Mean, standard deviation, VaR and TVaR of one distribution (model unit)."""

    mean: float
    std: float
    var: dict[float, float]
    tvar: dict[float, float]


@dataclass(frozen=True, slots=True)
class ExactResult:
    """Figures of the mean-keeping run, bounded by the rounded-down and rounded-up runs."""

    method: Method
    grid: Grid
    beyond: float
    estimate: Figures
    lower: Figures
    upper: Figures

    def error_bound(self) -> Figures:
        """Return, per figure, the larger distance from the estimate to a bound (std: NaN)."""

        def bound(estimate: float, low: float, high: float) -> float:
            return max(estimate - low, high - estimate, 0.0)

        e, lo, hi = self.estimate, self.lower, self.upper
        return Figures(
            mean=bound(e.mean, lo.mean, hi.mean),
            std=math.nan,
            var={k: bound(v, lo.var[k], hi.var[k]) for k, v in e.var.items()},
            tvar={k: bound(v, lo.tvar[k], hi.tvar[k]) for k, v in e.tvar.items()},
        )


def _figures(loss: LatticeLoss, levels: Sequence[float]) -> Figures:
    var = loss.value_at_risk(levels)
    return Figures(loss.mean, loss.std, var, loss.tail_value_at_risk(var))


def initial_grid(model: CollectiveModel, points: int) -> Grid:
    """Return the grid chosen before the tail is measured (see the module docstring)."""
    severity = grid_severity(model.severity)
    layer = model.layer
    tail = _TOP_TAIL / max(model.frequency.mean, 1.0)
    top = max(severity.tail_quantile(tail) - layer.deductible, 0.0)
    if layer.cover is not None:
        top = min(top, layer.cover)
    per_occurrence = replace(layer, aggregate_deductible=0.0, aggregate_cover=None)
    moments = closed_form_moments(replace(model, layer=per_occurrence))
    if moments is not None and math.isfinite(moments[1]):
        top = max(top, moments[0] + _TOP_SD * moments[1])
    return _aligned(Grid(max(top, 1e-12) / (points - 1), points), layer)


def _aligned(grid: Grid, layer: Layer) -> Grid:
    """Shrink the step so that the cover is a whole number of steps."""
    if layer.cover is None:
        return grid
    return Grid(layer.cover / math.ceil(layer.cover / grid.step - 1e-9), grid.points)


def exact_aggregate(
    model: CollectiveModel,
    method: Method,
    levels: Sequence[float],
    *,
    step: float | None = None,
    points: int = DEFAULT_POINTS,
) -> ExactResult:
    """Return the figures of ``model`` by ``method`` (FFT or Panjer) with their bounds."""
    if method is Method.MC:
        raise ValueError("exact_aggregate computes the fft and panjer methods only")
    check_points(points)
    if method is Method.PANJER and points > MAX_PANJER_POINTS:
        raise InvalidInput(
            "points",
            f"Panjer's recursion takes time in points²: at most {MAX_PANJER_POINTS}, got "
            f"{points}; use --method fft",
        )
    grid, beyond = _chosen_grid(model, step, points)
    pmfs = discretise(model.severity, model.layer, grid)
    if method is Method.PANJER:
        stop = panjer_stop(grid, model.layer)
        runs = {s: compound_panjer(model.frequency, pmfs.under(s), stop=stop) for s in Scheme}
        losses = {s: layered_total(run, grid.step, model.layer) for s, run in runs.items()}
        beyond = _unresolved(runs[Scheme.MEAN], losses[Scheme.MEAN], model.layer)
    else:
        runs = {s: compound_fft(model.frequency, pmfs.under(s), padded=False) for s in Scheme}
        losses = {s: layered_total(run, grid.step, model.layer) for s, run in runs.items()}
    return ExactResult(
        method,
        grid,
        beyond,
        *(_figures(losses[s], levels) for s in (Scheme.MEAN, Scheme.LOWER, Scheme.UPPER)),
    )


def _unresolved(compound: Compound, loss: LatticeLoss, layer: Layer) -> float:
    """Return the probability beyond the grid, or 0 when all of it pays the aggregate cover."""
    if layer.aggregate_cover is not None and loss.values[-1] >= layer.aggregate_cover:
        return 0.0
    return compound.beyond


def panjer_stop(grid: Grid, layer: Layer) -> int:
    """Return how many grid points Panjer must compute: up to ``D + A`` with an aggregate cover.

    Every total at or above ``D + A`` pays the aggregate cover ``A``, so the probability
    beyond the last point computed needs no detail.
    """
    if layer.aggregate_cover is None:
        return grid.points
    needed = math.ceil((layer.aggregate_deductible + layer.aggregate_cover) / grid.step - 1e-9)
    return max(1, min(grid.points, needed))


def _chosen_grid(model: CollectiveModel, step: float | None, points: int) -> tuple[Grid, float]:
    """Return the grid and the probe's bound on the probability beyond it."""
    grid = Grid(step, points) if step is not None else initial_grid(model, points)
    beyond = probe_beyond(model, grid)
    for _ in range(MAX_WIDENINGS if step is None else 0):
        if beyond <= BEYOND_TOLERANCE:
            break
        grid = _aligned(Grid(grid.step * 2, points), model.layer)
        beyond = probe_beyond(model, grid)
    return grid, beyond


def probe_beyond(model: CollectiveModel, grid: Grid) -> float:
    """Return an upper bound on ``P[S > top]`` from a coarser grid (see the module docstring)."""
    points = max(grid.points // PROBE_COARSENING, 2)
    coarse = Grid(grid.top / (points - 1), points)
    upper = discretise(model.severity, model.layer, coarse).upper
    return compound_fft(model.frequency, upper).beyond
