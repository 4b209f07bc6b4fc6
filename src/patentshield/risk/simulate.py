"""An exporter's simulated years: complaints, named cases, GEO reach, costs and policy payments.

Per block of the Monte Carlo grid (:mod:`patentshield.risk.montecarlo`): draw the year shock,
the complaints of each of the exporter's product classes, which of them name it (or reach it
through a general exclusion order), simulate each named case phase by phase
(:mod:`patentshield.risk.cases`) and apply the policy's terms (:mod:`patentshield.risk.terms`).
The block returns per-year totals and per-category sums; :func:`simulate_enterprise` joins
the blocks in order, so the result does not depend on threads or task size.

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from patentshield.risk.cases import (
    CATEGORIES,
    Outcome,
    lost_us_profit_and_design_around,
    simulate_cases,
)
from patentshield.risk.distributions import FloatArray, IntArray
from patentshield.risk.exposure import (
    ExposureProfile,
    chapter_rate,
    draw_complaints,
    naming_intensity,
    p_geo_per_complaint,
    year_shock,
)
from patentshield.risk.montecarlo import Block, blocks, run_blocks
from patentshield.risk.parameters import Parameters
from patentshield.risk.terms import PolicyTerms, apply_terms


@dataclass(frozen=True, slots=True)
class Cases:
    """All cases of a block: year index, cost rows, outcome, months; GEO-only rows flagged."""

    simulation: IntArray
    costs: FloatArray
    outcome: IntArray
    months: FloatArray
    named: np.ndarray


@dataclass(frozen=True, slots=True)
class YearResults:
    """Per simulated year: cost, insured and named cases; per category: sums over the years.

    ``insured`` is ``(policies, years)``, ``insured_by_category`` and
    ``uncovered_by_category`` are ``(policies, categories)`` and ``limit_exhausted`` counts,
    per policy, the years whose payments reached the aggregate limit: every policy is applied
    to the same simulated cases (common random numbers, so policies compare without noise).
    """

    cost: FloatArray
    insured: FloatArray
    named_cases: IntArray
    cost_by_category: FloatArray
    insured_by_category: FloatArray
    uncovered_by_category: FloatArray
    outcomes: IntArray
    months_sum: float
    months_count: int
    limit_exhausted: IntArray


def _class_cases(
    parameters: Parameters, rng: np.random.Generator, profile: ExposureProfile, shock: FloatArray
) -> list[Cases]:
    found = []
    p_geo = p_geo_per_complaint(parameters)
    reach = parameters.get("geo.reach_multiplier")
    for item in profile.classes:
        rate = chapter_rate(parameters, item.chapter).complaints_per_year
        intensity = naming_intensity(parameters, profile, item)
        complaints = draw_complaints(parameters, rng, rate * shock)
        draw = rng.random((2, complaints.simulation.size))
        named = draw[0] < 1.0 - (1.0 - intensity) ** complaints.chinese
        reached = ~named & (draw[1] < p_geo * min(1.0, reach * intensity))
        sales = np.full(int(named.sum()), item.annual_us_sales_usd)
        cases = simulate_cases(
            parameters, rng, sales_usd=sales, chinese_respondents=complaints.chinese[named]
        )
        geo_costs = np.zeros((int(reached.sum()), len(CATEGORIES)))
        geo_sales = np.full(geo_costs.shape[0], item.annual_us_sales_usd)
        lost_us_profit_and_design_around(
            parameters, rng, geo_costs, np.ones(geo_sales.size, bool), geo_sales
        )
        found.append(
            Cases(
                np.concatenate([complaints.simulation[named], complaints.simulation[reached]]),
                np.concatenate([cases.costs, geo_costs]),
                np.concatenate([cases.outcome, np.full(geo_sales.size, -1, np.int64)]),
                np.concatenate([cases.months, np.zeros(geo_sales.size)]),
                np.concatenate([np.ones(sales.size, bool), np.zeros(geo_sales.size, bool)]),
            )
        )
    return found


def _join(parts: list[Cases]) -> Cases:
    if not parts:
        empty = np.zeros(0, np.int64)
        return Cases(empty, np.zeros((0, len(CATEGORIES))), empty, np.zeros(0), np.zeros(0, bool))
    return Cases(*(np.concatenate([getattr(p, f) for p in parts]) for f in Cases.__slots__))


def sum_by_year(simulation: IntArray, values: FloatArray, years: int) -> FloatArray:
    """Return the sum of ``values`` per simulated year (0 for years without an entry)."""
    totals: FloatArray = np.bincount(simulation, weights=values, minlength=years).astype(
        np.float64, copy=False
    )
    return totals


def simulate_block(
    parameters: Parameters,
    profile: ExposureProfile,
    policies: Sequence[PolicyTerms],
    block: Block,
) -> YearResults:
    """Simulate the years of one block for one exporter under each of ``policies``."""
    rng = block.rng()
    shock = year_shock(parameters, rng, block.size)
    cases = _join(_class_cases(parameters, rng, profile, shock))
    exclusion_draw = rng.random(cases.simulation.size)
    insured, insured_by_category, uncovered_by_category, exhausted = [], [], [], []
    for terms in policies:
        allocation = apply_terms(terms, cases.costs, cases.simulation, exclusion_draw)
        paid = sum_by_year(cases.simulation, allocation.insured.sum(axis=1), block.size)
        insured.append(paid)
        insured_by_category.append(allocation.insured.sum(axis=0))
        uncovered_by_category.append(allocation.uncovered.sum(axis=0))
        limit = terms.aggregate_limit
        exhausted.append(int((paid >= limit * (1 - 1e-9)).sum()) if math.isfinite(limit) else 0)
    named = cases.named
    return YearResults(
        cost=sum_by_year(cases.simulation, cases.costs.sum(axis=1), block.size),
        insured=np.array(insured, dtype=np.float64).reshape(len(policies), block.size),
        named_cases=np.bincount(cases.simulation[named], minlength=block.size).astype(np.int64),
        cost_by_category=cases.costs.sum(axis=0),
        insured_by_category=np.array(insured_by_category).reshape(len(policies), len(CATEGORIES)),
        uncovered_by_category=np.array(uncovered_by_category).reshape(
            len(policies), len(CATEGORIES)
        ),
        outcomes=np.bincount(cases.outcome[named], minlength=len(Outcome)).astype(np.int64),
        months_sum=float(cases.months[named].sum()),
        months_count=int(named.sum()),
        limit_exhausted=np.array(exhausted, dtype=np.int64),
    )


def combine(results: list[YearResults]) -> YearResults:
    """Join block results in block order (per-year arrays concatenated, sums added)."""
    return YearResults(
        cost=np.concatenate([r.cost for r in results]),
        insured=np.concatenate([r.insured for r in results], axis=1),
        named_cases=np.concatenate([r.named_cases for r in results]),
        cost_by_category=np.sum([r.cost_by_category for r in results], axis=0),
        insured_by_category=np.sum([r.insured_by_category for r in results], axis=0),
        uncovered_by_category=np.sum([r.uncovered_by_category for r in results], axis=0),
        outcomes=np.sum([r.outcomes for r in results], axis=0),
        months_sum=sum(r.months_sum for r in results),
        months_count=sum(r.months_count for r in results),
        limit_exhausted=np.sum([r.limit_exhausted for r in results], axis=0),
    )


def simulate_enterprise(
    parameters: Parameters,
    profile: ExposureProfile,
    *,
    years: int,
    seed: int,
    policies: Sequence[PolicyTerms] = (),
    threads: int = 1,
) -> YearResults:
    """Simulate ``years`` independent years of an exporter's 337 exposure under ``policies``."""
    results = run_blocks(
        lambda block: simulate_block(parameters, profile, policies, block),
        blocks(seed, years),
        threads=threads,
    )
    return combine(results)
