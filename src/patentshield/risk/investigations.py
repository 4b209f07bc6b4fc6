"""The investigation level: one path per Section 337 investigation, shared by its respondents.

An investigation's path is drawn **once** and every respondent named in it lives through it
(the same patents, schedule and ALJ; DOMAIN.md §5.3). How each respondent then behaves —
default, settle, take a consent order or litigate — is drawn per respondent in
:mod:`patentshield.risk.proceedings`, conditioned on this path.

The path (parameters in ``risk/data/parameters.yaml``; every figure with its source):

* **early exit** of the whole investigation with the USITC shares of terminations [R34]:
  settlement or consent order ``s``, withdrawal of the complaint ``w``; its month is drawn
  from a Weibull distribution fitted to the months from institution to termination of the
  investigations in the record that ended early (``usitc calibrate``);
* else a **decision**: a violation on the merits among contested decisions with probability
  ``c`` (counts of decisions [R42]); a co-respondent's default also ends in an order against
  it, so with ``N`` Chinese respondents each defaulting with ``d`` (He §5), a decided
  investigation ends in an exclusion order with probability ``p_O(N) = 1 − (1 − c)(1 − d)^N``;
  the President disapproves an order with ``x`` [R48]; an order in force is general (a GEO)
  with the share of GEOs among the exclusion orders of the record ``g`` (FY2019 counts [R46]);
  months to the final determination are triangular [R21]–[R24].

One uniform draw per investigation places it in one of five classes (:class:`PathClass`),
whose upper bounds are ``s``, ``s + w``, ``s + w + D·p_F·g``, ``s + w + D·p_F`` and 1, with
``D = 1 − s − w`` and ``p_F = p_O(N)(1 − x)`` (an order in force). That single draw is all a
simulation needs for investigations that name none of its exporters (a GEO can still reach
them); the rest of a path is drawn, conditioned on its class, only for investigations that
name one (:func:`draw_paths`), which keeps the engine as fast as when respondents were drawn
one by one.

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import IntEnum

import numpy as np

from patentshield.risk.distributions import BoolArray, FloatArray, IntArray
from patentshield.risk.parameters import Parameters


class PathClass(IntEnum):
    """How an investigation ends, as drawn from its one uniform."""

    SETTLED = 0
    WITHDRAWN = 1
    GEO = 2
    LEO = 3
    NO_ORDER = 4


@dataclass(frozen=True, slots=True)
class Paths:
    """The paths of some investigations: one entry per investigation (or per respondent).

    ``violation`` is a violation on the merits (what contested respondents are found);
    ``disapproved`` that the President disapproved the orders; ``months`` the month of the
    investigation's end (the early exit, or the final determination), ``decision_months``
    the month a final determination falls or would fall; ``chinese`` the number of Chinese
    respondents the investigation names; ``joint`` that they defend together.
    """

    path_class: IntArray
    violation: BoolArray
    disapproved: BoolArray
    summary: BoolArray
    appealed: BoolArray
    joint: BoolArray
    months: FloatArray
    decision_months: FloatArray
    chinese: IntArray

    @property
    def early(self) -> BoolArray:
        """Investigations ended by settlement, consent order or withdrawal."""
        mask: BoolArray = self.path_class <= PathClass.WITHDRAWN
        return mask

    @property
    def order_in_force(self) -> BoolArray:
        """Investigations ending in an exclusion order the President let stand."""
        mask: BoolArray = (self.path_class == PathClass.GEO) | (self.path_class == PathClass.LEO)
        return mask

    def take(self, index: IntArray) -> Paths:
        """Return the paths at ``index`` (e.g. one row per respondent of each investigation)."""
        return Paths(*(getattr(self, f.name)[index] for f in fields(self)))


def order_chance(parameters: Parameters, chinese: IntArray) -> FloatArray:
    """Return ``p_O(N)``: the chance a decided investigation ends in an exclusion order.

    >>> from patentshield.risk.data_files import load_parameters
    >>> p = order_chance(load_parameters(), np.array([0, 3]))
    >>> bool(p[0] == load_parameters().get("case.violation_given_contested")), bool(p[1] > p[0])
    (True, True)
    """
    violation = parameters.get("case.violation_given_contested")
    default = parameters.get("respondents.default_probability")
    largest = int(chinese.max()) if chinese.size else 0
    table = 1.0 - (1.0 - violation) * (1.0 - default) ** np.arange(largest + 1, dtype=np.float64)
    chance: FloatArray = table[chinese].astype(np.float64, copy=False)
    return chance


def _early_bounds(parameters: Parameters) -> tuple[float, float]:
    settled = parameters.get("case.settlement_or_consent_order")
    return settled, settled + parameters.get("case.withdrawal")


def _decided_bounds(parameters: Parameters, chinese: IntArray) -> tuple[FloatArray, FloatArray]:
    """Return the upper bounds of the GEO and LEO classes for each investigation."""
    _, early = _early_bounds(parameters)
    in_force = (
        (1.0 - early)
        * order_chance(parameters, chinese)
        * (1.0 - parameters.get("case.disapproval_given_order"))
    )
    geo = early + in_force * parameters.get("case.geo_share_of_orders")
    return geo, early + in_force


def path_class(parameters: Parameters, u: FloatArray, chinese: IntArray) -> IntArray:
    """Return each investigation's :class:`PathClass` from its uniform ``u``."""
    settled, early = _early_bounds(parameters)
    geo, in_force = _decided_bounds(parameters, chinese)
    found = (u >= settled).astype(np.int64) + (u >= early) + (u >= geo) + (u >= in_force)
    return found


