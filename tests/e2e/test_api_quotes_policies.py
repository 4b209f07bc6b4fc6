"""Quotes, policies and the risk engine through the API."""

from typing import Any

from tests.e2e.api_setup import (
    EXPORTER,
    PLATFORM,
    PRODUCT,
    QUOTE,
    UNDERWRITER,
    bound_policy,
    ok,
    token,
)
from tests.e2e.test_api_auth import assert_problem


def requested_quote(client, runtime) -> Any:
    """The exporter asks for the quote an underwriter then binds (so the insurer sees it)."""
    return ok(client.post("/api/v1/quotes", json=QUOTE, headers=token(runtime, EXPORTER)), 201)


def test_an_exporter_quotes_a_product_and_reads_it_back(client, runtime):
    headers = token(runtime, EXPORTER)
    quote = ok(client.post("/api/v1/quotes", json=QUOTE, headers=headers), 201)
    assert quote["product"]["id"] == PRODUCT and quote["id"].startswith("q-")
    assert ok(client.get(f"/api/v1/quotes/{quote['id']}", headers=headers)) == quote
    listed = ok(
        client.get("/api/v1/quotes", params={"enterprise": "sz-led-lighting"}, headers=headers)
    )
    assert [q["id"] for q in listed] == [quote["id"]]


def test_compare_quotes_two_products_for_one_applicant(client, runtime):
    headers = token(runtime, EXPORTER)
    ids = [p["id"] for p in ok(client.get("/api/v1/catalog", headers=headers))]
    tariff = [i for i in ids if i != PRODUCT][:2]
    body = {"products": tariff, "enterprise": "sz-led-lighting"}
    quotes = ok(client.post("/api/v1/quotes/compare", json=body, headers=headers), 201)
    assert [q["product"]["id"] for q in quotes] == tariff


def test_a_quote_with_a_negative_premium_or_an_unknown_enterprise_is_refused(client, runtime):
    headers = token(runtime, EXPORTER)
    negative = client.post("/api/v1/quotes", json={**QUOTE, "premium": "-5"}, headers=headers)
    assert_problem(negative, 422, "invalid_input", "premium")
    unknown = client.post("/api/v1/quotes", json={**QUOTE, "enterprise": "nobody"}, headers=headers)
    assert_problem(unknown, 404, "not_found", "enterprise")
    assert_problem(client.get("/api/v1/quotes/q-none", headers=headers), 404, "not_found")


def test_an_underwriter_binds_shows_lists_and_cancels_a_policy(client, runtime):
    headers = token(runtime, UNDERWRITER)
    quote = requested_quote(client, runtime)
    bound = client.post("/api/v1/policies", json={"quote": quote["id"]}, headers=headers)
    policy = ok(bound, 201)
    assert policy["enterprise"] == "sz-led-lighting" and policy["period_start"] == "2026-03-01"
    shown = ok(client.get(f"/api/v1/policies/{policy['number']}", headers=headers))
    assert shown["id"] == policy["id"] and shown["status"] == "in_force"
    assert [p["id"] for p in ok(client.get("/api/v1/policies", headers=headers))] == [policy["id"]]
    cancel = {"reason": "sold the business", "date": "2026-06-01"}
    cancelled = ok(
        client.post(f"/api/v1/policies/{policy['id']}/cancel", json=cancel, headers=headers)
    )
    assert cancelled["cancelled_on"] == "2026-06-01"
    again = client.post(f"/api/v1/policies/{policy['id']}/cancel", json=cancel, headers=headers)
    assert_problem(again, 409, "invalid_transition")


def test_a_policy_renews_from_a_new_quote_dated_on_its_end(client, runtime):
    headers = token(runtime, PLATFORM)
    policy = bound_policy(client, headers)
    renewal_quote = ok(
        client.post(
            "/api/v1/quotes", json={**QUOTE, "date": policy["period_end"]}, headers=headers
        ),
        201,
    )
    renewal = ok(
        client.post(
            f"/api/v1/policies/{policy['number']}/renewals",
            json={"quote": renewal_quote["id"]},
            headers=headers,
        ),
        201,
    )
    assert renewal["renews"] == policy["id"] and renewal["period_start"] == policy["period_end"]


