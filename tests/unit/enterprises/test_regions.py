from __future__ import annotations

import pytest

from patentshield.enterprises.model import DivisionLevel
from patentshield.enterprises.regions import (
    load_divisions,
    provinces,
    resolve_region,
    unlisted_reason,
)
from patentshield.kernel.errors import InvalidInput

REQUIRED = {
    "440300": "Shenzhen",
    "440305": "Nanshan",
    "440306": "Bao'an",
    "440307": "Longgang",
    "440309": "Longhua",
    "440100": "Guangzhou",
    "440112": "Huangpu",
    "440115": "Nansha",
    "440600": "Foshan",
    "440604": "Chancheng",
    "440606": "Shunde",
    "441900": "Dongguan",
    "442000": "Zhongshan",
    "441300": "Huizhou",
    "440400": "Zhuhai",
    "330200": "Ningbo",
    "330212": "Yinzhou",
    "330206": "Beilun",
    "330100": "Hangzhou",
    "330700": "Jinhua",
    "320200": "Wuxi",
    "320500": "Suzhou",
    "350500": "Quanzhou",
    "350200": "Xiamen",
    "370100": "Jinan",
    "370200": "Qingdao",
    "110000": "Beijing",
    "110108": "Haidian",
    "110105": "Chaoyang",
    "310000": "Shanghai",
}


def test_the_table_lists_all_34_provincial_level_divisions() -> None:
    codes = {d.code for d in provinces()}
    assert len(codes) == 34
    assert {"110000", "440000", "650000", "710000", "810000", "820000"} <= codes


@pytest.mark.parametrize(("code", "name"), sorted(REQUIRED.items()))
def test_the_regions_exporters_need_are_listed(code: str, name: str) -> None:
    assert load_divisions()[code].name == name


def test_every_listed_division_sits_under_a_listed_province() -> None:
    table = load_divisions()
    for code, division in table.items():
        assert len(code) == 6 and code.isdigit()
        assert division.name and division.name_zh
        if division.level in (DivisionLevel.PREFECTURE, DivisionLevel.COUNTY):
            assert code[:2] + "0000" in table, code
        if division.level is DivisionLevel.PREFECTURE:
            assert code.endswith("00") and not code.endswith("0000"), code


def test_a_listed_district_resolves_to_province_city_and_district() -> None:
    region = resolve_region("440306")
    assert region.is_listed
    assert [d.code for d in region.divisions] == ["440000", "440300", "440306"]
    assert region.name == "Bao'an, Shenzhen, Guangdong"
    assert region.name_zh == "广东省深圳市宝安区"
    assert region.city is not None and region.city.name == "Shenzhen"
    assert region.district is not None and region.district.name == "Bao'an"


def test_a_municipal_district_has_the_municipality_as_province_and_city() -> None:
    region = resolve_region(110108)
    assert region.province is not None and region.province.name == "Beijing"
    assert region.city is not None and region.city.name == "Beijing"
    assert region.name_zh == "北京市海淀区"


def test_an_unlisted_code_in_a_known_province_is_accepted_as_not_listed() -> None:
    region = resolve_region("440399")
    assert not region.is_listed
    assert region.name == "Shenzhen, Guangdong"
    assert "440399 is not in the shipped region table" in unlisted_reason(region)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("990101", "99 is not a provincial-level division code"),
        ("4403", "is not a 6-digit"),
        ("44030X", "is not a 6-digit"),
        ("044030", "is not a 6-digit"),
        (True, "is not a 6-digit"),
    ],
)
def test_malformed_codes_and_unknown_provinces_are_refused(code: object, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason) as refused:
        resolve_region(code)
    assert refused.value.field == "region"


def test_a_region_is_within_the_divisions_its_code_starts_with() -> None:
    region = resolve_region("440604")
    assert region.is_within("4406")
    assert region.is_within("44")
    assert not region.is_within("4403")
