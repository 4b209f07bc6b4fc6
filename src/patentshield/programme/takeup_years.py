"""Simulated years of take-up under subsidy scenarios, vectorised over firms and years.

A what-if compares *variants* (scenarios, and the same scenario at other elasticities) on the
same simulated years. Each year, every firm draws one standard exponential ``E`` and insures
in a variant when ``E`` reaches the variant's threshold ``β·s − ln π``
(:mod:`patentshield.programme.takeup`); the same draws serve every variant (common random
numbers). Then the variant's budget, if any, is applied to the subsidies the insured firms
ask for:

* **pro rata** — every applicant gets ``budget / demand`` of its subsidy; the cut is known only
  after the year, when the firms have bought (J), so take-up does not change;
* **first come, first served** — applicants arrive in a random order and are paid in full
  until the budget runs out; the one that exhausts it gets what is left; those that come later
  learn before they buy that nothing is left and decide again at their unsubsidised price
  (their ``fallback`` threshold, J).

Either way the subsidy paid in a year never exceeds the budget. The arrival order is a random
permutation of the firms per chunk of years, rotated by a random offset each year: every
year's order is a uniformly random permutation, independent of that year's take-up draws.

The insured loss of a year is the sum of the claims (from the portfolio engine, simulated
once for every firm as if insured) of the firms insured that year in the variant.

Years are cut into chunks of :data:`TAKE_UP_YEARS`; chunk ``i`` draws from
``SeedSequence([seed, STREAM]).spawn(n)[i]`` — streams apart from the engine's — so results
depend only on the seed and the chunk, never on threads or Dask workers. Amounts are CNY
floats here; :mod:`patentshield.programme.whatif_report` turns them into money.

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.distributions import FloatArray, IntArray
from patentshield.risk.montecarlo import Block, block_count, check_sims

TAKE_UP_YEARS = 256
"""Simulated years per chunk (part of the model: it fixes which stream a year uses)."""

STREAM = 0x7A4E_0013
"""Second entropy word of the take-up streams (the engine's streams use the seed alone)."""

MAX_FIRM_YEARS = 3_000_000_000
"""Upper bound on firms × years of one what-if (about 100 s on one core)."""

FIGURES = ("insured", "ip_rights", "gross", "demanded", "paid", "loss")
"""Per variant and year: firms insured, IP rights, gross premium, subsidy asked, paid, loss."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One scenario of the what-if as per-firm arrays (CNY; ``budget`` inf when none)."""

    subsidy: FloatArray
    threshold: np.ndarray
    fallback: np.ndarray
    budget: float
    first_come: bool


@dataclass(frozen=True, slots=True)
class TakeUpInputs:
    """The population's per-firm gross premium (CNY) and IP rights, and the variants."""

    gross: FloatArray
    ip_rights: FloatArray
    variants: tuple[Variant, ...]

    @property
    def firms(self) -> int:
        """Number of firms."""
        return int(self.gross.size)


@dataclass(frozen=True, slots=True)
class YearClaims:
    """Claims of simulated years: year index, firm index and insured amount (CNY)."""

    year: IntArray
    firm: IntArray
    amount: FloatArray

    def between(self, start: int, stop: int) -> YearClaims:
        """Return the claims of the years ``[start, stop)`` (the claims are sorted by year)."""
        low, high = np.searchsorted(self.year, [start, stop], side="left")
        return YearClaims(self.year[low:high], self.firm[low:high], self.amount[low:high])


def sorted_claims(year: IntArray, firm: IntArray, amount: FloatArray) -> YearClaims:
    """Return claims sorted by year (stable: the engine's order within a year is kept)."""
    order = np.argsort(year, kind="stable")
    return YearClaims(year[order].astype(np.int64), firm[order].astype(np.int64), amount[order])


def check_size(seed: int, years: int, firms: int) -> None:
    """Refuse a negative seed, a bad number of years, or more than the firm-years allowed."""
    check_sims(years, "years")
    if seed < 0:
        raise InvalidInput("seed", f"must be a non-negative integer, got {seed}")
    if years * firms > MAX_FIRM_YEARS:
        raise InvalidInput(
            "years", f"firms × years must be at most {MAX_FIRM_YEARS:,}, got {years * firms:,}"
        )


def take_up_grid(seed: int, years: int, firms: int) -> list[Block]:
    """Cut ``years`` into chunks of :data:`TAKE_UP_YEARS`, each with its own seed sequence."""
    check_size(seed, years, firms)
    count = block_count(years, block_sims=TAKE_UP_YEARS)
    children = np.random.SeedSequence([seed, STREAM]).spawn(count)
    return [
        Block(i, i * TAKE_UP_YEARS, min(TAKE_UP_YEARS, years - i * TAKE_UP_YEARS), child)
        for i, child in enumerate(children)
    ]


@dataclass(frozen=True, slots=True)
class Arrival:
    """The order applicants arrive in: a permutation's ranks per firm, shifted each year."""

    rank: IntArray
    shift: IntArray

    def positions(self, row: IntArray, firm: IntArray) -> IntArray:
        """Return each (year row, firm)'s place in that year's queue."""
        place: IntArray = (self.rank[firm] - self.shift[row]) % self.rank.size
        return place


def _first_come(
    variant: Variant, draws: np.ndarray, insured: np.ndarray, over: IntArray, arrival: Arrival
) -> tuple[FloatArray, IntArray, IntArray]:
    """Ration the years ``over`` budget first come, first served.

    Returns the subsidy paid per year of ``over`` and the (row, firm) pairs that drop out:
    applicants refused for want of budget who do not insure at their unsubsidised price.
    """
    rows, firms = np.nonzero(insured[over])
    asked = variant.subsidy[firms]
    applicant = asked > 0
    rows, firms, asked = rows[applicant], firms[applicant], asked[applicant]
    queue = np.lexsort((arrival.positions(over[rows], firms), rows))
    rows, firms, asked = rows[queue], firms[queue], asked[queue]
    total = np.cumsum(asked)
    first = np.searchsorted(rows, rows, side="left")
    before = total - asked - (total[first] - asked[first])
    share = np.minimum(np.clip(variant.budget - before, 0.0, None) / asked, 1.0)
    refused = share <= 0
    stays = draws[over[rows[refused]], firms[refused]] >= variant.fallback[firms[refused]]
    drop = np.flatnonzero(refused)[~stays]
    paid = np.bincount(rows, weights=asked * share, minlength=over.size)
    return np.minimum(paid, variant.budget), over[rows[drop]], firms[drop]


def _variant_years(
    variant: Variant,
    inputs: TakeUpInputs,
    draws: np.ndarray,
    insured: np.ndarray,
    arrival: Arrival,
) -> FloatArray:
    """Return the figures of one variant over a chunk's years, shape ``(6, years)``.

    ``insured`` (years × firms, reused) is left holding the variant's final take-up.
    """
    np.greater_equal(draws, variant.threshold, out=insured, casting="unsafe")
    values = np.stack([np.ones(inputs.firms), inputs.ip_rights, inputs.gross, variant.subsidy], 1)
    sums = insured @ values
    demanded = sums[:, 3].copy()
    paid = np.minimum(demanded, variant.budget)
    over = np.flatnonzero(demanded > variant.budget)
    if variant.first_come and over.size:
        paid[over], rows, firms = _first_come(variant, draws, insured, over, arrival)
        insured[rows, firms] = 0.0
        for column in range(3):
            sums[:, column] -= np.bincount(rows, values[firms, column], minlength=len(sums))
    return np.stack([sums[:, 0], sums[:, 1], sums[:, 2], demanded, paid, np.zeros(len(paid))])


def simulate_chunks(
    inputs: TakeUpInputs, chunks: Sequence[Block], claims: Sequence[YearClaims]
) -> list[FloatArray]:
    """Simulate chunks of years for every variant: one array ``(variants, 6, years)`` each.

    The six figures are :data:`FIGURES`; ``claims[i]`` are chunk ``i``'s claims (absolute
    years). The chunks share two scratch arrays (years × firms): a fresh page costs far more
    than the arithmetic on it, so a task runs several chunks on the same memory.
    """
    longest = max((chunk.size for chunk in chunks), default=0)
    draws = np.empty((longest, inputs.firms), dtype=np.float32)
    insured = np.empty((longest, inputs.firms))
    return [
        _simulate_chunk(inputs, chunk, part, draws[: chunk.size], insured[: chunk.size])
        for chunk, part in zip(chunks, claims, strict=True)
    ]


def _simulate_chunk(
    inputs: TakeUpInputs,
    chunk: Block,
    claims: YearClaims,
    draws: np.ndarray,
    insured: np.ndarray,
) -> FloatArray:
    rng = chunk.rng()
    rng.standard_exponential(out=draws, dtype=np.float32)
    rank = np.empty(inputs.firms, dtype=np.int64)
    rank[rng.permutation(inputs.firms)] = np.arange(inputs.firms)
    arrival = Arrival(rank, rng.integers(0, inputs.firms, chunk.size))
    year = claims.year - chunk.start
    result = np.empty((len(inputs.variants), len(FIGURES), chunk.size))
    for k, variant in enumerate(inputs.variants):
        result[k] = _variant_years(variant, inputs, draws, insured, arrival)
        covered = insured[year, claims.firm] > 0
        result[k, 5] = np.bincount(
            year[covered], weights=claims.amount[covered], minlength=chunk.size
        )
    return result
