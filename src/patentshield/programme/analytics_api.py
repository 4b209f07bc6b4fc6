"""``/api/v1/programme/{whatif,adequacy,simulate}``: the programme's simulations over HTTP.

A thin adapter over the services of ``patentshield programme whatif | adequacy | simulate``
(``--format json``), bounded as the other simulations over HTTP (:mod:`patentshield.assessment.api`:
100 to 50,000 simulated years, two threads, a 60 s time limit; a request above a bound is
refused with 422 naming the field). A request is never a path on the server, so:

- **what-if**: the population is the enterprises the caller sees in the database (an
  administration's: its region's, for a programme of its region; an insurer's: those it works
  with) — a population file stays with the CLI;
- **adequacy**: the catalog's products for one exporter (its US sales, or an enterprise the
  caller sees), or every policy the caller sees;
- **simulate**: the book is a document in the request (as written by ``programme synth``), at
  most :data:`MAX_BOOK_POLICIES` policies and within the request size limit.

Calibration and parameter files are the operator's: the runtime's parameters are used.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from patentshield.assessment.api import THREADS, Seed, Years
from patentshield.kernel.access import Permission, require
from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Day, Document, bounded
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import parse_decimal
from patentshield.programme.adequacy_service import AdequacyRequest, limit_adequacy
from patentshield.programme.service import PortfolioRequest, simulate_book
from patentshield.programme.whatif import Changes, Rationing
from patentshield.programme.whatif_service import WhatIfRequest, run_whatif

router = APIRouter(prefix="/programme", tags=["programme"])

MAX_CASES = 200_000
"""Most simulated 337 cases of an adequacy request over HTTP (the CLI allows 1,000,000)."""
MAX_BOOK_POLICIES = 5_000
"""Most policies of a book simulated over HTTP (a larger book: ``programme simulate``)."""

Name = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(max_length=40)]


class WhatIfIn(BaseModel):
    """A subsidy programme and what changes in it; the population is the caller's view."""

    programme: Name
    rate: Text | None = Field(default=None, description="Changed rate, a share (0.3).")
    cap: Text | None = Field(default=None, description="Changed cap per applicant and year, CNY.")
    budget: Text | None = Field(default=None, description="Changed budget a year, CNY.")
    rationing: Rationing = Rationing.PRO_RATA
    product: Name | None = Field(default=None, description="Product offered to every firm.")
    date: Day | None = Field(default=None, description="Day of the what-if (today).")
    years: Years = 10_000
    seed: Seed = 0
    elasticity: Annotated[float | None, Field(ge=-100, le=100)] = None
    participation: Annotated[float, Field(gt=0, le=1)] = 1.0


class AdequacyIn(BaseModel):
    """Whose limits are judged: an exporter's US sales, an enterprise, or every policy."""

    us_sales: Text | None = Field(default=None, description="Annual US sales, USD (2,000,000).")
    enterprise: Name | None = None
    policies: bool = Field(default=False, description="Judge every policy the caller sees.")
    cases: Annotated[int, Field(ge=100, le=MAX_CASES)] = 20_000
    seed: Seed = 0
    date: Day | None = None


class SimulateIn(BaseModel):
    """A book document (``programme synth``'s JSON) and the years to simulate."""

    book: dict[str, Any] = Field(description="The book: format, products and policies.")
    years: Years = 10_000
    seed: Seed = 0


@router.post("/whatif", response_model=Document, summary="What-if of a subsidy programme")
def whatif(body: WhatIfIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Take-up, budget, premiums and losses of a programme as today, withdrawn and changed."""
    changes = Changes.of_text(
        rate=body.rate, cap=body.cap, budget=body.budget, rationing=body.rationing
    )
    request = WhatIfRequest(
        programme=body.programme,
        years=body.years,
        seed=body.seed,
        changes=changes,
        product=body.product,
        day=body.date,
        elasticity=body.elasticity,
        participation=body.participation,
        threads=THREADS,
    )
    return bounded(lambda: run_whatif(runtime, request))


@router.post("/adequacy", response_model=Document, summary="Limit adequacy")
def adequacy(body: AdequacyIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Share of 337 defences each limit pays in full, the limit for 90 % and its premium."""
    request = AdequacyRequest(
        us_sales=None if body.us_sales is None else parse_decimal(body.us_sales, field="us_sales"),
        enterprise=body.enterprise,
        policies=body.policies,
        cases=body.cases,
        seed=body.seed,
        day=body.date,
    )
    return bounded(lambda: limit_adequacy(runtime, request))


@router.post("/simulate", response_model=Document, summary="Simulate a book of policies")
def simulate(body: SimulateIn, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Loss distribution, loss ratios, tail contributions and the pool-size effect of a book."""
    require(runtime.caller, Permission.PROGRAMME_READ)
    request = PortfolioRequest(book=None, years=body.years, seed=body.seed, threads=THREADS)
    return bounded(
        lambda: simulate_book(runtime, body.book, request, max_policies=MAX_BOOK_POLICIES)
    )
