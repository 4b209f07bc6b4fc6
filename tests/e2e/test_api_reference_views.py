"""Read-only views of the reference data through the API: the calibration check, USITC charts."""

from pathlib import Path

import pytest

from patentshield.usitc.charts import ChartFormat
from patentshield.usitc.service import Selection, write_charts
from patentshield.usitc.stats import GroupBy
from tests.e2e.api_setup import EXPORTER, HANDLER, PLATFORM, api_runtime, ok, token
from tests.e2e.test_api_auth import assert_problem

CHECK = "/api/v1/risk/calibration-check"
CALIBRATION = "/api/v1/usitc/calibration"
IMPORTED = "/api/v1/usitc/statistics?source=imported"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "usitc"


@pytest.fixture
def runtime(database, tmp_path):
    return api_runtime(database, tmp_path)


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


def _upload(client, headers, name: str, **params):
    content = (FIXTURES / name).read_bytes()
    return client.post(
        "/api/v1/usitc/import",
        params=params,
        files={"file": (name, content, "application/json")},
        headers=headers,
    )


def test_the_platform_imports_an_uploaded_feed_and_reads_the_calibration(client, runtime):
    admin = token(runtime, PLATFORM)
    strict = _upload(client, admin, "ids_title_case.json", strict=True)
    assert strict.status_code == 422, strict.text
    assert ok(client.get(IMPORTED, headers=admin))["groups"][0]["investigations"] == 0
    report = ok(_upload(client, admin, "ids_title_case.json"))
    assert (report["source"], report["added"], report["rejected"]) == ("ids_title_case.json", 8, 2)
    assert ok(client.get(IMPORTED, headers=admin))["groups"][0]["investigations"] > 0
    again = ok(_upload(client, admin, "ids_title_case.json.gz"))
    assert (again["added"], again["unchanged"]) == (0, 8)
    calibration = client.get(CALIBRATION, params={"source": "shipped"}, headers=admin)
    assert calibration.status_code == 200, calibration.text
    assert calibration.json()["model_version"] == "usitc-calibration/2"


def test_only_the_platform_changes_the_usitc_record_or_calibrates_from_it(client, runtime):
    for email in (EXPORTER, HANDLER):
        headers = token(runtime, email)
        refused = _upload(client, headers, "ids_title_case.json")
        assert_problem(refused, 403, "forbidden", "usitc:write")
        assert_problem(client.get(CALIBRATION, headers=headers), 403, "forbidden", "usitc:write")
    admin = token(runtime, PLATFORM)
    not_a_feed = _upload(client, admin, "data_not_a_list.json")
    assert_problem(not_a_feed, 422, "external_data", "data")
