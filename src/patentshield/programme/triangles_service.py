"""Use case: claims development triangles and reserves, from the ledger or a simulated history.

* **ledger** — every claim of the claims ledger (read through the claims and policies stores
  in one session), its payments and adjudications, by the policy year of its policy; the
  premium of each policy year is the gross premium of the policies starting in it.
* **simulated** — a book (a ``programme synth`` file, or a synthetic book of ``policies``
  drawn now) run through the portfolio engine for ``origins`` policy years; each claim's
  case duration comes from the phase model
  (:func:`patentshield.risk.proceedings.simulate_respondents` for the claim's exporter);
  amounts in CNY at today's USD/CNY rate.

Reserves are chain-ladder and Bornhuetter–Ferguson by :mod:`patentshield.programme.reserving`
(the optional ``chainladder`` library). The a-priori loss ratio of BF is the caller's, else
58 % for the ledger (Guangdong's pilots to 2015: CNY 1.0978 M paid on CNY 1.8826 M of
premium, DOMAIN.md §4.2 [R85]) and the book's own expected loss ratio for a simulated history
(10,000 further simulated years, the prior an insurer takes from its pricing).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session

from patentshield.assessment.service import parameters_for
from patentshield.catalog.loader import Catalog
from patentshield.claims.ledger_store import LedgerRepository
from patentshield.claims.store import ClaimRepository
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.fx import FxTable
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, Money
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.tenancy import EVERYTHING, Scope, scope_of
from patentshield.policies import store as policy_store
from patentshield.programme.book import book_from_document
from patentshield.programme.reserving import reserves
from patentshield.programme.synth import synthetic_book
from patentshield.programme.triangles import (
    ClaimHistory,
    Triangle,
    ledger_triangles,
    simulated_triangle,
)
from patentshield.programme.triangles_report import triangles_document
from patentshield.risk.data_files import read_document
from patentshield.risk.montecarlo import blocks, run_blocks
from patentshield.risk.parameters import Parameters
from patentshield.risk.portfolio import Book, join_blocks, simulate_book_block
from patentshield.risk.proceedings import RespondentOutcome, simulate_respondents

GUANGDONG_LOSS_RATIO = 0.58
"""CNY 1.0978 M paid ÷ CNY 1.8826 M premium, Guangdong's pilots to 2015 [R85] (D)."""

MAX_ORIGINS = 50
PRIOR_YEARS = 10_000
DURATION_STREAM = 0x7A4E_0014


@dataclass(frozen=True, slots=True)
class TrianglesRequest:
    """What ``programme triangles`` is asked."""

    source: str = "ledger"
    day: date | None = None
    apriori: float | None = None
    book: Path | None = None
    policies: int = 100_000
    origins: int = 10
    seed: int = 0


def claim_histories(session: Session, scope: Scope = EVERYTHING) -> list[ClaimHistory]:
    """Return every claim of the book with its policy year, payments and adjudications."""
    ledger = LedgerRepository(session)
    histories = []
    for claim in ClaimRepository(session).matching(scope=scope, book=True):
        policy = policy_store.get_policy(session, claim.policy_number)
        histories.append(
            ClaimHistory(
                claim_id=claim.id,
                policy_year=policy.period_start.year,
                currency=claim.currency,
                payments=tuple((p.paid_on, p.amount.amount) for p in ledger.payments(claim.id)),
                adjudications=tuple(
                    (day, payable.amount) for day, payable in ledger.adjudication_history(claim.id)
                ),
            )
        )
    return histories


