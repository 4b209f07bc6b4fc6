"""A book of policies over simulated years: complaints as common shocks, GEO reach, tail shares.

For each simulated year and HTS chapter, complaints arrive as in :mod:`exposure` (year shock,
chapter rates). Each complaint names ``N`` Chinese respondents; each of those respondent
"slots" falls on insured exporter ``i`` of the chapter with probability ``x_i`` (its share of
the chapter's imports times its modifiers — the same intensity as the single-exporter model)
and on an uninsured exporter otherwise. One complaint can therefore name several insureds in
the same year: the common shock that makes a portfolio's losses correlated. A complaint that
ends in a general exclusion order reaches, without naming them, a Poisson number of the
chapter's insureds with mean ``g × Σ x_i`` (picked in proportion to ``x_i``), who lose US
profit until a design-around succeeds.

Named cases are simulated by :func:`patentshield.risk.cases.simulate_cases` and each
policy's terms are applied by :func:`patentshield.risk.terms.claim_payments` (per-claim
terms, then each policy's aggregate limit per year). A block returns the book's insured loss
per year and the list of claims ``(year, policy, insured)``, from which the driver computes
the loss distribution, each policy's contribution to the tail (Euler allocation of TVaR:
``E[L_i | S ≥ VaR_α(S)]``) and the loss of sub-books (pool-size effect) without simulating
again.

This module is pure: no I/O, no clock, no global random state. :func:`simulate_book_block`
is a top-level function so Dask can ship it to worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from patentshield.risk.cases import CATEGORIES, lost_us_profit_and_design_around, simulate_cases
from patentshield.risk.distributions import FloatArray, IntArray
from patentshield.risk.exposure import (
    chapter_rate,
    draw_complaints,
    p_geo_per_complaint,
    year_shock,
)
from patentshield.risk.montecarlo import Block
from patentshield.risk.parameters import Parameters
from patentshield.risk.terms import TermsTable, claim_payments


@dataclass(frozen=True, slots=True)
class Book:
    """A book of policies as arrays (one entry per policy; money in USD per year).

    ``intensity`` is each insured's ``x_i`` = share of its chapter's imports × modifiers;
    ``terms`` holds one row of policy terms per policy.
    """

    chapter: IntArray
    sales_usd: FloatArray
    intensity: FloatArray
    premium_usd: FloatArray
    terms: TermsTable

    @property
    def size(self) -> int:
        """Number of policies."""
        return int(self.chapter.size)


@dataclass(frozen=True, slots=True)
class BookBlock:
    """One block's result: the book's insured loss per year and every claim paid."""

    loss: FloatArray
    claim_year: IntArray
    claim_policy: IntArray
    claim_insured: FloatArray
    named: int
    reached_by_geo: int


@dataclass(frozen=True, slots=True)
class ChapterIndex:
    """The book's policies of one chapter, with cumulative intensities for picking them."""

    chapter: int
    policies: IntArray
    cumulative: FloatArray

    @property
    def total(self) -> float:
        """``Σ x_i`` of the chapter's insureds (capped at 1 when picking)."""
        return float(self.cumulative[-1]) if self.cumulative.size else 0.0


def chapter_indexes(book: Book) -> list[ChapterIndex]:
    """Group the book's policies by chapter, in chapter order."""
    indexes = []
    for chapter in np.unique(book.chapter):
        policies = np.flatnonzero(book.chapter == chapter).astype(np.int64)
        indexes.append(ChapterIndex(int(chapter), policies, np.cumsum(book.intensity[policies])))
    return indexes


def _pick(index: ChapterIndex, draws: FloatArray) -> IntArray:
    """Return the policy picked by each uniform draw scaled to the chapter's total intensity."""
    position = np.searchsorted(index.cumulative, draws * index.total, side="right")
    return index.policies[np.minimum(position, index.policies.size - 1)]


