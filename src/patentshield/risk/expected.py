"""Expected cost of one Section 337 case still to come, by category: pricing's cost model.

Claims reserves (:mod:`patentshield.claims.reserve`) take their estimate from here so that an
open claim is reserved with the figures a policy is priced with (``docs/model.md`` §4), not a
table of their own. For a named respondent with annual US sales *s* (USD):

* **defence** — E[total] = AIPLA median(*s* × ``costs.years_at_risk``) ×
  ``costs.itc_factor`` × exp(σ²/2), σ = ``costs.cost_sigma``: the mean of the engine's
  lognormal spread around the AIPLA 2015 median [R51] (:func:`defence_cost_median`); the share
  still to come after *k* finished phases is 1 − Σ ``costs.phase_spend`` of the first *k* of
  :data:`PHASE_ORDER`; split over the legal categories by ``costs.legal_split``;
* **settlement or licence** — ``costs.settlement_royalty_rate`` × *s* ×
  ``costs.settlement_years`` × exp(σ²/2) (σ = ``costs.settlement_sigma``) ×
  ``case.settlement_or_consent_order``, while the case can still settle;
* **damages** — ``costs.damages_royalty_rate`` × *s* × ``costs.damages_years`` × exp(σ²/2)
  (σ = ``costs.damages_sigma``) × ``costs.parallel_suit_probability`` ×
  ``costs.damages_given_violation`` × the chance of a violation.

All figures are USD floats; the caller converts them to money.

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

import math

import numpy as np

from patentshield.risk.parameters import Parameters
from patentshield.risk.proceedings import LEGAL, defence_cost_median

PHASE_ORDER = ("answer", "discovery", "pre_hearing", "hearing", "post_hearing", "commission_review")
"""The phases of ``costs.phase_spend`` a defence goes through, in order (the appeal aside)."""


def lognormal_mean(sigma: float) -> float:
    """Return the mean of lognormal(0, σ), exp(σ²/2).

    >>> round(lognormal_mean(0.5), 4)
    1.1331
    """
    return math.exp(sigma * sigma / 2)


def expected_defence_cost(parameters: Parameters, sales_usd: float) -> float:
    """Return the expected total cost of defending a whole case, USD."""
    get = parameters.get
    stake = np.array([sales_usd * get("costs.years_at_risk")])
    median = float(defence_cost_median(parameters, stake)[0])
    return median * get("costs.itc_factor") * lognormal_mean(get("costs.cost_sigma"))


def defence_share_to_come(parameters: Parameters, phases_done: int) -> float:
    """Return the share of the defence cost still to spend after ``phases_done`` phases."""
    spend = parameters.group("costs.phase_spend")
    return max(0.0, 1.0 - sum(spend[phase] for phase in PHASE_ORDER[:phases_done]))


def expected_to_come(
    parameters: Parameters,
    sales_usd: float,
    *,
    phases_done: int | None,
    can_settle: bool,
    violation_chance: float,
) -> dict[str, float]:
    """Return the expected cost still to come by category name, USD.

    ``phases_done`` is ``None`` when no defence is to come (a default, a decided case).
    """
    get = parameters.get
    share = 0.0 if phases_done is None else defence_share_to_come(parameters, phases_done)
    legal = expected_defence_cost(parameters, sales_usd) * share
    costs = {name: legal * get(f"costs.legal_split.{name}") for name in LEGAL}
    settlement = get("costs.settlement_royalty_rate") * sales_usd * get("costs.settlement_years")
    settlement *= lognormal_mean(get("costs.settlement_sigma"))
    costs["settlement_licence"] = (
        settlement * get("case.settlement_or_consent_order") if can_settle else 0.0
    )
    damages = get("costs.damages_royalty_rate") * sales_usd * get("costs.damages_years")
    damages *= lognormal_mean(get("costs.damages_sigma"))
    damages *= get("costs.parallel_suit_probability") * get("costs.damages_given_violation")
    costs["damages"] = damages * violation_chance
    return costs
