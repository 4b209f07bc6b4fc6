"""Use case: limit adequacy of products (for one exporter) or of the policies in the database.

Products: every catalog product on sale on the day that answers a 337 case (yes or unclear),
and beside them the Chancheng packages (15×, 30× and 90× the premium) and the PICC 2013
enforcement tariff [R84] — Chinese enforcement covers that do not answer a 337 case but whose
limits are the ones Chinese exporters hold. One unit of each, at its tariff (a risk-rated plan
at the synthetic book's rate on its limit). The exporter's annual US sales are given, read
from an enterprise of the database, or USD 2 million (the synthetic book's median, J).

Policies: each policy of the database, judged against cases of its own enterprise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from patentshield.assessment.service import parameters_for
from patentshield.catalog.coverage import responds_to_337
from patentshield.catalog.loader import Catalog
from patentshield.catalog.model import Answer, Product
from patentshield.enterprises.service import enterprise_profile, list_enterprises
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.fx import FxTable
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import FxRate
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.tenancy import scope_of
from patentshield.policies import store as policy_store
from patentshield.programme.adequacy import Limit, adequacy_view, defence_costs
from patentshield.programme.synth import book_pricing
from patentshield.programme.whatif import product_version
from patentshield.risk.parameters import Parameters

CHANCHENG = (
    "chancheng-package-10-a",
    "chancheng-package-10-b",
    "chancheng-package-10-c",
    "picc-2013-enforcement",
)
DEFAULT_SALES_USD = Decimal(2_000_000)
MAX_CASES = 1_000_000


@dataclass(frozen=True, slots=True)
class AdequacyRequest:
    """What ``programme adequacy`` is asked."""

    us_sales: Decimal | None = None
    enterprise: str | None = None
    policies: bool = False
    cases: int = 20_000
    seed: int = 0
    day: date | None = None


def product_limit(product: Product) -> Limit:
    """Return one unit of ``product`` at its tariff as a limit to judge."""
    pricing = book_pricing(product)
    return Limit(
        name=product.id,
        per_claim=pricing.per_claim_limit.rounded(),
        aggregate=pricing.aggregate_limit.rounded(),
        premium=pricing.gross_premium.rounded(),
        answers_337=responds_to_337(product).value,
    )


def _products(catalog: Catalog, day: date) -> list[Limit]:
    answering = [p for p in catalog.products(day) if responds_to_337(p) is not Answer.NO]
    extra = [product_version(catalog, product_id, day)[0] for product_id in CHANCHENG]
    chosen = {p.id: p for p in [*extra, *answering]}
    return [product_limit(product) for product in chosen.values()]


def _sales(runtime: Runtime, request: AdequacyRequest) -> tuple[str, float]:
    if request.enterprise is not None:
        enterprise = enterprise_profile(runtime, request.enterprise)
        return enterprise.id, float(enterprise.total_us_sales().amount)
    sales = DEFAULT_SALES_USD if request.us_sales is None else request.us_sales
    if not Decimal(0) < sales <= Decimal(10) ** 12:
        raise InvalidInput("us_sales", f"must be above 0 and at most 10^12 USD, got {sales}")
    return f"exporter with USD {sales:,.0f} of US sales", float(sales)


@dataclass(frozen=True, slots=True)
class Cases:
    """How the views simulate cases: parameters, exchange rate, generator, number of cases."""

    parameters: Parameters
    fx: FxRate
    rng: np.random.Generator
    count: int

    def view(self, label: str, limits: list[Limit], sales: float) -> JsonValue:
        """Return the view of ``limits`` against cases of an exporter with ``sales`` (USD)."""
        costs = defence_costs(self.parameters, self.rng, sales_usd=sales, cases=self.count)
        return {"label": label, **adequacy_view(limits, costs, self.fx, sales_usd=sales)}


def _policy_views(runtime: Runtime, cases: Cases) -> list[JsonValue]:
    require(runtime.caller, Permission.PROGRAMME_READ)
    with runtime.unit_of_work() as session:
        policies = policy_store.list_policies(session, scope=scope_of(runtime.caller), book=True)
    sales = {str(e.id): float(e.total_us_sales().amount) for e in list_enterprises(runtime)}
    views: list[JsonValue] = []
    for enterprise in sorted({p.enterprise_id for p in policies}):
        limits = [
            Limit(
                name=p.number,
                per_claim=p.terms.per_claim_limit,
                aggregate=p.terms.aggregate_limit,
                premium=p.gross_premium,
                answers_337=p.terms.responds_to_337.value,
                note=p.terms.product_id,
            )
            for p in policies
            if p.enterprise_id == enterprise
        ]
        views.append(cases.view(enterprise, limits, sales.get(enterprise, 0.0)))
    return views


def limit_adequacy(runtime: Runtime, request: AdequacyRequest) -> dict[str, JsonValue]:
    """Return the adequacy views: the products for one exporter, or every policy's."""
    if not 100 <= request.cases <= MAX_CASES:
        raise InvalidInput("cases", f"must be between 100 and {MAX_CASES}, got {request.cases}")
    day = request.day or runtime.clock.today()
    fx, warnings = runtime.reference.get(FxTable).usd_cny(runtime.clock.today())
    cases = Cases(parameters_for(runtime), fx, np.random.default_rng(request.seed), request.cases)
    if request.policies:
        views = _policy_views(runtime, cases)
    else:
        label, sales = _sales(runtime, request)
        views = [cases.view(label, _products(runtime.reference.get(Catalog), day), sales)]
    return {
        "day": day.isoformat(),
        "seed": request.seed,
        "views": views,
        "warnings": list(warnings),
    }
