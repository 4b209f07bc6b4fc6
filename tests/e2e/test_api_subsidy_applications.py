"""``/api/v1/subsidy-applications`` over HTTP (TestClient), on the two-tenant set-up.

The application under test is the API's own with the applications router mounted, as
``api/app.py`` will mount it.
"""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from patentshield.accounts.token_service import create_token
from patentshield.api.app import PREFIX, create_app
from patentshield.subsidies.applications_api import router
from tests.factories import NOW
from tests.integration.tenancy_setup import World, tenants

URL = f"{PREFIX}/subsidy-applications"
PROBLEM = "application/problem+json"


@pytest.fixture
def world(database) -> World:
    return tenants(database)


@pytest.fixture
def client(world) -> TestClient:
    app = create_app(world.runtime.settings, runtime=world.runtime)
    app.include_router(router, prefix=PREFIX)
    return TestClient(app)


def bearer(world: World, email: str) -> dict[str, str]:
    issued = create_token(world.runtime, email=email, expires_at=NOW + timedelta(days=30))
    return {"Authorization": f"Bearer {issued.secret}"}


def problem(response, status: int, code: str) -> Any:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["code"] == code
    return body


def test_an_exporter_lists_and_reads_only_its_own_applications(client, world):
    exporter = bearer(world, "member@a.cn")
    listed = client.get(URL, headers=exporter)
    assert listed.status_code == 200
    assert [item["id"] for item in listed.json()] == [world.a.application]
    assert client.get(f"{URL}/{world.a.application}", headers=exporter).json()["status"] == (
        "submitted"
    )
    problem(client.get(f"{URL}/{world.b.application}", headers=exporter), 404, "not_found")
    problem(client.get(f"{URL}/no-such-id", headers=exporter), 404, "not_found")


def test_an_exporter_applies_and_a_second_application_on_the_same_policy_conflicts(client, world):
    exporter = bearer(world, "admin@a.cn")
    made = client.post(
        URL, headers=exporter, json={"programme": "shenzhen", "quote": world.a.quote}
    )
    assert made.status_code == 201, made.text
    assert made.json()["reference"] == world.a.quote and made.json()["status_label_zh"]
    again = client.post(
        URL, headers=exporter, json={"programme": "shenzhen", "policy": world.a.policy}
    )
    problem(again, 409, "conflict")
    other = client.post(
        URL, headers=exporter, json={"programme": "shandong", "policy": world.b.policy}
    )
    problem(other, 404, "not_found")


def test_the_officer_approves_with_an_idempotency_key_and_a_retry_changes_nothing(client, world):
    officer = bearer(world, "officer@sz.gov.cn")
    approve = f"{URL}/{world.a.application}/approve"
    problem(client.post(approve, headers=officer), 422, "invalid_input")
    first = client.post(approve, headers={**officer, "Idempotency-Key": "k-1"})
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "approved" and first.json()["amount"]["amount"] == "200000.00"
    retry = client.post(approve, headers={**officer, "Idempotency-Key": "k-1"})
    assert retry.json() == first.json()
    seen = client.get(f"{URL}/{world.a.application}", headers=bearer(world, "member@a.cn"))
    assert seen.json()["grant"] == first.json()["grant"]


def test_a_forbidden_decision_is_403_and_another_regions_application_is_404(client, world):
    exporter = bearer(world, "member@a.cn")
    refused = client.post(
        f"{URL}/{world.a.application}/approve", headers={**exporter, "Idempotency-Key": "k"}
    )
    problem(refused, 403, "forbidden")
    officer = {**bearer(world, "officer@sz.gov.cn"), "Idempotency-Key": "k"}
    problem(client.post(f"{URL}/{world.b.application}/approve", headers=officer), 404, "not_found")


def test_a_rejection_carries_its_reason_to_the_exporter(client, world):
    officer = {**bearer(world, "officer@sz.gov.cn"), "Idempotency-Key": "r-1"}
    reject = f"{URL}/{world.a.application}/reject"
    problem(client.post(reject, headers=officer, json={"reason": ""}), 422, "invalid_input")
    done = client.post(reject, headers=officer, json={"reason": "premium not paid"})
    assert done.status_code == 200 and done.json()["status"] == "rejected"
    seen = client.get(f"{URL}/{world.a.application}", headers=bearer(world, "admin@a.cn")).json()
    assert (seen["status"], seen["reason"]) == ("rejected", "premium not paid")
