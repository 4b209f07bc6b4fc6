"""Take-up of a subsidised policy: the chance a firm insures at its net premium; its calibration.

**The model (J for its form).** A firm offered a policy with gross premium ``G`` and subsidy
``S`` pays the net premium ``G − S``, a *self-paid share* ``s = (G − S) / G`` between 0 (free)
and 1 (no subsidy). It insures with probability

    p(s) = π · exp(−β · s)

``π`` is the *participation*: the share of the population that takes a free policy (a
population's property, 1 when the population lists the firms a free policy reached). ``β``
is the *take-up elasticity*: take-up falls by the factor ``exp(−β)`` from a free policy to a
fully self-paid one, and the point elasticity of take-up with respect to the net premium is
``d ln p / d ln(G − S) = −β·s``. The share scale makes one β serve a CNY 4,000 enforcement
policy and a CNY 400,000 overseas-liability policy alike (J).

**The draw.** Each firm-year gets one standard exponential ``E``; the firm insures when
``E ≥ β·s − ln π`` (probability ``π·e^{−β s}``). The same ``E`` serve every scenario (common
random numbers), so a scenario that raises no firm's net premium never lowers take-up, and
one that withdraws the subsidy never raises it — firm by firm, year by year.

**The calibration (V [R84]).** Foshan Chancheng is the one observed natural experiment: in
2011 the district paid the full premium and 94 firms (888 patents, premium CNY 365,000)
insured; in 2012 it paid only the base premium and 29 firms (premium CNY 90,000) insured
(DOMAIN.md §4.3). With the 2011 insureds as the population (π = 1: every one of them took
the free policy), β solves ``Σ_i exp(−β s_i) = 29`` where ``s_i`` is firm ``i``'s self-paid
share under the 2012 terms (:func:`calibrate_elasticity`). The shipped
:data:`DEFAULT_ELASTICITY` is that solution for the shipped Chancheng population
(``programme/data/chancheng-2011.yaml``); a test recomputes it.

This module is pure: no I/O, no clock, no random state of its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from numpy.typing import NDArray

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Currency, Money

DEFAULT_ELASTICITY = 5.0
"""β calibrated on Chancheng 2011 → 2012 with the shipped population (see the module doc)."""

MAX_ELASTICITY = 50.0
SENSITIVITY_FACTORS = (0.5, 0.75, 1.25, 1.5)
"""β × these factors: the sensitivity every what-if shows beside its figures."""


@dataclass(frozen=True, slots=True)
class Observation:
    """A programme year as published: firms insured, IP rights, premium (and its source)."""

    year: int
    firms: int
    premium: Money
    patents: int | None
    source: str


CHANCHENG_2011 = Observation(
    year=2011,
    firms=94,
    premium=Money(Decimal(365_000), Currency.CNY),
    patents=888,
    source="R84: 2011 full premium paid by the district; cover CNY 2.19 M",
)
CHANCHENG_2012 = Observation(
    year=2012,
    firms=29,
    premium=Money(Decimal(90_000), Currency.CNY),
    patents=None,
    source="R84: 2012 base premium paid by the district; the firms paid the rest",
)


def check_elasticity(value: float) -> float:
    """Return ``value`` when it is a usable take-up elasticity, else raise ``InvalidInput``."""
    if not math.isfinite(value) or not 0 <= value <= MAX_ELASTICITY:
        raise InvalidInput("elasticity", f"must be between 0 and {MAX_ELASTICITY:g}, got {value}")
    return value


def self_paid_share(
    gross: NDArray[np.float64], subsidy: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Return ``(G − S) / G`` per firm, in ``[0, 1]`` (1 when the gross premium is zero)."""
    share = np.divide(gross - subsidy, gross, out=np.ones_like(gross), where=gross > 0)
    return np.clip(share, 0.0, 1.0)


def thresholds(
    share: NDArray[np.float64], *, elasticity: float, participation: float
) -> NDArray[np.float32]:
    """Return ``β·s − ln π``: a firm-year insures when its standard exponential reaches it."""
    return (elasticity * share - math.log(participation)).astype(np.float32)


def take_up_probability(
    share: NDArray[np.float64], *, elasticity: float, participation: float
) -> NDArray[np.float64]:
    """Return ``π · exp(−β·s)`` per firm (the expected take-up, before any budget cut)."""
    result: NDArray[np.float64] = participation * np.exp(-elasticity * share)
    return result


def calibrate_elasticity(
    share: NDArray[np.float64], *, insured: float, participation: float = 1.0
) -> float:
    """Return β such that ``Σ π·exp(−β·s_i)`` equals ``insured`` (bisection, to 1e-10).

    Raises ``InvalidInput`` when no β ≥ 0 reaches ``insured``: more firms than a free
    policy would attract, or fewer than those whose share is zero (they always insure).
    """
    free = participation * float((share <= 0).sum())
    most = participation * share.size
    if not free < insured <= most:
        raise InvalidInput(
            "insured", f"{insured} firms cannot be reached: between {free:g} and {most:g}"
        )
    low, high = 0.0, MAX_ELASTICITY
    for _ in range(200):
        middle = (low + high) / 2
        expected = float(
            take_up_probability(share, elasticity=middle, participation=participation).sum()
        )
        low, high = (middle, high) if expected > insured else (low, middle)
        if high - low < 1e-10:
            break
    return (low + high) / 2
