"""A book of policies over simulated years: complaints as common shocks, GEO reach, tail shares.

For each simulated year and HTS chapter, complaints arrive as in :mod:`exposure` (year shock,
chapter rates). Each complaint names ``N`` Chinese respondents; each of those respondent
"slots" falls on insured exporter ``i`` of the chapter with probability ``x_i`` (its share of
the chapter's imports times its modifiers — the same intensity as the single-exporter model)
and on an uninsured exporter otherwise. One complaint can therefore name several insureds in
the same year: the common shock that makes a portfolio's losses correlated. **Co-respondents
share their investigation's path** (:mod:`patentshield.risk.investigations`: early exit or
decision, violation, remedy, review, timing, joint defence), drawn once per complaint, so the
insureds of one complaint settle together or are excluded together; each then defaults or
defends on its own, as an insured (``respondents.insured_default_factor``). A complaint that
ends in a general exclusion order reaches, without naming them, a Poisson number of the
chapter's insureds with mean ``g × Σ x_i`` (picked in proportion to ``x_i``), who lose US
profit until a design-around succeeds.

Named cases are simulated by :func:`patentshield.risk.proceedings.simulate_cases` and each
policy's terms are applied as by :func:`patentshield.risk.terms.claim_payments`, chapter by
chapter (per-claim terms chunk by chunk, then each policy's aggregate limit per year: a policy
belongs to one chapter), so only one chapter's table of costs is held at a time.
A block returns the book's insured loss per year and the list of claims
``(year, policy, insured)``, from which the driver computes the loss distribution, each
policy's contribution to the tail (Euler allocation of TVaR: ``E[L_i | S ≥ VaR_α(S)]``) and
the loss of sub-books (pool-size effect) without simulating again.

This module is pure: no I/O, no clock, no global random state. :func:`simulate_book_block`
is a top-level function so Dask can ship it to worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from patentshield.risk.distributions import FloatArray, IntArray
from patentshield.risk.exposure import chapter_rate, draw_complaints, year_shock
from patentshield.risk.investigations import Paths, draw_paths, is_geo, path_class
from patentshield.risk.montecarlo import Block
from patentshield.risk.parameters import Parameters
from patentshield.risk.proceedings import (
    CATEGORIES,
    default_chance,
    lost_us_profit_and_design_around,
    simulate_cases,
)
from patentshield.risk.terms import (
    TermsTable,
    aggregate_limited,
    category_caps,
    per_claim_payments,
)


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


BUCKETS_PER_POLICY = 4
MIN_BUCKETS = 65_536
"""Buckets of a chapter's picking table (:func:`_pick`): 4 a policy, at least 65,536."""
STEPS = 4
"""Policies :func:`_pick` steps over before it leaves a draw to a binary search."""


@dataclass(frozen=True, slots=True)
class ChapterIndex:
    """The book's policies of one chapter, with cumulative intensities for picking them.

    ``bucket_start[b]`` is the position of the first policy whose cumulative intensity
    exceeds the left edge of bucket ``b`` of equal width: a lookup table for :func:`_pick`.
    """

    chapter: int
    policies: IntArray
    cumulative: FloatArray
    bucket_start: IntArray

    @property
    def total(self) -> float:
        """``Σ x_i`` of the chapter's insureds (capped at 1 when picking)."""
        return float(self.cumulative[-1]) if self.cumulative.size else 0.0


def chapter_indexes(book: Book) -> list[ChapterIndex]:
    """Group the book's policies by chapter, in chapter order."""
    indexes = []
    for chapter in np.unique(book.chapter):
        policies = np.flatnonzero(book.chapter == chapter).astype(np.int64)
        cumulative = np.cumsum(book.intensity[policies])
        buckets = max(BUCKETS_PER_POLICY * policies.size, MIN_BUCKETS)
        edges = np.linspace(0.0, cumulative[-1], buckets + 1)
        starts = np.searchsorted(cumulative, edges, side="right").astype(np.int64)
        indexes.append(ChapterIndex(int(chapter), policies, cumulative, starts))
    return indexes


def _pick(index: ChapterIndex, draws: FloatArray) -> IntArray:
    """Return the policy picked by each uniform draw scaled to the chapter's total intensity.

    The same policy as a binary search of the cumulative intensities (the first whose
    cumulative intensity exceeds the scaled draw), found from the start of the bucket before
    the draw's (safely at or before it, whatever the rounding) by stepping forward over the
    few policies that end inside those two buckets.
    """
    last = index.policies.size - 1
    scaled = draws * index.total
    buckets = index.bucket_start.size - 1
    bucket = np.clip((draws * buckets).astype(np.int64) - 1, 0, buckets - 1)
    position = np.minimum(index.bucket_start[bucket], last)
    ahead = np.flatnonzero(index.cumulative[position] <= scaled)
    for _ in range(STEPS):
        if not ahead.size:
            break
        position[ahead] = np.minimum(position[ahead] + 1, last)
        moving = (index.cumulative[position[ahead]] <= scaled[ahead]) & (position[ahead] < last)
        ahead = ahead[moving]
    # Draws in a crowded bucket (many small policies) are left to a binary search.
    found = np.searchsorted(index.cumulative, scaled[ahead], side="right")
    position[ahead] = np.minimum(found, last)
    return index.policies[position]


