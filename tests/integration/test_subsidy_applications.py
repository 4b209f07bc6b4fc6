"""Subsidy applications end to end at the service level (SQLite file and PostgreSQL).

An exporter applies on its policy; the Shenzhen programme officer approves (the grant goes into
the ledger under the caps) or rejects with a reason; the exporter reads the decision. Sixteen
concurrent approvals never grant beyond what one serial approval would.
"""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from patentshield.kernel.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    InvalidTransition,
    NotFound,
    PatentshieldError,
    RuleViolation,
)
from patentshield.kernel.money import Money
from patentshield.quotes.model import QuoteRequest
from patentshield.quotes.service import quote_product
from patentshield.subsidies import store
from patentshield.subsidies.application_service import (
    application,
    applications,
    apply,
    decide,
    withdraw,
)
from patentshield.subsidies.application_store import ApplicationFilter
from patentshield.subsidies.applications import Application, ApplicationStatus
from patentshield.subsidies.service import list_grants
from tests.integration.insured import QUOTE_DAY
from tests.integration.tenancy_setup import ENTERPRISE_A, PRODUCT_A, World, acting, tenants

THREADS = 16
CAP = Decimal("200000.00")  # Shenzhen: 50 % of the premium, at most CNY 200,000 a year


@pytest.fixture
def world(database) -> World:
    return tenants(database)


def ledger(world: World) -> tuple[int, Decimal]:
    """Return the number of grants and their sum, read from the ledger's table."""
    with world.runtime.database.unit_of_work() as session:
        count = session.scalar(select(func.count()).select_from(store.GrantRow)) or 0
        total = session.execute(
            select(func.coalesce(func.sum(store.GrantRow.amount), 0))
        ).scalar_one()
    return count, Decimal(total)


def test_an_approval_records_the_grant_and_the_exporter_reads_the_decision(world):
    officer = acting(world, "officer@sz.gov.cn")
    approved = decide(officer, world.a.application, approve=True, idempotency_key="a-1")
    assert approved.status is ApplicationStatus.APPROVED
    assert approved.amount == Money.of(CAP, "CNY") and approved.decided_by == "officer@sz.gov.cn"
    seen = application(acting(world, "member@a.cn"), world.a.application)
    assert (seen.status, seen.grant_id, seen.amount) == (
        ApplicationStatus.APPROVED,
        approved.grant_id,
        approved.amount,
    )
    (grant,) = list_grants(world.runtime)
    assert (grant.id, grant.applicant_id, grant.amount) == (
        approved.grant_id,
        ENTERPRISE_A,
        approved.amount,
    )
    assert ledger(world) == (1, CAP)


def test_a_repeated_approval_with_its_key_changes_nothing_and_another_key_is_refused(world):
    officer = acting(world, "officer@sz.gov.cn")
    first = decide(officer, world.a.application, approve=True, idempotency_key="same")
    again = decide(officer, world.a.application, approve=True, idempotency_key="same")
    assert again == first
    with pytest.raises(InvalidTransition):
        decide(officer, world.a.application, approve=True, idempotency_key="other")
    with pytest.raises(InvalidTransition):
        decide(officer, world.a.application, approve=False, reason="no", idempotency_key="r")
    assert ledger(world) == (1, CAP)


def test_a_rejection_needs_a_reason_which_the_exporter_reads_and_grants_nothing(world):
    officer = acting(world, "officer@sz.gov.cn")
    with pytest.raises(InvalidInput) as missing:
        decide(officer, world.a.application, approve=False, reason=" ", idempotency_key="r")
    assert missing.value.field == "reason"
    decide(
        officer, world.a.application, approve=False, reason="premium unpaid", idempotency_key="r"
    )
    seen = application(acting(world, "admin@a.cn"), world.a.application)
    assert (seen.status, seen.reason, seen.grant_id) == (
        ApplicationStatus.REJECTED,
        "premium unpaid",
        None,
    )
    assert ledger(world) == (0, Decimal(0))


def test_a_withdrawn_application_can_no_longer_be_approved(world):
    withdraw(acting(world, "member@a.cn"), world.a.application, reason="applied elsewhere")
    with pytest.raises(InvalidTransition):
        decide(
            acting(world, "officer@sz.gov.cn"),
            world.a.application,
            approve=True,
            idempotency_key="late",
        )
    listed = applications(world.runtime, ApplicationFilter(status=ApplicationStatus.WITHDRAWN))
    assert [item.id for item in listed] == [world.a.application]


