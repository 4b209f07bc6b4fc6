"""A recommendation and a risk-rated quote on one runtime share one simulation of the years."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from patentshield.assessment.service import RiskRequest, recommend_products, simulate_risk
from patentshield.assessment.simulation import RecommendationReport
from patentshield.assessment.years_cache import YearsCache
from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.db import Database
from patentshield.kernel.runtime import Runtime
from patentshield.quotes.model import QuoteRequest
from patentshield.quotes.service import RISK_RATING_SEED, RISK_RATING_YEARS, quote_product
from tests.factories import runtime_of

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
DAY = date(2026, 3, 1)
RISK_RATED = "beijing-2022-overseas-legal-expense"


def kept_by(cache: YearsCache) -> Callable[[], YearsCache]:
    """Return the loader of a runtime whose simulated years are kept in ``cache``."""
    return lambda: cache


def test_a_risk_rated_quote_right_after_a_recommendation_does_not_simulate_again(
    runtime: Runtime,
):
    import_enterprises(runtime, EXAMPLES)
    cache = runtime.reference.get(YearsCache)
    request = RiskRequest(
        "sz-led-lighting", DAY, years=RISK_RATING_YEARS, seed=RISK_RATING_SEED, threads=2
    )
    report = recommend_products(runtime, request)
    assert cache.simulations == 1  # every product, risk-rated premiums included, on one set
    recommended = next(r for r in report.ranked if r.candidate.product.id == RISK_RATED)
    quote = quote_product(runtime, QuoteRequest(RISK_RATED, DAY, enterprise="sz-led-lighting"))
    assert cache.simulations == 1 and cache.hits > 0
    assert recommended.candidate.pricing is not None
    assert quote.gross_premium == recommended.candidate.pricing.gross_premium.rounded()


def test_another_seed_or_number_of_years_is_simulated_anew(runtime: Runtime):
    import_enterprises(runtime, EXAMPLES)
    cache = runtime.reference.get(YearsCache)
    request = RiskRequest("nb-standing-desks", DAY, years=2_000, seed=3)
    first = simulate_risk(runtime, request)
    again = simulate_risk(runtime, request)
    assert cache.simulations == 1 and again.results.cost is first.results.cost
    simulate_risk(runtime, RiskRequest("nb-standing-desks", DAY, years=2_000, seed=4))
    simulate_risk(runtime, RiskRequest("nb-standing-desks", DAY, years=2_500, seed=3))
    assert cache.simulations == 3


def test_kept_years_rank_and_price_the_products_as_simulating_them_each_time_did(
    database: Database,
):
    # A cache that keeps nothing simulates the years again for every premium iteration and
    # for the final ranking: the path before the years were kept. Same seed, same figures.
    request = RiskRequest("fs-kitchen-appliances", DAY, years=3_000, seed=5)
    caches = (YearsCache(), YearsCache(capacity=0))
    reports: list[RecommendationReport] = []
    for cache in caches:
        runtime = runtime_of(database, loaders={YearsCache: kept_by(cache)})
        if not reports:
            import_enterprises(runtime, EXAMPLES)
        reports.append(recommend_products(runtime, request))
    kept, again = reports
    assert caches[0].simulations == 1
    assert caches[1].simulations > 2  # the risk-rated premiums simulated again and again
    assert [r.candidate.product.id for r in kept.ranked] == [
        r.candidate.product.id for r in again.ranked
    ]
    for one, other in zip(kept.ranked, again.ranked, strict=True):
        assert one.expected_net_benefit == other.expected_net_benefit
        assert one.tail_cut == other.tail_cut
        assert one.difference_to_top_std_error == other.difference_to_top_std_error