def _named_and_reached(
    parameters: Parameters, rng: np.random.Generator, index: ChapterIndex, shock: FloatArray
) -> tuple[IntArray, IntArray, IntArray, IntArray, IntArray]:
    rate = chapter_rate(parameters, index.chapter).complaints_per_year
    complaints = draw_complaints(parameters, rng, rate * shock)
    slots = np.repeat(np.arange(complaints.simulation.size), complaints.chinese)
    hit_chance = min(1.0, index.total)
    hits = rng.random(slots.size) < hit_chance
    slot_complaint = slots[hits]
    named = _pick(index, rng.random(slot_complaint.size))
    geo = rng.random(complaints.simulation.size) < p_geo_per_complaint(parameters)
    reach_mean = parameters.get("geo.reach_multiplier") * index.total
    reached_count = rng.poisson(reach_mean, int(geo.sum()))
    geo_year = np.repeat(complaints.simulation[geo], reached_count)
    reached = _pick(index, rng.random(geo_year.size))
    return (
        complaints.simulation[slot_complaint],
        named,
        complaints.chinese[slot_complaint],
        geo_year,
        reached,
    )


def simulate_book_block(parameters: Parameters, book: Book, block: Block) -> BookBlock:
    """Simulate one block of years for the whole book."""
    rng = block.rng()
    shock = year_shock(parameters, rng, block.size)
    years, policies, costs = [], [], []
    named_total = 0
    reached_total = 0
    for index in chapter_indexes(book):
        year, named, chinese, geo_year, reached = _named_and_reached(parameters, rng, index, shock)
        cases = simulate_cases(
            parameters, rng, sales_usd=book.sales_usd[named], chinese_respondents=chinese
        )
        geo_costs = np.zeros((reached.size, len(CATEGORIES)))
        lost_us_profit_and_design_around(
            parameters, rng, geo_costs, np.ones(reached.size, bool), book.sales_usd[reached]
        )
        years += [year, geo_year]
        policies += [named, reached]
        costs += [cases.costs, geo_costs]
        named_total += named.size
        reached_total += reached.size
    year = np.concatenate(years) if years else np.zeros(0, np.int64)
    policy = np.concatenate(policies) if policies else np.zeros(0, np.int64)
    cost = np.concatenate(costs) if costs else np.zeros((0, len(CATEGORIES)))
    insured = claim_payments(book.terms, policy, cost, year, rng.random(year.size)).paid
    paid = insured > 0
    loss: FloatArray = np.bincount(year, weights=insured, minlength=block.size).astype(np.float64)
    return BookBlock(
        loss=loss,
        claim_year=(year[paid] + block.start).astype(np.int64),
        claim_policy=policy[paid].astype(np.int64),
        claim_insured=insured[paid],
        named=named_total,
        reached_by_geo=reached_total,
    )


def join_blocks(parts: list[BookBlock]) -> BookBlock:
    """Join block results in block order."""
    return BookBlock(
        loss=np.concatenate([p.loss for p in parts]),
        claim_year=np.concatenate([p.claim_year for p in parts]),
        claim_policy=np.concatenate([p.claim_policy for p in parts]),
        claim_insured=np.concatenate([p.claim_insured for p in parts]),
        named=sum(p.named for p in parts),
        reached_by_geo=sum(p.reached_by_geo for p in parts),
    )


def tail_contributions(result: BookBlock, book: Book, level: float) -> tuple[float, FloatArray]:
    """Return ``VaR_level`` of the book's yearly loss and each policy's ``E[L_i | S ≥ VaR]``.

    The contributions add up to the book's TVaR over the same tail years (Euler allocation).
    """
    loss = result.loss
    threshold = float(np.quantile(loss, level, method="inverted_cdf"))
    tail_years = loss >= threshold
    in_tail = tail_years[result.claim_year]
    per_policy = np.bincount(
        result.claim_policy[in_tail], weights=result.claim_insured[in_tail], minlength=book.size
    )
    return threshold, per_policy / max(int(tail_years.sum()), 1)


def sub_book_losses(result: BookBlock, book_size: int, sizes: list[int]) -> dict[int, FloatArray]:
    """Return the yearly loss of the sub-books made of the first ``n`` policies, per ``n``."""
    years = result.loss.size
    return {
        n: np.bincount(
            result.claim_year[result.claim_policy < n],
            weights=result.claim_insured[result.claim_policy < n],
            minlength=years,
        ).astype(np.float64)
        for n in sizes
        if 0 < n <= book_size
    }
