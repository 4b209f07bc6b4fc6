from __future__ import annotations

from datetime import date

import pytest

from patentshield.catalog.loader import load_catalog
from patentshield.catalog.model import ProductType
from patentshield.kernel.errors import NotFound


def test_an_unknown_id_is_not_found_and_the_known_ids_are_named() -> None:
    with pytest.raises(NotFound) as caught:
        load_catalog().get("no-such-product")
    assert caught.value.field == "id"
    assert "chancheng-package-10-c" in caught.value.message


def test_without_a_day_or_version_the_latest_version_is_returned() -> None:
    assert load_catalog().get("suzhou-sip-comprehensive").version == 2


def test_a_day_selects_the_version_valid_that_day() -> None:
    catalog = load_catalog()
    assert catalog.get("suzhou-sip-comprehensive", on=date(2013, 6, 1)).version == 1
    assert catalog.get("suzhou-sip-comprehensive", on=date(2014, 1, 1)).version == 2
    assert catalog.get("suzhou-sip-comprehensive", on=date(2026, 11, 25)).version == 2


def test_a_day_before_every_version_is_not_found_naming_the_windows() -> None:
    with pytest.raises(NotFound) as caught:
        load_catalog().get("suzhou-sip-comprehensive", on=date(2012, 12, 31))
    assert caught.value.field == "date"
    assert "v1 2013-01-01 to 2014-01-01" in caught.value.message


def test_a_version_number_selects_that_version_and_must_exist() -> None:
    catalog = load_catalog()
    assert catalog.get("suzhou-sip-comprehensive", version=1).valid_to == date(2014, 1, 1)
    with pytest.raises(NotFound) as caught:
        catalog.get("suzhou-sip-comprehensive", version=3)
    assert caught.value.field == "version"
    assert "versions: 1, 2" in caught.value.message


def test_a_version_and_a_day_outside_its_window_is_not_found() -> None:
    with pytest.raises(NotFound) as caught:
        load_catalog().get("suzhou-sip-comprehensive", version=1, on=date(2020, 1, 1))
    assert caught.value.field == "date"


def test_versions_are_listed_oldest_first() -> None:
    versions = load_catalog().versions("suzhou-sip-comprehensive")
    assert [(p.version, p.valid_from) for p in versions] == [
        (1, date(2013, 1, 1)),
        (2, date(2014, 1, 1)),
    ]


def test_products_on_a_day_leave_out_those_not_yet_on_sale() -> None:
    on_sale = {p.id for p in load_catalog().products(date(2012, 6, 1))}
    assert on_sale == {
        "beijing-2012-pilot-per-commodity",
        "foshan-chancheng-2010",
        "chancheng-package-10-a",
        "chancheng-package-10-b",
        "chancheng-package-10-c",
    }


def test_products_without_a_day_give_the_latest_version_of_every_id() -> None:
    catalog = load_catalog()
    products = catalog.products()
    assert [p.id for p in products] == list(catalog.ids())
    assert {p.version for p in products if p.id == "suzhou-sip-comprehensive"} == {2}


def test_products_can_be_filtered_by_type() -> None:
    enforcement = load_catalog().products(product_type=ProductType.PATENT_ENFORCEMENT)
    assert {p.id for p in enforcement} == {
        "foshan-chancheng-2010",
        "chancheng-package-10-a",
        "chancheng-package-10-b",
        "chancheng-package-10-c",
        "picc-2013-enforcement",
        "beijing-2012-pilot-per-commodity",
        "picc-patent-guard-enforcement",
        "little-swan-2023-enforcement",
    }
