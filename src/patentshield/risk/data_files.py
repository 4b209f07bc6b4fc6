"""Read the shipped parameters and record (``risk/data/``) and the user's parameter files.

Files are read through :mod:`importlib.resources` (the shipped defaults, so an installed wheel
works offline) or from a path given by the user (a calibration or override file, JSON or
YAML by extension). Nothing is read at import time.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from patentshield.kernel.errors import ExternalDataError, InvalidInput
from patentshield.kernel.inputs import load_json, load_yaml, read_text
from patentshield.risk.parameters import Parameters, build_parameters, layer_parameters
from patentshield.risk.record import PublishedRecord, read_record


def _shipped_document(name: str) -> Mapping[str, object]:
    text = resources.files("patentshield.risk").joinpath("data", name).read_text("utf-8")
    document = yaml.safe_load(text)
    if not isinstance(document, dict):
        raise ExternalDataError(f"risk/data/{name} is not a mapping")
    return document


@cache
def shipped_defaults() -> Mapping[str, object]:
    """Return the shipped default parameter document."""
    return _shipped_document("parameters.yaml")


@cache
def load_record() -> PublishedRecord:
    """Return the shipped record the calibration check compares with (``record.yaml``)."""
    return read_record(_shipped_document("record.yaml"))


def read_document(path: Path, field: str) -> Mapping[str, object]:
    """Return the JSON or YAML mapping in ``path`` (YAML when it ends in .yaml or .yml)."""
    text = read_text(path, field=field)
    source = str(path)
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            document = load_yaml(text, field=field, source=source)
        else:
            document = load_json(text, field=field, source=source)
    except ValueError as error:
        raise InvalidInput(field, f"{path} is not valid JSON or YAML: {error}") from None
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


def layered_parameters(
    base: Parameters, *, calibration: Path | None = None, overrides: Path | None = None
) -> Parameters:
    """Return ``base`` with a calibration file and then an override file applied on top."""
    return layer_parameters(
        base,
        calibration=read_document(calibration, "calibration") if calibration else None,
        overrides=read_document(overrides, "parameters") if overrides else None,
    )
