"""Risk results as JSON-ready dicts: summaries with their seed, simulation count and model.

An exact (FFT or Panjer) result carries its grid, the probability beyond it and, per figure,
the error bound and the lower and upper bounds instead of a seed and standard errors.

This module is pure: no I/O, no clock.
"""

from __future__ import annotations

from dataclasses import asdict

from patentshield.kernel.jsonvalue import JsonValue
from patentshield.risk.collective import CollectiveModel, closed_form_moments
from patentshield.risk.exact import ExactResult, Figures, Method
from patentshield.risk.measures import Summary, level_key
from patentshield.risk.montecarlo import BLOCK_SIMS

MODEL_VERSION = "patentshield-risk/2"
"""Changes when a result's meaning changes; recorded with every result beside its seed."""


def describe_model(model: CollectiveModel) -> dict[str, JsonValue]:
    """Return the collective model's distributions and layer with their parameters."""
    return {
        "frequency": {"distribution": type(model.frequency).__name__, **asdict(model.frequency)},
        "severity": {"distribution": type(model.severity).__name__, **asdict(model.severity)},
        "layer": asdict(model.layer),
    }


def aggregate_to_json(
    model: CollectiveModel, summary: Summary, *, seed: int, seconds: float
) -> dict[str, JsonValue]:
    """Return the report of ``patentshield risk aggregate``."""
    document: dict[str, JsonValue] = {
        "method": Method.MC.value,
        **summary.to_json(),
        "sims": summary.sims,
        "seed": seed,
        "seconds": round(seconds, 4),
        **_model_json(model),
        "block_sims": BLOCK_SIMS,
    }
    return document


def _model_json(model: CollectiveModel) -> dict[str, JsonValue]:
    exact = closed_form_moments(model)
    return {
        "closed_form": None if exact is None else {"mean": exact[0], "std": exact[1]},
        "model": describe_model(model),
        "model_version": MODEL_VERSION,
    }


def figures_to_json(figures: Figures, *, with_std: bool = True) -> dict[str, JsonValue]:
    """Return mean, (standard deviation,) VaR and TVaR with levels as strings."""
    document: dict[str, JsonValue] = {"mean": figures.mean}
    if with_std:
        document["std"] = figures.std
    document["var"] = {level_key(level): value for level, value in figures.var.items()}
    document["tvar"] = {level_key(level): value for level, value in figures.tvar.items()}
    return document


def exact_to_json(
    model: CollectiveModel, result: ExactResult, *, seconds: float
) -> dict[str, JsonValue]:
    """Return the report of ``patentshield risk aggregate --method fft|panjer``."""
    return {
        "method": result.method.value,
        **figures_to_json(result.estimate),
        "error_bound": figures_to_json(result.error_bound(), with_std=False),
        "lower": figures_to_json(result.lower, with_std=False),
        "upper": figures_to_json(result.upper, with_std=False),
        "step": result.grid.step,
        "points": result.grid.points,
        "beyond": result.beyond,
        "seconds": round(seconds, 4),
        **_model_json(model),
    }
