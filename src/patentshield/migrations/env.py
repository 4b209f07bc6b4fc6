"""Alembic environment: runs migrations on the engine handed over by :func:`upgrade`."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection, Engine


def run_migrations_online() -> None:
    """Run the migrations in one transaction on the configured engine."""
    engine = context.config.attributes["engine"]
    assert isinstance(engine, Engine)
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            # Batch mode rebuilds a table by copy-and-drop; SQLite would refuse to drop a table
            # that rows elsewhere refer to. Off outside the transaction, checked at the end.
            _sqlite_foreign_keys(connection, on=False)
        context.configure(
            connection=connection,
            render_as_batch=sqlite,
            transaction_per_migration=False,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                _check_foreign_keys(connection)
        connection.commit()
        if sqlite:
            _sqlite_foreign_keys(connection, on=True)


def _sqlite_foreign_keys(connection: Connection, *, on: bool) -> None:
    # On the driver's connection: through SQLAlchemy the pragma would open a transaction
    # (BEGIN IMMEDIATE, kernel.db), inside which SQLite ignores it.
    driver = connection.connection.dbapi_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration left rows that refer to missing rows: {broken[:5]}")


run_migrations_online()
