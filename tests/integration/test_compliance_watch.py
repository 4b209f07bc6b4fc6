"""The watch on SQLite and PostgreSQL: alerts only for what is new, patents, watch lists."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from patentshield.compliance import service
from patentshield.compliance import store as compliance_store
from patentshield.compliance.model import AlertKind, WatchList
from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.db import Base, Database
from patentshield.kernel.errors import Conflict, InvalidRecords, NotFound
from tests.factories import runtime_of

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "patentsview"


@pytest.fixture
def exporters(database: Database):
    runtime = runtime_of(database)
    import_enterprises(runtime, ROOT / "examples" / "enterprises.yaml")
    return runtime


def test_the_migrated_schema_matches_the_compliance_tables(database: Database):
    assert compliance_store.WatchAlertRow.__tablename__ in Base.metadata.tables
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = [
            change
            for change in compare_metadata(context, Base.metadata)
            if "compliance" in str(change)
        ]
    assert diff == []


def test_a_second_run_records_no_alert_and_a_new_product_only_its_own(exporters):
    first = service.run_watch(exporters, "nb-standing-desks")
    assert "337-TA-1054" in {alert.subject for alert in first.new}
    assert {alert.kind for alert in first.new} == {AlertKind.INVESTIGATION}
    assert first.new == first.found
    second = service.run_watch(runtime_of(exporters.database), "nb-standing-desks")
    assert (len(second.found), second.new) == (len(first.found), ())
    listed = service.list_alerts(exporters, "nb-standing-desks")
    assert sorted(a.subject for a in listed) == sorted(a.subject for a in first.new)
    assert {a.run_id for a in listed} == {first.run_id}


def test_a_run_names_the_answer_deadline_and_a_cost_for_each_product(exporters):
    report = service.run_watch(exporters, "nb-standing-desks")
    desks = report.products[0]
    assert desks.if_named.served_on == date(2026, 3, 1)
    assert desks.if_named.answer_due == date(2026, 3, 23)  # 20 days, 201.14(a), Sat 21st rolls
    assert desks.if_named.typical_cost.currency.value == "USD"
    assert desks.if_named.typical_cost > desks.if_named.answer_phase_cost


def test_a_watched_patent_alerts_once_with_why_and_its_expiry(exporters):
    service.import_patents(exporters, service.shipped_patent_files(), source="sample", strict=True)
    service.add_watch_list(exporters, WatchList("led-phosphor", "sz-led-lighting", cpc=("H01L33",)))
    report = service.run_watch(exporters, "sz-led-lighting")
    patents = [alert for alert in report.new if alert.kind is AlertKind.PATENT]
    # Nichia's white-LED patent expired in 2017: a watch list never alerts on it.
    assert patents == []
    later = runtime_of(exporters.database, now=datetime(2016, 1, 4, tzinfo=UTC))
    again = service.run_watch(later, "sz-led-lighting")
    nichia = [alert for alert in again.new if alert.kind is AlertKind.PATENT]
    assert {alert.subject for alert in nichia} == {"5998925"}
    assert "LED packages and Mini-LED backlight units" in {alert.product for alert in nichia}
    assert {alert.reasons[0] for alert in nichia} == {"CPC: H01L33/50"}
    assert {alert.expires for alert in nichia} == {date(2017, 7, 28)}
    repeat = service.run_watch(runtime_of(later.database, now=later.clock.now()), "sz-led-lighting")
    assert repeat.new == ()


def test_a_strict_import_with_a_bad_row_writes_nothing(exporters):
    files = {path.name: path.read_bytes() for path in FIXTURES.glob("*.tsv")}
    with pytest.raises(InvalidRecords, match="nothing was written"):
        service.import_patents(exporters, files, source="fixture", strict=True)
    assert service.list_patents(exporters) == []
    report = service.import_patents(exporters, files, source="fixture", strict=False)
    assert (report.added, len(report.parse.rejected)) == (2, 7)
    again = service.import_patents(exporters, files, source="fixture", strict=False)
    assert (again.added, again.updated) == (0, 0)


def test_watch_lists_belong_to_an_existing_enterprise_and_ids_are_unique(exporters):
    service.add_watch_list(exporters, WatchList("desks", "nb-standing-desks", keywords=("desk",)))
    with pytest.raises(Conflict):
        service.add_watch_list(exporters, WatchList("desks", "nb-standing-desks", cpc=("A47B",)))
    with pytest.raises(NotFound):
        service.add_watch_list(exporters, WatchList("x", "no-such-firm", cpc=("A47B",)))
    assert [w.id for w in service.list_watch_lists(exporters, "nb-standing-desks")] == ["desks"]
