"""Policy terms applied to simulated cases and years, vectorised.

For each case (a row of costs by category, USD) and policy (:class:`PolicyTerms`):

1. The policy responds at all (defensive product, US territory, an ITC investigation counts
   as a covered lawsuit) and the case is not excluded (a per-case draw with the product's
   excluded share, e.g. design patents or wilful infringement); otherwise it pays nothing.
2. Covered categories only; each capped by its sub-limit.
3. The per-claim deductible, then coinsurance (the insured keeps that share), then the
   per-claim limit.
4. Per simulated year, the aggregate limit caps the sum of the year's claims; the cut is
   shared pro rata among the year's claims and, within a claim, among its categories.

What the insurer pays is *insured*; the rest of covered categories is *retained* (deductible,
coinsurance, amounts above limits) and non-covered categories are *uncovered*:
``insured + retained + uncovered = cost`` for every category, and ``0 ≤ insured ≤ limit``.

Not modelled: claims-made triggers and retroactive dates (every simulated case is a claim
first made in the year), panel counsel (its rates are taken to equal the market's).

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.cases import CATEGORIES
from patentshield.risk.distributions import FloatArray, IntArray


@dataclass(frozen=True, slots=True)
class PolicyTerms:
    """A policy's terms in USD floats: what the engine applies to each case and year."""

    covered: tuple[bool, ...]
    sub_limits: tuple[float, ...] = (math.inf,) * len(CATEGORIES)
    deductible: float = 0.0
    coinsurance: float = 0.0
    per_claim_limit: float = math.inf
    aggregate_limit: float = math.inf
    responds: bool = True
    excluded_share: float = 0.0

    def __post_init__(self) -> None:
        if len(self.covered) != len(CATEGORIES) or len(self.sub_limits) != len(CATEGORIES):
            raise InvalidInput("covered", f"needs one entry per cost category ({len(CATEGORIES)})")
        if not 0 <= self.coinsurance <= 1:
            raise InvalidInput("coinsurance", f"must lie between 0 and 1, got {self.coinsurance}")
        if not 0 <= self.excluded_share <= 1:
            raise InvalidInput(
                "excluded_share", f"must lie between 0 and 1, got {self.excluded_share}"
            )
        for name in ("deductible", "per_claim_limit", "aggregate_limit"):
            if getattr(self, name) < 0:
                raise InvalidInput(name, "must not be negative")


@dataclass(frozen=True, slots=True)
class Allocation:
    """Per-case split of costs (cases × categories): insured, retained, uncovered."""

    insured: FloatArray
    retained: FloatArray
    uncovered: FloatArray


def apply_terms(
    terms: PolicyTerms,
    costs: FloatArray,
    simulation: IntArray,
    sims: int,
    excluded_draw: FloatArray,
) -> Allocation:
    """Apply ``terms`` to cases with ``costs`` belonging to simulated years ``simulation``.

    ``excluded_draw`` holds one uniform number per case (the exclusion draw).
    """
    covered_mask = np.array(terms.covered, dtype=bool)
    covered = np.where(covered_mask, costs, 0.0)
    uncovered = costs - covered
    capped = np.minimum(covered, np.array(terms.sub_limits))
    claim = capped.sum(axis=1)
    payable = np.maximum(claim - terms.deductible, 0.0) * (1.0 - terms.coinsurance)
    payable = np.minimum(payable, terms.per_claim_limit)
    applies = terms.responds & (excluded_draw >= terms.excluded_share)
    payable = np.where(applies, payable, 0.0)
    if math.isfinite(terms.aggregate_limit) and payable.size:
        year_total = np.bincount(simulation, weights=payable, minlength=sims)
        cut = np.minimum(1.0, terms.aggregate_limit / np.maximum(year_total, 1e-300))
        payable = payable * cut[simulation]
    share = np.divide(payable, claim, out=np.zeros_like(claim), where=claim > 0)
    insured = capped * share[:, None]
    return Allocation(insured, covered - insured, uncovered)
