from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from patentshield import migrations
from patentshield.enterprises import store
from patentshield.kernel.db import Base, Database, create_engine_for

TABLES = {
    "enterprises",
    "enterprise_industries",
    "enterprise_flags",
    "enterprise_product_classes",
    "enterprise_patents",
    "enterprise_past_cases",
}


def _ours(obj: object, name: str | None, kind: str, reflected: bool, compare_to: object) -> bool:
    table = getattr(obj, "table", obj)
    return kind != "table" and getattr(table, "name", name) in TABLES or name in TABLES


def test_migration_0001_creates_exactly_the_tables_the_store_declares(database: Database) -> None:
    assert store.EnterpriseRow.__table__ is not None
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": _ours, "compare_type": True}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_migration_0001_downgrades_to_an_empty_schema(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'round-trip.db'}")
    migrations.upgrade(engine, "0001")
    assert set(inspect(engine).get_table_names()) >= TABLES
    migrations.downgrade(engine, "base")
    assert TABLES.isdisjoint(inspect(engine).get_table_names())
    engine.dispose()
