"""The catalog, subsidy programme and procedure routes (TestClient, SQLite and PostgreSQL)."""

import pytest

from tests.e2e.api_setup import EXPORTER, PLATFORM, api_runtime, ok, token
from tests.e2e.test_api_auth import assert_problem


@pytest.fixture
def runtime(database, tmp_path):
    return api_runtime(database, tmp_path)


def test_an_exporter_lists_the_catalog_and_reads_a_product_with_its_gaps(client, runtime):
    headers = token(runtime, EXPORTER)
    products = ok(client.get("/api/v1/catalog", headers=headers, params={"day": "2026-03-01"}))
    assert "illustrative-337-defence" in {p["id"] for p in products}
    product = ok(client.get("/api/v1/catalog/illustrative-337-defence", headers=headers))
    assert len(product["coverage"]) == 13 and isinstance(product["coverage_gaps"], list)


def test_compare_returns_each_product_with_its_cover(client, runtime):
    ids = [p["id"] for p in ok(client.get("/api/v1/catalog", headers=token(runtime, PLATFORM)))]
    compared = ok(
        client.get(
            "/api/v1/catalog/compare", params={"product": ids[:2]}, headers=token(runtime, PLATFORM)
        )
    )
    assert [p["id"] for p in compared] == ids[:2]


def test_an_unknown_product_is_a_404_and_a_bad_day_a_422(client, runtime):
    headers = token(runtime, EXPORTER)
    assert_problem(client.get("/api/v1/catalog/no-such", headers=headers), 404, "not_found")
    response = client.get("/api/v1/catalog", headers=headers, params={"day": "9999-12-31"})
    assert_problem(response, 422, "invalid_input", "day")


def test_programmes_in_force_and_a_check_with_its_explanation(client, runtime):
    headers = token(runtime, EXPORTER)
    programmes = ok(client.get("/api/v1/subsidies/programmes", headers=headers))
    assert programmes and all("id" in p for p in programmes)
    shown = ok(client.get(f"/api/v1/subsidies/programmes/{programmes[0]['id']}", headers=headers))
    assert shown["id"] == programmes[0]["id"]
    check = {
        "programme": "shenzhen",
        "product_type": "patent_enforcement",
        "premium": "20000",
        "region": "440305",
        "industries": ["ultra_hd_display"],
        "date": "2026-03-01",
    }
    decision = ok(client.post("/api/v1/subsidies/check", json=check, headers=headers))
    assert decision["programme"] == "shenzhen" and decision["explanation"]
    assert decision["subsidy"]["currency"] == "CNY"


def test_a_check_with_a_malformed_premium_names_the_field(client, runtime):
    body = {"programme": "shenzhen", "product_type": "patent_enforcement", "premium": "1,5"}
    response = client.post("/api/v1/subsidies/check", json=body, headers=token(runtime, EXPORTER))
    assert_problem(response, 422, "invalid_input", "premium")


def test_pilot_regions_are_listed(client, runtime):
    pilots = ok(client.get("/api/v1/subsidies/pilots", headers=token(runtime, EXPORTER)))
    assert pilots


def test_the_deadline_engine_and_a_case_calendar(client, runtime):
    headers = token(runtime, EXPORTER)
    counted = ok(
        client.post(
            "/api/v1/procedure/deadline",
            json={"from": "2026-04-16", "days": 20, "closures": ["2026-05-06"]},
            headers=headers,
        )
    )
    assert counted["from"] == "2026-04-16" and counted["closures"] == ["2026-05-06"]
    assert counted["due"] >= "2026-05-06"
    events = ok(
        client.post(
            "/api/v1/procedure/schedule", json={"complaint_filed": "2026-03-16"}, headers=headers
        )
    )
    assert events[0]["date"] == "2026-03-16" and len(events) > 5
    assert ok(client.get("/api/v1/procedure/steps", headers=headers))


def test_a_period_out_of_range_is_a_422_naming_days(client, runtime):
    body = {"from": "2026-04-16", "days": 0}
    response = client.post(
        "/api/v1/procedure/deadline", json=body, headers=token(runtime, PLATFORM)
    )
    assert_problem(response, 422, "invalid_input", "days")


def test_usitc_statistics_by_year(client, runtime):
    document = ok(client.get("/api/v1/usitc/statistics", headers=token(runtime, EXPORTER)))
    assert document["by"] == "year" and document["groups"]


def test_an_unknown_grouping_is_a_422(client, runtime):
    response = client.get(
        "/api/v1/usitc/statistics", params={"by": "planet"}, headers=token(runtime, EXPORTER)
    )
    assert_problem(response, 422, "invalid_input", "by")
