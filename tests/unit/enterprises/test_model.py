from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from patentshield.enterprises.model import (
    ApplicantFlag,
    CaseRole,
    Enterprise,
    EnterpriseId,
    PastCase,
    Patent,
    PatentJurisdiction,
    PatentKind,
    ProductClass,
)
from patentshield.enterprises.regions import resolve_region
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Currency, Money


def _enterprise(**changes: Any) -> Enterprise:
    base = Enterprise(
        id=EnterpriseId("sz-led-lighting"),
        name="Shenzhen Brightway LED Lighting Co., Ltd.",
        credit_code="91440306PT00000114",
        region=resolve_region("440306"),
        product_classes=(
            ProductClass("Luminaires", ("9405.11", "9405.42"), Money.of("7500000", "USD")),
            ProductClass("LED packages", ("8541.41", "9405.11"), Money.of("4500000.50", "USD")),
        ),
        patents=(
            Patent(PatentJurisdiction.CN, "ZL201910563412.8", PatentKind.INVENTION, "Driver"),
            Patent(PatentJurisdiction.US, "US 11,923,456 B2", PatentKind.INVENTION, "Backlight"),
        ),
    )
    return replace(base, **changes)


def test_total_us_sales_adds_every_product_class_in_usd() -> None:
    assert _enterprise().total_us_sales() == Money.of("12000000.50", "USD")


def test_an_enterprise_without_product_classes_sells_zero_usd() -> None:
    assert _enterprise(product_classes=()).total_us_sales() == Money.zero(Currency.USD)


def test_patent_numbers_keep_the_given_order() -> None:
    assert _enterprise().patent_numbers() == ("ZL201910563412.8", "US 11,923,456 B2")


def test_hts_codes_are_listed_once_and_chapters_sorted() -> None:
    enterprise = _enterprise()
    assert enterprise.hts_codes() == ("9405.11", "9405.42", "8541.41")
    assert enterprise.hts_chapters() == (85, 94)


def test_itc_history_counts_only_section_337_roles() -> None:
    court = PastCase("1:21-cv-01234 (D. Del.)", 2021, CaseRole.DEFENDANT)
    itc = PastCase("337-TA-1054", 2017, CaseRole.RESPONDENT)
    assert not _enterprise(past_cases=(court,)).has_itc_history()
    assert _enterprise(past_cases=(court, itc)).has_itc_history()


def test_flags_are_a_set_so_their_order_does_not_matter() -> None:
    first = _enterprise(
        flags=frozenset([ApplicantFlag.EXPORT_ORIENTED, ApplicantFlag.SPECIALISED_SME])
    )
    second = _enterprise(
        flags=frozenset([ApplicantFlag.SPECIALISED_SME, ApplicantFlag.EXPORT_ORIENTED])
    )
    assert first == second
    assert first.has_flag(ApplicantFlag.EXPORT_ORIENTED)
    assert not first.has_flag(ApplicantFlag.SINGLE_CHAMPION)


def test_a_patent_is_in_force_until_its_expiry_day() -> None:
    patent = Patent(PatentJurisdiction.CN, "ZL1", PatentKind.DESIGN, "Lamp", date(2030, 1, 1))
    assert patent.is_in_force(date(2029, 12, 31))
    assert not patent.is_in_force(date(2030, 1, 1))


def test_product_class_sales_must_be_usd_and_not_negative() -> None:
    with pytest.raises(InvalidInput, match="counted in USD"):
        ProductClass("Lamps", ("9405",), Money.of("1", "CNY"))
    with pytest.raises(InvalidInput, match="cannot be negative"):
        ProductClass("Lamps", ("9405",), Money.of("-1", "USD"))
