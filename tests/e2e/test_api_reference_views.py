"""Read-only views of the reference data through the API: the calibration check, USITC charts."""

import pytest

from patentshield.usitc.charts import ChartFormat
from patentshield.usitc.service import Selection, write_charts
from patentshield.usitc.stats import GroupBy
from tests.e2e.api_setup import EXPORTER, HANDLER, api_runtime, client_of, ok, token
from tests.e2e.test_api_auth import assert_problem

CHECK = "/api/v1/risk/calibration-check"


@pytest.fixture
def runtime(database, tmp_path):
    return api_runtime(database, tmp_path)


@pytest.fixture
def client(runtime):
    return client_of(runtime)


def test_any_signed_in_user_sets_the_model_beside_the_published_record(client, runtime):
    document = ok(
        client.get(CHECK, params={"years": 2000, "seed": 4}, headers=token(runtime, HANDLER))
    )
    assert document["years"] == 2000 and document["seed"] == 4
    checks = {check["key"]: check for check in document["checks"]}
    assert "early_exit_share_of_investigations" in checks
    for check in checks.values():
        assert set(check) >= {"key", "model", "std_error", "published", "low", "high", "source"}
    assert document["parameters_changed"] == {}


def test_a_calibration_check_out_of_bounds_or_unsigned_is_refused(client, runtime):
    headers = token(runtime, EXPORTER)
    few = client.get(CHECK, params={"years": 99}, headers=headers)
    assert_problem(few, 422, "invalid_input", "years")
    many = client.get(CHECK, params={"years": 50_001}, headers=headers)
    assert_problem(many, 422, "invalid_input", "years")
    assert_problem(client.get(CHECK), 401, "unauthenticated")


def test_a_usitc_chart_is_the_svg_the_cli_writes(client, runtime, tmp_path):
    params = {"by": "country", "source": "shipped"}
    response = client.get(
        "/api/v1/usitc/charts/chinese-share.svg", params=params, headers=token(runtime, EXPORTER)
    )
    assert response.status_code == 200 and response.headers["content-type"] == "image/svg+xml"
    written = write_charts(
        runtime,
        by=GroupBy.COUNTRY,
        selection=Selection.SHIPPED,
        out_dir=tmp_path,
        kinds=[ChartFormat.SVG],
    )
    (file,) = [path for path in written if path.name.endswith("-chinese-share.svg")]
    assert response.content == file.read_bytes()


def test_an_unknown_chart_or_grouping_is_a_422_naming_it(client, runtime):
    headers = token(runtime, EXPORTER)
    unknown = client.get("/api/v1/usitc/charts/weather.svg", headers=headers)
    assert_problem(unknown, 422, "invalid_input", "path.name")
    grouping = client.get(
        "/api/v1/usitc/charts/outcomes.svg", params={"by": "planet"}, headers=headers
    )
    assert_problem(grouping, 422, "invalid_input", "by")
    assert_problem(client.get("/api/v1/usitc/charts/outcomes.svg"), 401, "unauthenticated")
