"""Back up and restore an installation: its database and its evidence vault, in one archive.

* **SQLite**: SQLite's online backup API copies the database page by page while it stays in
  use, into a consistent file; a restore checks that file (``PRAGMA integrity_check``) and
  copies it back over the configured database with the same API.
* **PostgreSQL**: ``pg_dump --format=custom`` of the database's schema, restored with
  ``pg_restore --clean --if-exists --single-transaction``; both must be on the PATH (the
  PostgreSQL client tools), else the command says so. The password goes to them in the
  environment (``PGPASSWORD``), never on the command line.
* **The vault**: every file of ``PATENTSHIELD_HOME/evidence``, re-hashed on the way in and on
  the way out.

The manifest (:mod:`~patentshield.maintenance.archive`) records every table's row count and
digest (:mod:`~patentshield.maintenance.digest`); a restore recomputes them and reports any
table that differs. A restore into a database that already holds a schema needs ``replace``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from patentshield import __version__, migrations
from patentshield.kernel import vault
from patentshield.kernel.errors import InvalidInput, Unavailable
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.vault import vault_root
from patentshield.maintenance.archive import VAULT_PREFIX, Archive, Member, open_archive
from patentshield.maintenance.archive import write_archive as write_backup_archive
from patentshield.maintenance.digest import TableDigest, database_digest, digest_json

DUMPS = {"sqlite": "database.sqlite", "postgresql": "database.pgdump"}


@dataclass(frozen=True, slots=True)
class BackupReport:
    """What a backup or a restore covered, and the tables a restore found different."""

    file: str
    backend: str
    revision: str | None
    tables: dict[str, TableDigest]
    vault_files: int
    differences: tuple[str, ...] = ()


def _backend(engine: Engine) -> str:
    name = engine.dialect.name
    if name not in DUMPS:
        raise InvalidInput("database_url", f"backups support SQLite and PostgreSQL, not {name}")
    return name


def _sqlite_file(engine: Engine) -> Path:
    database = engine.url.database or ""
    if not database or database == ":memory:":
        raise InvalidInput("database_url", "an in-memory SQLite database has nothing to back up")
    return Path(database.removeprefix("file:").split("?")[0]).expanduser()


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy the SQLite database ``source`` into ``target`` with the online backup API."""
    with sqlite3.connect(source) as reader, sqlite3.connect(target) as writer:
        reader.backup(writer)
    reader.close()
    writer.close()


def _libpq(engine: Engine) -> tuple[str, dict[str, str]]:
    """Return the connection URI for the client tools (no password) and their environment."""
    url = make_url(str(engine.url.render_as_string(hide_password=False)))
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), environment


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise Unavailable(
            f"{name} is not on the PATH: install the PostgreSQL client tools (the server's "
            "major version) to back up or restore a PostgreSQL database",
            field="database",
        )
    return found


