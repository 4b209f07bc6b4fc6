"""Pricing from simulated insured losses: pure premium, indicated premium and limit adequacy.

* **Pure premium** ``E[L]``: the mean insured loss per policy year, with its standard error.
* **Risk loading**, configurable (``pricing.risk_loading_method``):
  cost of capital on the tail, ``c × (TVaR_α(L) − E[L])`` (capital held at level
  ``α = pricing.capital_level`` earning ``c = pricing.cost_of_capital``), or a share of the
  standard deviation, ``k × sd(L)``.
* **Indicated premium** ``(E[L] + risk loading) / (1 − expense ratio − profit margin)``.
* **Chance the limit is exhausted**: the share of years whose payments reach the aggregate
  limit; and the **limit that would cover** a share ``q`` of outcomes: the ``q``-quantile of
  the year's payable amount before the aggregate limit, among the years with a payable
  amount (a claim), since most years have none.

This module is pure: no I/O, no clock, no random numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.distributions import FloatArray
from patentshield.risk.measures import Estimate, summarise
from patentshield.risk.parameters import Parameters


@dataclass(frozen=True, slots=True)
class Price:
    """Premium figures of one policy (USD per policy year) and how they were built."""

    pure_premium: Estimate
    risk_loading: float
    indicated_premium: float
    loading_method: str
    expense_ratio: float
    profit_margin: float


def price(parameters: Parameters, insured: FloatArray) -> Price:
    """Return the pure and indicated premium of simulated yearly insured losses."""
    expense = parameters.get("pricing.expense_ratio")
    profit = parameters.get("pricing.profit_margin")
    if expense + profit >= 1:
        raise InvalidInput("pricing.expense_ratio", "expense ratio plus profit must stay below 1")
    level = parameters.get("pricing.capital_level")
    summary = summarise(insured, [level])
    if parameters.get("pricing.risk_loading_method") >= 1:
        capital = summary.tvar[level].value - summary.mean.value
        rate = parameters.get("pricing.cost_of_capital")
        loading = rate * max(capital, 0.0)
        method = f"cost of capital {rate:g} × (TVaR {level:g} − mean)"
    else:
        loading = parameters.get("pricing.sd_loading") * summary.std
        method = f"{parameters.get('pricing.sd_loading'):g} × standard deviation"
    indicated = (summary.mean.value + loading) / (1 - expense - profit)
    return Price(summary.mean, loading, indicated, method, expense, profit)


def limit_covering(payable_before_limit: FloatArray, share: float) -> float:
    """Return the aggregate limit that pays in full a share ``share`` of the years with claims.

    0 when no simulated year has a claim.

    >>> import numpy as np
    >>> limit_covering(np.array([0.0, 0.0, 10.0, 20.0, 30.0, 40.0]), 0.75)
    30.0
    """
    if not 0 < share < 1:
        raise InvalidInput("share", f"must lie strictly between 0 and 1, got {share}")
    claims = payable_before_limit[payable_before_limit > 0]
    return summarise(claims, [share]).var[share].value if claims.size else 0.0


def exhaustion_chance(exhausted_years: int, years: int) -> Estimate:
    """Return the share of years that exhausted the aggregate limit, with its standard error."""
    p = exhausted_years / years
    return Estimate(p, math.sqrt(p * (1 - p) / years))
