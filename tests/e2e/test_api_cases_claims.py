"""Cases, evidence, claims and the joint defence through the API, and payments under load."""

import hashlib
import io
import threading
import zipfile
from typing import Any

import pytest

from tests.e2e.api_setup import (
    CASE,
    EXPORTER,
    HANDLER,
    PLATFORM,
    bound_policy,
    invoice,
    notified_claim,
    ok,
    token,
)
from tests.e2e.test_api_auth import assert_problem


@pytest.fixture
def admin(runtime):
    return token(runtime, PLATFORM)


def adjudicated_claim(client, headers) -> Any:
    claim = notified_claim(client, headers)
    path = f"/api/v1/claims/{claim['id']}"
    ok(client.post(f"{path}/invoices", json=invoice(), headers=headers), 201)
    ok(client.post(f"{path}/adjudication", json={"date": "2026-07-01"}, headers=headers))
    return ok(client.get(path, headers=headers))


def test_a_case_opens_with_its_schedule_and_duties_and_moves_on(client, admin):
    policy = bound_policy(client, admin)
    insured = [{"enterprise": "sz-led-lighting", "policy": policy["number"]}]
    opened = ok(client.post("/api/v1/cases", json={**CASE, "insured": insured}, headers=admin), 201)
    assert opened["number"] == "337-TA-1501" and opened["state"] == "served"
    assert opened["today"] == "2026-04-16" and opened["tasks"] and opened["schedule"]
    assert [c["number"] for c in ok(client.get("/api/v1/cases", headers=admin))] == ["337-TA-1501"]
    schedule = ok(client.get("/api/v1/cases/337-TA-1501/schedule", headers=admin))
    assert schedule == opened["schedule"]
    duties = ok(client.get("/api/v1/cases/337-TA-1501/duties?day=2026-04-20", headers=admin))
    code = duties[0]["code"]
    done = {"date": "2026-04-20", "note": "filed"}
    shown = ok(
        client.post(f"/api/v1/cases/337-TA-1501/duties/{code}/done", json=done, headers=admin)
    )
    assert any(t["code"] == code and t["done_on"] == "2026-04-20" for t in shown["tasks"])


def test_a_case_with_an_unknown_policy_or_a_bad_move_is_refused(client, admin):
    insured = [{"enterprise": "sz-led-lighting", "policy": "NO-SUCH"}]
    refused = client.post("/api/v1/cases", json={**CASE, "insured": insured}, headers=admin)
    assert refused.status_code in (404, 422) and refused.json()["field"]
    ok(client.post("/api/v1/cases", json=CASE, headers=admin), 201)
    move = client.post(
        "/api/v1/cases/337-TA-1501/advance", json={"to": "complaint_filed"}, headers=admin
    )
    assert_problem(move, 409, "invalid_transition")
    assert_problem(client.get("/api/v1/cases/none", headers=admin), 404, "not_found")


def test_evidence_is_uploaded_listed_downloaded_verified_and_exported(client, admin):
    notified_claim(client, admin)
    content = b"lab notebook, March 2019"
    files = [("files", ("notebook.txt", content, "text/plain"))]
    path = "/api/v1/cases/337-TA-1501/evidence"
    added = ok(client.post(path, files=files, data={"kind": "rd_records"}, headers=admin), 201)
    assert added[0]["sha256"] == hashlib.sha256(content).hexdigest()
    assert [e["id"] for e in ok(client.get(path, headers=admin))] == [added[0]["id"]]
    download = client.get(f"{path}/{added[0]['id']}/content", headers=admin)
    assert download.status_code == 200 and download.content == content
    assert download.headers["x-content-sha256"] == added[0]["sha256"]
    assert [c["state"] for c in ok(client.get(f"{path}/verify", headers=admin))] == ["intact"]
    dossier = client.get(
        "/api/v1/cases/337-TA-1501/dossier", params={"respondent": "sz-led-lighting"}, headers=admin
    )
    assert dossier.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(dossier.content)).namelist()
    assert "manifest.json" in names and "cover_letter.pdf" in names


