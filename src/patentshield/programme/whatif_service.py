"""Use case: a subsidy what-if — take-up, budget, premiums and the book's losses by scenario.

:func:`run_whatif` finds the programme version (the runtime's programmes) in force on the
what-if's day — today, or the programme's first day when it is not in force today — builds
the population (a population file, else the enterprises in the database), prices each firm's
offer with the runtime's catalog, evaluates every scenario's subsidy per firm, then simulates:

1. the portfolio engine once for the whole population as if every firm were insured
   (:func:`patentshield.risk.portfolio.simulate_book_block`, the runtime's parameters and
   today's USD/CNY rate), which gives every firm's claims per simulated year;
2. the take-up years of every scenario and of the sensitivity elasticities on the same draws
   (:func:`patentshield.programme.takeup_years.simulate_chunk`).

Both run on threads, or on Dask (``workers`` local processes or a ``scheduler`` address),
with the same result bit for bit.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np

from patentshield.assessment.service import parameters_for
from patentshield.catalog.loader import Catalog
from patentshield.enterprises.service import list_enterprises
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import Forbidden, InvalidInput
from patentshield.kernel.fx import FxTable
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.tenancy import Reach, scope_of
from patentshield.programme.population import (
    Population,
    database_population,
    population_from_document,
)
from patentshield.programme.takeup import (
    DEFAULT_ELASTICITY,
    SENSITIVITY_FACTORS,
    check_elasticity,
)
from patentshield.programme.takeup_years import (
    TakeUpInputs,
    Variant,
    YearClaims,
    check_size,
    simulate_chunks,
    sorted_claims,
    take_up_grid,
)
from patentshield.programme.whatif import (
    Changes,
    Market,
    Offers,
    Scenario,
    default_product,
    offers,
    product_version,
    scenarios,
    subsidies,
    take_up_inputs,
    variant,
)
from patentshield.programme.whatif_report import WhatIfRun, whatif_document
from patentshield.risk.data_files import read_document
from patentshield.risk.distributions import FloatArray
from patentshield.risk.exposure import intensities
from patentshield.risk.montecarlo import blocks, check_sims, run_blocks
from patentshield.risk.parameters import Parameters
from patentshield.risk.portfolio import Book, join_blocks, simulate_book_block
from patentshield.risk.terms import TermsTable
from patentshield.subsidies.catalog import Programmes, find_programme
from patentshield.subsidies.model import Programme


@dataclass(frozen=True, slots=True)
class WhatIfRequest:
    """What ``programme whatif`` is asked (``elasticity`` ``None``: the calibrated one)."""

    programme: str
    years: int
    seed: int
    changes: Changes = Changes()
    population: Path | None = None
    product: str | None = None
    day: date | None = None
    elasticity: float | None = None
    participation: float = 1.0
    threads: int = 1
    workers: int | None = None
    scheduler: str | None = None

    @property
    def on_dask(self) -> bool:
        """Tell whether the simulation runs on Dask."""
        return self.workers is not None or self.scheduler is not None


@dataclass(frozen=True, slots=True)
class Priced:
    """A what-if's population with its offers and every scenario's subsidies."""

    market: Market
    population: Population
    offers: Offers
    scenarios: tuple[Scenario, ...]
    subsidies: tuple[FloatArray, ...]
    warnings: tuple[str, ...]


def _population(runtime: Runtime, request: WhatIfRequest, parameters: Parameters) -> Population:
    if request.population is not None:
        document = read_document(request.population, "population")
        return population_from_document(document, parameters, source=str(request.population))
    return database_population(list_enterprises(runtime), participation=request.participation)


def check_may_study(runtime: Runtime, programme: Programme) -> None:
    """Refuse a caller without ``programme:read``, or an administration outside its region.

    An administration studies the programmes of its region (over its region's enterprises);
    an insurer or the platform any published programme (over the enterprises it sees).
    """
    require(runtime.caller, Permission.PROGRAMME_READ)
    scope = scope_of(runtime.caller)
    if scope.reach is Reach.REGION and not scope.covers_region(programme.region_code):
        raise Forbidden(
            Permission.PROGRAMME_READ.value,
            f"{programme.id} (region {programme.region_code}) is not your administration's",
        )


def _priced(runtime: Runtime, request: WhatIfRequest) -> Priced:
    """Find the programme, build the population, price its offers and every scenario."""
    today = runtime.clock.today()
    known = runtime.reference.get(Programmes)
    programme = find_programme(request.programme, request.day or today, known)
    check_may_study(runtime, programme)
    day = request.day or (today if programme.is_valid_on(today) else programme.valid_from)
    fx, fx_warnings = runtime.reference.get(FxTable).usd_cny(today)
    market = Market(runtime.reference.get(Catalog), day, fx, parameters_for(runtime))
    population = _population(runtime, request, market.parameters)
    default, note = default_product(programme, market.catalog, day), None
    if request.product is not None:
        default, note = product_version(market.catalog, request.product, day)
    chosen = offers(population, default, market, everyone=request.product is not None)
    terms = scenarios(programme, request.changes)
    evaluated = [subsidies(scenario, population, chosen, day=day) for scenario in terms]
    warnings = [*fx_warnings, *chosen.notes, *(w for _, ws in evaluated for w in ws)]
    return Priced(
        market=market,
        population=population,
        offers=chosen,
        scenarios=terms,
        subsidies=tuple(amounts for amounts, _ in evaluated),
        warnings=tuple(dict.fromkeys([*warnings, *([note] if note else [])])),
    )


def population_book(priced: Priced) -> Book:
    """Return the population as a book of policies for the portfolio engine (USD)."""
    firms = priced.population.firms
    chapter = np.array([firm.chapter for firm in firms], dtype=np.int64)
    sales = np.array([firm.us_sales_usd for firm in firms])
    flags = {
        name: np.array([getattr(firm, name) for firm in firms], dtype=bool)
        for name in ("past_itc_case", "own_us_patents", "compliance_programme")
    }
    parameters = priced.market.parameters
    return Book(
        chapter=chapter,
        sales_usd=sales,
        intensity=intensities(parameters, chapter, sales, **flags),
        premium_usd=priced.offers.gross_cny() / float(priced.market.fx.rate),
        terms=TermsTable.of([offer.terms.terms for offer in priced.offers.firms]),
    )


def _inputs(priced: Priced, asked: int, elasticity: float) -> TakeUpInputs:
    """Return the take-up inputs: every scenario at β, then the asked one at β × factors."""
    gross = priced.offers.gross_cny()
    participation = priced.population.participation

    def at(index: int, beta: float) -> Variant:
        scenario, amounts = priced.scenarios[index], priced.subsidies[index]
        return variant(amounts, gross, scenario, elasticity=beta, participation=participation)

    runs = [at(i, elasticity) for i in range(len(priced.scenarios))]
    runs += [at(asked, elasticity * factor) for factor in SENSITIVITY_FACTORS]
    rights = [firm.patents for firm in priced.population.firms]
    return take_up_inputs(gross, rights, runs)


def _claims(runtime: Runtime, request: WhatIfRequest, priced: Priced) -> YearClaims:
    """Simulate the population's 337 cases once (every firm insured); return claims in CNY."""
    parameters, book = priced.market.parameters, population_book(priced)
    grid = blocks(request.seed, request.years)
    with runtime.progress.task("simulating 337 cases", total=len(grid)) as advance:
        if request.on_dask:
            from patentshield.programme.distributed import run_on_dask

            workers = request.workers or 2
            parts = run_on_dask(
                parameters,
                book,
                grid,
                workers=workers,
                scheduler=request.scheduler,
                on_block=advance,
            )
        else:
            kernel = partial(simulate_book_block, parameters, book)
            parts = run_blocks(kernel, grid, threads=request.threads, on_block=advance)
    result = join_blocks(parts)
    amount = result.claim_insured * float(priced.market.fx.rate)
    return sorted_claims(result.claim_year, result.claim_policy, amount)


def chunk_tasks(count: int, tasks: int) -> list[range]:
    """Cut ``count`` chunks into at most ``tasks`` contiguous runs (one scratch memory each)."""
    size = max(1, -(-count // max(tasks, 1)))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def _take_up(
    runtime: Runtime, request: WhatIfRequest, inputs: TakeUpInputs, claims: YearClaims
) -> FloatArray:
    """Simulate every take-up chunk; return ``(variants, figures, years)``.

    Chunks run in contiguous tasks (two per thread or worker); the grouping never changes a
    result, since each chunk draws from its own stream.
    """
    grid = take_up_grid(request.seed, request.years, inputs.firms)
    parts = [claims.between(chunk.start, chunk.start + chunk.size) for chunk in grid]
    lanes = (request.workers or 2) if request.on_dask else request.threads
    tasks = chunk_tasks(len(grid), 2 * lanes)
    work = [([grid[i] for i in task], [parts[i] for i in task]) for task in tasks]
    with runtime.progress.task("simulating take-up", total=len(grid)) as advance:
        if request.on_dask:
            from patentshield.programme.distributed import run_take_up_on_dask

            results = run_take_up_on_dask(
                inputs,
                work,
                workers=request.workers or 2,
                scheduler=request.scheduler,
                on_task=advance,
            )
        else:
            with ThreadPoolExecutor(max_workers=max(1, request.threads)) as pool:
                results = []
                for task, result in zip(
                    tasks, pool.map(lambda job: simulate_chunks(inputs, *job), work), strict=True
                ):
                    results.append(result)
                    advance(len(task))
    joined: FloatArray = np.concatenate([part for result in results for part in result], axis=2)
    return joined


def run_whatif(runtime: Runtime, request: WhatIfRequest) -> dict[str, JsonValue]:
    """Simulate the programme's scenarios over the population; return the what-if document."""
    started = time.perf_counter()
    check_sims(request.years, "years")
    if not 0 < request.participation <= 1:
        raise InvalidInput("participation", f"must be in (0, 1], got {request.participation}")
    elasticity = check_elasticity(
        DEFAULT_ELASTICITY if request.elasticity is None else request.elasticity
    )
    priced = _priced(runtime, request)
    check_size(request.seed, request.years, priced.population.size)
    asked = len(priced.scenarios) - 1 if request.changes.any else 0
    inputs = _inputs(priced, asked, elasticity)
    years = _take_up(runtime, request, inputs, _claims(runtime, request, priced))
    run = WhatIfRun(
        programme=priced.scenarios[0].programme,
        day=priced.market.day,
        population=priced.population,
        offers=priced.offers,
        scenarios=priced.scenarios,
        asked=asked,
        elasticity=elasticity,
        calibrated=request.elasticity is None,
        years=years,
        seed=request.seed,
        workers=request.workers or 0,
        warnings=priced.warnings,
        seconds=time.perf_counter() - started,
    )
    return whatif_document(run)
