"""An exporter's simulated years: complaints, named cases, GEO reach, costs and policy payments.

Per block of the Monte Carlo grid (:mod:`patentshield.risk.montecarlo`): draw the year shock,
the complaints of each of the exporter's product classes, which of them name it (or reach it
through a general exclusion order), the path of each investigation that names it
(:mod:`patentshield.risk.investigations`), the exporter's own case on that path
(:mod:`patentshield.risk.proceedings`), and apply the policy's terms
(:mod:`patentshield.risk.terms`).

**Insured or not.** An insured respondent defaults less (``respondents.insured_default_factor``),
so the exporter's cost depends on whether it holds cover. Both are simulated on the same random
numbers: a case whose default draw falls between the insured and the uninsured default chance
is simulated twice — defaulting (as the uninsured exporter) and defending (as the insured one).
``cost`` is the exporter's yearly cost without insurance; ``cost_when_insured`` its cost when it
holds the policies, to which their terms apply.

A block returns its years before any policy (:class:`SimulatedYears`: per-year totals,
per-category sums and the insured exporter's cases); :func:`simulate_years` joins the blocks
in order, so the result does not depend on threads or task size, and
:meth:`SimulatedYears.under` applies any number of policies' terms to those same cases
(common random numbers) — as often as a caller likes, without simulating again.

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from patentshield.risk.distributions import BoolArray, FloatArray, IntArray
from patentshield.risk.exposure import (
    ClassExposure,
    Complaints,
    ExposureProfile,
    chapter_rate,
    draw_complaints,
    naming_intensity,
    year_shock,
)
from patentshield.risk.investigations import draw_paths, geo_reach, path_class
from patentshield.risk.montecarlo import Block, blocks, run_blocks
from patentshield.risk.parameters import Parameters
from patentshield.risk.proceedings import (
    CATEGORIES,
    RespondentOutcome,
    default_chance,
    lost_us_profit_and_design_around,
    simulate_cases,
)
from patentshield.risk.terms import CoverTerms, pay_policies, sum_by_year


@dataclass(frozen=True, slots=True)
class Cases:
    """All cases of a block: year index, cost rows, outcome, months; GEO-only rows flagged.

    ``uninsured`` and ``insured`` mark the rows of the exporter without and with cover (most
    rows are both; a case whose default depends on the cover has one row of each).
    """

    simulation: IntArray
    costs: FloatArray
    outcome: IntArray
    months: FloatArray
    named: BoolArray
    uninsured: BoolArray
    insured: BoolArray


@dataclass(frozen=True, slots=True)
class YearResults:
    """Per simulated year: cost, insured and named cases; per category: sums over the years.

    ``cost`` and ``cost_by_category`` are the exporter's without insurance, the
    ``…_when_insured`` figures its own when it holds the policies (module docstring);
    ``outcomes`` count how its named cases end, without and with cover. ``insured`` is
    ``(policies, years)``, ``insured_by_category`` and
    ``uncovered_by_category`` are ``(policies, categories)`` and ``limit_exhausted`` counts,
    per policy, the years whose payments reached the aggregate limit: every policy is applied
    to the same simulated cases (common random numbers, so policies compare without noise).
    """

    cost: FloatArray
    cost_when_insured: FloatArray
    insured: FloatArray
    named_cases: IntArray
    cost_by_category: FloatArray
    cost_by_category_when_insured: FloatArray
    insured_by_category: FloatArray
    uncovered_by_category: FloatArray
    outcomes: IntArray
    outcomes_when_insured: IntArray
    months_sum: float
    months_count: int
    limit_exhausted: IntArray


def _named_cases(
    parameters: Parameters,
    rng: np.random.Generator,
    complaints: Complaints,
    u: FloatArray,
    sales_usd: float,
    compliant: bool = False,
) -> Cases:
    """Simulate the exporter's cases in the complaints that name it, insured and not.

    A compliant exporter's case ends early more often: its uniform is divided by
    ``compliance.early_exit_factor``, which multiplies the share of early exits (settlement,
    consent order, withdrawal) and shrinks the later classes alike; and it defaults less
    (:func:`~patentshield.risk.proceedings.default_chance`).
    """
    if compliant:
        u = u / parameters.get("compliance.early_exit_factor")
    classes = path_class(parameters, u, complaints.chinese)
    paths = draw_paths(parameters, rng, classes, complaints.chinese)
    draw = rng.random(classes.size)
    uninsured_default = draw < default_chance(parameters, insured=False, compliant=compliant)
    switches = uninsured_default & (
        draw >= default_chance(parameters, insured=True, compliant=compliant)
    )
    twice = np.flatnonzero(switches)
    rows = np.concatenate([np.arange(classes.size), twice])
    defaulted = np.concatenate([uninsured_default, np.zeros(twice.size, bool)])
    cases = simulate_cases(
        parameters,
        rng,
        paths.take(rows),
        sales_usd=np.full(rows.size, sales_usd),
        defaulted=defaulted,
    )
    uninsured = np.concatenate([np.ones(classes.size, bool), np.zeros(twice.size, bool)])
    return Cases(
        complaints.simulation[rows],
        cases.costs,
        cases.outcome,
        cases.months,
        np.ones(rows.size, bool),
        uninsured,
        np.concatenate([~switches, np.ones(twice.size, bool)]),
    )


def _geo_cases(
    parameters: Parameters, rng: np.random.Generator, simulation: IntArray, sales_usd: float
) -> Cases:
    """Rows of the exporter's losses from GEOs that reach it without naming it."""
    n = simulation.size
    costs = np.zeros((n, len(CATEGORIES)))
    lost_us_profit_and_design_around(
        parameters, rng, costs, np.ones(n, bool), np.full(n, sales_usd)
    )
    both = np.ones(n, bool)
    return Cases(simulation, costs, np.full(n, -1, np.int64), np.zeros(n), ~both, both, both)


