"""Loading and validating programme files; finding a programme by id, date and region."""

from datetime import date
from pathlib import Path

import pytest
import yaml

from patentshield.kernel.errors import ExternalDataError, InvalidRecords, NotFound
from patentshield.subsidies.catalog import (
    Programmes,
    find_programme,
    load_programmes,
    programmes_on,
)
from patentshield.subsidies.programme_file import parse_programmes

SHIPPED = Programmes.shipped()

MINIMAL = {
    "id": "x",
    "version": 1,
    "valid_from": "2024-01-01",
    "name": "X",
    "name_zh": "X",
    "rule": "rule",
    "body": "body",
    "region_code": "4403",
    "product_types": ["patent_enforcement"],
    "rate": "0.5",
    "sources": [{"ref": "R1", "url": "https://example.invalid"}],
}


def test_the_shipped_file_holds_the_nine_programmes_with_stable_ids():
    ids = [programme.id for programme in load_programmes()]
    assert ids == [
        "shenzhen",
        "beijing-patent-pilot",
        "beijing-overseas-legal-fees",
        "shandong",
        "wuxi",
        "quanzhou",
        "foshan-chancheng-2011",
        "foshan-chancheng-2012",
        "beijing-2012-premium-fund",
    ]


def test_a_minimal_record_loads():
    (programme,) = parse_programmes({"programmes": [MINIMAL]}, "test")
    assert programme.valid_to is None
    assert str(programme.rate) == "0.5"


def test_every_problem_of_a_file_is_reported_at_once():
    bad = {
        **MINIMAL,
        "rate": 0.5,
        "region_code": "44x",
        "product_types": ["unknown"],
        "colour": "red",
        "per_applicant_year_caps": [{"key": "a", "amount": "-1"}],
    }
    with pytest.raises(InvalidRecords) as error:
        parse_programmes({"programmes": [bad, {**MINIMAL, "id": ""}]}, "test")
    fields = {(e.row, e.field) for e in error.value.errors}
    assert {
        ("x", "rate"),
        ("x", "region_code"),
        ("x", "product_types"),
        ("x", "colour"),
        ("x", "per_applicant_year_caps"),
        ("#2", "id"),
    } <= fields


def test_overlapping_versions_of_one_programme_are_refused():
    second = {**MINIMAL, "version": 2, "valid_from": "2024-06-01"}
    with pytest.raises(InvalidRecords) as error:
        parse_programmes({"programmes": [MINIMAL, second]}, "test")
    assert error.value.errors[0].reason == "overlaps v1"


def test_a_rate_above_one_is_refused():
    with pytest.raises(InvalidRecords) as error:
        parse_programmes({"programmes": [{**MINIMAL, "rate": "1.5"}]}, "test")
    assert error.value.errors[0].field == "rate"


def test_a_file_that_is_not_yaml_is_an_external_data_error(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text("programmes: [unclosed", "utf-8")
    with pytest.raises(ExternalDataError):
        load_programmes(path)


def test_a_programmes_file_can_replace_the_shipped_one(tmp_path: Path):
    path = tmp_path / "own.yaml"
    path.write_text(yaml.safe_dump({"programmes": [MINIMAL]}), "utf-8")
    assert [p.id for p in load_programmes(path)] == ["x"]


def test_an_unknown_programme_lists_the_known_ids():
    with pytest.raises(NotFound) as error:
        find_programme("hangzhou", date(2024, 1, 1), Programmes.shipped())
    assert error.value.field == "programme"
    assert "shenzhen" in error.value.message and "quanzhou" in error.value.message


def test_the_version_in_force_is_found_else_the_nearest_one():
    versions = parse_programmes(
        {
            "programmes": [
                {**MINIMAL, "valid_to": "2025-01-01"},
                {**MINIMAL, "version": 2, "valid_from": "2025-01-01", "rate": "0.4"},
            ]
        },
        "test",
    )
    assert find_programme("x", date(2024, 7, 1), versions).version == 1
    assert find_programme("x", date(2026, 7, 1), versions).version == 2
    assert find_programme("x", date(2020, 7, 1), versions).version == 1


def test_programmes_of_a_district_include_its_city_and_province():
    assert [p.id for p in programmes_on(date(2024, 6, 1), "440305", SHIPPED)] == ["shenzhen"]
    assert [p.id for p in programmes_on(date(2024, 6, 1), "370102", SHIPPED)] == ["shandong"]
    assert {p.id for p in programmes_on(date(2024, 6, 1), "11", SHIPPED)} == {
        "beijing-patent-pilot",
        "beijing-overseas-legal-fees",
    }


def test_programmes_on_a_day_are_those_in_force_that_day():
    assert [p.id for p in programmes_on(date(2011, 6, 1), None, SHIPPED)] == [
        "foshan-chancheng-2011"
    ]
    assert [p.id for p in programmes_on(date(2012, 6, 1), "440604", SHIPPED)] == [
        "foshan-chancheng-2012"
    ]
