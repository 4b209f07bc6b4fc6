"""Alembic environment: runs migrations on the engine handed over by :func:`upgrade`."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Engine


def run_migrations_online() -> None:
    """Run the migrations in one transaction on the configured engine."""
    engine = context.config.attributes["engine"]
    assert isinstance(engine, Engine)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            render_as_batch=connection.dialect.name == "sqlite",
            transaction_per_migration=False,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
