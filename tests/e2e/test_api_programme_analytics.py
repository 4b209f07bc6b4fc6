"""The programme's simulations through the API: what-if, limit adequacy and a book's years."""

from typing import Any

import pytest

from patentshield.assessment.service import parameters_for
from patentshield.catalog.loader import Catalog
from patentshield.kernel.access import OrganisationKind, Role
from patentshield.kernel.fx import FxTable
from patentshield.programme.synth import synthetic_book
from tests.e2e.api_setup import (
    EXPORTER,
    UNDERWRITER,
    api_runtime,
    bound_policy,
    examples_imported,
    ok,
    token,
)
from tests.e2e.test_api_auth import assert_problem
from tests.integration.accounts_setup import organisation, user

OFFICER = "officer@sz.gov.cn"
WHATIF = "/api/v1/programme/whatif"
ADEQUACY = "/api/v1/programme/adequacy"
SIMULATE = "/api/v1/programme/simulate"


@pytest.fixture
def runtime(database, tmp_path):
    runtime = api_runtime(database, tmp_path)
    examples_imported(runtime)
    organisation(runtime, OrganisationKind.ADMINISTRATION, "Shenzhen IP Office", "440300")
    user(runtime, "Shenzhen IP Office", OFFICER, Role.PROGRAMME_OFFICER)
    return runtime


def book(runtime, policies: int = 40) -> dict[str, Any]:
    """A synthetic book of ``policies`` policies, as ``programme synth`` writes it."""
    day = runtime.clock.today()
    return synthetic_book(
        policies=policies,
        seed=3,
        products=runtime.reference.get(Catalog).products(day),
        fx=runtime.reference.get(FxTable).usd_cny(day)[0],
        parameters=parameters_for(runtime),
    )


def test_an_officer_studies_a_programme_of_its_region_over_its_regions_enterprises(client, runtime):
    officer = token(runtime, OFFICER)
    asked = {"programme": "shenzhen", "rate": "0.4", "budget": "5000", "years": 300, "seed": 2}
    document = ok(client.post(WHATIF, json=asked, headers=officer))
    assert document["scenario"] == "changed" and document["population"]["source"] == "database"
    assert [row["scenario"] for row in document["scenarios"]] == [
        "as today",
        "withdrawn",
        "changed",
    ]
    assert document["population"]["firms"] == 1  # sz-led-lighting: the one firm of 4403
    foshan = client.post(WHATIF, json={"programme": "foshan-chancheng-2012"}, headers=officer)
    assert_problem(foshan, 403, "forbidden", "programme:read")


def test_a_what_if_out_of_bounds_or_by_an_exporter_is_refused(client, runtime):
    officer = token(runtime, OFFICER)
    years = client.post(WHATIF, json={"programme": "shenzhen", "years": 50}, headers=officer)
    assert_problem(years, 422, "invalid_input", "years")
    rate = client.post(WHATIF, json={"programme": "shenzhen", "rate": "lots"}, headers=officer)
    assert_problem(rate, 422, "invalid_input", "rate")
    unknown = client.post(WHATIF, json={"programme": "atlantis"}, headers=officer)
    assert unknown.status_code == 404
    exporter = client.post(WHATIF, json={"programme": "shenzhen"}, headers=token(runtime, EXPORTER))
    assert_problem(exporter, 403, "forbidden", "programme:read")


def test_an_exporter_judges_the_products_limits_and_an_insurer_its_policies(client, runtime):
    exporter = token(runtime, EXPORTER)
    mine = {"enterprise": "sz-led-lighting", "cases": 500}
    products = ok(client.post(ADEQUACY, json=mine, headers=exporter))
    assert products["views"][0]["label"] == "sz-led-lighting" and products["views"][0]["limits"]
    bound_policy(client, exporter)
    underwriter = token(runtime, UNDERWRITER)
    policies = ok(client.post(ADEQUACY, json={"policies": True, "cases": 500}, headers=underwriter))
    assert [view["label"] for view in policies["views"]] == ["sz-led-lighting"]
    refused = client.post(ADEQUACY, json={"policies": True}, headers=exporter)
    assert_problem(refused, 403, "forbidden", "programme:read")
    cases = client.post(ADEQUACY, json={"cases": 10}, headers=exporter)
    assert_problem(cases, 422, "invalid_input", "cases")
    sales = client.post(ADEQUACY, json={"us_sales": "-1"}, headers=exporter)
    assert_problem(sales, 422, "invalid_input", "us_sales")


def test_an_insurer_simulates_a_book_document_within_the_bounds(client, runtime):
    underwriter = token(runtime, UNDERWRITER)
    document = book(runtime)
    asked = {"book": document, "years": 200, "seed": 1}
    report = ok(client.post(SIMULATE, json=asked, headers=underwriter))
    assert report["policies"] == 40 and report["years"] == 200 and report["seed"] == 1
    assert report["loss"]["mean"] and report["pool_size_effect"]
    again = ok(client.post(SIMULATE, json=asked, headers=underwriter))
    assert again["loss"] == report["loss"]
    wrong = client.post(SIMULATE, json={"book": {"format": "x"}}, headers=underwriter)
    assert_problem(wrong, 422, "invalid_input", "format")
    garbled = {**document, "policies": [{**document["policies"][0], "chapter": "x"}]}
    not_a_number = client.post(SIMULATE, json={"book": garbled}, headers=underwriter)
    assert_problem(not_a_number, 422, "invalid_input", "book")
    huge = {**document, "policies": [{"id": str(i)} for i in range(5_001)]}
    too_big = client.post(SIMULATE, json={"book": huge}, headers=underwriter)
    assert_problem(too_big, 422, "invalid_input", "book")
    exporter = client.post(SIMULATE, json=asked, headers=token(runtime, EXPORTER))
    assert_problem(exporter, 403, "forbidden", "programme:read")
