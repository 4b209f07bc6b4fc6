"""337Info records as loaded in BigQuery (SCHEMA.md schema C)."""

import json
from datetime import date
from pathlib import Path

from patentshield.usitc.feed import parse_feed
from patentshield.usitc.records import DispositionKind, FeedLayout, OrderType, Outcome

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "usitc"


def _parsed():
    return parse_feed((FIXTURES / "info337.json").read_bytes(), source="info337.json")


def test_337info_records_are_read_and_grouped_per_investigation_number():
    parsed = _parsed()
    assert parsed.layouts == (FeedLayout.INFO_337,)
    assert [r.number for r in parsed.investigations] == ["337-TA-1000", "337-TA-944", "337-TA-1001"]
    assert [(e.row, e.field) for e in parsed.rejected] == [(5, "dateComplaintFiled")]


def test_respondent_country_disposition_and_remedial_orders_come_from_respondent_records():
    record = parsed_record("337-TA-1000")
    chic = record.respondents()[0]
    assert (chic.name, chic.country) == ("Hangzhou Chic Intelligent Technology Co., Ltd.", "China")
    assert chic.disposition == "Violation - Default"
    assert chic.disposition_kind is DispositionKind.DEFAULT
    assert chic.disposition_date == date(2017, 6, 26)
    assert [(o.order_type, o.respondent, o.issued) for o in record.orders] == [
        (OrderType.GEO, "Hangzhou Chic Intelligent Technology Co., Ltd.", date(2017, 6, 26)),
        (OrderType.CONSENT_ORDER, "Segaway Inc.", date(2016, 9, 14)),
    ]
    assert record.outcome is Outcome.DEFAULT


def test_dates_in_several_string_formats_are_read():
    record = parsed_record("337-TA-944")
    assert record.dates.complaint_filed == date(2014, 12, 19)
    assert record.dates.notice_published == date(2015, 1, 27)
    assert record.dates.institution() == date(2015, 1, 27)
    assert record.dates.terminated == date(2016, 7, 1)
    assert record.outcome is Outcome.SETTLED


def test_the_final_determination_comes_from_the_violation_date_field():
    record = parsed_record("337-TA-1000")
    assert record.determination == "Violation"
    assert record.dates.final_determination == date(2017, 6, 26)
    assert record.dates.final_initial_determination == date(2017, 2, 15)


def test_patents_unfair_acts_hts_and_appeals_are_read():
    record = parsed_record("337-TA-1000")
    assert [r.number for r in record.ip_rights] == ["8738278", "D737723"]
    assert record.unfair_acts == ("Patent Infringement", "False Advertising")
    assert record.hts_chapters() == ("87",)
    assert [(c.case_number, c.court) for c in record.litigation] == [("17-2437", "Federal Circuit")]


def test_an_ancillary_record_adds_a_phase_without_replacing_the_violation_record():
    record = parsed_record("337-TA-1000")
    assert [phase.name for phase in record.phases] == ["Violation", "Enforcement"]
    assert (
        record.title == "Certain Personal Transporters, Components Thereof, and Packaging Thereof"
    )
    assert record.status == "Active"
    assert len(record.respondents()) == 3


def test_newline_delimited_json_reads_like_a_json_list():
    ndjson = parse_feed((FIXTURES / "info337.ndjson").read_bytes(), source="info337.json")
    assert ndjson == _parsed()


def test_a_single_record_object_is_a_file_of_one_record():
    record = json.loads((FIXTURES / "info337.json").read_text("utf-8"))[1]
    parsed = parse_feed(json.dumps(record).encode(), source="one")
    assert [r.number for r in parsed.investigations] == ["337-TA-944"]


def parsed_record(number: str):
    return next(record for record in _parsed().investigations if record.number == number)
