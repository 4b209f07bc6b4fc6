"""Benchmark: what tenancy filters cost a list, on SQLite and (if it answers) PostgreSQL.

Registers ``--enterprises`` profiles spread over ``--owners`` exporter organisations and saves
one policy row per enterprise (a quarter of them of the product an insurer underwrites), then
times, for the operator (no filter), one exporter and one insurer: ``list_enterprises`` and
``list_policies``. The filters are SQL (``WHERE organisation_id = …``, ``product_id IN …``,
a sub-select of the owner's enterprises), so a tenant's list should cost at most what the full
list costs; the ratio ``tenant / operator`` is printed with the median of ``--runs`` runs.

    .venv/bin/python benchmarks/tenancy_lists.py [--enterprises 2000] [--owners 20] [--runs 7]
    PATENTSHIELD_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test (default tried)
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import cast

from sqlalchemy import text

from patentshield import migrations
from patentshield.accounts.store import OrganisationProductRow, OrganisationRow
from patentshield.catalog.loader import Catalog
from patentshield.enterprises.credit_code import check_character
from patentshield.enterprises.service import list_enterprises
from patentshield.enterprises.store import EnterpriseRow
from patentshield.kernel.access import Caller, OrganisationKind, Role
from patentshield.kernel.config import Settings
from patentshield.kernel.db import Database, create_engine_for
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import FixedClock, Runtime
from patentshield.policies.service import list_policies
from patentshield.policies.store import PolicyRow
from patentshield.policies.terms import freeze_terms, terms_to_json

NOW = datetime(2026, 3, 1, 9, tzinfo=UTC)
PRODUCTS = ("illustrative-337-defence", "wuxi-2022-overseas-liability", "p3", "p4")


def _populate(database: Database, enterprises: int, owners: int) -> None:
    with database.unit_of_work() as session:
        for n in range(owners):
            session.add(
                OrganisationRow(
                    id=f"org-{n}",
                    kind="exporter",
                    name=f"E{n}",
                    name_key=f"e{n}",
                    region=None,
                    created_at=NOW,
                )
            )
        session.add(
            OrganisationRow(
                id="org-ins", kind="insurer", name="I", name_key="i", region=None, created_at=NOW
            )
        )
        session.flush()
        session.add(OrganisationProductRow(organisation_id="org-ins", product_id=PRODUCTS[0]))
        for n in range(enterprises):
            first17 = f"914403005{zlib.crc32(str(n).encode()) % 10**8:08d}"
            session.add(
                EnterpriseRow(
                    id=f"e-{n:05}",
                    name=f"Exporter {n}",
                    name_zh=None,
                    credit_code=first17 + check_character(first17),
                    region_code="440305",
                    has_compliance_programme=False,
                    organisation_id=f"org-{n % owners}",
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
        session.flush()
        for n in range(enterprises):
            session.add(_policy(n))


def _terms() -> dict[str, object]:
    product = Catalog.shipped().get(PRODUCTS[0], version=1)
    limit = Money.of("1000000", "CNY")
    terms = freeze_terms(product, per_claim_limit=limit, aggregate_limit=limit, notice_days=30)
    return cast(dict[str, object], terms_to_json(terms))


TERMS = _terms()


def _policy(n: int) -> PolicyRow:
    return PolicyRow(
        id=f"p-{n:05}",
        number=f"PS-{n:05}",
        quote_id=uuid.uuid4().hex[:12],
        enterprise_id=f"e-{n:05}",
        product_id=PRODUCTS[n % len(PRODUCTS)],
        insurer="x",
        plan="benchmark",
        period_start=date(2026, 3, 1),
        period_end=date(2027, 3, 1),
        retroactive_date=None,
        currency="CNY",
        gross_premium=Decimal("1000.00"),
        subsidy_amount=Decimal("0.00"),
        net_premium=Decimal("1000.00"),
        subsidy_programme=None,
        renews=None,
        cancelled_on=None,
        cancel_reason="",
        bound_at=NOW,
        terms=TERMS,
    )


def _median(call: Callable[[], object], runs: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        size = len(call())  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def _report(label: str, database: Database, runs: int) -> None:
    callers = {
        "operator": None,
        "exporter": Caller("u", "u@x", "org-0", OrganisationKind.EXPORTER, Role.EXPORTER_MEMBER),
        "insurer": Caller(
            "v",
            "v@x",
            "org-ins",
            OrganisationKind.INSURER,
            Role.UNDERWRITER,
            underwrites=frozenset({PRODUCTS[0]}),
        ),
    }
    print(f"\n{label}")
    for name, use_case in (
        ("list_enterprises", list_enterprises),
        ("list_policies", list_policies),
    ):
        base = None
        for who, caller in callers.items():
            runtime = Runtime(Settings(), database=database, clock=FixedClock(NOW), caller=caller)
            seconds, size = _median(lambda r=runtime, u=use_case: u(r), runs)
            base = base or seconds
            print(
                f"  {name:17} {who:9} {size:6} rows {seconds * 1000:8.1f} ms  "
                f"×{seconds / base:4.2f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--enterprises", type=int, default=2000)
    parser.add_argument("--owners", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine_for(f"sqlite:///{Path(folder) / 'bench.db'}")
        migrations.upgrade(engine)
        database = Database(engine)
        _populate(database, options.enterprises, options.owners)
        _report("SQLite", database, options.runs)
    url = os.environ.get(
        "PATENTSHIELD_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
    )
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    try:
        admin = create_engine_for(url)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:  # noqa: BLE001 - PostgreSQL is optional here
        print(f"\nPostgreSQL skipped: {error}")
        return
    try:
        separator = "&" if "?" in url else "?"
        engine = create_engine_for(f"{url}{separator}options=-csearch_path%3D{schema}")
        migrations.upgrade(engine)
        database = Database(engine)
        _populate(database, options.enterprises, options.owners)
        _report("PostgreSQL", database, options.runs)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
