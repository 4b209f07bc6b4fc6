"""The database: engine, sessions and the declarative base shared by every ``store.py``.

SQLite is the embedded default and PostgreSQL the production database; both run the same
Alembic migrations (``patentshield.migrations``). Two details make money movements safe under
concurrent requests on both:

* on SQLite every transaction starts with ``BEGIN IMMEDIATE`` (the write lock is taken at the
  start, so a read-then-write cannot interleave with another writer), with a busy timeout;
* on PostgreSQL the services lock the rows they are about to change with ``SELECT … FOR
  UPDATE`` (see :func:`lock_rows_supported`).

Every session checks the values it is about to write (:func:`check_values`, before each flush):
text longer than its column, a NUL character, a number with more digits before the point than
its column holds are one :class:`~patentshield.kernel.errors.InvalidInput` naming the column —
the same on SQLite (which would store them) and PostgreSQL (which would fail with a traceback
carrying every SQL parameter). :func:`database_error` words the driver's failures (server down,
database missing, file read-only) as one line that never shows a password or a parameter.

Nothing here runs at import time: :func:`create_engine_for` is called by the entry points.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, Numeric, String, event, inspect
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.engine import create_engine as sa_create_engine
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.sql.schema import Column
from sqlalchemy.types import TypeDecorator, TypeEngine, UserDefinedType

from patentshield.kernel.errors import (
    Conflict,
    InvalidInput,
    PatentshieldError,
    Unavailable,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class _MinorUnits(UserDefinedType[int]):
    """SQLite's storage of an exact number: an integer count of its smallest unit.

    The column is still declared ``NUMERIC(precision, scale)`` (so the schema reads the same
    on both databases); SQLite's NUMERIC affinity keeps an integer exact up to 2⁶³, where it
    would keep a fraction only as a 53-bit float.
    """

    cache_ok = True

    def __init__(self, precision: int, scale: int) -> None:
        self.precision = precision
        self.scale = scale

    def get_col_spec(self, **_options: object) -> str:
        return f"NUMERIC({self.precision}, {self.scale})"


class ExactNumeric(TypeDecorator[Decimal]):
    """An exact decimal column, on PostgreSQL and on SQLite alike (never a float).

    PostgreSQL stores ``Numeric(precision, scale)``; SQLite an integer number of units of
    ``10**-scale`` (fen, cents, 10⁻⁸ of a rate). Money columns are ``ExactNumeric(18, 2)``
    and rate columns ``ExactNumeric(18, 8)`` (STYLE.md rule 8). A value is rounded half up to
    ``scale`` places on the way in and comes back with exactly ``scale`` places on both
    databases; SQL sums and comparisons stay exact on SQLite because they work on integers.
    Migration ``0014`` converted the REAL values that SQLite held before.

    >>> ExactNumeric(18, 2).process_bind_param(Decimal("90071992547409.93"), _SQLITE)
    9007199254740993
    >>> ExactNumeric(18, 2).process_result_value(9007199254740993, _SQLITE)
    Decimal('90071992547409.93')
    """

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int, scale: int) -> None:
        super().__init__(precision, scale, asdecimal=True)
        self.precision = precision
        self.scale = scale

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """Return the storage type of ``dialect``: integer units on SQLite, else ``Numeric``."""
        if dialect.name == "sqlite":
            return dialect.type_descriptor(_MinorUnits(self.precision, self.scale))
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Decimal | int | None:
        """Return ``value`` rounded to the column's places (SQLite: as integer units)."""
        if value is None:
            return None
        rounded = Decimal(value).quantize(Decimal(1).scaleb(-self.scale), rounding=ROUND_HALF_UP)
        return int(rounded.scaleb(self.scale)) if dialect.name == "sqlite" else rounded

    def process_result_value(self, value: object, dialect: Dialect) -> Decimal | None:
        """Return the stored value as a Decimal with exactly ``scale`` places."""
        if value is None:
            return None
        quantum = Decimal(1).scaleb(-self.scale)
        if dialect.name == "sqlite":
            units = Decimal(value) if isinstance(value, int) else Decimal(str(value))
            return units.scaleb(-self.scale).quantize(quantum)
        return Decimal(str(value)).quantize(quantum)


