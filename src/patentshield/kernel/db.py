"""The database: engine, sessions and the declarative base shared by every ``store.py``.

SQLite is the embedded default and PostgreSQL the production database; both run the same
Alembic migrations (``patentshield.migrations``). Two details make money movements safe under
concurrent requests on both:

* on SQLite every transaction starts with ``BEGIN IMMEDIATE`` (the write lock is taken at the
  start, so a read-then-write cannot interleave with another writer), with a busy timeout;
* on PostgreSQL the services lock the rows they are about to change with ``SELECT … FOR
  UPDATE`` (see :func:`lock_rows_supported`).

Nothing here runs at import time: :func:`create_engine_for` is called by the entry points.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, event
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.engine import create_engine as sa_create_engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every table; constraint names follow :data:`NAMING_CONVENTION`."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utc_now() -> datetime:
    """Return the current time, UTC-aware (for audit timestamps only, never legal dates)."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Return a stored timestamp UTC-aware (SQLite gives timestamps back without their zone)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def insert_if_missing(
    session: Session, table: type[DeclarativeBase], values: Mapping[str, object]
) -> None:
    """Insert a row unless one with the same key exists (``INSERT … ON CONFLICT DO NOTHING``).

    Both PostgreSQL and SQLite know the statement; a concurrent creator of the same row makes
    it wait, then do nothing, so the caller can lock the row that now surely exists.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(postgresql_insert(table).values(values).on_conflict_do_nothing())
    else:
        session.execute(sqlite_insert(table).values(values).on_conflict_do_nothing())


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (SQLAlchemy docs,
        # "Serializable isolation / Savepoints / Transactional DDL" for pysqlite).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine_for(url: str, *, echo: bool = False) -> Engine:
    """Create the engine for ``url``; a SQLite file's folder is created when missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = sa_create_engine(url, echo=echo, connect_args={"timeout": 30})
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return sa_create_engine(parsed, echo=echo, pool_pre_ping=True)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return the session factory bound to ``engine`` (one session per command or request)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def lock_rows_supported(session: Session) -> bool:
    """Tell whether the backend honours ``SELECT … FOR UPDATE`` (PostgreSQL yes, SQLite no)."""
    return session.get_bind().dialect.name != "sqlite"


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Open a session that commits on success and rolls back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class Database:
    """An engine, its session factory and a one-time preparation step (schema migration).

    ``prepare`` runs once, before the first session is handed out; the CLI passes a function
    that migrates the schema to the newest revision, so commands work on a fresh database.
    """

    def __init__(self, engine: Engine, *, prepare: Callable[[Engine], None] | None = None) -> None:
        self.engine = engine
        self._factory = session_factory(engine)
        self._prepare = prepare
        self._prepared = prepare is None

    def prepared(self) -> sessionmaker[Session]:
        """Return the session factory, preparing the database first if not yet done."""
        if not self._prepared and self._prepare is not None:
            self._prepare(self.engine)
            self._prepared = True
        return self._factory

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """Open a session that commits on success and rolls back on any error."""
        with unit_of_work(self.prepared()) as session:
            yield session

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