def test_applying_is_refused_for_another_tenants_policy_a_second_time_and_outside_the_region(
    world,
):
    exporter = acting(world, "admin@a.cn")
    with pytest.raises(NotFound):
        apply(exporter, "shandong", policy=world.b.policy)
    with pytest.raises(Conflict):
        apply(exporter, "shenzhen", policy=world.a.policy)
    with pytest.raises(InvalidInput) as outside:
        apply(exporter, "shandong", quote_id=world.a.quote)
    assert outside.value.field == "programme"
    with pytest.raises(Forbidden):
        apply(acting(world, "officer@sz.gov.cn"), "shenzhen", quote_id=world.a.quote)
    with pytest.raises(InvalidInput):
        apply(exporter, "shenzhen")


def test_only_an_administration_covering_the_programme_decides(world):
    with pytest.raises(NotFound):  # Shandong's application is not Shenzhen's to see
        decide(
            acting(world, "officer@sz.gov.cn"),
            world.b.application,
            approve=True,
            idempotency_key="k",
        )
    with pytest.raises(Forbidden):
        decide(acting(world, "admin@a.cn"), world.a.application, approve=True, idempotency_key="k")
    approved = decide(
        acting(world, "admin@platform.cn"), world.b.application, approve=True, idempotency_key="k"
    )
    assert approved.status is ApplicationStatus.APPROVED


def more_applications(world: World, count: int) -> list[Application]:
    """Quote the Shenzhen exporter ``count`` more times and apply on each quote."""
    exporter = acting(world, "admin@a.cn")
    made = []
    for _ in range(count):
        request = QuoteRequest(
            product_id=PRODUCT_A,
            day=QUOTE_DAY,
            enterprise=ENTERPRISE_A,
            premium=Money.of("100000", "CNY"),
            fx_rate=None,
        )
        quote = quote_product(exporter, request)
        made.append(apply(exporter, "shenzhen", quote_id=quote.id))
    return made


def test_an_approval_beyond_the_programmes_rules_grants_nothing_and_stays_submitted(world):
    officer = acting(world, "officer@sz.gov.cn")
    decide(officer, world.a.application, approve=True, idempotency_key="first")
    (second,) = more_applications(world, 1)
    with pytest.raises(RuleViolation):
        decide(officer, second.id, approve=True, idempotency_key="second")
    assert application(officer, second.id).status is ApplicationStatus.SUBMITTED
    assert ledger(world) == (1, CAP)


def run_all(jobs):
    def attempt(job):
        try:
            return job()
        except PatentshieldError as error:
            return error

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(attempt, jobs))


def test_concurrent_approvals_of_one_exporters_applications_never_exceed_the_cap(world):
    pending = more_applications(world, THREADS)
    officer = acting(world, "officer@sz.gov.cn")
    outcomes = run_all(
        [
            lambda item=item: decide(officer, item.id, approve=True, idempotency_key=item.id)
            for item in pending
        ]
    )
    approved = [o for o in outcomes if isinstance(o, Application)]
    refused = [o for o in outcomes if isinstance(o, PatentshieldError)]
    count, total = ledger(world)
    assert total <= CAP and count == len(approved) >= 1
    assert sum((a.amount.amount for a in approved if a.amount), Decimal(0)) == total
    assert all(isinstance(error, RuleViolation | Conflict) for error in refused)
    statuses = [application(officer, item.id).status for item in pending]
    assert statuses.count(ApplicationStatus.APPROVED) == len(approved)
    assert statuses.count(ApplicationStatus.SUBMITTED) == len(refused)


def test_concurrent_retries_of_one_approval_make_one_grant(world):
    officer = acting(world, "officer@sz.gov.cn")
    outcomes = run_all(
        [lambda: decide(officer, world.a.application, approve=True, idempotency_key="retry")]
        * THREADS
    )
    assert all(isinstance(o, Application) for o in outcomes), outcomes
    assert {o.grant_id for o in outcomes} == {outcomes[0].grant_id}
    assert ledger(world) == (1, CAP)
