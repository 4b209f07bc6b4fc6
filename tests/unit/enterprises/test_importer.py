from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
import yaml

from patentshield.enterprises.importer import read_enterprises
from patentshield.enterprises.model import ApplicantFlag, CaseRole, PatentKind
from patentshield.kernel.errors import InvalidInput, InvalidRecords, RecordError
from patentshield.kernel.money import Money

TODAY = date(2026, 11, 25)
EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
HEADER = "id,name,credit_code,region,product_classes,patents,past_cases\n"


def _record(**changes: object) -> dict[str, object]:
    record: dict[str, object] = {
        "id": "sz-led-lighting",
        "name": "Shenzhen Brightway LED Lighting Co., Ltd.",
        "credit_code": "91440306PT00000114",
        "region": "440306",
        "product_classes": [
            {"name": "Luminaires", "hts": ["9405.11"], "annual_us_sales_usd": "7500000"}
        ],
    }
    record.update(changes)
    return {k: v for k, v in record.items() if v is not None}


def _yaml(tmp_path: Path, document: object, name: str = "enterprises.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def _errors(path: Path) -> set[tuple[int | str, str]]:
    with pytest.raises(InvalidRecords) as refused:
        read_enterprises(path, today=TODAY)
    return {(e.row, e.field) for e in refused.value.errors}


def _one_error(path: Path) -> RecordError:
    with pytest.raises(InvalidRecords) as refused:
        read_enterprises(path, today=TODAY)
    assert len(refused.value.errors) == 1, refused.value.errors
    return refused.value.errors[0]


def test_the_yaml_example_holds_five_valid_exporters_without_warnings() -> None:
    parsed = read_enterprises(EXAMPLES / "enterprises.yaml", today=TODAY)
    ids = [entry.enterprise.id for entry in parsed.entries]
    assert ids == [
        "sz-led-lighting",
        "nb-standing-desks",
        "dg-vape-devices",
        "fs-kitchen-appliances",
        "jn-laser-machinery",
    ]
    assert parsed.warnings == ()
    desks = parsed.entries[1].enterprise
    assert desks.total_us_sales() == Money.of("30000000", "USD")
    assert desks.past_cases[0].number == "337-TA-1054"
    assert desks.past_cases[0].role is CaseRole.RESPONDENT


def test_the_csv_example_gives_the_same_enterprises_as_the_yaml_one() -> None:
    from_yaml = read_enterprises(EXAMPLES / "enterprises.yaml", today=TODAY)
    from_csv = read_enterprises(EXAMPLES / "enterprises.csv", today=TODAY)
    assert [e.row for e in from_csv.entries] == [2, 3, 4]
    assert [e.enterprise for e in from_csv.entries] == [e.enterprise for e in from_yaml.entries[:3]]


def test_a_mapping_with_an_enterprises_key_is_read_like_a_list(tmp_path: Path) -> None:
    wrapped = read_enterprises(_yaml(tmp_path, {"enterprises": [_record()]}), today=TODAY)
    plain = read_enterprises(_yaml(tmp_path, [_record()], "plain.yaml"), today=TODAY)
    assert [e.enterprise for e in wrapped.entries] == [e.enterprise for e in plain.entries]


def test_every_error_of_every_row_is_collected_with_row_and_field() -> None:
    assert _errors(EXAMPLES / "bad" / "many-errors.csv") == {
        (2, "industries[1]"),
        (2, "product_classes[1].hts"),
        (3, "id"),
        (3, "region"),
        (3, "has_compliance_programme"),
        (3, "flags[1]"),
        (3, "product_classes[1].annual_us_sales_usd"),
        (3, "patents[1].kind"),
        (3, "past_cases[1].number"),
        (4, "product_classes[1].annual_us_sales_usd"),
        (4, "patents[1]"),
        (4, "id"),
    }


def test_duplicate_ids_and_credit_codes_in_one_file_are_errors(tmp_path: Path) -> None:
    second = _record(id="sz-led-lighting-2")
    third = _record(credit_code="91440305PT0000066A")
    path = _yaml(tmp_path, [_record(), second, third])
    assert _errors(path) == {(2, "credit_code"), (3, "id")}


def test_a_wrong_credit_code_names_the_field_and_the_expected_character(tmp_path: Path) -> None:
    error = _one_error(_yaml(tmp_path, [_record(credit_code="91440306PT00000115")]))
    assert (error.row, error.field) == (1, "credit_code")
    assert "expected '4'" in error.reason


def test_a_lower_case_credit_code_is_stored_in_capitals(tmp_path: Path) -> None:
    parsed = read_enterprises(
        _yaml(tmp_path, [_record(credit_code="91330212pt0000022x", region="330212")]), today=TODAY
    )
    assert parsed.entries[0].enterprise.credit_code == "91330212PT0000022X"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": None}, "name"),
        ({"region": None}, "region"),
        ({"colour": "red"}, "colour"),
        ({"industries": {"a": 1}}, "industries"),
        (
            {"product_classes": [{"name": "Lamps", "hts": [], "annual_us_sales_usd": "1"}]},
            "product_classes[1].hts",
        ),
        (
            {"product_classes": [{"name": "Lamps", "hts": "9405", "annual_us_sales_usd": 1.5e6}]},
            "product_classes[1].annual_us_sales_usd",
        ),
        (
            {"product_classes": [{"name": "Lamps", "hts": "9405", "annual_us_sales_usd": "1.005"}]},
            "product_classes[1].annual_us_sales_usd",
        ),
        (
            {
                "product_classes": [
                    {"name": "Lamps", "hts": "9405", "annual_us_sales_usd": "2000000000000"}
                ]
            },
            "product_classes[1].annual_us_sales_usd",
        ),
        (
            {
                "product_classes": [
                    {"name": "Lamps", "hts": "9405", "annual_us_sales_usd": "1", "sales": "2"}
                ]
            },
            "product_classes[1].sales",
        ),
        ({"product_classes": ["Lamps"]}, "product_classes[1]"),
        (
            {
                "patents": [
                    {"jurisdiction": "EP", "number": "EP1", "kind": "invention", "title": "Lamp"}
                ]
            },
            "patents[1].jurisdiction",
        ),
        (
            {
                "patents": [
                    {
                        "jurisdiction": "CN",
                        "number": "ZL1",
                        "kind": "invention",
                        "title": "Lamp",
                        "expiry": "2030-02-30",
                    }
                ]
            },
            "patents[1].expiry",
        ),
        (
            {
                "patents": [
                    {"jurisdiction": "CN", "number": "???", "kind": "invention", "title": "Lamp"}
                ]
            },
            "patents[1].number",
        ),
        (
            {"past_cases": [{"number": "337-TA-1054", "year": 2027, "role": "respondent"}]},
            "past_cases[1].year",
        ),
        (
            {"past_cases": [{"number": "1:21-cv-1", "year": 2021, "role": "respondent"}]},
            "past_cases[1].number",
        ),
    ],
)
def test_each_bad_field_is_reported_at_its_path(
    tmp_path: Path, changes: dict[str, object], field: str
) -> None:
    error = _one_error(_yaml(tmp_path, [_record(**changes)]))
    assert (error.row, error.field) == (1, field)


