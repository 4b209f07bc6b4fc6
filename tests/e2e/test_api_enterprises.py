"""Enterprise profiles through the API: create, update, import an uploaded file, read."""

from typing import Any

import pytest

from tests.e2e.api_setup import AUDITOR, EXAMPLES, EXPORTER, api_runtime, ok, token
from tests.e2e.test_api_auth import assert_problem

RECORD = {
    "id": "gz-smart-locks",
    "name": "Guangzhou Smart Locks Co., Ltd.",
    "credit_code": "91440106PT0000011R",
    "region": "440106",
    "industries": ["smart_sensors"],
    "product_classes": [
        {"name": "Smart door locks", "hts": ["8301.40"], "annual_us_sales_usd": "2500000"}
    ],
}


@pytest.fixture
def runtime(database, tmp_path):
    return api_runtime(database, tmp_path)


def valid_record(client, headers) -> Any:
    return ok(client.post("/api/v1/enterprises", json=RECORD, headers=headers), 201)


def test_an_exporter_creates_reads_and_replaces_a_profile(client, runtime):
    headers = token(runtime, EXPORTER)
    created = valid_record(client, headers)
    assert created["id"] == "gz-smart-locks"
    assert created["total_us_sales"] == {"amount": "2500000.00", "currency": "USD"}
    changed = {**RECORD, "name": "Guangzhou Smart Locks Group"}
    replaced = ok(client.put("/api/v1/enterprises/gz-smart-locks", json=changed, headers=headers))
    assert replaced["name"] == "Guangzhou Smart Locks Group"
    listed = ok(client.get("/api/v1/enterprises", headers=headers))
    assert [e["id"] for e in listed] == ["gz-smart-locks"]
    shown = ok(client.get(f"/api/v1/enterprises/{RECORD['credit_code']}", headers=headers))
    assert shown["id"] == "gz-smart-locks"


def test_creating_an_id_twice_is_a_conflict(client, runtime):
    headers = token(runtime, EXPORTER)
    valid_record(client, headers)
    again = client.post("/api/v1/enterprises", json=RECORD, headers=headers)
    assert_problem(again, 409, "conflict", "id")


def test_a_record_with_a_bad_region_is_refused_and_nothing_is_written(client, runtime):
    headers = token(runtime, EXPORTER)
    response = client.post("/api/v1/enterprises", json={**RECORD, "region": "12"}, headers=headers)
    body = assert_problem(response, 422, "invalid_records", "region")
    assert "the request body" in body["detail"] and "/tmp" not in body["detail"]
    assert ok(client.get("/api/v1/enterprises", headers=headers)) == []


def test_a_replacement_may_not_change_the_id(client, runtime):
    headers = token(runtime, EXPORTER)
    valid_record(client, headers)
    response = client.put(
        "/api/v1/enterprises/gz-smart-locks", json={**RECORD, "id": "other"}, headers=headers
    )
    assert_problem(response, 422, "invalid_input", "id")


def test_an_uploaded_yaml_file_is_imported_all_or_nothing(client, runtime):
    headers = token(runtime, EXPORTER)
    files = {"file": ("enterprises.yaml", EXAMPLES.read_bytes(), "application/yaml")}
    report = ok(client.post("/api/v1/enterprises/import", files=files, headers=headers))
    assert report["source"] == "enterprises.yaml" and report["created"] == 5
    again = ok(client.post("/api/v1/enterprises/import", files=files, headers=headers))
    assert again["unchanged"] == 5


def test_an_upload_of_another_kind_is_refused_naming_the_file(client, runtime):
    files = {"file": ("enterprises.exe", b"MZ", "application/octet-stream")}
    response = client.post(
        "/api/v1/enterprises/import", files=files, headers=token(runtime, EXPORTER)
    )
    assert_problem(response, 422, "invalid_input", "file")


def test_an_auditor_may_read_but_not_write_profiles(client, runtime):
    headers = token(runtime, AUDITOR)
    assert ok(client.get("/api/v1/enterprises", headers=headers)) == []
    refused = client.post("/api/v1/enterprises", json=RECORD, headers=headers)
    assert_problem(refused, 403, "forbidden", "enterprises:write")


def test_an_unknown_enterprise_is_a_404(client, runtime):
    response = client.get("/api/v1/enterprises/nobody", headers=token(runtime, EXPORTER))
    assert_problem(response, 404, "not_found", "enterprise")
