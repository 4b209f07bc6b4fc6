"""A seeded synthetic book of patent-insurance policies for demos and benchmarks.

Each policy insures one Chinese exporter (one product class) under one catalog product that
responds to a Section 337 case. The mix is an assumption (J) chosen to look like a regional
programme, not data:

* HTS chapter: the chapters of ``us_imports_from_china_usd`` weighted by those imports, so
  electronics (84, 85) dominate as in 337 filings [R36];
* annual US sales: lognormal, median USD 2 million, sigma 1.2, capped at USD 500 million —
  mostly SMEs with a few large exporters;
* flags: past 337 case 3 %, own US patents 20 %, compliance programme 30 %;
* product: the responding catalog products in equal shares; one unit each; tariff premium
  where the catalog has one, else :data:`RISK_RATED_BOOK_RATE` × the aggregate limit (the
  engine's per-policy rating is too slow for tens of thousands of policies, and Wuxi's
  published 2.4 % rate on limit [R88] shows the order of magnitude).

Policies refer to a product *template* (terms in USD, read with the favourable reading of
unclear terms) so the file stays small. This module is pure: no I/O, no clock; the random
stream is ``np.random.default_rng(seed)``.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from patentshield.assessment.exposure import Reading, policy_terms, usd_amount
from patentshield.catalog.coverage import non_response_reason
from patentshield.catalog.model import Product, RiskRated
from patentshield.catalog.premium import Pricing, price_plan
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import FxRate, Money
from patentshield.risk.parameters import Parameters
from patentshield.risk.terms import CoverTerms

BOOK_FORMAT = "patentshield-book/1"
RISK_RATED_BOOK_RATE = Decimal("0.015")
MAX_POLICIES = 1_000_000


def book_pricing(product: Product, plan_name: str | None = None, units: int = 1) -> Pricing:
    """Return a plan's tariff pricing, or a risk-rated plan's at the book rate on its limit."""
    plan = next((p for p in product.plans if plan_name in (None, p.name)), None)
    if plan is not None and isinstance(plan.premium, RiskRated):
        one = Money(Decimal(1), product.currency)
        draft = price_plan(product, plan_name, units, negotiated=one)
        premium = (draft.aggregate_limit * RISK_RATED_BOOK_RATE).rounded()
        return price_plan(product, plan_name, units, negotiated=premium)
    return price_plan(product, plan_name, units)


def terms_json(terms: CoverTerms) -> dict[str, JsonValue]:
    """Return engine terms as JSON (infinite limits as ``null``)."""

    def finite(value: float) -> float | None:
        return None if value == float("inf") else value

    return {
        "covered": list(terms.covered),
        "sub_limits_usd": [finite(v) for v in terms.sub_limits],
        "deductible_usd": terms.deductible,
        "coinsurance": terms.coinsurance,
        "per_claim_limit_usd": finite(terms.per_claim_limit),
        "aggregate_limit_usd": finite(terms.aggregate_limit),
        "responds": terms.responds,
        "excluded_share": terms.excluded_share,
    }


def product_templates(
    products: tuple[Product, ...], fx: FxRate, parameters: Parameters
) -> dict[str, dict[str, JsonValue]]:
    """Return, per responding product, its premium and engine terms for one unit."""
    templates: dict[str, dict[str, JsonValue]] = {}
    for product in products:
        if non_response_reason(product) is not None:
            continue
        pricing = book_pricing(product)
        reading = policy_terms(product, pricing, fx, parameters, reading=Reading.FAVOURABLE)
        templates[product.id] = {
            "version": product.version,
            "premium": pricing.gross_premium.rounded().to_json(),
            "premium_usd": usd_amount(pricing.gross_premium, fx),
            "terms": terms_json(reading.terms),
            "assumptions": list(reading.assumptions),
        }
    return templates


def synthetic_book(
    *,
    policies: int,
    seed: int,
    products: tuple[Product, ...],
    fx: FxRate,
    parameters: Parameters,
) -> dict[str, JsonValue]:
    """Return a synthetic book document of ``policies`` policies (seeded)."""
    if not 1 <= policies <= MAX_POLICIES:
        raise InvalidInput("policies", f"must be between 1 and {MAX_POLICIES}, got {policies}")
    templates = product_templates(products, fx, parameters)
    if not templates:
        raise InvalidInput("products", "no catalog product responds to a 337 case")
    rng = np.random.default_rng(seed)
    imports = parameters.group("us_imports_from_china_usd.by_chapter")
    chapters = np.array([int(c) for c in imports])
    weights = np.array(list(imports.values()))
    chapter = rng.choice(chapters, size=policies, p=weights / weights.sum())
    sales = np.minimum(rng.lognormal(np.log(2e6), 1.2, policies), 5e8).round(-3)
    flags = rng.random((3, policies)) < np.array([[0.03], [0.20], [0.30]])
    names = sorted(templates)
    product = rng.integers(0, len(names), policies)
    rows: list[JsonValue] = [
        {
            "id": f"p{i + 1:06d}",
            "chapter": int(chapter[i]),
            "annual_us_sales_usd": float(sales[i]),
            "past_itc_case": bool(flags[0, i]),
            "own_us_patents": bool(flags[1, i]),
            "compliance_programme": bool(flags[2, i]),
            "product": names[int(product[i])],
        }
        for i in range(policies)
    ]
    return {
        "format": BOOK_FORMAT,
        "generated": {
            "policies": policies,
            "seed": seed,
            "fx_rate": fx.to_json(),
            "reading": Reading.FAVOURABLE.value,
        },
        "products": dict(templates),
        "policies": rows,
    }
