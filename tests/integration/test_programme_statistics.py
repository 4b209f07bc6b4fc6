"""White-paper statistics and subsidy uptake of the book in the database (SQLite, PostgreSQL)."""

from datetime import date
from typing import Any

from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.policies.service import BindRequest, bind_policy
from patentshield.programme.statistics_service import book_statistics, subsidy_uptake
from patentshield.subsidies.model import Applicant, GrantRequest
from patentshield.subsidies.service import grant_subsidy
from tests.integration.insured import insured, quote_id


def cny(amount: str) -> dict[str, str]:
    return Money.of(amount, "CNY").to_json()


def test_statistics_count_the_book_and_show_the_published_figures_beside(runtime: Runtime):
    policy = insured(runtime.database)
    grant_subsidy(
        runtime,
        GrantRequest(
            programme_id="shenzhen",
            applicant=Applicant(
                id="sz-led-lighting",
                region_code="440306",
                industries=frozenset({"shenzhen_strategic"}),
            ),
            product_type=policy.terms.product_type,
            premium=Money.of("400000", "CNY"),
            day=date(2026, 3, 1),
            reference=policy.number,
        ),
        idempotency_key="g-1",
    )
    document: Any = book_statistics(runtime, by=["region", "year"], day=date(2026, 6, 1))
    [row, total] = document["rows"]
    assert (row["region"], row["year"]) == ("Shenzhen", "2026")
    assert row["enterprises_insured"] == 1 and row["policies"] == 1
    assert row["premiums"] == cny("400000") and row["subsidies_paid"] == cny("200000")
    assert row["sums_insured"] == policy.terms.aggregate_limit.to_json()
    assert row["claims_paid"] == cny("0") and row["loss_ratio"] == 0.0
    assert total["region"] == "all" and total["policies"] == 1
    national = document["published"][0]
    assert national["enterprises_insured"] == 28000 and national["source"] == "R74, R76"


def test_uptake_shows_subsidy_dependence_and_renewal_of_ended_policies(runtime: Runtime):
    first = insured(runtime.database)
    renewal = quote_id(runtime.database, day=date(2027, 2, 20))
    bind_policy(runtime, BindRequest(quote_id=renewal, start=first.period_end, renews=first.id))
    document: Any = subsidy_uptake(runtime, by=["year"], day=date(2027, 6, 1))
    rows = {row["year"]: row for row in document["rows"]}
    assert rows["2026"]["ended"] == 1 and rows["2026"]["renewal_rate"] == 1.0
    share = rows["2026"]["share_paid_by_subsidy"]
    assert share == float(first.subsidy.amount / first.gross_premium.amount)
    assert rows["all"]["policies"] == 2
    assert rows["2027"]["ended"] == 0 and rows["2027"]["renewal_rate"] is None
