"""Migration 0009 creates exactly the tables of the accounts, audit and idempotency stores."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from patentshield import migrations
from patentshield.accounts import store as accounts_store
from patentshield.api import idempotency
from patentshield.audit import store as audit_store
from patentshield.kernel.db import Base, Database
from tests.integration.test_usitc_schema import _tables

TABLES = {
    "organisations",
    "users",
    "api_tokens",
    "web_sessions",
    "audit_entries",
    "audit_chain_head",
    "idempotency_keys",
}


def test_the_migrated_schema_matches_the_accounts_and_audit_tables(database: Database):
    assert accounts_store.UserRow.__tablename__ in Base.metadata.tables
    assert audit_store.EntryRow.__tablename__ in Base.metadata.tables
    assert idempotency.KeyRow.__tablename__ in Base.metadata.tables
    assert set(inspect(database.engine).get_table_names()) >= TABLES
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert [d for d in differences if TABLES & set(_tables(d))] == []


def test_the_chain_head_starts_at_the_genesis_and_the_migration_reverts(database: Database):
    with database.engine.connect() as connection:
        head = connection.execute(text("SELECT sequence, hash FROM audit_chain_head")).one()
    assert tuple(head) == (0, "0" * 64)
    migrations.downgrade(database.engine, "0007")
    assert not TABLES & set(inspect(database.engine).get_table_names())
    migrations.upgrade(database.engine)
    assert set(inspect(database.engine).get_table_names()) >= TABLES
