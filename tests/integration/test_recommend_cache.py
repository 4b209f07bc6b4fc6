"""A recommendation and a risk-rated quote on one runtime share one simulation of the years."""

from datetime import date
from pathlib import Path

from patentshield.assessment.service import RiskRequest, recommend_products, simulate_risk
from patentshield.assessment.years_cache import YearsCache
from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.runtime import Runtime
from patentshield.quotes.model import QuoteRequest
from patentshield.quotes.service import RISK_RATING_SEED, RISK_RATING_YEARS, quote_product

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
DAY = date(2026, 3, 1)
RISK_RATED = "beijing-2022-overseas-legal-expense"


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