def premium_by_year(
    session: Session, scope: Scope = EVERYTHING
) -> dict[Currency, dict[int, Money]]:
    """Return the gross premium of the book's policies starting in each year, by currency."""
    totals: dict[Currency, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for policy in policy_store.list_policies(session, scope=scope, book=True):
        premium = policy.gross_premium
        totals[premium.currency][policy.period_start.year] += premium.amount
    return {
        currency: {year: Money(amount, currency) for year, amount in years.items()}
        for currency, years in totals.items()
    }


def _ledger(runtime: Runtime, request: TrianglesRequest) -> dict[str, JsonValue]:
    evaluation = request.day or runtime.clock.today()
    require(runtime.caller, Permission.PROGRAMME_READ)
    scope = scope_of(runtime.caller)
    with runtime.unit_of_work() as session:
        triangles = ledger_triangles(claim_histories(session, scope), evaluation)
        premium = premium_by_year(session, scope)
    apriori = GUANGDONG_LOSS_RATIO if request.apriori is None else request.apriori
    results = [
        (t, reserves(t, premium=premium.get(t.currency), apriori=apriori)) for t in triangles
    ]
    return triangles_document("ledger", evaluation, results, premium)


def _book(runtime: Runtime, request: TrianglesRequest) -> tuple[Parameters, Book]:
    """Return the parameters and the book to simulate: the file given, else a synthetic one."""
    parameters = parameters_for(runtime)
    if request.book is not None:
        document = read_document(request.book, "book")
    else:
        day = runtime.clock.today()
        document = synthetic_book(
            policies=request.policies,
            seed=request.seed,
            products=runtime.reference.get(Catalog).products(day),
            fx=runtime.reference.get(FxTable).usd_cny(day)[0],
            parameters=parameters,
        )
    book, _ = book_from_document(document, parameters)
    return parameters, book


def simulated_history(
    runtime: Runtime, request: TrianglesRequest, parameters: Parameters, book: Book
) -> tuple[Triangle, Money]:
    """Return a simulated triangle of ``origins`` policy years and the book's premium (CNY)."""
    fx = float(runtime.reference.get(FxTable).usd_cny(runtime.clock.today())[0].rate)
    kernel = partial(simulate_book_block, parameters, book)
    result = join_blocks(run_blocks(kernel, blocks(request.seed, request.origins)))
    rng = np.random.default_rng([request.seed, DURATION_STREAM])
    cases = simulate_respondents(
        parameters,
        rng,
        sales_usd=book.sales_usd[result.claim_policy],
        chinese_respondents=np.ones(result.claim_policy.size, dtype=np.int64),
        insured=True,
    )
    decided = cases.outcome >= RespondentOutcome.NO_VIOLATION
    decided &= cases.outcome != RespondentOutcome.DEFAULTED
    appealed = decided & (rng.random(decided.size) < parameters.get("case.appeal_given_decided"))
    months = cases.months + np.where(appealed, parameters.get("durations_months.appeal"), 0.0)
    first = runtime.clock.today().year - request.origins
    triangle = simulated_triangle(
        result.claim_year,
        result.claim_insured * fx,
        months,
        origins=request.origins,
        first_year=first,
        rng=rng,
    )
    premium = Money(Decimal(repr(float(book.premium_usd.sum()) * fx)), Currency.CNY).rounded()
    return triangle, premium


def _prior(parameters: Parameters, book: Book, seed: int) -> float:
    """Return the book's expected loss ratio over further simulated years (BF's prior)."""
    kernel = partial(simulate_book_block, parameters, book)
    loss = join_blocks(run_blocks(kernel, blocks(seed + 1, PRIOR_YEARS))).loss
    return float(loss.mean() / book.premium_usd.sum())


def _simulated(runtime: Runtime, request: TrianglesRequest) -> dict[str, JsonValue]:
    if not 1 <= request.origins <= MAX_ORIGINS:
        raise InvalidInput("origins", f"must be between 1 and {MAX_ORIGINS}, got {request.origins}")
    parameters, book = _book(runtime, request)
    triangle, premium = simulated_history(runtime, request, parameters, book)
    by_year = {year: premium for year in triangle.origins}
    prior = request.apriori
    apriori = _prior(parameters, book, request.seed) if prior is None else prior
    result = reserves(triangle, premium=by_year, apriori=apriori)
    return triangles_document(
        "simulated", triangle.evaluation, [(triangle, result)], {Currency.CNY: by_year}
    )


def claims_development(runtime: Runtime, request: TrianglesRequest) -> dict[str, JsonValue]:
    """Return the triangles and reserves of the ledger or of a simulated history."""
    require(runtime.caller, Permission.PROGRAMME_READ)
    if request.apriori is not None and not 0 <= request.apriori <= 10:
        raise InvalidInput(
            "apriori", f"must be a loss ratio between 0 and 10, got {request.apriori}"
        )
    if request.source == "ledger":
        return _ledger(runtime, request)
    if request.source == "simulated":
        return _simulated(runtime, request)
    raise InvalidInput("source", f"must be ledger or simulated, got {request.source!r}")