def _class_cases(
    parameters: Parameters,
    rng: np.random.Generator,
    item: ClassExposure,
    profile: ExposureProfile,
    shock: FloatArray,
) -> list[Cases]:
    reach = parameters.get("geo.reach_multiplier")
    rate = chapter_rate(parameters, item.chapter).complaints_per_year
    intensity = naming_intensity(parameters, profile, item)
    complaints = draw_complaints(parameters, rng, rate * shock)
    draw = rng.random((2, complaints.simulation.size))
    named = draw[0] < 1.0 - (1.0 - intensity) ** complaints.chinese
    reached = ~named & geo_reach(
        parameters, draw[1], complaints.chinese, min(1.0, reach * intensity)
    )
    sales = item.annual_us_sales_usd
    return [
        _named_cases(
            parameters,
            rng,
            complaints.subset(named),
            draw[1][named],
            sales,
            profile.compliant,
        ),
        _geo_cases(parameters, rng, complaints.simulation[reached], sales),
    ]


def _join(parts: list[Cases]) -> Cases:
    if not parts:
        empty, no = np.zeros(0, np.int64), np.zeros(0, bool)
        return Cases(empty, np.zeros((0, len(CATEGORIES))), empty, np.zeros(0), no, no, no)
    return Cases(*(np.concatenate([getattr(p, f) for p in parts]) for f in Cases.__slots__))


def _outcomes(cases: Cases, rows: BoolArray) -> IntArray:
    named = cases.named & rows
    counts: IntArray = np.bincount(cases.outcome[named], minlength=len(RespondentOutcome)).astype(
        np.int64
    )
    return counts


@dataclass(frozen=True, slots=True)
class SimulatedYears:
    """An exporter's simulated years before any policy, to which any policy's terms apply.

    ``base`` holds every figure no policy changes (its policy arrays have no rows); ``year``,
    ``costs`` and ``exclusion_draw`` are the cases of the exporter *as an insured* (simulated
    year, cost by category, the exclusion draw). :meth:`under` applies terms to those same
    cases, so products compared on one ``SimulatedYears`` share their random numbers and a
    product's premium can be iterated without simulating again.
    """

    years: int
    year: IntArray
    costs: FloatArray
    exclusion_draw: FloatArray
    base: YearResults

    def under(self, policies: Sequence[CoverTerms]) -> YearResults:
        """Return the years with each of ``policies`` applied to the same cases."""
        paid = pay_policies(policies, self.costs, self.year, self.exclusion_draw, self.years)
        return replace(
            self.base,
            insured=paid.insured,
            insured_by_category=paid.insured_by_category,
            uncovered_by_category=paid.uncovered_by_category,
            limit_exhausted=paid.limit_exhausted,
        )

    def _arrays(self) -> list[np.ndarray]:
        base = [getattr(self.base, name) for name in YearResults.__slots__]
        own = [self.year, self.costs, self.exclusion_draw]
        return own + [value for value in base if isinstance(value, np.ndarray)]

    def read_only(self) -> SimulatedYears:
        """Make every array read-only and return ``self`` (years shared between callers)."""
        for array in self._arrays():
            array.flags.writeable = False
        return self

    @property
    def nbytes(self) -> int:
        """Return the memory its arrays hold (what a cache of simulated years counts)."""
        return sum(array.nbytes for array in self._arrays())


