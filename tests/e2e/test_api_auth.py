"""The HTTP API's trust layer end to end (TestClient): tokens, sessions, CSRF, errors, audit."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from patentshield.accounts.token_service import create_token, revoke_token
from patentshield.api.app import create_app
from patentshield.kernel.access import OrganisationKind, Permission, Role
from patentshield.kernel.config import Settings
from patentshield.kernel.runtime import FixedClock
from tests.factories import NOW, runtime_of
from tests.integration.accounts_setup import PASSWORD, exporter_and_insurer, organisation, user

PROBLEM = "application/problem+json"


@pytest.fixture
def runtime(database):
    runtime = runtime_of(database, settings=Settings(login_max_failures=3))
    exporter_and_insurer(runtime)
    return runtime


@pytest.fixture
def client(runtime):
    return TestClient(create_app(runtime.settings, runtime=runtime))


def bearer(runtime, email: str, **options) -> dict[str, str]:
    options.setdefault("expires_at", NOW + timedelta(days=30))
    issued = create_token(runtime, email=email, **options)
    return {"Authorization": f"Bearer {issued.secret}"}


def login(client, email: str = "admin@led.cn", password: str = PASSWORD):
    return client.post("/api/v1/auth/login", json={"email": email, "password": password})


def assert_problem(response, status: int, code: str, field: str | None = None) -> Any:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["code"] == code
    assert body["type"] == f"urn:patentshield:problem:{code}" and body["title"]
    if field is not None:
        assert body["field"] == field
    assert "Traceback" not in response.text
    return body


def test_health_answers_without_credentials(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200 and response.json()["status"] == "ok"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_an_unknown_route_is_a_not_found_problem(client):
    assert_problem(client.get("/api/v1/nothing-here"), 404, "not_found")


def test_a_request_without_credentials_is_refused_with_401(client):
    body = assert_problem(client.get("/api/v1/me"), 401, "unauthenticated")
    assert "sign in" in body["detail"]
    assert client.get("/api/v1/me").headers["www-authenticate"].startswith("Bearer")
    assert_problem(
        client.get("/api/v1/me", headers={"Authorization": "Basic abc"}), 401, "unauthenticated"
    )


def test_a_bearer_token_acts_for_its_user_with_its_scopes(client, runtime):
    scopes = frozenset({Permission.QUOTES_READ, Permission.CLAIMS_NOTIFY})
    me = client.get("/api/v1/me", headers=bearer(runtime, "member@led.cn", scopes=scopes)).json()
    assert me["email"] == "member@led.cn" and me["role"] == "exporter_member"
    assert me["organisation"]["kind"] == "exporter" and me["organisation"]["region"] == "440300"
    assert me["permissions"] == me["token_scopes"] == ["claims:notify", "quotes:read"]


def test_a_revoked_token_is_refused_at_the_next_request(client, runtime):
    issued = create_token(runtime, email="admin@led.cn", expires_at=NOW + timedelta(days=1))
    headers = {"Authorization": f"Bearer {issued.secret}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    revoke_token(runtime, issued.id)
    assert_problem(client.get("/api/v1/me", headers=headers), 401, "unauthenticated")


def test_an_expired_token_is_refused(client, runtime):
    headers = bearer(runtime, "admin@led.cn", expires_at=NOW + timedelta(hours=1))
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    runtime.clock = FixedClock(NOW + timedelta(hours=1))
    body = assert_problem(client.get("/api/v1/me", headers=headers), 401, "unauthenticated")
    assert "expired" in body["detail"]


def test_a_user_creates_lists_and_revokes_its_tokens_through_the_api(client, runtime):
    headers = bearer(runtime, "member@led.cn")
    made = client.post(
        "/api/v1/tokens", headers=headers, json={"name": "ci", "scopes": ["quotes:read"]}
    )
    assert made.status_code == 201 and made.json()["token"].startswith("ps_")
    listed = client.get("/api/v1/tokens", headers=headers).json()
    assert {t["name"] for t in listed} == {"", "ci"}
    assert all("token" not in t and "digest" not in t for t in listed)
    revoked = client.delete(f"/api/v1/tokens/{made.json()['id']}", headers=headers)
    assert revoked.json()["state"] == "revoked"
    new = {"Authorization": f"Bearer {made.json()['token']}"}
    assert_problem(client.get("/api/v1/me", headers=new), 401, "unauthenticated")


def test_a_token_scope_the_role_lacks_is_a_422_naming_the_field(client, runtime):
    response = client.post(
        "/api/v1/tokens", headers=bearer(runtime, "member@led.cn"), json={"scopes": ["claims:pay"]}
    )
    assert_problem(response, 422, "invalid_input", "scope")


def test_login_sets_an_http_only_lax_session_cookie_that_is_secure_only_over_https(runtime):
    plain = login(TestClient(create_app(runtime.settings, runtime=runtime)))
    assert plain.status_code == 200, plain.text
    cookie = plain.headers["set-cookie"]
    assert "patentshield_session=" in cookie and "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower() and "Secure" not in cookie
    secure = TestClient(
        create_app(runtime.settings, runtime=runtime), base_url="https://testserver"
    )
    assert "Secure" in login(secure).headers["set-cookie"]


def test_a_cookie_session_reads_freely_but_writes_only_with_its_csrf_token(client):
    csrf = login(client).json()["csrf_token"]
    assert client.get("/api/v1/me").json()["email"] == "admin@led.cn"
    refused = client.post("/api/v1/tokens", json={})
    assert_problem(refused, 403, "forbidden", "X-CSRF-Token")
    wrong = client.post("/api/v1/tokens", json={}, headers={"X-CSRF-Token": "guess"})
    assert_problem(wrong, 403, "forbidden")
    allowed = client.post("/api/v1/tokens", json={}, headers={"X-CSRF-Token": csrf})
    assert allowed.status_code == 201


def test_logout_ends_the_session_at_once(client):
    csrf = login(client).json()["csrf_token"]
    cookie = client.cookies.get("patentshield_session")
    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    client.cookies.set("patentshield_session", cookie)
    assert_problem(client.get("/api/v1/me"), 401, "unauthenticated")


def test_repeated_wrong_passwords_lock_the_account(client):
    for _ in range(3):
        assert_problem(login(client, password="wrong password!"), 401, "unauthenticated")
    body = assert_problem(login(client), 401, "unauthenticated")
    assert "locked" in body["detail"]


def test_login_is_rate_limited_per_account_and_address(database):
    runtime = runtime_of(database, settings=Settings(login_attempts_per_minute=2))
    client = TestClient(create_app(runtime.settings, runtime=runtime))
    for _ in range(2):
        assert_problem(login(client, "nobody@led.cn"), 401, "unauthenticated")
    limited = assert_problem(login(client, "nobody@led.cn"), 429, "rate_limited")
    assert "retry" in limited["detail"]
    assert int(login(client, "other@led.cn").headers["retry-after"]) > 0


def test_validation_errors_name_the_field_and_bad_json_is_a_400(client):
    missing = client.post("/api/v1/auth/login", json={"email": "admin@led.cn"})
    assert_problem(missing, 422, "invalid_input", "password")
    broken = client.post(
        "/api/v1/auth/login", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert_problem(broken, 400, "invalid_json", "body")


def test_a_body_over_the_limit_is_refused_with_413(database):
    runtime = runtime_of(database, settings=Settings(max_body_bytes=2048))
    client = TestClient(create_app(runtime.settings, runtime=runtime))
    response = client.post("/api/v1/auth/login", json={"email": "a@led.cn", "password": "x" * 5000})
    assert_problem(response, 413, "payload_too_large", "body")
    chunked = client.post(
        "/api/v1/auth/login",
        content=iter([b'{"email": "', b"x" * 1500, b"x" * 1500, b'"}']),
        headers={"Content-Type": "application/json"},
    )
    assert "content-length" not in chunked.request.headers
    assert_problem(chunked, 413, "payload_too_large", "body")


def test_an_auditor_reads_its_own_organisations_entries_and_a_member_none(client, runtime):
    handler = bearer(runtime, "claims@insurer.cn")
    client.post("/api/v1/tokens", headers=handler, json={"name": "mine"})
    auditor = client.get("/api/v1/audit", headers=bearer(runtime, "auditor@insurer.cn")).json()
    assert [(e["actor"], e["object_type"]) for e in auditor["entries"]] == [
        ("claims@insurer.cn", "api_tokens")
    ]
    member = client.get("/api/v1/audit", headers=bearer(runtime, "member@led.cn"))
    assert_problem(member, 403, "forbidden", "audit:read")


def test_a_platform_administrator_reads_every_entry(client, runtime):
    organisation(runtime, OrganisationKind.PLATFORM, "Patentshield Ops")
    user(runtime, "Patentshield Ops", "ops@patentshield.cn", Role.PLATFORM_ADMIN)
    page = client.get(
        "/api/v1/audit", headers=bearer(runtime, "ops@patentshield.cn"), params={"limit": 3}
    ).json()
    assert [e["sequence"] for e in page["entries"]] == [1, 2, 3] and page["next_after"] == 3


def test_the_openapi_document_and_the_docs_page_load_nothing_from_outside(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/auth/login", "/api/v1/me", "/api/v1/tokens", "/api/v1/audit"} <= set(
        schema["paths"]
    )
    page = client.get("/api/v1/docs").text
    assert "/api/v1/static/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert "https://" not in page
    script = client.get("/api/v1/static/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
