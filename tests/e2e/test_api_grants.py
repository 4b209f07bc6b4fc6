"""Subsidy grants through the API: idempotency keys and the yearly cap under concurrency."""

import threading
from decimal import Decimal

import pytest

from tests.e2e.api_setup import PLATFORM, api_runtime, ok, token
from tests.e2e.test_api_auth import assert_problem
from tests.factories import register_enterprises

THREADS = 12


@pytest.fixture
def runtime(database, tmp_path):
    runtime = api_runtime(database, tmp_path)
    register_enterprises(runtime, ["sz-one"], region="440305")
    return runtime


def grant(reference: str, premium: str = "60000") -> dict:
    return {
        "programme": "shenzhen",
        "applicant": "sz-one",
        "product_type": "patent_enforcement",
        "premium": premium,
        "region": "440305",
        "industries": ["shenzhen_strategic"],
        "date": "2024-06-01",
        "reference": reference,
    }


def post(client, headers, key, body):
    return client.post(
        "/api/v1/subsidies/grants", json=body, headers={**headers, "Idempotency-Key": key}
    )


def test_a_grant_is_recorded_once_per_key_and_listed(client, runtime):
    headers = token(runtime, PLATFORM)
    first = ok(post(client, headers, "g-1", grant("P1")), 201)
    assert first["subsidy"] == {"amount": "30000.00", "currency": "CNY"}
    assert ok(post(client, headers, "g-1", grant("P1")), 201) == first
    conflict = post(client, headers, "g-1", grant("P2"))
    assert_problem(conflict, 409, "conflict", "Idempotency-Key")
    listed = ok(client.get("/api/v1/subsidies/grants", params={"year": 2024}, headers=headers))
    assert [g["id"] for g in listed] == [first["id"]]


def test_a_grant_without_a_key_is_refused(client, runtime):
    response = client.post(
        "/api/v1/subsidies/grants", json=grant("P1"), headers=token(runtime, PLATFORM)
    )
    assert_problem(response, 422, "invalid_input", "Idempotency-Key")


def test_concurrent_grants_through_the_api_stop_exactly_at_the_yearly_cap(client, runtime):
    headers = token(runtime, PLATFORM)
    answers: list[int] = []
    start = threading.Barrier(THREADS)

    def send(n: int) -> None:
        start.wait()
        answers.append(post(client, headers, f"k-{n}", grant(f"P{n}")).status_code)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    listed = ok(client.get("/api/v1/subsidies/grants", headers=headers))
    total = sum(Decimal(g["subsidy"]["amount"]) for g in listed)
    # 50 % of CNY 60,000 per policy under a yearly cap of CNY 200,000: six full grants and one
    # of 20,000, whatever the order; every other request is refused (422), none fails.
    assert total == Decimal("200000.00") and len(listed) == 7
    assert sorted(answers) == [201] * 7 + [422] * (THREADS - 7)