class Base(DeclarativeBase):
    """Declarative base of every table; constraint names follow :data:`NAMING_CONVENTION`."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


_SQLITE = sqlite_dialect.dialect()  # for the doctests of ExactNumeric


def utc_now() -> datetime:
    """Return the current time, UTC-aware (for audit timestamps only, never legal dates)."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Return a stored timestamp UTC-aware (SQLite gives timestamps back without their zone)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def insert_if_missing(
    session: Session, table: type[DeclarativeBase], values: Mapping[str, object]
) -> bool:
    """Insert a row unless one with the same key exists (``INSERT … ON CONFLICT DO NOTHING``).

    Both PostgreSQL and SQLite know the statement; a concurrent creator of the same row makes
    it wait, then do nothing, so the caller can lock the row that now surely exists. Returns
    whether this call inserted the row.
    """
    # RETURNING tells whether a row was inserted: psycopg gives no row count for this statement
    key = inspect(table).primary_key
    if session.get_bind().dialect.name == "postgresql":
        statement = postgresql_insert(table).values(values).on_conflict_do_nothing()
        return session.execute(statement.returning(*key)).first() is not None
    inserted = sqlite_insert(table).values(values).on_conflict_do_nothing().returning(*key)
    return session.execute(inserted).first() is not None


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


def create_engine_for(url: str, *, echo: bool = False, create_folder: bool = True) -> Engine:
    """Create the engine for ``url``.

    A SQLite file's missing folder is created when ``create_folder`` is true; otherwise it is
    refused, so that a typo in the path does not silently start an empty database.

    Raises
    ------
    InvalidInput
        When the URL cannot be read, or a SQLite file's folder is missing and not to be created.
    """
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError:
        raise InvalidInput("database_url", "is not a database URL (sqlite:///FILE, …)") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            file = parsed.database.removeprefix("file:") if parsed.query.get("uri") else None
            _sqlite_folder(Path(file or parsed.database).expanduser(), create=create_folder)
        engine = sa_create_engine(url, echo=echo, connect_args={"timeout": 30})
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return sa_create_engine(parsed, echo=echo, pool_pre_ping=True)


def _sqlite_folder(file: Path, *, create: bool) -> None:
    folder = file.parent
    if folder.is_dir():
        return
    if not create:
        raise InvalidInput(
            "database_url",
            f"the folder {folder} of the SQLite file does not exist; create it, or pass "
            "--create-db (PATENTSHIELD_CREATE_DB=1) to have it created",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InvalidInput("database_url", f"cannot create {folder} ({error.strerror})") from None


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return the session factory bound to ``engine`` (one session per command or request).

    Its sessions check every value before it is written (:func:`check_values`).
    """
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    event.listen(factory, "before_flush", check_values)
    return factory


def _numeric_type(kind: TypeEngine[object]) -> Numeric[Decimal] | None:
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    return kind if isinstance(kind, Numeric) else None


def check_value(column: Column[object], value: object) -> None:
    """Refuse ``value`` for ``column`` when no database would store it faithfully.

    Raises
    ------
    InvalidInput
        Naming the column: text with a NUL character or longer than the column, or a number
        with more digits before the point than the column's precision leaves.
    """
    if isinstance(value, str):
        if "\x00" in value:
            raise InvalidInput(column.key, "holds a NUL character")
        length = getattr(column.type, "length", None) if isinstance(column.type, String) else None
        if length is not None and len(value) > length:
            raise InvalidInput(column.key, f"is {len(value):,} characters long; at most {length}")
        return
    numeric = _numeric_type(column.type)
    if isinstance(value, Decimal) and numeric is not None and numeric.precision is not None:
        digits = numeric.precision - (numeric.scale or 0)
        if value.is_finite() and abs(value) >= Decimal(10) ** digits:
            raise InvalidInput(
                column.key,
                f"{value} is too large to store: at most {digits} digits before the point",
            )


def check_values(session: Session, _context: object, _instances: object) -> None:
    """Check every column value of the new and changed objects of ``session`` (before flush)."""
    for instance in (*session.new, *session.dirty):
        mapper = inspect(instance).mapper
        for attribute in mapper.column_attrs:
            value = getattr(instance, attribute.key)
            for column in attribute.columns:
                if isinstance(column, Column):
                    check_value(column, value)


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return lines[0] if lines else type(original).__name__


def database_error(error: BaseException, url: str) -> PatentshieldError | None:
    """Return the one-line error of a database failure, or ``None`` when it is no such failure.

    The URL is shown without its password; the statement and its parameters never are.
    """
    if not isinstance(error, sa_exc.SQLAlchemyError):
        return None
    shown = make_url(url).render_as_string(hide_password=True)
    reason = _first_line(error)
    if isinstance(error, sa_exc.DataError):
        return InvalidInput("value", f"the database refused a value: {reason}")
    if isinstance(error, sa_exc.IntegrityError):
        return Conflict(f"the database refused the change: {reason}", field="database")
    if "readonly" in reason.replace("-", "").replace(" ", "").lower():
        reason = "the database is read-only; check the file's and its folder's permissions"
    return Unavailable(f"cannot use the database {shown}: {reason}", field="database")


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
        self._lock = threading.Lock()  # the threads of a web server prepare it once

    def prepared(self) -> sessionmaker[Session]:
        """Return the session factory, preparing the database first if not yet done."""
        if not self._prepared:
            with self._lock:
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
