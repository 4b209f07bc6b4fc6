"""Every migration runs up and down on SQLite and PostgreSQL, and 0014 makes money exact."""

from __future__ import annotations

import importlib
from datetime import UTC, date, datetime
from decimal import Decimal

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text

from patentshield import migrations
from patentshield.cases import evidence_store
from patentshield.kernel.db import Database
from patentshield.subsidies import store

GRANT = (
    "INSERT INTO subsidy_grants (id, idempotency_key, request_fingerprint, programme_id,"
    " programme_version, applicant_id, year, premium_date, product_type, year_cap_key,"
    " reference, ip_rights, currency, premium, amount, explanation, warnings, created_at)"
    " VALUES ('g-1', 'k', 'f', 'shenzhen', 1, 'sz-led-lighting', 2024, '2024-06-01',"
    " 'patent_enforcement', '', 'POL-1', '', 'CNY', 400000.5, 200000.25, '[]', '[]',"
    " '2024-06-01 09:00:00+00:00')"
)


STORES = [
    f"patentshield.{name}"
    for name in (
        "accounts.store",
        "api.idempotency",
        "audit.store",
        "cases.store",
        "claims.store",
        "claims.ledger_store",
        "claims.joint_store",
        "claims.outcome_store",
        "claims.settlement_store",
        "compliance.store",
        "enterprises.store",
        "policies.store",
        "quotes.store",
        "subsidies.store",
        "subsidies.application_store",
        "usitc.store",
    )
]


def revisions() -> list[str]:
    script = ScriptDirectory(str(migrations._HERE))
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def test_every_revision_goes_up_and_down_and_up_again(database: Database):
    engine = database.engine
    migrations.downgrade(engine, "base")
    assert migrations.current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    for revision in revisions():
        migrations.upgrade(engine, revision)
        assert migrations.current_revision(engine) == revision
    tables = set(inspect(engine).get_table_names())
    for revision in reversed(revisions()[:-1]):
        migrations.downgrade(engine, revision)
        assert migrations.current_revision(engine) == revision
    migrations.downgrade(engine, "base")
    migrations.upgrade(engine)
    assert set(inspect(engine).get_table_names()) == tables
    assert migrations.is_current(engine)


def test_0014_converts_stored_money_without_loss_both_ways(database: Database):
    migrations.downgrade(database.engine, "0010")
    with database.engine.begin() as connection:
        connection.execute(text(GRANT))
    migrations.upgrade(database.engine)
    with database.unit_of_work() as session:
        row = session.get(store.GrantRow, "g-1")
        assert row is not None
        assert (row.premium, row.amount) == (Decimal("400000.50"), Decimal("200000.25"))
    migrations.downgrade(database.engine, "0010")
    with database.engine.connect() as connection:
        premium, amount = connection.execute(
            text("SELECT premium, amount FROM subsidy_grants")
        ).one()
    assert (Decimal(str(premium)), Decimal(str(amount))) == (
        Decimal("400000.5"),
        Decimal("200000.25"),
    )
    migrations.upgrade(database.engine)


def test_money_beyond_2_to_the_53_cents_reads_back_to_the_cent(database: Database):
    exact = Decimal("90071992547409.93")
    with database.unit_of_work() as session:
        session.add(
            store.GrantRow(
                id="g-big",
                idempotency_key="big",
                request_fingerprint="f",
                programme_id="shenzhen",
                programme_version=1,
                applicant_id="sz-led-lighting",
                year=2024,
                premium_date=date(2024, 6, 1),
                product_type="patent_enforcement",
                year_cap_key="",
                reference="POL-1",
                ip_rights="",
                currency="CNY",
                premium=exact,
                amount=exact,
                explanation=[],
                warnings=[],
                created_at=datetime(2024, 6, 1, tzinfo=UTC),
            )
        )
    with database.unit_of_work() as session:
        assert session.scalar(select(store.GrantRow.premium)) == exact
        total = session.scalar(
            select(func.sum(store.GrantRow.amount) + func.sum(store.GrantRow.premium))
        )
        assert total == exact * 2


def test_the_newest_schema_is_exactly_what_the_stores_map(database: Database):
    import patentshield.cli.wiring  # noqa: F401 - the stores register their tables on import
    from patentshield.kernel.db import Base

    for name in STORES:
        importlib.import_module(name)
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


CASE = (
    "INSERT INTO cases (id, number, title, state, complaint_filed, learned_on, opened_at, parties)"
    " VALUES ('c-1', '337-TA-9000', 'Certain widgets', 'served', '2026-03-16', '2026-04-16',"
    " '2026-04-16 10:00:00+00:00', '{}')"
)


def evidence_row(number: int) -> str:
    return (
        "INSERT INTO evidence_files (id, case_id, sha256, kind, filename, size, added_by,"
        f" added_on, added_at, note) VALUES ('ev-{number}', 'c-1', '{number:064d}', 'other',"
        f" 'f{number}.txt', {number}, 'Li Wei', '2026-04-2{number}',"
        f" '2026-04-2{number} 09:00:00+00:00', '')"
    )


def test_0016_chains_the_evidence_recorded_before_it(database: Database):
    from patentshield.cases.evidence_chain import broken_links

    migrations.downgrade(database.engine, "0015")
    with database.engine.begin() as connection:
        connection.execute(text(CASE))
        for number in (2, 1):
            connection.execute(text(evidence_row(number)))
    migrations.upgrade(database.engine)
    with database.unit_of_work() as session:
        chain = evidence_store.evidence_chain(session, "c-1")
    assert [(item.id, item.sequence) for item in chain] == [("ev-1", 1), ("ev-2", 2)]
    assert broken_links(chain) == set()
    assert chain[1].record_hash != chain[0].record_hash


def test_0020_moves_the_consent_to_settle_from_the_invoice_to_its_own_table(database: Database):
    def schema() -> tuple[set[str], set[str]]:
        inspector = inspect(database.engine)
        columns = {column["name"] for column in inspector.get_columns("claim_expenses")}
        return columns, set(inspector.get_table_names())

    columns, tables = schema()
    assert "insurer_consent_on" not in columns and "claim_settlement_consents" in tables
    migrations.downgrade(database.engine, "0019")
    columns, tables = schema()
    assert "insurer_consent_on" in columns and "claim_settlement_consents" not in tables
    migrations.upgrade(database.engine)
    assert migrations.is_current(database.engine)