@dataclass(frozen=True, slots=True)
class ChapterCases:
    """One chapter's named insureds (year, policy, investigation path) and GEO-reached ones.

    ``investigation`` numbers the complaints of the chapter in the block, so co-respondents
    of one investigation share a number (and their path).
    """

    year: IntArray
    policy: IntArray
    investigation: IntArray
    paths: Paths
    geo_year: IntArray
    reached: IntArray


def _first_of_runs(sorted_values: IntArray) -> tuple[IntArray, IntArray]:
    """Return the distinct values of a sorted array and, per entry, the index of its value."""
    first = np.ones(sorted_values.size, bool)
    first[1:] = sorted_values[1:] != sorted_values[:-1]
    return sorted_values[first], np.cumsum(first) - 1


def chapter_cases(
    parameters: Parameters, rng: np.random.Generator, index: ChapterIndex, shock: FloatArray
) -> ChapterCases:
    """Draw the chapter's complaints, the insureds they name and the paths they share."""
    rate = chapter_rate(parameters, index.chapter).complaints_per_year
    complaints = draw_complaints(parameters, rng, rate * shock)
    slots = np.repeat(np.arange(complaints.simulation.size), complaints.chinese)
    hits = rng.random(slots.size) < min(1.0, index.total)
    slot_complaint = slots[hits]
    named = _pick(index, rng.random(slot_complaint.size))
    u = rng.random(complaints.simulation.size)
    geo = is_geo(parameters, u, complaints.chinese)
    reached_count = rng.poisson(
        parameters.get("geo.reach_multiplier") * index.total, int(geo.sum())
    )
    geo_year = np.repeat(complaints.simulation[geo], reached_count)
    reached = _pick(index, rng.random(geo_year.size))
    investigations, of_slot = _first_of_runs(slot_complaint)
    chinese = complaints.chinese[investigations]
    paths = draw_paths(parameters, rng, path_class(parameters, u[investigations], chinese), chinese)
    return ChapterCases(
        complaints.simulation[slot_complaint],
        named,
        slot_complaint,
        paths.take(of_slot),
        geo_year,
        reached,
    )


@dataclass(frozen=True, slots=True)
class ChapterClaims:
    """One chapter's claims in a block: year, policy and payment after the aggregate limit."""

    year: IntArray
    policy: IntArray
    insured: FloatArray
    named: int
    reached: int


def chapter_claims(
    parameters: Parameters,
    rng: np.random.Generator,
    book: Book,
    index: ChapterIndex,
    shock: FloatArray,
    caps: FloatArray,
) -> ChapterClaims:
    """Simulate one chapter's cases and apply its policies' terms, aggregate limit included.

    A policy belongs to one chapter, so its aggregate limit per year is applied here, and the
    chapter's table of 13 costs per case is dropped before the next chapter is simulated.
    """
    found = chapter_cases(parameters, rng, index, shock)
    named, reached = found.policy, found.reached
    cases = simulate_cases(
        parameters,
        rng,
        found.paths,
        sales_usd=book.sales_usd[named],
        defaulted=rng.random(named.size) < default_chance(parameters, insured=True),
    )
    geo_costs = np.zeros((reached.size, len(CATEGORIES)))
    lost_us_profit_and_design_around(
        parameters, rng, geo_costs, np.ones(reached.size, bool), book.sales_usd[reached]
    )
    excluded = rng.random(named.size + reached.size)
    paid = np.concatenate(
        [
            per_claim_payments(book.terms, named, cases.costs, excluded[: named.size], caps),
            per_claim_payments(book.terms, reached, geo_costs, excluded[named.size :], caps),
        ]
    )
    year = np.concatenate([found.year, found.geo_year])
    policy = np.concatenate([named, reached])
    insured = aggregate_limited(book.terms, policy, year, paid)
    return ChapterClaims(year, policy, insured, named.size, reached.size)


def simulate_book_block(parameters: Parameters, book: Book, block: Block) -> BookBlock:
    """Simulate one block of years for the whole book, chapter by chapter."""
    rng = block.rng()
    shock = year_shock(parameters, rng, block.size)
    caps = category_caps(book.terms)
    chapters = [
        chapter_claims(parameters, rng, book, index, shock, caps) for index in chapter_indexes(book)
    ]
    empty = np.zeros(0, np.int64)
    year = np.concatenate([c.year for c in chapters]) if chapters else empty
    policy = np.concatenate([c.policy for c in chapters]) if chapters else empty
    insured = np.concatenate([c.insured for c in chapters]) if chapters else np.zeros(0)
    paid = insured > 0
    loss: FloatArray = np.bincount(year, weights=insured, minlength=block.size).astype(np.float64)
    return BookBlock(
        loss=loss,
        claim_year=(year[paid] + block.start).astype(np.int64),
        claim_policy=policy[paid].astype(np.int64),
        claim_insured=insured[paid],
        named=sum(c.named for c in chapters),
        reached_by_geo=sum(c.reached for c in chapters),
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
