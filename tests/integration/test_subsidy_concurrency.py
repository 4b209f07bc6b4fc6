"""Concurrent grants never exceed a cap, the budget or the premium (SQLite file and PostgreSQL).

Sixteen threads grant at once through their own sessions. The service locks the account rows
(PostgreSQL ``SELECT … FOR UPDATE``; SQLite ``BEGIN IMMEDIATE``), so the outcome must equal a
serial run: the caps are reached exactly, and the ledger's grants add up to the account totals.
"""

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from patentshield.catalog.model import ProductType
from patentshield.kernel.db import Database
from patentshield.kernel.errors import PatentshieldError, RuleViolation
from patentshield.kernel.runtime import Runtime
from patentshield.subsidies import service, store
from patentshield.subsidies.model import Applicant, Grant, GrantRequest, parse_cny
from tests.factories import register_enterprises

THREADS = 16
DAY = date(2024, 6, 1)


@pytest.fixture(autouse=True)
def registered_applicants(runtime: Runtime) -> None:
    """Every applicant of these grants is an enterprise of the register (a cap is its own)."""
    ids = ["sz-one", "sz-retry", *(f"sz-{n:02}" for n in range(2 * THREADS))]
    register_enterprises(runtime, ids, region="440305")


def request(applicant_id: str, premium: str, reference: str) -> GrantRequest:
    return GrantRequest(
        programme_id="shenzhen",
        applicant=Applicant(
            id=applicant_id, region_code="440305", industries=frozenset({"shenzhen_strategic"})
        ),
        product_type=ProductType.PATENT_ENFORCEMENT,
        premium=parse_cny(premium, field="premium"),
        day=DAY,
        reference=reference,
    )


def run_all(jobs: Sequence[Callable[[], Grant]]) -> tuple[list[Grant], list[PatentshieldError]]:
    def attempt(job: Callable[[], Grant]) -> Grant | PatentshieldError:
        try:
            return job()
        except PatentshieldError as error:
            return error

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(attempt, jobs))
    grants = [o for o in outcomes if isinstance(o, Grant)]
    errors = [o for o in outcomes if isinstance(o, PatentshieldError)]
    return grants, errors


def ledger_agrees_with_accounts(database: Database) -> Decimal:
    """Assert the grants add up to both account totals (per applicant too); return the sum."""
    with database.unit_of_work() as session:
        ledger = Decimal(
            session.execute(select(func.coalesce(func.sum(store.GrantRow.amount), 0))).scalar_one()
        )
        budget = store.programme_total(session, "shenzhen", 2024)
        by_applicant = dict(
            session.execute(
                select(store.GrantRow.applicant_id, func.sum(store.GrantRow.amount)).group_by(
                    store.GrantRow.applicant_id
                )
            )
            .tuples()
            .all()
        )
        for applicant_id, granted in by_applicant.items():
            account = store.applicant_total(session, "shenzhen", applicant_id, 2024)
            assert Decimal(granted) == account
    assert ledger == budget
    return ledger


def test_concurrent_grants_to_one_applicant_stop_exactly_at_the_yearly_cap(runtime: Runtime):
    # 50 % of CNY 60,000 = 30,000 per policy; cap 200,000 → six full grants, one of 20,000.
    jobs = [
        lambda n=n: service.grant_subsidy(
            runtime, request("sz-one", "60000", f"P{n}"), idempotency_key=f"one-{n}"
        )
        for n in range(THREADS)
    ]
    grants, errors = run_all(jobs)
    amounts = sorted(grant.amount.amount for grant in grants)
    assert amounts == [Decimal("20000.00")] + [Decimal("30000.00")] * 6
    assert len(errors) == THREADS - 7
    assert all(isinstance(error, RuleViolation) for error in errors)
    assert ledger_agrees_with_accounts(runtime.database) == Decimal("200000.00")


def test_concurrent_grants_to_many_applicants_stop_exactly_at_the_programme_budget(
    runtime: Runtime,
):
    # 32 applicants × CNY 200,000 (50 % of 400,000) against a budget of CNY 5,000,000.
    jobs = [
        lambda n=n: service.grant_subsidy(
            runtime, request(f"sz-{n:02}", "400000", f"P{n}"), idempotency_key=f"many-{n}"
        )
        for n in range(2 * THREADS)
    ]
    grants, errors = run_all(jobs)
    assert len(grants) == 25
    assert all(grant.amount.amount == Decimal("200000.00") for grant in grants)
    assert len(errors) == 7 and all(isinstance(error, RuleViolation) for error in errors)
    assert ledger_agrees_with_accounts(runtime.database) == Decimal("5000000.00")


def test_concurrent_retries_with_one_key_make_one_grant(runtime: Runtime):
    jobs = [
        lambda: service.grant_subsidy(
            runtime, request("sz-retry", "100000", "P1"), idempotency_key="same"
        )
    ] * THREADS
    grants, errors = run_all(jobs)
    assert errors == []
    assert {grant.id for grant in grants} == {grants[0].id}
    assert ledger_agrees_with_accounts(runtime.database) == Decimal("50000.00")