def test_binding_a_quote_twice_is_a_conflict(client, runtime):
    headers = token(runtime, UNDERWRITER)
    quote = requested_quote(client, runtime)
    ok(client.post("/api/v1/policies", json={"quote": quote["id"]}, headers=headers), 201)
    again = client.post("/api/v1/policies", json={"quote": quote["id"]}, headers=headers)
    assert_problem(again, 409, "conflict", "quote")


def test_an_exporter_accepts_its_quote_but_may_not_cancel_the_policy(client, runtime):
    headers = token(runtime, EXPORTER)
    quote = ok(client.post("/api/v1/quotes", json=QUOTE, headers=headers), 201)
    policy = ok(client.post("/api/v1/policies", json={"quote": quote["id"]}, headers=headers), 201)
    cancel = {"reason": "changed my mind", "date": "2026-06-01"}
    refused = client.post(f"/api/v1/policies/{policy['id']}/cancel", json=cancel, headers=headers)
    assert_problem(refused, 403, "forbidden", "policies:write")


def test_a_risk_simulation_under_a_product_reports_the_policys_payments(client, runtime):
    body = {
        "enterprise": "sz-led-lighting",
        "years": 2000,
        "product": PRODUCT,
        "premium": "400000",
        "date": "2026-03-01",
    }
    report = ok(client.post("/api/v1/risk/simulate", json=body, headers=token(runtime, EXPORTER)))
    assert report["years"] == 2000 and report["enterprise"] == "sz-led-lighting"
    assert report["policy"] is not None and report["exposure"]


def test_recommendations_rank_the_catalogs_products(client, runtime):
    body = {"enterprise": "sz-led-lighting", "years": 500, "date": "2026-03-01"}
    document = ok(
        client.post("/api/v1/risk/recommend", json=body, headers=token(runtime, EXPORTER))
    )
    assert document["years"] == 500
    assert {p["product"] for p in document["products"]} | {
        p["product"] for p in document["left_out"]
    } >= {PRODUCT}


def test_simulated_years_above_the_bound_are_refused_naming_years(client, runtime):
    body = {"enterprise": "sz-led-lighting", "years": 10_000_000}
    response = client.post("/api/v1/risk/simulate", json=body, headers=token(runtime, EXPORTER))
    assert_problem(response, 422, "invalid_input", "years")


def test_a_file_path_is_never_read_as_the_enterprise(client, runtime, tmp_path):
    body = {"enterprise": "profile.yaml", "years": 200}
    response = client.post("/api/v1/risk/simulate", json=body, headers=token(runtime, EXPORTER))
    assert_problem(response, 422, "invalid_input", "enterprise")
    slash = client.post(
        "/api/v1/risk/simulate",
        json={**body, "enterprise": "/etc/x"},
        headers=token(runtime, EXPORTER),
    )
    assert_problem(slash, 422, "invalid_input", "enterprise")


def test_an_aggregate_by_fft_matches_its_simulation_within_its_error(client, runtime):
    headers = token(runtime, EXPORTER)
    model = {"lam": 2.0, "sigma": 1.0, "scale": 1.0, "levels": [0.99]}
    fft = ok(
        client.post("/api/v1/risk/aggregate", json={**model, "method": "fft"}, headers=headers)
    )
    mc = ok(client.post("/api/v1/risk/aggregate", json={**model, "sims": 200_000}, headers=headers))
    assert fft["method"] == "fft" and mc["method"] == "mc"
    assert abs(fft["mean"] - mc["mean"]) < 5 * mc["std_error"]
    assert fft["lower"]["tvar"]["0.99"] <= fft["tvar"]["0.99"] <= fft["upper"]["tvar"]["0.99"]


def test_an_aggregate_above_the_simulation_bound_is_refused(client, runtime):
    body = {"lam": 2.0, "sigma": 1.0, "scale": 1.0, "sims": 10**9}
    response = client.post("/api/v1/risk/aggregate", json=body, headers=token(runtime, EXPORTER))
    assert_problem(response, 422, "invalid_input", "sims")
