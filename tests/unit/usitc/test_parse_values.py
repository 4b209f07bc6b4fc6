"""Single values of feed rows: dates, numbers, countries, dispositions, order titles."""

from datetime import date

import pytest

from patentshield.usitc.feed_values import (
    RowProblem,
    country,
    disposition_kind,
    feed_date,
    investigation_number,
    name_of,
    order_types,
)
from patentshield.usitc.records import DispositionKind, OrderType, RecordKind


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("07-10-2020", date(2020, 7, 10)),
        ("7/1/2020", date(2020, 7, 1)),
        ("2020-07-10", date(2020, 7, 10)),
        ("2016-07-01 00:00:00 UTC", date(2016, 7, 1)),
        ("2021/01/22 00:00:00", date(2021, 1, 22)),
        ({"date": "2026-05-26T12:00:00.000+00:00", "isNa": False}, date(2026, 5, 26)),
        ({"date": "2026-05-26T12:00:00.000+00:00", "isNa": True}, None),
        ({"date": None, "isNa": True}, None),
        ("", None),
        (None, None),
    ],
)
def test_feed_dates_in_every_format_become_calendar_days(value, expected):
    assert feed_date(value, "d") == expected


@pytest.mark.parametrize("value", ["13-45-2025", "2016-02-30", "next week", 20200710, ["2020"]])
def test_a_malformed_date_names_its_field(value):
    with pytest.raises(RowProblem) as raised:
        feed_date(value, "Start Date")
    assert raised.value.field == "Start Date"


@pytest.mark.parametrize(
    ("value", "number", "kind"),
    [
        ("337-1478", "337-TA-1478", RecordKind.INVESTIGATION),
        ("337-TA-1478", "337-TA-1478", RecordKind.INVESTIGATION),
        ("337-ta-0944", "337-TA-944", RecordKind.INVESTIGATION),
        ("1000", "337-TA-1000", RecordKind.INVESTIGATION),
        ("337-3933", "337-3933", RecordKind.PREINSTITUTION),
        ("337-2999", "337-TA-2999", RecordKind.INVESTIGATION),
    ],
)
def test_investigation_numbers_are_normalised_and_dockets_recognised(value, number, kind):
    assert investigation_number(value, "n") == (number, kind)


@pytest.mark.parametrize("value", [None, "", "731-TA-1520", "337-TA-12a"])
def test_a_missing_or_foreign_number_is_a_row_problem(value):
    with pytest.raises(RowProblem):
        investigation_number(value, "Investigation Number")


def test_names_are_read_from_name_or_Name_keys_and_self_named_objects():
    assert name_of({"Name": "Violation"}, "f") == "Violation"
    assert name_of({"name": "Respondent"}, "f") == "Respondent"
    assert name_of({"finalDeterminationType": "No Violation"}, "f", "finalDeterminationType") == (
        "No Violation"
    )
    assert name_of({"Name": 1}, "f") == "1"
    with pytest.raises(RowProblem):
        name_of([1, 2], "f")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("People's Republic of China", "China"),
        ("Hong Kong SAR", "Hong Kong"),
        ("Taiwan, Province of China", "Taiwan"),
        ("United States of America", "United States"),
        ("Korea, Republic of", "South Korea"),
        ("  Japan ", "Japan"),
        ("", None),
    ],
)
def test_countries_are_normalised_with_china_meaning_the_mainland(value, expected):
    assert country(value) == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Terminated - Settlement Agreement", DispositionKind.SETTLED),
        ("Consent Order", DispositionKind.CONSENT_ORDER),
        ("Complaint Withdrawn", DispositionKind.WITHDRAWN),
        ("Found in Default", DispositionKind.DEFAULT),
        ("No Violation Found", DispositionKind.NO_VIOLATION),
        ("Violation Found", DispositionKind.VIOLATION),
        ("Terminated - Summary Determination", DispositionKind.OTHER),
    ],
)
def test_disposition_texts_are_classified(text, kind):
    assert disposition_kind(text) is kind


@pytest.mark.parametrize(
    ("title", "types"),
    [
        ("General Exclusion Order", (OrderType.GEO,)),
        ("Limited Exclusion Order", (OrderType.LEO,)),
        ("Exclusion Order", (OrderType.LEO,)),
        ("Cease-and-Desist Order", (OrderType.CDO,)),
        ("Limited Exclusion Order and Cease and Desist Orders", (OrderType.LEO, OrderType.CDO)),
        ("Consent Order", (OrderType.CONSENT_ORDER,)),
        ("Temporary Limited Exclusion Order", ()),
        ("Order No. 5: Protective Order", ()),
    ],
)
def test_remedial_orders_are_typed_from_their_titles(title, types):
    assert order_types(title) == types


def test_text_with_a_nul_character_is_refused_before_it_reaches_the_database():
    with pytest.raises(RowProblem, match="NUL"):
        name_of({"Name": "Acme\x00 Ltd"}, "Participant.Name")
