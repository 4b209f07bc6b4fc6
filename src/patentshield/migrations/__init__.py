"""Alembic migrations for SQLite and PostgreSQL, and the function that applies them.

The migration scripts live in ``versions/`` inside the package, so an installed wheel can
create or upgrade its own database. :func:`upgrade` brings a database to the newest revision;
:func:`is_current` tells whether that is needed (a cheap check done by every CLI command).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

_HERE = Path(__file__).parent


def alembic_config(engine: Engine) -> Config:
    """Return an Alembic configuration that runs this package's scripts on ``engine``."""
    config = Config()
    config.set_main_option("script_location", str(_HERE))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """Return the newest revision shipped with the package."""
    script = ScriptDirectory(str(_HERE))
    head = script.get_current_head()
    if head is None:  # pragma: no cover - the package always ships migrations
        raise RuntimeError("no migration scripts found")
    return head


def known_revisions() -> set[str]:
    """Return every revision shipped with the package."""
    script = ScriptDirectory(str(_HERE))
    return {revision.revision for revision in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is at (``None`` for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_current(engine: Engine) -> bool:
    """Tell whether the database is at the newest revision."""
    return current_revision(engine) == head_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` (the newest by default)."""
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Revert migrations down to ``revision`` (``base`` empties the schema)."""
    command.downgrade(alembic_config(engine), revision)