def test_an_upload_over_the_limit_or_of_an_unknown_kind_is_refused(client, admin, runtime):
    notified_claim(client, admin)
    path = "/api/v1/cases/337-TA-1501/evidence"
    files = [("files", ("a.txt", b"x", "text/plain"))]
    wrong = client.post(path, files=files, data={"kind": "rumours"}, headers=admin)
    assert_problem(wrong, 422, "invalid_input", "kind")
    nothing = client.get(path, headers=admin)
    assert ok(nothing) == []


def test_an_insurer_handles_a_claim_from_notice_to_payment_and_close(client, admin, runtime):
    claim = adjudicated_claim(client, admin)
    handler = token(runtime, HANDLER)
    path = f"/api/v1/claims/{claim['id']}"
    assert claim["status"] == "open" and claim["adjudicated"]["amount"] != "0.00"
    paid = ok(
        client.post(
            f"{path}/payments",
            json={"date": "2026-07-02"},
            headers={**handler, "Idempotency-Key": "p-1"},
        ),
        201,
    )
    again = client.post(
        f"{path}/payments",
        json={"date": "2026-07-02"},
        headers={**handler, "Idempotency-Key": "p-1"},
    )
    assert again.status_code == 201 and again.json() == paid
    assert [p["id"] for p in ok(client.get(f"{path}/payments", headers=handler))] == [paid["id"]]
    closed = ok(client.post(f"{path}/close", json={"date": "2026-07-03"}, headers=handler))
    assert closed["status"] == "closed"
    history = ok(client.get(f"{path}/history", headers=handler))
    assert [event["to"] for event in history] == ["open", "closed"]
    assert [e["invoice"] for e in ok(client.get(f"{path}/invoices", headers=handler))] == ["INV-1"]


def test_a_payment_needs_an_idempotency_key_and_the_right_role(client, admin, runtime):
    claim = adjudicated_claim(client, admin)
    path = f"/api/v1/claims/{claim['id']}/payments"
    missing = client.post(path, json={}, headers=token(runtime, HANDLER))
    assert_problem(missing, 422, "invalid_input", "Idempotency-Key")
    exporter = client.post(
        path, json={}, headers={**token(runtime, EXPORTER), "Idempotency-Key": "k"}
    )
    assert_problem(exporter, 403, "forbidden", "claims:pay")
    too_much = client.post(
        path,
        json={"amount": "99999999"},
        headers={**token(runtime, HANDLER), "Idempotency-Key": "k"},
    )
    assert_problem(too_much, 422, "rule_violation")


LUMINA = "Lumina IP Holdings LLC"


def test_the_claims_handler_consents_to_a_settlement_which_caps_what_is_paid(
    client, admin, runtime
):
    claim = notified_claim(client, admin)
    path = f"/api/v1/claims/{claim['id']}"
    handler, exporter = token(runtime, HANDLER), token(runtime, EXPORTER)
    body = {"counterparty": LUMINA, "maximum": "600000", "date": "2026-05-30", "terms": "licence"}
    refused = client.post(f"{path}/settlement-consents", json=body, headers=exporter)
    assert_problem(refused, 403, "forbidden", "claims:consent")
    usd = client.post(
        f"{path}/settlement-consents", json={**body, "currency": "USD"}, headers=handler
    )
    assert_problem(usd, 422, "invalid_input", "maximum")
    given = ok(client.post(f"{path}/settlement-consents", json=body, headers=handler), 201)
    assert (given["sequence"], given["consented_by"]) == (1, HANDLER)
    assert given["maximum"] == {"amount": "600000.00", "currency": "CNY"}
    settlement = {**invoice("1000000", "SET-1"), "vendor": LUMINA}
    settlement |= {"category": "settlement_licence", "phase": "settlement"}
    ok(client.post(f"{path}/invoices", json=settlement, headers=exporter), 201)
    decided = ok(client.post(f"{path}/adjudication", json={"date": "2026-07-01"}, headers=handler))
    line = decided["lines"][0]
    codes = [reason["code"] for reason in line["reasons"]]
    assert "settlement_consented" in codes and "settlement_over_consent" in codes
    assert line["eligible"] == {"amount": "600000.00", "currency": "CNY"}
    seen = ok(client.get(path, headers=exporter))["settlement_consents"]
    assert [(c["counterparty"], c["consented_on"]) for c in seen] == [(LUMINA, "2026-05-30")]


