"""Read the shipped default parameters (``risk/data/parameters.yaml``) and parameter files.

Files are read through :mod:`importlib.resources` (the shipped defaults, so an installed wheel
works offline) or from a path given by the user (a calibration or override file, JSON or
YAML by extension). Nothing is read at import time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from patentshield.kernel.errors import ExternalDataError, InvalidInput
from patentshield.risk.parameters import Parameters, build_parameters


@cache
def shipped_defaults() -> Mapping[str, object]:
    """Return the shipped default parameter document."""
    text = resources.files("patentshield.risk").joinpath("data", "parameters.yaml").read_text()
    document = yaml.safe_load(text)
    if not isinstance(document, dict):
        raise ExternalDataError("risk/data/parameters.yaml is not a mapping")
    return document


def read_document(path: Path, field: str) -> Mapping[str, object]:
    """Return the JSON or YAML mapping in ``path`` (YAML when it ends in .yaml or .yml)."""
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise InvalidInput(field, f"cannot read {path}: {error.strerror}") from error
    try:
        document = (
            yaml.safe_load(text) if path.suffix.lower() in (".yaml", ".yml") else json.loads(text)
        )
    except (ValueError, yaml.YAMLError) as error:
        raise InvalidInput(field, f"{path} is not valid JSON or YAML: {error}") from error
    if not isinstance(document, dict):
        raise InvalidInput(field, f"{path} must hold a mapping of parameters")
    return document


def load_parameters(
    *, calibration: Path | None = None, overrides: Path | None = None
) -> Parameters:
    """Return the shipped defaults with a calibration file and an override file applied."""
    return build_parameters(
        shipped_defaults(),
        calibration=read_document(calibration, "calibration") if calibration else None,
        overrides=read_document(overrides, "parameters") if overrides else None,
    )
