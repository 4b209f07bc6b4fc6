"""Concurrent payments and adjudications (SQLite file and PostgreSQL, sixteen threads).

The claim row is locked while paying and the policy's claim account while adjudicating
(PostgreSQL ``SELECT … FOR UPDATE``; SQLite ``BEGIN IMMEDIATE``): parallel requests to pay a
claim in full pay it once, the same idempotency key makes one payment, and parallel
adjudications of two claims under one policy never exceed its aggregate limit together.
"""

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial

from patentshield.cases.service import approve_counsel, open_new_case
from patentshield.catalog.model import CostCategory
from patentshield.claims.adjudication_service import adjudicate_claim
from patentshield.claims.ledger_service import ExpenseInput, add_expense
from patentshield.claims.ledger_store import LedgerRepository
from patentshield.claims.model import Payment, Phase
from patentshield.claims.notice_service import notify_claim
from patentshield.claims.payment_service import pay_claim
from patentshield.claims.store import ClaimRepository
from patentshield.kernel.errors import Conflict, PatentshieldError, RuleViolation
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from tests.integration.case_factory import led_case
from tests.integration.insured import insured

THREADS = 16
FIRM = "Kirkland & Pell LLP"


def run_all(jobs: Sequence[Callable[[], object]]) -> list[object]:
    def attempt(job: Callable[[], object]) -> object:
        try:
            return job()
        except PatentshieldError as error:
            return error

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(attempt, jobs))


def claim_with_invoice(runtime: Runtime, policy: str, number: str, amount: str) -> str:
    open_new_case(runtime, led_case(policy, number=number))
    approve_counsel(
        runtime, number, "sz-led-lighting", firm=FIRM, day=date(2026, 4, 20), panel=True
    )
    claim = notify_claim(runtime, number, "sz-led-lighting", notified_on=date(2026, 4, 28))
    add_expense(
        runtime,
        claim.id,
        ExpenseInput(
            invoice_number=f"{number}-1",
            vendor=FIRM,
            category=CostCategory.US_COUNSEL,
            phase=Phase.DISCOVERY,
            invoice_date=date(2026, 6, 1),
            amount=Money.of(amount, "CNY"),
        ),
    )
    return claim.id


def payments_total(runtime: Runtime, claim_id: str) -> tuple[int, object]:
    with runtime.database.unit_of_work() as session:
        payments = LedgerRepository(session).payments(claim_id)
        return len(payments), sum(p.amount.amount for p in payments)


def test_parallel_requests_to_pay_a_claim_in_full_pay_it_once(runtime: Runtime):
    policy = insured(runtime.database)
    claim_id = claim_with_invoice(runtime, policy.number, "337-TA-1501", "1100000")
    adjudicated = adjudicate_claim(runtime, claim_id, day=date(2026, 7, 1)).payable
    jobs = [
        (lambda i=i: pay_claim(runtime, claim_id, idempotency_key=f"k-{i}", day=date(2026, 7, 2)))
        for i in range(THREADS)
    ]
    outcomes = run_all(jobs)
    paid = [o for o in outcomes if isinstance(o, Payment)]
    refused = [o for o in outcomes if isinstance(o, RuleViolation)]
    assert len(paid) == 1 and len(refused) == THREADS - 1
    assert paid[0].amount == adjudicated == Money.of("800000", "CNY")
    assert payments_total(runtime, claim_id) == (1, adjudicated.amount)


def test_parallel_retries_with_one_key_make_one_payment(runtime: Runtime):
    policy = insured(runtime.database)
    claim_id = claim_with_invoice(runtime, policy.number, "337-TA-1501", "1100000")
    adjudicate_claim(runtime, claim_id, day=date(2026, 7, 1))
    job = lambda: pay_claim(  # noqa: E731
        runtime,
        claim_id,
        idempotency_key="same",
        day=date(2026, 7, 2),
        amount=Money.of("100000", "CNY"),
    )
    outcomes = run_all([job] * THREADS)
    payments = [o for o in outcomes if isinstance(o, Payment)]
    assert all(isinstance(o, Payment | Conflict) for o in outcomes)
    assert len({p.id for p in payments}) == 1
    assert payments_total(runtime, claim_id)[0] == 1


def test_parallel_adjudications_of_one_policy_respect_its_aggregate_limit(runtime: Runtime):
    policy = insured(runtime.database)
    # Each claim alone: (15,100,000 - 100,000) x 0.8 = 12,000,000; the aggregate is 20,000,000.
    claims = [
        claim_with_invoice(runtime, policy.number, f"337-TA-15{i:02d}", "15100000")
        for i in range(2)
    ]
    outcomes = run_all(
        [(lambda c=c: adjudicate_claim(runtime, c, day=date(2026, 7, 1))) for c in claims] * 4
    )
    assert not [o for o in outcomes if isinstance(o, PatentshieldError)]
    with runtime.database.unit_of_work() as session:
        repository = ClaimRepository(session)
        adjudicated = [repository.get(c).adjudicated for c in claims]
        account = repository.account(policy.number)
        assert account is not None
        assert sum(adjudicated, Money.zero(account.adjudicated.currency)) == account.adjudicated
        assert account.adjudicated == Money.of("20000000", "CNY")


def test_payments_and_adjudications_of_one_claim_interleave_without_deadlock(
    runtime: Runtime,
):
    policy = insured(runtime.database)
    claim_id = claim_with_invoice(runtime, policy.number, "337-TA-1501", "1100000")
    adjudicate_claim(runtime, claim_id, day=date(2026, 7, 1))
    jobs: list[Callable[[], object]] = []
    for i in range(THREADS // 2):
        jobs.append(lambda: adjudicate_claim(runtime, claim_id, day=date(2026, 7, 2)))
        jobs.append(
            partial(
                pay_claim,
                runtime,
                claim_id,
                idempotency_key=f"part-{i}",
                day=date(2026, 7, 2),
                amount=Money.of("100000", "CNY"),
            )
        )
    outcomes = run_all(jobs)
    assert not [o for o in outcomes if isinstance(o, PatentshieldError)]
    count, total = payments_total(runtime, claim_id)
    assert (count, total) == (THREADS // 2, 800000)
    with runtime.database.unit_of_work() as session:
        repository = ClaimRepository(session)
        claim = repository.get(claim_id)
        account = repository.account(policy.number)
        assert account is not None
        assert claim.paid == account.paid == Money.of("800000", "CNY") == claim.adjudicated
