"""Rank the catalog's products for an exporter by what they pay and how much tail they remove.

Every product that responds to a 337 case is priced (tariff, or the engine's indicated premium
for risk-rated plans), its best subsidy applied, and its terms applied to **the same**
simulated years of the exporter (common random numbers: differences between products are not
sampling noise). For each product:

* **expected net benefit** = expected payment per year − net premium (after subsidy), in the
  product's currency: what the exporter gets back on average for what it pays; the expected
  payment comes with its standard error;
* its **difference to the top-ranked product's** net benefit and the standard error of that
  difference, *paired* on the common years: sd of the per-year differences in payment / √n.
  The premiums are fixed, so the difference carries the sampling noise of the payments only,
  and because both products pay in the same years that noise is far below what independent
  simulations would give;
* **tail cut** = TVaR 99 % of the exporter's yearly cost as an insured − TVaR 99 % of what it
  still bears with the product (USD). An insured respondent defends where the uninsured would
  default (:mod:`patentshield.risk.simulate`), which changes its cost whatever product it
  holds; the cut is measured against that cost, so products are compared on what each pays,
  and the report gives the TVaR without insurance beside it;
* its **coverage gaps**: categories not covered or unclear, with the expected yearly cost that
  falls in each for the insured exporter.

Products are ranked on each measure (1 = best) and ordered by the sum of the two ranks, then by
tail cut; products that cannot respond to a 337 case, or that the engine cannot rate, follow
with the reason. This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from patentshield.assessment.exposure import TermsReading, money_from_usd
from patentshield.catalog.coverage import coverage_gaps
from patentshield.catalog.model import Product
from patentshield.catalog.premium import Pricing
from patentshield.kernel.money import Currency, FxRate, Money
from patentshield.risk.measures import mean_estimate, summarise
from patentshield.risk.proceedings import CATEGORIES
from patentshield.risk.simulate import YearResults

TAIL_LEVEL = 0.99


@dataclass(frozen=True, slots=True)
class Candidate:
    """A product priced for the exporter, or the reason it cannot be."""

    product: Product
    pricing: Pricing | None = None
    premium_basis: str = ""
    subsidy: Money | None = None
    reading: TermsReading | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Gap:
    """A cost category the product does not clearly pay, and its expected yearly cost (USD)."""

    category: str
    cover: str
    expected_cost: Money


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One product's figures and ranks for the exporter."""

    candidate: Candidate
    net_premium: Money
    expected_payment: Money
    expected_payment_std_error: Money
    expected_net_benefit: Money
    retained_tvar: Money
    tail_cut: Money
    tail_cut_share: float
    gaps: tuple[Gap, ...]
    rank_net_benefit: int = 0
    rank_tail_cut: int = 0
    rank: int = 0
    difference_to_top: Money | None = None
    difference_to_top_std_error: Money | None = None


def _figures(
    candidate: Candidate,
    insured: np.ndarray,
    results: YearResults,
    baseline: float,
    fx: FxRate,
) -> Recommendation:
    assert candidate.pricing is not None and candidate.subsidy is not None
    currency = candidate.product.currency
    gross = candidate.pricing.gross_premium.rounded()
    net = gross - candidate.subsidy
    paid = mean_estimate(insured)
    payment = money_from_usd(paid.value, currency, fx)
    retained = summarise(results.cost_when_insured - insured, [TAIL_LEVEL]).tvar[TAIL_LEVEL].value
    cut = baseline - retained
    years = results.cost.size
    gaps = tuple(
        Gap(
            category.value,
            candidate.product.cover_for(category).value,
            money_from_usd(
                float(
                    results.cost_by_category_when_insured[CATEGORIES.index(category.value)] / years
                ),
                Currency.USD,
                fx,
            ),
        )
        for category in coverage_gaps(candidate.product)
    )
    return Recommendation(
        candidate=candidate,
        net_premium=net,
        expected_payment=payment,
        expected_payment_std_error=money_from_usd(paid.std_error, currency, fx),
        expected_net_benefit=payment - net,
        retained_tvar=money_from_usd(retained, Currency.USD, fx),
        tail_cut=money_from_usd(cut, Currency.USD, fx),
        tail_cut_share=cut / baseline if baseline > 0 else 0.0,
        gaps=gaps,
    )


def tvar_as_insured(results: YearResults) -> float:
    """Return the TVaR 99 % of the exporter's yearly cost when it holds cover (USD)."""
    return summarise(results.cost_when_insured, [TAIL_LEVEL]).tvar[TAIL_LEVEL].value


def _ranks(values: list[float]) -> list[int]:
    order = sorted(range(len(values)), key=lambda i: -values[i])
    ranks = [0] * len(values)
    for position, index in enumerate(order, start=1):
        ranks[index] = position
    return ranks


def _against_top(
    ranked: list[Recommendation], payments: list[np.ndarray], fx: FxRate
) -> list[Recommendation]:
    """Return ``ranked`` with each net benefit's difference to the first's and its paired SE.

    ``payments[i]`` holds the yearly payments (USD) of ``ranked[i]``, on the common years.
    """
    top, top_paid = ranked[0], payments[0]
    top_net = _usd(top.net_premium, fx)
    compared = []
    for item, paid in zip(ranked, payments, strict=True):
        currency = item.candidate.product.currency
        per_year = mean_estimate(paid - top_paid)
        difference = per_year.value - (_usd(item.net_premium, fx) - top_net)
        compared.append(
            replace(
                item,
                difference_to_top=money_from_usd(difference, currency, fx),
                difference_to_top_std_error=money_from_usd(per_year.std_error, currency, fx),
            )
        )
    return compared


def rank_products(
    rated: list[Candidate], results: YearResults, fx: FxRate
) -> tuple[float, list[Recommendation]]:
    """Return the exporter's TVaR 99 % without insurance (USD) and the ranked products.

    ``results.insured[i]`` must hold the payments of ``rated[i]``'s terms; tail cuts are
    measured against the TVaR 99 % of the exporter's cost as an insured
    (:func:`tvar_as_insured`). Each product's net benefit is compared with the top-ranked
    product's on the same years (:func:`_against_top`).
    """
    baseline = summarise(results.cost, [TAIL_LEVEL]).tvar[TAIL_LEVEL].value
    as_insured = tvar_as_insured(results)
    found = [
        _figures(candidate, results.insured[i], results, as_insured, fx)
        for i, candidate in enumerate(rated)
    ]
    by_benefit = _ranks([_usd(r.expected_net_benefit, fx) for r in found])
    by_tail = _ranks([float(r.tail_cut.amount) for r in found])
    order = sorted(
        range(len(found)),
        key=lambda i: (
            by_benefit[i] + by_tail[i],
            -float(found[i].tail_cut.amount),
            found[i].candidate.product.id,
        ),
    )
    ranked = [
        replace(found[i], rank_net_benefit=by_benefit[i], rank_tail_cut=by_tail[i], rank=n)
        for n, i in enumerate(order, start=1)
    ]
    if ranked:
        ranked = _against_top(ranked, [results.insured[i] for i in order], fx)
    return baseline, ranked


def _usd(money: Money, fx: FxRate) -> float:
    return float((money if money.currency is Currency.USD else fx.convert(money)).amount)
