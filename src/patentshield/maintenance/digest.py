"""A digest of every table of a database: to compare a restore with its backup, before with after.

:func:`database_digest` reads every table the database holds (by reflection, the migrations'
own ``alembic_version`` included), orders its rows by every column and hashes their canonical
JSON: two databases with the same rows in every table have the same digests, whatever order
the rows were written in. The values are compared as the database returns them, so a digest
is compared with one of the same backend.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import MetaData, select
from sqlalchemy.engine import Engine


@dataclass(frozen=True, slots=True)
class TableDigest:
    """The number of rows of a table and the SHA-256 of their canonical JSON."""

    rows: int
    sha256: str


def _value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | bytes | memoryview):
        return str(bytes(value) if isinstance(value, memoryview) else value)
    return value


def _canonical(row: tuple[object, ...]) -> str:
    return json.dumps([_value(v) for v in row], sort_keys=True, ensure_ascii=False, default=str)


def reflected(engine: Engine) -> MetaData:
    """Return the tables the database behind ``engine`` holds (read once, reused by digests)."""
    metadata = MetaData()
    metadata.reflect(bind=engine)
    return metadata


def database_digest(engine: Engine, tables: MetaData | None = None) -> dict[str, TableDigest]:
    """Return the digest of every table of the database behind ``engine``, by table name.

    ``tables`` are the tables to read (:func:`reflected`); by default they are reflected now.
    """
    metadata = tables if tables is not None else reflected(engine)
    digests: dict[str, TableDigest] = {}
    with engine.connect() as connection:
        for table in sorted(metadata.tables.values(), key=lambda t: t.name):
            rows = sorted(_canonical(tuple(row)) for row in connection.execute(select(table)))
            digest = hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()
            digests[table.name] = TableDigest(len(rows), digest)
    return digests


def digest_json(digests: dict[str, TableDigest]) -> dict[str, dict[str, int | str]]:
    """Return the digests as the JSON a backup's manifest keeps."""
    return {name: {"rows": d.rows, "sha256": d.sha256} for name, d in digests.items()}
