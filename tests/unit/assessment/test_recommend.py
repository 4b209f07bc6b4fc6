"""Ranking products for an exporter on the same simulated years, without simulating."""

from datetime import date
from decimal import Decimal

import numpy as np

from patentshield.assessment.recommend import Candidate, rank_products
from patentshield.catalog.model import CostCategory, FixedPerUnit, MultipleOfPremium, Plan
from patentshield.catalog.premium import price_plan
from patentshield.kernel.money import Currency, FxRate, Money
from patentshield.risk.proceedings import CATEGORIES
from patentshield.risk.simulate import YearResults
from tests.factories import cny, product, usd

FX = FxRate(Currency.USD, Currency.CNY, Decimal("7.1884"), date(2025, 12, 31), "test")
YEARS = 1_000
COST = np.zeros(YEARS)
COST[:20] = 1_000_000.0  # 20 years in 1,000 cost USD 1 M: mean USD 20,000, TVaR 99 % USD 1 M
EXPERTS_COST = 2_000_000.0  # spent on experts over all the years: USD 2,000 a year


def results(*shares: float, when_insured: np.ndarray = COST) -> YearResults:
    """Simulated years in which product ``i`` pays ``shares[i]`` of every year's cost.

    ``when_insured`` is the exporter's yearly cost as an insured (the same by default).
    """
    by_category = np.zeros(len(CATEGORIES))
    by_category[CATEGORIES.index(CostCategory.EXPERTS.value)] = EXPERTS_COST
    empty = np.zeros((len(shares), len(CATEGORIES)))
    return YearResults(
        cost=COST,
        cost_when_insured=when_insured,
        insured=np.array([share * when_insured for share in shares]),
        named_cases=np.zeros(YEARS, dtype=np.int64),
        cost_by_category=by_category,
        cost_by_category_when_insured=by_category,
        insured_by_category=empty,
        uncovered_by_category=empty,
        outcomes=np.zeros(0, dtype=np.int64),
        outcomes_when_insured=np.zeros(0, dtype=np.int64),
        months_sum=0.0,
        months_count=0,
        limit_exhausted=np.zeros(len(shares), dtype=np.int64),
    )


def candidate(name: str, premium: int, subsidy: int) -> Candidate:
    plan = Plan("standard", FixedPerUnit(cny(premium)), MultipleOfPremium(Decimal("40")))
    offered = product(id=name, plans=(plan,))
    return Candidate(offered, price_plan(offered, None, 1), "tariff", cny(subsidy))


def test_a_product_is_judged_by_what_it_pays_back_for_its_net_premium_and_its_tail_cut():
    baseline, (only,) = rank_products([candidate("full", 50_000, 10_000)], results(1.0), FX)
    assert baseline == 1_000_000.0
    assert only.net_premium == cny(40_000)
    assert only.expected_payment == cny("143768.00")  # USD 20,000 × 7.1884
    assert only.expected_net_benefit == cny("103768.00")
    assert only.retained_tvar == usd(0) and only.tail_cut == usd(1_000_000)
    assert only.tail_cut_share == 1.0
    assert (only.rank_net_benefit, only.rank_tail_cut, only.rank) == (1, 1, 1)


def test_products_are_ordered_by_the_sum_of_their_ranks_then_by_tail_cut():
    rated = [
        candidate("half", 10_000, 0),  # benefit 61,884.00, cut USD 500,000
        candidate("full", 50_000, 10_000),  # benefit 103,768.00, cut USD 1,000,000
        candidate("costly", 500_000, 0),  # benefit −370,608.80, cut USD 900,000
    ]
    _, ranked = rank_products(rated, results(0.5, 1.0, 0.9), FX)
    assert [r.candidate.product.id for r in ranked] == ["full", "costly", "half"]
    assert [(r.rank_net_benefit, r.rank_tail_cut) for r in ranked] == [(1, 1), (3, 2), (2, 3)]
    assert [r.rank for r in ranked] == [1, 2, 3]
    assert ranked[1].expected_net_benefit == cny("-370608.80")
    assert ranked[2].tail_cut == usd(500_000)


def test_each_gap_carries_the_expected_yearly_cost_that_falls_in_it():
    _, (only,) = rank_products([candidate("full", 50_000, 0)], results(1.0), FX)
    gaps = {gap.category: gap for gap in only.gaps}
    assert CostCategory.US_COUNSEL.value not in gaps  # covered by the test product
    assert gaps["experts"].cover == "unclear"
    assert gaps["experts"].expected_cost == usd(2_000)
    assert gaps["design_around_cbp"].expected_cost == Money.zero(Currency.USD).rounded()


def test_a_tail_cut_is_measured_on_the_cost_of_the_exporter_as_an_insured():
    # As an insured it defends where it would default: its years cost USD 1.2 M instead of 1 M.
    insured_cost = COST * 1.2
    baseline, (half,) = rank_products(
        [candidate("half", 10_000, 0)], results(0.5, when_insured=insured_cost), FX
    )
    assert baseline == 1_000_000.0  # the tail without insurance is the uninsured exporter's
    assert half.retained_tvar == usd(600_000)  # 1.2 M less the half it is paid back
    assert half.tail_cut == usd(600_000) and half.tail_cut_share == 0.5


def test_each_net_benefit_is_compared_with_the_top_products_on_the_same_years():
    rated = [candidate("half", 10_000, 0), candidate("full", 50_000, 10_000)]
    _, (full, half) = rank_products(rated, results(0.5, 1.0), FX)
    assert full.difference_to_top == cny(0) and full.difference_to_top_std_error == cny(0)
    # 61,884.00 − 103,768.00: the half product pays USD 10,000 less a year for CNY 30,000 less
    assert half.difference_to_top == cny("-41884.00")
    paired = np.std(0.5 * COST, ddof=1) / np.sqrt(YEARS)  # sd of the yearly differences / √n
    assert half.difference_to_top_std_error == cny(f"{paired * 7.1884:.2f}")
    assert half.expected_payment_std_error == half.difference_to_top_std_error


def test_products_that_pay_alike_differ_by_their_premiums_alone_without_sampling_noise():
    rated = [candidate("cheap", 10_000, 0), candidate("dear", 30_000, 0)]
    _, (cheap, dear) = rank_products(rated, results(0.8, 0.8), FX)
    assert cheap.expected_payment_std_error > cny(0)
    assert dear.difference_to_top == cny(-20_000)
    assert dear.difference_to_top_std_error == cny(0)
