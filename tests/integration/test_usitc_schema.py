"""Migration 0004 creates exactly the tables of ``usitc/store.py`` and can be reverted."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from patentshield import migrations
from patentshield.kernel.db import Base, Database
from patentshield.usitc import store

USITC_TABLES = {"usitc_investigations", "usitc_parties", "usitc_raw_rows", "usitc_imports"}


def _usitc_differences(database: Database) -> list[object]:
    assert store.InvestigationRow.__tablename__ in Base.metadata.tables
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    return [d for d in differences if USITC_TABLES & set(_tables(d))]


def _tables(difference: object) -> list[str]:
    names: list[str] = []
    items = difference if isinstance(difference, list) else [difference]
    for item in items:
        for part in item if isinstance(item, tuple) else (item,):
            table = getattr(part, "table", None)
            name = getattr(table, "name", None) or getattr(part, "name", None)
            if isinstance(part, str):
                names.append(part)
            elif isinstance(name, str):
                names.append(name)
    return names


def test_the_migrated_schema_matches_the_store_tables(database):
    assert set(inspect(database.engine).get_table_names()) >= USITC_TABLES
    assert _usitc_differences(database) == []


def test_the_usitc_migration_downgrades_and_upgrades_again(database):
    migrations.downgrade(database.engine, "0003")
    assert not USITC_TABLES & set(inspect(database.engine).get_table_names())
    migrations.upgrade(database.engine)
    assert set(inspect(database.engine).get_table_names()) >= USITC_TABLES
