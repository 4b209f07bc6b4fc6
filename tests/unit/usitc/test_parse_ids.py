"""The IDS investigations.json, title-case and snake_case formats (SCHEMA.md schemas A and B)."""

import gzip
import json
from datetime import date
from pathlib import Path

from patentshield.usitc.feed import parse_feed
from patentshield.usitc.records import (
    Completeness,
    DispositionKind,
    FeedLayout,
    Investigation,
    OrderType,
    Outcome,
    PartyRole,
    RecordKind,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "usitc"


def _title_case() -> dict[str, Investigation]:
    parsed = parse_feed((FIXTURES / "ids_title_case.json").read_bytes(), source="fixture")
    return {record.number: record for record in parsed.investigations}


def test_the_title_case_feed_keeps_337_rows_and_skips_the_antidumping_row():
    parsed = parse_feed((FIXTURES / "ids_title_case.json").read_bytes(), source="fixture")
    assert parsed.rows == 13
    assert parsed.skipped == 1
    assert parsed.layouts == (FeedLayout.IDS_TITLE_CASE,)
    assert parsed.feed_date == date(2026, 11, 20)
    assert [r.number for r in parsed.investigations] == [
        "337-TA-1478",
        "337-TA-1286",
        "337-TA-1290",
        "337-TA-1300",
        "337-TA-1322",
        "337-TA-1226",
        "337-3933",
        "337-TA-1412",
    ]


def test_malformed_rows_are_rejected_with_their_row_number_field_and_reason():
    parsed = parse_feed((FIXTURES / "ids_title_case.json").read_bytes(), source="fixture")
    rejected = [(e.row, e.field, e.reason) for e in parsed.rejected]
    assert rejected == [
        (12, "Start Date", "'13-45-2025' is not a calendar date"),
        (13, "Participants", "expected a list, got dict"),
    ]


def test_numbers_without_ta_are_normalised_and_the_disagreeing_official_number_is_ignored():
    record = _title_case()["337-TA-1478"]
    assert record.raw_rows[0].data["official_investigation_number"] == "337-1393"
    assert record.docket == "3866"


def test_both_date_formats_become_calendar_days():
    record = _title_case()["337-TA-1478"]
    assert record.dates.instituted == date(2026, 5, 20)
    assert record.dates.complaint_filed == date(2026, 3, 22)
    assert record.dates.target == date(2027, 9, 26)
    assert record.dates.notice_published == date(2026, 5, 26)


def test_parties_are_deduplicated_on_name_and_role_with_countries_normalised():
    record = _title_case()["337-TA-1478"]
    respondents = [(p.name, p.country) for p in record.respondents()]
    assert respondents == [
        ("Shenzhen Brightband Technology Co., Ltd.", "China"),
        ("Dongguan Pulse Electronics Co., Ltd.", "China"),
        ("Brightband HK Limited", "Hong Kong"),
        ("Pulse Wear USA LLC", "United States"),
    ]
    assert record.respondents_complete is Completeness.YES
    assert [p.role for p in record.parties].count(PartyRole.COMPLAINANT) == 1


def test_ip_rights_unfair_acts_hts_numbers_and_litigation_are_read():
    record = _title_case()["337-TA-1478"]
    assert [(r.kind, r.number) for r in record.ip_rights] == [
        ("Patent", "10,945,648"),
        ("Patent", "11,203,517"),
    ]
    assert record.unfair_acts == ("Patent Infringement",)
    assert record.hts_chapters() == ("85", "91")
    assert record.is_patent_based() is True
    (case,) = record.litigation
    assert (case.case_number, case.court, case.status, case.docketed) == (
        "1:26-cv-00412",
        "D. Del.",
        "Stayed",
        date(2026, 3, 23),
    )


def test_phase_rows_group_into_one_investigation_with_the_violation_phase_primary():
    record = _title_case()["337-TA-1286"]
    assert [phase.name for phase in record.phases] == ["Violation", "Enforcement"]
    assert record.dates.instituted == date(2021, 10, 4)
    assert record.dates.terminated == date(2023, 2, 3)
    assert record.status == "Active"  # the enforcement phase started last
    assert len(record.raw_rows) == 2


def test_remedial_orders_are_typed_from_their_titles_and_restated_orders_count_once():
    records = _title_case()
    assert [(o.order_type, o.issued) for o in records["337-TA-1286"].orders] == [
        (OrderType.GEO, date(2023, 2, 3)),
        (OrderType.CDO, date(2023, 2, 3)),
    ]
    assert records["337-TA-1290"].order_types() == {OrderType.LEO}


def test_outcomes_are_derived_from_determination_dispositions_and_status():
    outcomes = {number: record.outcome for number, record in _title_case().items()}
    assert outcomes == {
        "337-TA-1478": Outcome.ACTIVE,
        "337-TA-1286": Outcome.VIOLATION,
        "337-TA-1290": Outcome.DEFAULT,
        "337-TA-1300": Outcome.SETTLED,
        "337-TA-1322": Outcome.WITHDRAWN,
        "337-TA-1226": Outcome.NO_VIOLATION,
        "337-3933": Outcome.ACTIVE,
        "337-TA-1412": Outcome.ACTIVE,
    }


def test_dispositions_keep_their_text_kind_and_date():
    record = _title_case()["337-TA-1300"]
    last = record.respondents()[-1]
    assert last.disposition == "Terminated - Consent Order"
    assert last.disposition_kind is DispositionKind.CONSENT_ORDER
    assert last.disposition_date == date(2022, 8, 15)


def test_a_docketed_complaint_is_kept_as_a_preinstitution_record():
    record = _title_case()["337-3933"]
    assert record.kind is RecordKind.PREINSTITUTION
    assert record.dates.complaint_filed == date(2026, 11, 3)


def test_a_337_row_without_category_is_kept_by_its_number_and_missing_fields_stay_unknown():
    record = _title_case()["337-TA-1412"]
    assert record.title == "Certain Power Tool Batteries"
    assert record.respondent_count() is None
    assert record.is_patent_based() is None


def test_each_raw_row_is_kept_exactly_as_read():
    document = json.loads((FIXTURES / "ids_title_case.json").read_text("utf-8"))
    record = _title_case()["337-TA-1322"]
    assert record.raw_rows[0].data == document["data"][5]
    assert record.raw_rows[0].row == 6


def test_the_gzip_copy_reads_exactly_like_the_plain_file():
    plain = parse_feed((FIXTURES / "ids_title_case.json").read_bytes(), source="a")
    packed = parse_feed((FIXTURES / "ids_title_case.json.gz").read_bytes(), source="a")
    assert packed == plain
    assert (
        gzip.decompress((FIXTURES / "ids_title_case.json.gz").read_bytes())
        == (FIXTURES / "ids_title_case.json").read_bytes()
    )


def test_the_snake_case_feed_reads_dates_from_the_diary_and_the_notice():
    parsed = parse_feed((FIXTURES / "ids_snake_case.json").read_bytes(), source="fixture")
    records = {record.number: record for record in parsed.investigations}
    assert list(records) == ["337-TA-1350", "337-TA-1351"]
    assert parsed.skipped == 1
    assert parsed.feed_date == date(2026, 9, 21)
    hair = records["337-TA-1350"]
    assert hair.layout is FeedLayout.IDS_SNAKE_CASE
    assert hair.title == "Hair Styling Devices"
    assert (hair.dates.complaint_filed, hair.dates.instituted, hair.dates.notice_published) == (
        date(2023, 2, 1),
        date(2023, 3, 3),
        date(2023, 3, 8),
    )
    assert hair.dates.final_determination == date(2024, 5, 30)
    assert hair.dates.terminated == date(2024, 5, 30)


def test_the_snake_case_format_has_no_parties_so_it_never_counts_respondents():
    parsed = parse_feed((FIXTURES / "ids_snake_case.json").read_bytes(), source="fixture")
    assert all(r.respondents_complete is Completeness.NONE for r in parsed.investigations)
    assert [(e.row, e.field) for e in parsed.rejected] == [(4, "investigation_diary.diary_date")]


def test_a_file_may_mix_title_case_and_snake_case_rows():
    title = json.loads((FIXTURES / "ids_title_case.json").read_text("utf-8"))["data"][:2]
    snake = json.loads((FIXTURES / "ids_snake_case.json").read_text("utf-8"))["data"][:1]
    payload = json.dumps({"data": title + snake}).encode()
    parsed = parse_feed(payload, source="mixed")
    assert parsed.layouts == (FeedLayout.IDS_TITLE_CASE, FeedLayout.IDS_SNAKE_CASE)
    assert [r.number for r in parsed.investigations] == [
        "337-TA-1478",
        "337-TA-1286",
        "337-TA-1350",
    ]


def test_a_count_that_disagrees_with_the_rows_is_a_warning():
    payload = json.dumps({"count": 5, "data": []}).encode()
    parsed = parse_feed(payload, source="short")
    assert parsed.warnings == ("the feed says count 5 but holds 0 rows",)
    assert parsed.investigations == ()
