"""Shared fixtures: a migrated database on SQLite and on PostgreSQL, and a CLI runner.

The ``database`` fixture is parametrised over both backends (STYLE.md rule 16). The PostgreSQL
tier uses ``PATENTSHIELD_TEST_POSTGRES_URL`` (default ``postgresql://postgres@127.0.0.1:5432/test``)
and creates a fresh schema per test, so runs never see each other's rows. Under CI (``CI=true``)
an unreachable server is a failure; elsewhere those tests are skipped with a visible notice.
"""

from __future__ import annotations

import importlib.util
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from patentshield import migrations
from patentshield.kernel.db import Database, create_engine_for
from patentshield.kernel.runtime import Runtime
from tests.factories import runtime_of

POSTGRES_URL = os.environ.get(
    "PATENTSHIELD_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

_postgres_problem: str | None = None
_postgres_checked = False


def postgres_problem() -> str | None:
    """Return why PostgreSQL cannot be used, or ``None`` when it answers (checked once)."""
    global _postgres_checked, _postgres_problem
    if not _postgres_checked:
        _postgres_checked = True
        try:
            engine = create_engine_for(POSTGRES_URL)
            with engine.connect() as connection:
                connection.execute(text("select 1"))
            engine.dispose()
        except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
            _postgres_problem = f"{type(error).__name__}: {error}".splitlines()[0]
    return _postgres_problem


def require_postgres() -> None:
    """Skip (or, under CI, fail) when PostgreSQL is not reachable."""
    problem = postgres_problem()
    if problem is None:
        return
    message = f"PostgreSQL at {POSTGRES_URL} is not reachable ({problem})"
    if IN_CI:
        pytest.fail(message + "; CI must run the PostgreSQL tier", pytrace=False)
    pytest.skip(message + "; PostgreSQL tier skipped")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    problem = postgres_problem() if _postgres_checked else None
    if problem is not None:
        terminalreporter.write_line(
            f"NOTICE: PostgreSQL tier skipped: {POSTGRES_URL} not reachable ({problem})",
            yellow=True,
            bold=True,
        )


def _postgres_engine(schema: str) -> Engine:
    admin = create_engine_for(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    url = POSTGRES_URL + ("&" if "?" in POSTGRES_URL else "?")
    return create_engine_for(url + f"options=-csearch_path%3D{schema}")


def _drop_postgres_schema(schema: str) -> None:
    admin = create_engine_for(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database on each backend."""
    if request.param == "sqlite":
        engine = create_engine_for(f"sqlite:///{tmp_path / 'test.db'}")
        migrations.upgrade(engine)
        db = Database(engine)
        yield db
        db.dispose()
        return
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = _postgres_engine(schema)
    try:
        migrations.upgrade(engine)
        db = Database(engine)
        yield db
        db.dispose()
    finally:
        engine.dispose()
        _drop_postgres_schema(schema)


@pytest.fixture
def runtime(database: Database) -> Runtime:
    """A runtime on the ``database`` fixture: shipped reference data, clock stopped at NOW."""
    return runtime_of(database)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of a fresh SQLite file for CLI tests (the CLI migrates it on first use)."""
    return f"sqlite:///{tmp_path / 'cli.db'}"


@pytest.fixture(scope="session")
def model_doc() -> ModuleType:
    """``scripts/model_doc.py``, the generator of docs/model.md's tables, as a module."""
    path = Path(__file__).resolve().parents[1] / "scripts" / "model_doc.py"
    spec = importlib.util.spec_from_file_location("model_doc", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
