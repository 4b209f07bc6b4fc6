"""The risk engine's parameters: shipped defaults, a calibration file over them, then overrides.

Parameters are a nested document whose leaves are numbers (or lists of numbers), each stored
with its unit, tag and source in ``risk/data/parameters.yaml``. :func:`build_parameters`
takes the shipped document, optionally the calibration written by
``patentshield usitc calibrate`` (:data:`CALIBRATION_MAP` says which of its values replace
which parameter) and optionally an override document with the same nesting (a plain number
or ``{value: …}`` per leaf). An override naming a parameter that does not exist, or a value
that is not a finite non-negative number, is refused with the parameter's dotted path as the
field, so a typo cannot silently leave a default in place.

This module is pure: it works on documents already read (see ``risk/data_files.py``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue

Leaf = float | tuple[float, ...]

CALIBRATION_MAP: dict[str, str] = {
    "frequency.new_investigations_per_year.value": "frequency.new_investigations_per_year",
    "frequency.new_investigations_per_year.variance": "frequency.variance_per_year",
    "respondents_per_investigation.distribution.r.value": "respondents.shifted_nb_r",
    "respondents_per_investigation.distribution.p.value": "respondents.shifted_nb_p",
    "chinese_share.respondent_share.distribution.alpha.value": "respondents.chinese_share_alpha",
    "chinese_share.respondent_share.distribution.beta.value": "respondents.chinese_share_beta",
    "exit_probabilities.pre_decision.settlement_or_consent_order.value": (
        "case.settlement_or_consent_order"
    ),
    "exit_probabilities.pre_decision.withdrawal.value": "case.withdrawal",
    "exit_probabilities.respondent.chinese_default.value": "respondents.default_probability",
    "exit_probabilities.decision.violation_given_contested.value": (
        "case.violation_given_contested"
    ),
    "exit_probabilities.presidential_review.disapproval_given_order.value": (
        "case.disapproval_given_order"
    ),
    "exit_probabilities.remedy.geo_share_of_orders.value": "case.geo_share_of_orders",
    "durations.months_institution_to_early_exit.shape.value": (
        "durations_months.early_exit_weibull_shape"
    ),
    "durations.months_institution_to_early_exit.scale.value": (
        "durations_months.early_exit_weibull_scale"
    ),
    "durations.months_institution_to_final_determination.min.value": (
        "durations_months.decision_min"
    ),
    "durations.months_institution_to_final_determination.mode.value": (
        "durations_months.decision_mode"
    ),
    "durations.months_institution_to_final_determination.max.value": (
        "durations_months.decision_max"
    ),
}
"""Calibration-file path → parameter path (classes' shares are mapped separately)."""

META_KEYS = frozenset({"unit", "tag", "source", "note"})
POSITIVE = (
    "respondents.shifted_nb_r",
    "respondents.shifted_nb_p",
    "respondents.chinese_share_alpha",
    "respondents.chinese_share_beta",
    "durations_months.early_exit_weibull_shape",
)
"""Shape parameters of distributions that have none at 0 (NumPy refuses them)."""


@dataclass(frozen=True, slots=True)
class Parameters:
    """Flat view of the parameters: dotted path → value, plus where non-defaults came from."""

    values: dict[str, Leaf]
    origin: dict[str, str] = field(default_factory=dict)

    @classmethod
    def shipped(cls) -> Parameters:
        """Return the shipped defaults (``risk/data/parameters.yaml``), read on first use."""
        # data_files builds Parameters, so it is imported here rather than at module level.
        from patentshield.risk.data_files import load_parameters

        return load_parameters()

    def get(self, path: str) -> float:
        """Return the number at ``path`` (e.g. ``respondents.default_probability``)."""
        value = self.values[path]
        if isinstance(value, tuple):
            raise TypeError(f"{path} is a list")
        return value

    def series(self, path: str) -> tuple[float, ...]:
        """Return the list of numbers at ``path``."""
        value = self.values[path]
        return value if isinstance(value, tuple) else (value,)

    def group(self, prefix: str) -> dict[str, float]:
        """Return the numbers directly under ``prefix`` keyed by their last name, in order."""
        start = prefix + "."
        return {
            path[len(start) :]: value
            for path, value in self.values.items()
            if path.startswith(start)
            and "." not in path[len(start) :]
            and not isinstance(value, tuple)
        }

    def to_json(self) -> dict[str, JsonValue]:
        """Return every parameter with its value and origin (default, calibration, override)."""
        return {
            path: {
                "value": list(value) if isinstance(value, tuple) else value,
                "origin": self.origin.get(path, "default"),
            }
            for path, value in self.values.items()
        }


def _number(value: object, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput(path, f"must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise InvalidInput(path, f"must be a finite non-negative number, got {value!r}")
    return number


def _leaf(value: object, path: str) -> Leaf:
    if isinstance(value, list):
        return tuple(_number(item, path) for item in value)
    return _number(value, path)


def flatten(document: Mapping[str, object], prefix: str = "") -> dict[str, Leaf]:
    """Return the leaves of a parameter document keyed by dotted path.

    >>> flatten({"case": {"withdrawal": {"value": 0.1, "unit": "p"}, "x": 2}})
    {'case.withdrawal': 0.1, 'case.x': 2.0}
    """
    leaves: dict[str, Leaf] = {}
    for key, value in document.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping) and "value" in value:
            leaves[path] = _leaf(value["value"], path)
        elif isinstance(value, Mapping):
            leaves.update(
                flatten({k: v for k, v in value.items() if k not in META_KEYS}, path + ".")
            )
        elif key not in META_KEYS:
            leaves[path] = _leaf(value, path)
    return leaves


def _lookup(document: Mapping[str, object], path: str) -> object:
    node: object = document
    for key in path.split("."):
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node


def calibration_values(calibration: Mapping[str, object]) -> dict[str, Leaf]:
    """Return the parameters a calibration document sets (absent or null values are skipped)."""
    values: dict[str, Leaf] = {}
    for source, target in CALIBRATION_MAP.items():
        found = _lookup(calibration, source)
        if found is not None:
            values[target] = _number(found, target)
    classes = _lookup(calibration, "frequency.by_product_class")
    if isinstance(classes, Mapping):
        for name, entry in classes.items():
            share = entry.get("share") if isinstance(entry, Mapping) else None
            if share is not None:
                values[f"frequency.product_class_share.{name}"] = _number(share, name)
    return values


def build_parameters(
    defaults: Mapping[str, object],
    *,
    calibration: Mapping[str, object] | None = None,
    overrides: Mapping[str, object] | None = None,
) -> Parameters:
    """Return the parameters: ``defaults``, then ``calibration``, then ``overrides`` on top."""
    return layer_parameters(
        Parameters(flatten(defaults)), calibration=calibration, overrides=overrides
    )


def layer_parameters(
    base: Parameters,
    *,
    calibration: Mapping[str, object] | None = None,
    overrides: Mapping[str, object] | None = None,
) -> Parameters:
    """Return ``base`` with ``calibration``, then ``overrides`` on top (``base`` unchanged).

    A path set by a layer records that layer as its origin; paths ``base`` already changed
    keep their origin unless a layer sets them again.
    """
    values = dict(base.values)
    origin = dict(base.origin)
    layers = [
        ("calibration", calibration_values(calibration) if calibration else {}),
        ("override", flatten(overrides) if overrides else {}),
    ]
    for name, layer in layers:
        for path, value in layer.items():
            if path not in values and not path.startswith("frequency.product_class_share."):
                raise InvalidInput(path, "is not a parameter of the risk model")
            values[path] = value
            origin[path] = name
    check_parameters(values)
    return Parameters(values, origin)


def check_parameters(values: Mapping[str, Leaf]) -> None:
    """Refuse probabilities above 1 and shares of a split that do not add up to 1."""
    numbers = {path: value for path, value in values.items() if isinstance(value, float)}
    for path, value in numbers.items():
        is_probability = (
            "probability" in path or path.startswith("case.") or path.endswith("_share")
        )
        if is_probability and value > 1:
            raise InvalidInput(path, f"must be a probability (at most 1), got {value}")
    for path in POSITIVE:
        if path in numbers and numbers[path] == 0:
            raise InvalidInput(path, "must be above 0")
    for prefix in (
        "costs.legal_split",
        "frequency.product_class_share",
    ):
        total = sum(v for p, v in numbers.items() if p.startswith(prefix + "."))
        if abs(total - 1.0) > 1e-6:
            raise InvalidInput(prefix, f"shares must add up to 1, got {total:.6f}")
    early = numbers["case.settlement_or_consent_order"] + numbers["case.withdrawal"]
    if early >= 1:
        raise InvalidInput("case.withdrawal", "settlement and withdrawal shares must sum below 1")