def test_the_same_patent_twice_is_an_error(tmp_path: Path) -> None:
    patent = {"jurisdiction": "CN", "number": "ZL1", "kind": "design", "title": "Lamp"}
    error = _one_error(_yaml(tmp_path, [_record(patents=[patent, patent])]))
    assert error.field == "patents[2]"


def test_a_record_that_is_not_a_mapping_is_an_error(tmp_path: Path) -> None:
    assert _errors(_yaml(tmp_path, [_record(), "sz-led-lighting"])) == {(2, "record")}


def test_an_unlisted_region_and_an_expired_patent_are_warnings(tmp_path: Path) -> None:
    patent = {
        "jurisdiction": "CN",
        "number": "ZL2",
        "kind": "utility_model",
        "title": "Lamp",
        "expiry": "2020-01-01",
    }
    path = _yaml(tmp_path, [_record(region="440399", patents=[patent])])
    parsed = read_enterprises(path, today=TODAY)
    assert {(w.row, w.field) for w in parsed.warnings} == {(1, "region"), (1, "patents[1].expiry")}
    assert parsed.entries[0].enterprise.patents[0].kind is PatentKind.UTILITY_MODEL


def test_a_credit_code_registered_in_another_province_is_a_warning(tmp_path: Path) -> None:
    parsed = read_enterprises(_yaml(tmp_path, [_record(region="330212")]), today=TODAY)
    assert [(w.row, w.field) for w in parsed.warnings] == [(1, "credit_code")]