def test_an_invoice_with_a_bad_amount_or_category_names_the_field(client, admin):
    claim = notified_claim(client, admin)
    path = f"/api/v1/claims/{claim['id']}/invoices"
    amount = client.post(path, json=invoice(amount="12x"), headers=admin)
    assert_problem(amount, 422, "invalid_input", "amount")
    category = client.post(path, json={**invoice(), "category": "lunch"}, headers=admin)
    assert_problem(category, 422, "invalid_input", "category")


def test_a_joint_defence_splits_a_shared_invoice_into_the_insured_members_claim(client, admin):
    claim = notified_claim(client, admin)
    group = {
        "name": "lighting",
        "members": ["sz-led-lighting", "Zhongshan Lumen Lighting Co., Ltd."],
    }
    created = ok(
        client.post("/api/v1/cases/337-TA-1501/joint-defence", json=group, headers=admin), 201
    )
    assert created["rule"] == "equal" and len(created["members"]) == 2
    split = ok(
        client.post(
            "/api/v1/cases/337-TA-1501/joint-defence/lighting/invoices",
            json=invoice("200000", "SHARED-1"),
            headers=admin,
        ),
        201,
    )
    filed = [s["expense"] for s in split["shares"] if s["expense"]]
    invoices = ok(client.get(f"/api/v1/claims/{claim['id']}/invoices", headers=admin))
    assert [i["id"] for i in invoices] == filed


def test_an_outcome_is_recorded_with_the_cases_claims(client, admin):
    claim = notified_claim(client, admin)
    body = {"kind": "withdrawal", "date": "2026-09-01"}
    result = ok(client.post("/api/v1/cases/337-TA-1501/outcome", json=body, headers=admin))
    assert result["kind"] == "withdrawal" and result["day"] == "2026-09-01"
    assert [c["claim"] for c in result["claims"]] == [claim["id"]]
    shown = ok(client.get("/api/v1/cases/337-TA-1501", headers=admin))
    assert shown["state"] == result["case_state"] != "served"


@pytest.mark.postgres
def test_concurrent_payments_through_the_api_pay_once_per_key_on_postgresql(
    client, admin, runtime, database
):
    if database.engine.dialect.name != "postgresql":
        pytest.skip("the concurrency of the payment route is checked on PostgreSQL")
    claim = adjudicated_claim(client, admin)
    handler = token(runtime, HANDLER)
    path = f"/api/v1/claims/{claim['id']}/payments"
    answers: list[tuple[int, dict]] = []
    start = threading.Barrier(12)

    def pay(key: str) -> None:
        start.wait()
        response = client.post(
            path, json={"date": "2026-07-02"}, headers={**handler, "Idempotency-Key": key}
        )
        answers.append((response.status_code, response.json()))

    threads = [threading.Thread(target=pay, args=(f"k-{i % 3}",)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    payments = ok(client.get(path, headers=handler))
    assert len(payments) == 1
    assert sum(float(p["amount"]["amount"]) for p in payments) == float(
        claim["adjudicated"]["amount"]
    )
    assert {status for status, _ in answers} <= {201, 409, 422}
    assert all(body["id"] == payments[0]["id"] for status, body in answers if status == 201)
