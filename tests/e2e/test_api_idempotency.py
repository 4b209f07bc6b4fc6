"""Idempotency keys on a stand-in payment route, and what an unexpected error looks like."""

import threading
from datetime import timedelta
from typing import Annotated

import pytest
from fastapi import Header, Request
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient

from patentshield.accounts.token_service import create_token
from patentshield.api.app import create_app
from patentshield.api.idempotency import StoredResponse, idempotent, scope_of
from patentshield.kernel.http import RuntimeDep
from tests.e2e.test_api_auth import assert_problem
from tests.factories import NOW, runtime_of
from tests.integration.accounts_setup import exporter_and_insurer

ROUTE = "/api/v1/stand-in-payments"


@pytest.fixture
def app_and_calls(database):
    runtime = runtime_of(database)
    exporter_and_insurer(runtime)
    app = create_app(runtime.settings, runtime=runtime)
    calls: list[dict[str, str]] = []

    @app.post(ROUTE)
    def pay(
        body: dict[str, str],
        request: Request,
        runtime: RuntimeDep,
        key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    ) -> JSONResponse:
        def produce() -> StoredResponse:
            calls.append(body)
            if body.get("amount") == "fail":
                raise ValueError("the stand-in payment failed")
            return StoredResponse(201, {"payment": len(calls), **body})

        stored = idempotent(
            runtime,
            scope=scope_of(runtime, request.method, request.url.path),
            key=key,
            request=body,
            produce=produce,
        )
        return JSONResponse(stored.body, status_code=stored.status)

    @app.get("/api/v1/stand-in-crash")
    def crash() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    issued = create_token(runtime, email="claims@insurer.cn", expires_at=NOW + timedelta(days=1))
    headers = {"Authorization": f"Bearer {issued.secret}"}
    return TestClient(app, raise_server_exceptions=False), headers, calls


def pay(client, headers, key, amount="100.00"):
    return client.post(ROUTE, json={"amount": amount}, headers={**headers, "Idempotency-Key": key})


def test_the_same_key_returns_the_first_result_without_paying_again(app_and_calls):
    client, headers, calls = app_and_calls
    first, again = pay(client, headers, "k-1"), pay(client, headers, "k-1")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() == {"payment": 1, "amount": "100.00"}
    assert len(calls) == 1
    assert pay(client, headers, "k-2").json()["payment"] == 2


def test_the_same_key_with_another_body_is_a_conflict(app_and_calls):
    client, headers, calls = app_and_calls
    pay(client, headers, "k-1")
    assert_problem(pay(client, headers, "k-1", "999.00"), 409, "conflict", "Idempotency-Key")
    assert len(calls) == 1


def test_a_missing_key_is_refused_naming_the_header(app_and_calls):
    client, headers, calls = app_and_calls
    response = client.post(ROUTE, json={"amount": "1.00"}, headers=headers)
    assert_problem(response, 422, "invalid_input", "Idempotency-Key")
    assert calls == []


def test_a_failed_first_request_releases_its_key(app_and_calls):
    client, headers, calls = app_and_calls
    assert_problem(pay(client, headers, "k-1", "fail"), 500, "internal_error")
    assert_problem(pay(client, headers, "k-1", "fail"), 500, "internal_error")
    assert len(calls) == 2


def test_concurrent_requests_with_one_key_pay_once(app_and_calls):
    client, headers, calls = app_and_calls
    answers: list[tuple[int, dict]] = []
    start = threading.Barrier(8)

    def send() -> None:
        start.wait()
        response = pay(client, headers, "k-same")
        answers.append((response.status_code, response.json()))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert {status for status, _ in answers} <= {201, 409}
    assert all(body == {"payment": 1, "amount": "100.00"} for s, body in answers if s == 201)


def test_an_unexpected_error_is_a_500_problem_without_internals(app_and_calls):
    client, _, _ = app_and_calls
    body = assert_problem(client.get("/api/v1/stand-in-crash"), 500, "internal_error")
    assert "secret" not in str(body) and "passwd" not in str(body)