def simulate_block_years(
    parameters: Parameters, profile: ExposureProfile, block: Block
) -> SimulatedYears:
    """Simulate the years of one block for one exporter, before any policy."""
    rng = block.rng()
    shock = year_shock(parameters, rng, block.size)
    cases = _join(
        [
            part
            for item in profile.classes
            for part in _class_cases(parameters, rng, item, profile, shock)
        ]
    )
    exclusion_draw = rng.random(cases.simulation.size)
    covered, bare = cases.insured, cases.uninsured
    year, costs = cases.simulation[covered], cases.costs[covered]
    named = cases.named & bare
    base = YearResults(
        cost=sum_by_year(cases.simulation[bare], cases.costs[bare].sum(axis=1), block.size),
        cost_when_insured=sum_by_year(year, costs.sum(axis=1), block.size),
        insured=np.zeros((0, block.size)),
        named_cases=np.bincount(cases.simulation[named], minlength=block.size).astype(np.int64),
        cost_by_category=cases.costs[bare].sum(axis=0),
        cost_by_category_when_insured=costs.sum(axis=0),
        insured_by_category=np.zeros((0, len(CATEGORIES))),
        uncovered_by_category=np.zeros((0, len(CATEGORIES))),
        outcomes=_outcomes(cases, bare),
        outcomes_when_insured=_outcomes(cases, covered),
        months_sum=float(cases.months[named].sum()),
        months_count=int(named.sum()),
        limit_exhausted=np.zeros(0, dtype=np.int64),
    )
    return SimulatedYears(block.size, year, costs, exclusion_draw[covered], base)


def combine(results: list[YearResults]) -> YearResults:
    """Join block results in block order (per-year arrays concatenated, sums added)."""
    return YearResults(
        cost=np.concatenate([r.cost for r in results]),
        cost_when_insured=np.concatenate([r.cost_when_insured for r in results]),
        insured=np.concatenate([r.insured for r in results], axis=1),
        named_cases=np.concatenate([r.named_cases for r in results]),
        cost_by_category=np.sum([r.cost_by_category for r in results], axis=0),
        cost_by_category_when_insured=np.sum(
            [r.cost_by_category_when_insured for r in results], axis=0
        ),
        insured_by_category=np.sum([r.insured_by_category for r in results], axis=0),
        uncovered_by_category=np.sum([r.uncovered_by_category for r in results], axis=0),
        outcomes=np.sum([r.outcomes for r in results], axis=0),
        outcomes_when_insured=np.sum([r.outcomes_when_insured for r in results], axis=0),
        months_sum=sum(r.months_sum for r in results),
        months_count=sum(r.months_count for r in results),
        limit_exhausted=np.sum([r.limit_exhausted for r in results], axis=0),
    )


def join_years(parts: Sequence[SimulatedYears]) -> SimulatedYears:
    """Join blocks' simulated years in block order (years renumbered from the first block)."""
    starts = np.cumsum([0, *(part.years for part in parts)])
    return SimulatedYears(
        years=int(starts[-1]),
        year=np.concatenate(
            [part.year + start for part, start in zip(parts, starts[:-1], strict=True)]
        ),
        costs=np.concatenate([part.costs for part in parts]),
        exclusion_draw=np.concatenate([part.exclusion_draw for part in parts]),
        base=combine([part.base for part in parts]),
    )


def simulate_years(
    parameters: Parameters,
    profile: ExposureProfile,
    *,
    years: int,
    seed: int,
    threads: int = 1,
    on_block: Callable[[int], None] | None = None,
) -> SimulatedYears:
    """Simulate ``years`` independent years of an exporter's 337 exposure, before any policy.

    ``on_block`` is told of each block of years done
    (:func:`~patentshield.risk.montecarlo.run_blocks`); the result does not depend on threads.
    """
    parts = run_blocks(
        lambda block: simulate_block_years(parameters, profile, block),
        blocks(seed, years),
        threads=threads,
        on_block=on_block,
    )
    return join_years(parts)


def simulate_enterprise(
    parameters: Parameters,
    profile: ExposureProfile,
    *,
    years: int,
    seed: int,
    policies: Sequence[CoverTerms] = (),
    threads: int = 1,
    on_block: Callable[[int], None] | None = None,
) -> YearResults:
    """Simulate ``years`` years of an exporter's 337 exposure under ``policies``.

    The years are simulated once (:func:`simulate_years`) and every policy applied to them.
    """
    simulated = simulate_years(
        parameters, profile, years=years, seed=seed, threads=threads, on_block=on_block
    )
    return simulated.under(policies)
