"""Risk results as JSON-ready dicts: summaries with their seed, simulation count and model.

This module is pure: no I/O, no clock.
"""

from __future__ import annotations

from dataclasses import asdict

from patentshield.kernel.jsonvalue import JsonValue
from patentshield.risk.collective import CollectiveModel, closed_form_moments
from patentshield.risk.measures import Summary
from patentshield.risk.montecarlo import BLOCK_SIMS

MODEL_VERSION = "patentshield-risk/1"
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
    exact = closed_form_moments(model)
    document: dict[str, JsonValue] = {
        **summary.to_json(),
        "sims": summary.sims,
        "seed": seed,
        "seconds": round(seconds, 4),
        "closed_form": None if exact is None else {"mean": exact[0], "std": exact[1]},
        "model": describe_model(model),
        "model_version": MODEL_VERSION,
        "block_sims": BLOCK_SIMS,
    }
    return document