def geo_reach(
    parameters: Parameters, u: FloatArray, chinese: IntArray, reach: float | FloatArray
) -> BoolArray:
    """Tell which investigations end in a GEO that reaches an exporter it does not name.

    Given its class, ``u`` is uniform within the class's interval, so the GEO reaches the
    exporter when ``u`` falls in the first ``reach`` share of the GEO interval.
    """
    _, early = _early_bounds(parameters)
    geo, _ = _decided_bounds(parameters, chinese)
    reached: BoolArray = (u >= early) & (u < early + (geo - early) * reach)
    return reached


def is_geo(parameters: Parameters, u: FloatArray, chinese: IntArray) -> BoolArray:
    """Tell which investigations end in a general exclusion order."""
    return geo_reach(parameters, u, chinese, 1.0)


def _triangular(parameters: Parameters, u: FloatArray) -> FloatArray:
    """Return months to the final determination by the triangular inverse distribution."""
    low = parameters.get("durations_months.decision_min")
    mode = parameters.get("durations_months.decision_mode")
    high = parameters.get("durations_months.decision_max")
    width = max(high - low, 1e-12)
    split = (mode - low) / width
    rising = low + np.sqrt(u * width * (mode - low))
    falling = high - np.sqrt((1.0 - u) * width * (high - mode))
    months: FloatArray = np.where(u < split, rising, falling)
    return months


def early_exit_months(parameters: Parameters, u: FloatArray) -> FloatArray:
    """Return months from institution to an early exit (Weibull inverse distribution).

    ``F(m) = 1 − exp(−(m / scale)^shape)``, so ``m = scale · (−ln(1 − u))^(1 / shape)``.
    """
    shape = parameters.get("durations_months.early_exit_weibull_shape")
    scale = parameters.get("durations_months.early_exit_weibull_scale")
    months: FloatArray = scale * (-np.log1p(-u)) ** (1.0 / max(shape, 1e-9))
    return months


def draw_paths(
    parameters: Parameters, rng: np.random.Generator, classes: IntArray, chinese: IntArray
) -> Paths:
    """Draw the rest of each investigation's path, conditioned on its class.

    Within an order, the violation is on the merits with ``c / p_O(N)`` (else the order
    follows a co-respondent's default); a class without an order in force hides a disapproved
    order with ``p_O·x / (p_O·x + 1 − p_O)``.
    """
    get = parameters.get
    u = rng.random((7, classes.size))
    decided = classes >= PathClass.GEO
    chance = order_chance(parameters, chinese)
    disapproved_share = chance * get("case.disapproval_given_order")
    hidden = np.divide(
        disapproved_share,
        disapproved_share + 1.0 - chance,
        out=np.zeros(classes.size),
        where=disapproved_share + 1.0 - chance > 0,
    )
    disapproved = (classes == PathClass.NO_ORDER) & (u[0] < hidden)
    ordered = (classes == PathClass.GEO) | (classes == PathClass.LEO) | disapproved
    merits = np.divide(
        get("case.violation_given_contested"), chance, out=np.zeros(classes.size), where=chance > 0
    )
    decision = _triangular(parameters, u[5])
    return Paths(
        path_class=classes,
        violation=ordered & (u[1] < merits),
        disapproved=disapproved,
        summary=decided & (u[2] < get("case.summary_determination_share")),
        appealed=decided & (u[3] < get("case.appeal_given_decided")),
        joint=u[4] < get("joint_defence.join_probability"),
        months=np.where(decided, decision, early_exit_months(parameters, u[6])),
        decision_months=decision,
        chinese=chinese,
    )
