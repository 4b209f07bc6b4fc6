"""Benchmark: importing a USITC IDS feed, first import and idempotent re-import.

Builds a synthetic snake_case IDS feed of N investigations by renumbering the rows of the
test fixture, imports it into a fresh SQLite file (and PostgreSQL when it answers), then
imports it again. Prints seconds, investigations per second and the ratio re-import / first
import measured in the same process.

    .venv/bin/python benchmarks/usitc_import.py [--investigations 1700] [--postgres URL]
"""

from __future__ import annotations

import argparse
import copy
import json
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from patentshield import migrations
from patentshield.kernel.config import Settings
from patentshield.kernel.db import Database, create_engine_for
from patentshield.kernel.runtime import FixedClock, Runtime
from patentshield.usitc import service

FIXTURE = Path(__file__).parents[1] / "tests" / "fixtures" / "usitc" / "ids_snake_case.json"


def synthetic_feed(investigations: int) -> bytes:
    """Return a feed of ``investigations`` Section 337 investigations (all phases kept)."""
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    template = [row for row in document["data"] if row.get("investigation_type_id") == 3]
    rows = []
    for index in range(investigations):
        for row in template:
            copied = copy.deepcopy(row)
            copied["investigation_id"] = 100_000 + index
            copied["official_investigation_number"] = f"337-TA-{5000 + index}"
            rows.append(copied)
    document["data"] = rows
    document["count"] = len(rows)
    return json.dumps(document).encode()


def measure(url: str, payload: bytes, investigations: int) -> None:
    engine = create_engine_for(url)
    migrations.upgrade(engine)
    database = Database(engine)
    backend = engine.dialect.name
    runtime = Runtime(Settings(), database=database, clock=FixedClock(datetime.now(UTC)))
    timings = []
    for label in ("first import", "re-import"):
        started = time.perf_counter()
        report = service.import_feed(runtime, payload, source="bench", strict=True)
        seconds = time.perf_counter() - started
        timings.append(seconds)
        print(
            f"{backend:<10} {label:<13} {seconds:7.2f} s  "
            f"{investigations / seconds:8.0f} investigations/s  "
            f"added {len(report.added)}, unchanged {len(report.unchanged)}"
        )
    print(f"{backend:<10} ratio re-import / first import: {timings[1] / timings[0]:.2f}")
    database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--investigations", type=int, default=1700)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    payload = synthetic_feed(args.investigations)
    print(f"feed: {args.investigations} investigations, {len(payload) / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as folder:
        measure(f"sqlite:///{folder}/bench.db", payload, args.investigations)
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine_for(args.postgres)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        print(f"postgresql: skipped ({error.orig})")
        return
    try:
        measure(f"{args.postgres}?options=-csearch_path%3D{schema}", payload, args.investigations)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
