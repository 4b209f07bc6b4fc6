"""The pilot regions and milestones of He §2 and DOMAIN.md §4.3, as validated data."""

from __future__ import annotations

import re
from typing import Any

import pytest

from patentshield.catalog.model import ARTICLE_REF
from patentshield.kernel.errors import InvalidRecords
from patentshield.subsidies.pilots import Pilot, PilotLevel, Pilots, parse_pilots


def _pilot(pilot_id: str) -> Pilot:
    return next(p for p in Pilots.shipped().pilots if p.id == pilot_id)


def _codes(pilot_id: str) -> list[str]:
    return [region.code for region in _pilot(pilot_id).regions]


@pytest.mark.parametrize(
    ("pilot_id", "year", "size", "codes"),
    [
        ("national-2012-first-batch", 2012, 5, ["110108", "440100"]),
        ("national-2012-second-batch", 2012, 20, ["350100", "441900", "310110"]),
        ("guangdong-national-pilot-cities", 2015, 12, ["440600", "440700", "441300", "441200"]),
        ("national-2016-demonstration", 2016, 9, ["320100", "440300", "440604"]),
    ],
)
def test_the_batches_of_the_article_name_their_regions_and_count_the_rest(
    pilot_id: str, year: int, size: int, codes: list[str]
) -> None:
    pilot = _pilot(pilot_id)
    assert (pilot.year, pilot.size, _codes(pilot_id)) == (year, size, codes)
    assert pilot.unnamed == size - len(codes)
    assert pilot.level is PilotLevel.NATIONAL


def test_zhongguancun_is_named_as_the_source_names_it_inside_haidian() -> None:
    (zhongguancun, guangzhou) = _pilot("national-2012-first-batch").regions
    assert (zhongguancun.label, zhongguancun.name, zhongguancun.province) == (
        "Zhongguancun",
        "Haidian",
        "Beijing",
    )
    assert (guangzhou.label, guangzhou.province_code) == ("Guangzhou", "440000")


def test_the_2016_batch_ran_for_three_years() -> None:
    assert _pilot("national-2016-demonstration").until == 2019


def test_the_regions_domain_md_names_are_listed_too() -> None:
    named = {region.code for pilot in Pilots.shipped().pilots for region in pilot.regions}
    domain = {"310120", "340100", "340300", "442000", "440604", "110000", "310110"}
    assert domain <= named


def test_the_milestones_of_the_article_are_dated_and_sourced() -> None:
    milestones = {m.when: m for m in Pilots.shipped().milestones}
    assert "Strategy Outline" in milestones["2008"].title
    assert "eight departments" in milestones["2011"].sources[0].note
    assert "over 20 provinces and nearly 100 cities" in milestones["2022-12"].title
    assert milestones["2014-07-21"].sources[0].ref == "R95"


def test_every_pilot_and_milestone_cites_a_tagged_source() -> None:
    shipped = Pilots.shipped()
    sources = [s for p in shipped.pilots for s in p.sources]
    sources += [s for m in shipped.milestones for s in m.sources]
    for source in sources:
        if source.ref == ARTICLE_REF:
            assert source.url == "" and source.note
        else:
            assert re.fullmatch(r"R\d+", source.ref) and source.url.startswith("http")


def test_the_timeline_runs_from_the_2008_outline_and_provinces_group_the_regions() -> None:
    shipped = Pilots.shipped()
    timeline = shipped.timeline()
    assert timeline[0] == ("2008", "National Intellectual Property Strategy Outline")
    assert [when for when, _ in timeline] == sorted(when for when, _ in timeline)
    provinces = {item.code: item for item in shipped.by_province()}
    assert set(provinces) == {"110000", "310000", "320000", "340000", "350000", "440000"}
    assert provinces["440000"].first_year == 2011  # Foshan Chancheng's own pilot
    assert len({r.code for r in provinces["440000"].regions}) == len(provinces["440000"].regions)


def _document(**changes: Any) -> dict[str, object]:
    pilot: dict[str, object] = {
        "id": "test-batch",
        "name": "Test batch",
        "name_zh": "测试",
        "level": "national",
        "year": 2012,
        "size": 2,
        "regions": [{"code": "440100"}],
        "confidence": "S",
        "sources": [{"ref": "He §2", "note": "test"}],
    }
    pilot.update(changes)
    return {"pilots": [pilot]}


def test_a_minimal_pilot_loads_with_its_count_of_unnamed_regions() -> None:
    (pilot,) = parse_pilots(_document(), "test").pilots
    assert pilot.unnamed == 1 and pilot.regions[0].name == "Guangzhou"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"regions": [{"code": "449999"}]}, "code"),  # well formed, not in the region table
        ({"regions": [{"code": "990100"}]}, "code"),  # no such province
        ({"size": 0}, "pilots[0].size"),
        ({"regions": [{"code": "440100"}, {"code": "440300"}], "size": 1}, "size"),
        ({"until": 2010}, "until"),
        ({"sources": [{"ref": "R1"}]}, "pilots[0].sources[0]"),
        ({"colour": "red"}, "pilots[0].colour"),
    ],
)
def test_a_bad_pilot_is_refused_naming_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidRecords) as caught:
        parse_pilots(_document(**changes), "test")
    assert [error.field for error in caught.value.errors] == [field]
