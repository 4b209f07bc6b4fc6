"""``/api/v1/compliance`` end to end (TestClient) on an app that includes only its router.

The application proper (``patentshield.api.app``) includes the router on merge; here a small
app has the same problem handlers and authenticator, and callers sign in with bearer tokens.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from patentshield.accounts.token_service import create_token
from patentshield.api import problems, session
from patentshield.compliance.api import router
from patentshield.enterprises.service import assign_enterprise, import_enterprises
from patentshield.kernel.access import Role
from patentshield.kernel.config import Settings
from patentshield.kernel.http import AUTHENTICATOR
from patentshield.kernel.runtime import Runtime
from tests.factories import NOW, runtime_of
from tests.integration.accounts_setup import exporter_and_insurer, user

ROOT = Path(__file__).resolve().parents[2]
BASE = "/api/v1/compliance"
SCORE = f"{BASE}/enterprises/sz-led-lighting/score"
FTO = f"{BASE}/enterprises/sz-led-lighting/fto"
OPINION = {
    "filename": "fto-2022.txt",
    "counsel": "CCPIT Patent",
    "issued_on": "2022-01-15",
    "patent": ["US 9,876,543"],
    "product": ["LED ceiling and wall luminaires"],
    "conclusion": "clear",
}


@pytest.fixture
def runtime(database, tmp_path: Path) -> Runtime:
    runtime = runtime_of(database, settings=Settings(home=tmp_path / "home"))
    exporter_and_insurer(runtime)
    import_enterprises(runtime, ROOT / "examples" / "enterprises.yaml")
    for enterprise in ("sz-led-lighting", "nb-standing-desks"):
        assign_enterprise(runtime, enterprise, "Shenzhen LED Co")
    user(runtime, "Shenzhen LED Co", "auditor@led.cn", Role.AUDITOR)
    return runtime


@pytest.fixture
def client(runtime: Runtime) -> TestClient:
    app = FastAPI()
    problems.install(app)
    setattr(app.state, AUTHENTICATOR, session.authenticator(runtime))
    app.include_router(router, prefix="/api/v1")
    return TestClient(app)


def bearer(runtime: Runtime, email: str) -> dict[str, str]:
    issued = create_token(runtime, email=email, expires_at=NOW + timedelta(days=30))
    return {"Authorization": f"Bearer {issued.secret}"}


def problem(response, status: int, field: str | None = None) -> Any:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    if field is not None:
        assert body["field"] == field
    return body


def test_a_request_without_credentials_is_refused(client: TestClient):
    problem(client.get(SCORE), 401)


def test_a_declared_control_raises_the_score_it_reports(client: TestClient, runtime: Runtime):
    admin = bearer(runtime, "admin@led.cn")
    before = client.get(SCORE, headers=admin, params={"date": "2026-03-01"}).json()
    assert (before["points"], before["out_of"], len(before["controls"])) == ("10", 100, 9)
    created = client.post(
        f"{BASE}/enterprises/sz-led-lighting/controls",
        headers=admin,
        json={"control": "rd_records", "evidence": "lab notebooks", "date": "2026-02-01"},
    )
    assert created.status_code == 201 and created.json()["label_zh"] == "研发记录留存"
    after = client.get(SCORE, headers=admin, params={"date": "2026-03-01"}).json()
    assert after["points"] == "20" and after["controls_declared"] is True
    listed = client.get(f"{BASE}/enterprises/sz-led-lighting/controls", headers=admin).json()
    assert [c["control"] for c in listed["controls"]] == ["rd_records"]


def test_an_auditor_may_read_the_score_but_not_declare_a_control(client, runtime):
    auditor = bearer(runtime, "auditor@led.cn")
    assert client.get(SCORE, headers=auditor).status_code == 200
    refused = client.post(
        f"{BASE}/enterprises/sz-led-lighting/controls",
        headers=auditor,
        json={"control": "rd_records", "evidence": "x"},
    )
    problem(refused, 403)


def test_a_derived_control_or_a_bad_date_is_a_problem_naming_the_field(client, runtime):
    admin = bearer(runtime, "admin@led.cn")
    url = f"{BASE}/enterprises/sz-led-lighting/controls"
    problem(client.post(url, headers=admin, json={"control": "watch_recent"}), 422, "control")
    bad_day = {"control": "rd_records", "evidence": "x", "date": "2026-02-30"}
    problem(client.post(url, headers=admin, json=bad_day), 422, "date")
    assert client.get(url, headers=admin).json() == {"controls": []}


def test_an_opinion_uploaded_as_the_body_is_filed_once(client: TestClient, runtime: Runtime):
    admin = bearer(runtime, "admin@led.cn")
    headers = {**admin, "Content-Type": "application/octet-stream"}
    body = b"Freedom-to-operate opinion, 2022-01-15\n"
    first = client.post(FTO, headers=headers, params=OPINION, content=body)
    assert first.status_code == 201, first.text
    filed = first.json()
    assert filed["added"] is True and filed["conclusion_label_zh"] == "未发现侵权风险"
    again = client.post(FTO, headers=headers, params=OPINION, content=body)
    assert again.status_code == 200 and again.json()["id"] == filed["id"]
    listed = client.get(FTO, headers=admin).json()["opinions"]
    assert [o["sha256"] for o in listed] == [filed["sha256"]]
    score = client.get(SCORE, headers=admin, params={"date": "2026-03-01"}).json()
    fto = next(c for c in score["controls"] if c["control"] == "fto_per_us_product")
    assert fto["earned"] == "10" and filed["id"] in fto["evidence"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"filename": "../../etc/passwd"}, "filename"),
        ({"product": ["Solar panels"]}, "product"),
        ({"issued_on": "2022-13-01"}, "issued_on"),
    ],
)
def test_a_bad_upload_is_refused_and_files_nothing(client, runtime, changes, field):
    headers = {**bearer(runtime, "admin@led.cn"), "Content-Type": "application/octet-stream"}
    refused = client.post(FTO, headers=headers, params={**OPINION, **changes}, content=b"x")
    problem(refused, 422, field)
    assert client.get(FTO, headers=headers).json() == {"opinions": []}


def test_providers_are_listed_per_product_and_an_unknown_one_is_a_problem(client, runtime):
    member = bearer(runtime, "member@led.cn")
    url = f"{BASE}/products/illustrative-337-defence/providers"
    panel = client.get(url, headers=member, params={"kind": "panel_counsel"}).json()
    assert [p["name"] for p in panel["providers"]] == ["Kirkland & Pell LLP", "Harbor & Stone LLP"]
    assert all(p["example"] and p["kind_label_zh"] for p in panel["providers"])
    problem(client.get(f"{BASE}/products/nothing/providers", headers=member), 404, "product")


def test_the_watch_answers_matches_and_a_second_run_finds_nothing_new(client, runtime):
    member = bearer(runtime, "member@led.cn")
    found = client.get(
        f"{BASE}/watch/match", headers=member, params={"text": "电动升降桌", "top": 2}
    ).json()
    assert found["matches"][0]["investigation"] == "337-TA-1054"
    first = client.post(
        f"{BASE}/watch/runs", headers=member, json={"enterprise": "nb-standing-desks"}
    )
    assert first.status_code == 201 and first.json()["new"]
    second = client.post(
        f"{BASE}/watch/runs", headers=member, json={"enterprise": "nb-standing-desks"}
    ).json()
    assert second["new"] == [] and second["found"] == first.json()["found"]
    alerts = client.get(
        f"{BASE}/watch/alerts", headers=member, params={"enterprise": "nb-standing-desks"}
    ).json()["alerts"]
    assert sorted(a["subject"] for a in alerts) == sorted(a["subject"] for a in first.json()["new"])
    score = client.get(
        f"{BASE}/enterprises/nb-standing-desks/score",
        headers=member,
        params={"date": str(date(2026, 3, 1))},
    ).json()
    assert next(c for c in score["controls"] if c["control"] == "watch_recent")["met"] is True


def test_a_complainant_search_returns_its_profiles(client, runtime):
    member = bearer(runtime, "member@led.cn")
    found = client.get(f"{BASE}/complainants", headers=member, params={"name": "Lamina"})
    assert found.status_code == 200, found.text
    (lamina,) = found.json()["complainants"]
    assert lamina["npe"]["category"] == "npe_category_2"
    problem(client.get(f"{BASE}/complainants", headers=member, params={"name": "Nobody"}), 404)
