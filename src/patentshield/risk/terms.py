"""Policy terms applied to simulated cases and years, vectorised.

For each case (a row of costs by category, USD) and policy (:class:`CoverTerms`):

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
from patentshield.risk.distributions import BoolArray, FloatArray, IntArray
from patentshield.risk.proceedings import CATEGORIES


@dataclass(frozen=True, slots=True)
class CoverTerms:
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
    def of(cls, policies: Sequence[CoverTerms]) -> TermsTable:
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


CLAIM_CHUNK = 32_768
"""Claims whose per-claim terms are applied together by :func:`per_claim_payments` (13
categories × 8 bytes × this = 3.4 MB per temporary: a book's million claims a block never
need a gigabyte of temporaries)."""


def category_caps(table: TermsTable) -> FloatArray:
    """Return each policy's cap per category: its sub-limit, or 0 where it does not cover."""
    caps: FloatArray = np.where(table.covered, table.sub_limits, 0.0)
    return caps


def _per_claim(
    table: TermsTable,
    policy: IntArray,
    costs: FloatArray,
    excluded_draw: FloatArray,
    caps: FloatArray | None = None,
) -> Payments:
    """Apply sub-limits, deductible, coinsurance, per-claim limit and exclusion to each claim.

    ``caps`` (:func:`category_caps` of ``table``, when the caller has it) folds cover and
    sub-limit into one cap per category: costs are never negative, so capping at 0 is not
    covering.
    """
    if caps is None:
        capped = np.minimum(np.where(table.covered[policy], costs, 0.0), table.sub_limits[policy])
    else:
        capped = np.minimum(costs, caps[policy])
    claim = capped.sum(axis=1)
    paid = np.maximum(claim - table.deductible[policy], 0.0) * (1.0 - table.coinsurance[policy])
    paid = np.minimum(paid, table.per_claim_limit[policy])
    applies = table.responds[policy] & (excluded_draw >= table.excluded_share[policy])
    return Payments(capped, claim, np.where(applies, paid, 0.0))


def per_claim_payments(
    table: TermsTable,
    policy: IntArray,
    costs: FloatArray,
    excluded_draw: FloatArray,
    caps: FloatArray | None = None,
) -> FloatArray:
    """Return what each claim pays before the aggregate limit, :data:`CLAIM_CHUNK` at a time.

    The same numbers as :func:`claim_payments` before its aggregate step: every step is per
    claim. ``caps`` is :func:`category_caps` of ``table`` when the caller applies many tables.
    """
    paid = np.empty(policy.size, dtype=np.float64)
    for start in range(0, policy.size, CLAIM_CHUNK):
        chunk = slice(start, start + CLAIM_CHUNK)
        paid[chunk] = _per_claim(
            table, policy[chunk], costs[chunk], excluded_draw[chunk], caps
        ).paid
    return paid


def _may_share(key: IntArray) -> BoolArray:
    """Tell which keys might occur more than once (those alone in their hash bucket do not).

    Buckets are the key's low bits, at least four buckets a key, so most unique keys sit alone
    and only the rest need sorting.
    """
    buckets = 1 << max(int(4 * key.size - 1).bit_length(), 4)
    slot = key & (buckets - 1)
    shared: BoolArray = np.bincount(slot, minlength=buckets)[slot] > 1
    return shared


def aggregate_limited(
    table: TermsTable, policy: IntArray, year: IntArray, paid: FloatArray
) -> FloatArray:
    """Return ``paid`` cut by each policy's aggregate limit per simulated year, pro rata.

    A claim alone with its policy in its year is its own total; the others are grouped by
    (year, policy) — found by sorting only the claims whose hash bucket they share.
    """
    if not paid.size or not np.isfinite(table.aggregate_limit[policy]).any():
        return paid
    key = year.astype(np.int64) * table.deductible.size + policy
    totals = paid.copy()
    rows = np.flatnonzero(_may_share(key))
    if rows.size:
        unique, inverse = np.unique(key[rows], return_inverse=True)
        sums = np.bincount(inverse, weights=paid[rows], minlength=unique.size)
        totals[rows] = sums[inverse]
    limit = table.aggregate_limit[policy]
    limited: FloatArray = paid * np.minimum(1.0, limit / np.maximum(totals, 1e-300))
    return limited


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
    payments = _per_claim(table, policy, costs, excluded_draw)
    paid = aggregate_limited(table, policy, year, payments.paid)
    return Payments(payments.capped, payments.claim, paid)


def apply_terms(
    terms: CoverTerms,
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


def sum_by_year(simulation: IntArray, values: FloatArray, years: int) -> FloatArray:
    """Return the sum of ``values`` per simulated year (0 for years without an entry)."""
    totals: FloatArray = np.bincount(simulation, weights=values, minlength=years).astype(
        np.float64, copy=False
    )
    return totals


@dataclass(frozen=True, slots=True)
class PolicyPayments:
    """Each policy's payments per year, by category, uncovered, and years its limit ran out."""

    insured: FloatArray
    insured_by_category: FloatArray
    uncovered_by_category: FloatArray
    limit_exhausted: IntArray


def pay_policies(
    policies: Sequence[CoverTerms],
    costs: FloatArray,
    year: IntArray,
    exclusion_draw: FloatArray,
    years: int,
) -> PolicyPayments:
    """Apply each of ``policies`` to the same cases (common random numbers)."""
    insured, insured_by_category, uncovered_by_category, exhausted = [], [], [], []
    for terms in policies:
        allocation = apply_terms(terms, costs, year, exclusion_draw)
        paid = sum_by_year(year, allocation.insured.sum(axis=1), years)
        insured.append(paid)
        insured_by_category.append(allocation.insured.sum(axis=0))
        uncovered_by_category.append(allocation.uncovered.sum(axis=0))
        limit = terms.aggregate_limit
        exhausted.append(int((paid >= limit * (1 - 1e-9)).sum()) if math.isfinite(limit) else 0)
    shape = (len(policies), len(CATEGORIES))
    return PolicyPayments(
        np.array(insured, dtype=np.float64).reshape(len(policies), years),
        np.array(insured_by_category, dtype=np.float64).reshape(shape),
        np.array(uncovered_by_category, dtype=np.float64).reshape(shape),
        np.array(exhausted, dtype=np.int64),
    )