def test_flags_and_industries_are_read_from_lists(tmp_path: Path) -> None:
    record = _record(flags=["export_oriented", "export_oriented"], industries=["led_lighting"])
    enterprise = read_enterprises(_yaml(tmp_path, [record]), today=TODAY).entries[0].enterprise
    assert enterprise.flags == frozenset([ApplicantFlag.EXPORT_ORIENTED])
    assert enterprise.industries == frozenset(["led_lighting"])


def test_a_csv_file_with_a_byte_order_mark_and_colons_in_titles_is_read(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    row = (
        'sz-led-lighting,Brightway,91440306PT00000114,440306,"Lamps: indoor:9405.11|9405:100",'
        '"US:US 11,923,456 B2:invention:2041-09-14:yes:Backlight: local dimming",'
        '"1:21-cv-01234:2021:defendant:dismissed: no infringement"\n'
    )
    path.write_text("\ufeff" + HEADER + row, encoding="utf-8")
    enterprise = read_enterprises(path, today=TODAY).entries[0].enterprise
    assert enterprise.product_classes[0].name == "Lamps: indoor"
    assert enterprise.product_classes[0].hts_codes == ("9405.11", "9405")
    assert enterprise.patents[0].title == "Backlight: local dimming"
    assert enterprise.patents[0].high_value
    assert enterprise.past_cases[0].number == "1:21-cv-01234"
    assert enterprise.past_cases[0].outcome == "dismissed: no infringement"


def test_csv_header_problems_are_reported_on_line_1(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("id,name,credit_code,colour\nx,y,z,red\n", encoding="utf-8")
    assert _errors(path) == {(1, "colour"), (1, "region")}


def test_a_csv_row_with_more_cells_than_columns_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(HEADER + "a,b,c,d,e,f,g,h\n", encoding="utf-8")
    assert _errors(path) == {(2, "row")}


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("e.txt", "id: x", "expected a .yaml, .yml or .csv file"),
        ("e.yaml", "- id: [unclosed", "is not valid YAML"),
        ("e.yaml", "id: x\n", "expected a list of enterprises"),
        ("e.yaml", "", "holds no enterprise records"),
        ("e.csv", HEADER, "holds no enterprise records"),
    ],
)
def test_files_that_are_not_enterprise_lists_are_refused_as_a_whole(
    tmp_path: Path, name: str, content: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=reason) as refused:
        read_enterprises(path, today=TODAY)
    assert refused.value.field == "file"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        read_enterprises(tmp_path / "absent.yaml", today=TODAY)


def _refused_file(path: Path) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        read_enterprises(path, today=TODAY)
    assert refused.value.field == "file"
    return refused.value


def test_a_yaml_alias_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    from tests.unit.kernel.test_inputs import ALIAS_BOMB

    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    assert "aliases" in _refused_file(path).reason


def test_yaml_nested_100000_deep_is_one_line_not_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "deeper than" in _refused_file(path).reason


def test_an_unquoted_date_that_does_not_exist_is_a_record_error(tmp_path: Path) -> None:
    path = tmp_path / "e.yaml"
    patent = "{jurisdiction: CN, number: ZL1, kind: invention, title: t, expiry: 2026-02-30}"
    path.write_text(
        "- id: sz-led-lighting\n  name: Brightway\n  credit_code: 91440306PT00000114\n"
        f"  region: '440306'\n  patents: [{patent}]\n",
        encoding="utf-8",
    )
    assert (1, "patents[1].expiry") in _errors(path)


def test_a_csv_cell_over_128_kb_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text(HEADER + "x," + "y" * 200_000 + ",z,440306,,,\n", encoding="utf-8")
    assert "not readable CSV" in _refused_file(path).reason


def test_a_nul_byte_in_a_name_is_refused_before_any_database_sees_it(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes((HEADER + "x,Bright\x00way,91440306PT00000114,440306,,,\n").encode())
    assert "NUL" in _refused_file(path).reason


def test_a_yaml_file_linked_to_dev_zero_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "zero.yaml"
    path.symlink_to("/dev/zero")
    assert "not a regular file" in _refused_file(path).reason


def test_a_fifo_named_as_an_enterprise_file_does_not_hang(tmp_path: Path) -> None:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    assert "not a regular file" in _refused_file(path).reason
