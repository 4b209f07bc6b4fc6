"""Importing USITC feeds into SQLite and PostgreSQL: one transaction, idempotent, lossless."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from patentshield.kernel.db import Database
from patentshield.kernel.errors import ExternalDataError, InvalidRecords
from patentshield.usitc import store
from patentshield.usitc.feed import parse_feed
from patentshield.usitc.records import Completeness, DataSource, RecordKind
from patentshield.usitc.service import Selection, import_feed, load_investigations
from tests.factories import runtime_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "usitc"
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
TABLES = (store.InvestigationRow, store.PartyRow, store.RawRowRecord, store.ImportRow)


def _import(database: Database, name: str, *, strict: bool = False):
    payload = (FIXTURES / name).read_bytes()
    return import_feed(runtime_of(database, now=NOW), payload, source=name, strict=strict)


def _row_counts(database: Database) -> tuple[int, ...]:
    with database.unit_of_work() as session:
        return tuple(session.scalar(select(func.count()).select_from(t)) or 0 for t in TABLES)


@pytest.mark.parametrize(
    ("name", "added", "rejected", "skipped"),
    [
        ("ids_title_case.json", 8, 2, 1),
        ("ids_title_case.json.gz", 8, 2, 1),
        ("ids_snake_case.json", 2, 1, 1),
        ("info337.json", 3, 1, 0),
        ("info337.ndjson", 3, 1, 0),
    ],
)
def test_each_fixture_format_imports_with_its_counts(database, name, added, rejected, skipped):
    report = _import(database, name)
    assert (len(report.added), len(report.updated), len(report.unchanged)) == (added, 0, 0)
    assert (len(report.rejected), report.skipped) == (rejected, skipped)
    assert _row_counts(database)[0] == added


def test_an_imported_record_reads_back_exactly_as_parsed(database):
    _import(database, "ids_title_case.json")
    parsed = parse_feed((FIXTURES / "ids_title_case.json").read_bytes(), source="x")
    expected = {record.number: record for record in parsed.investigations}
    with database.unit_of_work() as session:
        for number, record in expected.items():
            assert store.imported_investigation(session, number) == record


def test_raw_rows_keep_every_field_of_the_feed(database):
    _import(database, "ids_title_case.json")
    document = json.loads((FIXTURES / "ids_title_case.json").read_text("utf-8"))
    with database.unit_of_work() as session:
        record = store.imported_investigation(session, "337-TA-1286")
    assert [raw.data for raw in record.raw_rows] == document["data"][1:3]


def test_reimporting_the_same_file_changes_nothing(database):
    first = _import(database, "ids_title_case.json")
    before = _row_counts(database)
    second = _import(database, "ids_title_case.json")
    assert (len(second.added), len(second.updated)) == (0, 0)
    assert sorted(second.unchanged) == sorted(first.added)
    after = _row_counts(database)
    assert after[:3] == before[:3]
    assert after[3] == before[3] + 1  # the second import is logged


def test_the_gzip_copy_of_an_imported_file_is_unchanged(database):
    _import(database, "ids_title_case.json")
    report = _import(database, "ids_title_case.json.gz")
    assert (len(report.added), len(report.updated), len(report.unchanged)) == (0, 0, 8)


def test_a_changed_row_updates_its_investigation_and_replaces_its_parties(database, tmp_path):
    _import(database, "ids_title_case.json")
    document = json.loads((FIXTURES / "ids_title_case.json").read_text("utf-8"))
    document["data"][5]["Participants"] = document["data"][5]["Participants"][:1]
    document["data"][5]["Investigation Status"] = {"ID": 1, "Name": "Active"}
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document), encoding="utf-8")
    report = import_feed(
        runtime_of(database, now=NOW), changed.read_bytes(), source="changed.json", strict=False
    )
    assert report.updated == ("337-TA-1322",)
    assert len(report.unchanged) == 7
    with database.unit_of_work() as session:
        record = store.imported_investigation(session, "337-TA-1322")
    assert record.status == "Active"
    assert record.respondents() == ()


def test_strict_import_of_a_file_with_malformed_rows_writes_nothing(database):
    with pytest.raises(InvalidRecords) as raised:
        _import(database, "ids_title_case.json", strict=True)
    assert [(e.row, e.field) for e in raised.value.errors] == [
        (12, "Start Date"),
        (13, "Participants"),
    ]
    assert _row_counts(database) == (0, 0, 0, 0)


@pytest.mark.parametrize(
    "name",
    [
        "ids_title_case_truncated.json",
        "ids_title_case_truncated.json.gz",
        "not_json.html",
        "wrong_schema.json",
        "empty.json",
    ],
)
def test_a_bad_file_raises_and_leaves_the_database_unchanged(database, name):
    _import(database, "info337.json")
    before = _row_counts(database)
    with pytest.raises(ExternalDataError):
        _import(database, name)
    assert _row_counts(database) == before


def test_the_import_log_records_counts_and_rejected_rows(database):
    _import(database, "ids_snake_case.json")
    with database.unit_of_work() as session:
        (entry,) = store.import_log(session)
        assert (entry.rows, entry.added, entry.rejected, entry.skipped) == (4, 2, 1, 1)
        assert entry.layouts == "ids_snake_case"
        assert entry.rejections[0]["row"] == 4


def test_all_sources_count_an_investigation_once_preferring_the_imported_record(database):
    _import(database, "ids_title_case.json")
    _import(database, "info337.json")
    records = load_investigations(runtime_of(database), Selection.ALL)
    numbers = [record.number for record in records]
    assert len(numbers) == len(set(numbers))
    by_number = {record.number: record for record in records}
    assert by_number["337-TA-1286"].source is DataSource.IMPORTED
    assert by_number["337-TA-1000"].source is DataSource.IMPORTED
    assert by_number["337-TA-944"].source is DataSource.IMPORTED
    assert by_number["337-TA-604"].source is DataSource.SHIPPED
    imported = load_investigations(runtime_of(database), Selection.IMPORTED)
    assert len(records) == len(imported) + 82 - 3  # 337-TA-944, -1000 and -1286 are in both


def test_preinstitution_records_are_stored_with_their_kind(database):
    _import(database, "ids_title_case.json")
    with database.unit_of_work() as session:
        docketed = store.imported_investigations(session, kind=RecordKind.PREINSTITUTION)
    assert [(r.number, r.respondents_complete) for r in docketed] == [
        ("337-3933", Completeness.YES)
    ]
