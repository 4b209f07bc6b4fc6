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
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.cases import CATEGORIES
from patentshield.risk.distributions import BoolArray, FloatArray, IntArray


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


@dataclass(frozen=True, slots=True)
class TermsTable:
    """The terms of many policies as arrays: one row per policy (USD; ``inf`` = no limit).

    ``covered`` and ``sub_limits`` are ``(policies, categories)``; the rest ``(policies,)``.
    """

    covered: BoolArray
    sub_limits: FloatArray
    deductible: FloatArray
    coinsurance: FloatArray
    per_claim_limit: FloatArray
    aggregate_limit: FloatArray
    responds: BoolArray
    excluded_share: FloatArray

    @classmethod
    def of(cls, policies: Sequence[PolicyTerms]) -> TermsTable:
        """Stack the terms of ``policies`` into a table, in order."""

        def column(name: str) -> FloatArray:
            return np.array([getattr(p, name) for p in policies], dtype=np.float64)

        return cls(
            covered=np.array([p.covered for p in policies], dtype=bool).reshape(
                -1, len(CATEGORIES)
            ),
            sub_limits=np.array([p.sub_limits for p in policies], dtype=np.float64).reshape(
                -1, len(CATEGORIES)
            ),
            deductible=column("deductible"),
            coinsurance=column("coinsurance"),
            per_claim_limit=column("per_claim_limit"),
            aggregate_limit=column("aggregate_limit"),
            responds=np.array([p.responds for p in policies], dtype=bool),
            excluded_share=column("excluded_share"),
        )


@dataclass(frozen=True, slots=True)
class Payments:
    """Per claim: covered cost by category after sub-limits, its total, and what is paid."""

    capped: FloatArray
    claim: FloatArray
    paid: FloatArray


def claim_payments(
    table: TermsTable,
    policy: IntArray,
    costs: FloatArray,
    year: IntArray,
    excluded_draw: FloatArray,
) -> Payments:
    """Apply each claim's own policy terms (row ``policy`` of ``table``) to its ``costs``.

    Per claim: covered categories capped by sub-limits, deductible, coinsurance, per-claim
    limit, the exclusion draw; then each policy's aggregate limit per simulated year, shared
    pro rata among that policy's claims of the year.
    """
    covered = np.where(table.covered[policy], costs, 0.0)
    capped = np.minimum(covered, table.sub_limits[policy])
    claim = capped.sum(axis=1)
    paid = np.maximum(claim - table.deductible[policy], 0.0) * (1.0 - table.coinsurance[policy])
    paid = np.minimum(paid, table.per_claim_limit[policy])
    applies = table.responds[policy] & (excluded_draw >= table.excluded_share[policy])
    paid = np.where(applies, paid, 0.0)
    if paid.size and np.isfinite(table.aggregate_limit[policy]).any():
        key = year.astype(np.int64) * table.deductible.size + policy
        unique, inverse = np.unique(key, return_inverse=True)
        totals = np.bincount(inverse, weights=paid, minlength=unique.size)
        limit = table.aggregate_limit[unique % table.deductible.size]
        paid = paid * np.minimum(1.0, limit / np.maximum(totals, 1e-300))[inverse]
    return Payments(capped, claim, paid)


def apply_terms(
    terms: PolicyTerms,
    costs: FloatArray,
    simulation: IntArray,
    excluded_draw: FloatArray,
) -> Allocation:
    """Apply one policy's ``terms`` to cases with ``costs`` in simulated years ``simulation``.

    ``excluded_draw`` holds one uniform number per case (the exclusion draw). The payment is
    split over categories pro rata.
    """
    policy = np.zeros(simulation.size, dtype=np.int64)
    payments = claim_payments(TermsTable.of([terms]), policy, costs, simulation, excluded_draw)
    claim = payments.claim
    share = np.divide(payments.paid, claim, out=np.zeros_like(claim), where=claim > 0)
    insured = payments.capped * share[:, None]
    covered = np.where(np.array(terms.covered, dtype=bool), costs, 0.0)
    return Allocation(insured, covered - insured, costs - covered)