def _run(arguments: list[str], environment: dict[str, str]) -> None:
    done = subprocess.run(arguments, env=environment, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        reason = lines[0] if lines else f"exit status {done.returncode}"
        raise Unavailable(f"{Path(arguments[0]).name} failed: {reason}", field="database")


def _pg_dump(engine: Engine, target: Path) -> None:
    with engine.connect() as connection:
        schema = str(connection.execute(text("SELECT current_schema()")).scalar_one())
    uri, environment = _libpq(engine)
    arguments = [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    _run([*arguments, f"--schema={schema}", f"--file={target}", f"--dbname={uri}"], environment)


def _pg_restore(engine: Engine, dump: Path) -> None:
    uri, environment = _libpq(engine)
    arguments = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges"]
    _run([*arguments, "--single-transaction", f"--dbname={uri}", str(dump)], environment)


def _vault_members(root: Path) -> list[Member]:
    return [
        Member(f"{VAULT_PREFIX}{path.parent.name}/{path.name}", path)
        for path in vault.stored_files(root)
    ]


def backup(runtime: Runtime, out: Path) -> BackupReport:
    """Write the database and the evidence vault of ``runtime`` into the archive ``out``.

    Raises
    ------
    InvalidInput
        When ``out`` is not a new or regular file, or cannot be written.
    Unavailable
        When the database cannot be read, or ``pg_dump`` is missing or fails.
    """
    engine = runtime.database.engine
    backend = _backend(engine)
    revision = migrations.current_revision(engine)
    with tempfile.TemporaryDirectory(prefix="patentshield-backup-") as work:
        dump = Path(work) / DUMPS[backend]
        if backend == "sqlite":
            _sqlite_copy(_sqlite_file(engine), dump)
            tables = _digest_of_sqlite(dump)
        else:
            _pg_dump(engine, dump)
            tables = database_digest(engine)
        files = _vault_members(vault_root(runtime.settings))
        manifest = {
            "created_at": runtime.clock.now().isoformat(),
            "backend": backend,
            "revision": revision,
            "package_version": __version__,
            "tables": digest_json(tables),
        }
        write_backup_archive(out, dict(manifest), [Member(dump.name, dump), *files])
    return BackupReport(str(out), backend, revision, tables, len(files))


def _digest_of_sqlite(file: Path) -> dict[str, TableDigest]:
    from patentshield.kernel.db import create_engine_for

    engine = create_engine_for(f"sqlite:///{file}")
    try:
        return database_digest(engine)
    finally:
        engine.dispose()


def _check_restorable(archive: Archive, engine: Engine, *, replace: bool) -> str:
    backend = _backend(engine)
    if archive.manifest.get("backend") != backend:
        raise InvalidInput(
            "file", f"a {archive.manifest.get('backend')} backup restores into that database only"
        )
    revision = archive.manifest.get("revision")
    if revision is not None and revision not in migrations.known_revisions():
        raise InvalidInput("file", f"the backup's schema {revision} is newer than this version")
    if migrations.current_revision(engine) is not None and not replace:
        raise InvalidInput(
            "replace",
            "the database already holds a schema; pass --replace to overwrite it with the backup",
        )
    return backend


def _restore_vault(archive: Archive, root: Path, work: Path) -> int:
    count = 0
    for name in archive.members():
        if not name.startswith(VAULT_PREFIX):
            continue
        stored = vault.put(root, archive.extract(name, work / "file"), field="file")
        if stored.sha256 != name.rsplit("/", 1)[-1]:
            raise InvalidInput("file", f"{name} does not hash to its name")
        count += 1
    return count


def restore(runtime: Runtime, source: Path, *, replace: bool = False) -> BackupReport:
    """Restore the database and the evidence vault of ``runtime`` from the archive ``source``.

    Raises
    ------
    InvalidInput
        When the archive is not a backup, is altered, is of another backend or a newer
        schema, or the database holds a schema and ``replace`` is not given.
    Unavailable
        When the database cannot be written, or ``pg_restore`` is missing or fails.
    """
    engine = runtime.database.engine
    with open_archive(source) as archive, tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        backend = _check_restorable(archive, engine, replace=replace)
        dump = archive.extract(DUMPS[backend], work / DUMPS[backend])
        if backend == "sqlite":
            _check_sqlite_integrity(dump)
            engine.dispose()
            _sqlite_copy(dump, _sqlite_file(engine))
        else:
            _pg_restore(engine, dump)
        files = _restore_vault(archive, vault_root(runtime.settings), work)
        tables = database_digest(engine)
        expected = archive.manifest.get("tables")
    found = digest_json(tables)
    differences = tuple(
        name
        for name in sorted(set(found) | set(expected if isinstance(expected, dict) else {}))
        if isinstance(expected, dict) and found.get(name) != expected.get(name)
    )
    return BackupReport(
        str(source), backend, migrations.current_revision(engine), tables, files, differences
    )


def _check_sqlite_integrity(file: Path) -> None:
    with sqlite3.connect(file) as connection:
        result = connection.execute("PRAGMA integrity_check").fetchone()
    connection.close()
    if result is None or result[0] != "ok":
        raise InvalidInput(
            "file", f"the backup's database fails SQLite's integrity check: {result}"
        )
