"""Benchmark: the HTTP API under 50 concurrent clients on PostgreSQL (loopback only, bounded).

The script creates a fresh PostgreSQL schema, seeds it through the services (the example
exporters, an exporter, an insurer and their users with API tokens, a bound policy, ``--claims``
cases each with a notified, invoiced and adjudicated claim), starts ``patentshield serve`` on
127.0.0.1 (a free port, ``--workers`` processes) and runs three phases, each with ``--clients``
threads holding one keep-alive connection each:

* **quote** — ``POST /api/v1/quotes``: a catalog product priced (and saved) for the LED maker;
* **read** — ``GET /api/v1/quotes/{id}``: a saved quote read back;
* **pay** — ``POST /api/v1/claims/{id}/payments``: every client pays claim ``i mod --claims``
  under that claim's one ``Idempotency-Key``, several times (retries). A client told 409 (the
  first request with its key still running) waits 20 ms and retries, as a client should.

Each phase is bounded by ``--requests`` per client and ``--seconds``. It prints p50/p95/p99
latency, throughput and errors per phase, then the payments made per key, read from the
database: the target is p95 ≤ 100 ms for the quote and the read, no error, one payment per key.
The schema is dropped and the server stopped at the end.

    .venv/bin/python benchmarks/api_load.py [--clients 50] [--requests 20] [--workers 2]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from sqlalchemy import func, select, text

from patentshield.accounts import service as accounts
from patentshield.accounts.token_service import create_token
from patentshield.cases.model import Party
from patentshield.cases.opening import CaseFacts, case_from_facts
from patentshield.cases.service import approve_counsel, new_case_id, open_new_case
from patentshield.catalog.model import CostCategory
from patentshield.claims.adjudication_service import adjudicate_claim
from patentshield.claims.ledger_service import ExpenseInput, add_expense
from patentshield.claims.ledger_store import PaymentRow
from patentshield.claims.model import Phase
from patentshield.claims.notice_service import notify_claim
from patentshield.cli.wiring import build_runtime
from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.access import OrganisationKind, Role
from patentshield.kernel.config import Settings
from patentshield.kernel.db import create_engine_for
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.policies.service import BindRequest, bind_policy
from patentshield.quotes.model import QuoteRequest
from patentshield.quotes.service import quote_product

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "enterprises.yaml"
TODAY = date(2026, 7, 2)
PASSWORD = "benchmark password 2026"
QUOTE = {"product": "picc-2013-enforcement", "enterprise": "sz-led-lighting", "units": 3}
FIRM = "Kirkland & Pell LLP"
CLAIMED_PRODUCT = "illustrative-337-defence"


@dataclass
class Measured:
    """Latencies and failures of one phase."""

    name: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    retries: int = 0
    seconds: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, latency: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies.append(latency)
            if error is not None:
                self.errors.append(error)


TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu(pid: int) -> tuple[int, str, float] | None:
    """Return a process's parent, command name and CPU seconds so far (from /proc), or None."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = raw[raw.index("(") + 1 : raw.rindex(")")]
    fields = raw[raw.rindex(")") + 2 :].split()
    return int(fields[1]), name, (int(fields[11]) + int(fields[12])) / TICKS


def cpu_by_part(server: int) -> dict[str, float]:
    """Return CPU seconds used so far by the server's workers, PostgreSQL and this client.

    Read from Linux's /proc (empty elsewhere): the server is its process and its children,
    PostgreSQL every process named ``postgres`` (the benchmark's connections and the server's).
    """
    parts = {"server": 0.0, "postgres": 0.0, "client": 0.0}
    if not Path("/proc/self/stat").exists():
        return {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        found = process_cpu(int(entry.name))
        if found is None:
            continue
        parent, name, seconds = found
        pid = int(entry.name)
        if pid == os.getpid():
            parts["client"] += seconds
        elif pid == server or parent == server:
            parts["server"] += seconds
        elif name == "postgres":
            parts["postgres"] += seconds
    return parts


@dataclass
class Answer:
    """A response's status and body."""

    status_code: int
    text: str


class Connection:
    """One keep-alive HTTP/1.1 connection of a client (the standard library's, for its low cost).

    The load generator shares the server's cores: a lighter client leaves them to the server
    (``httpx`` spent about 1.3 ms of CPU per request here, this one about a third of it).
    """

    def __init__(self, base: str, timeout: float) -> None:
        parts = urlsplit(base)
        self._http = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout)

    def get(self, path: str, headers: dict[str, str]) -> Answer:
        return self._send("GET", path, None, headers)

    def post(self, path: str, body: object, headers: dict[str, str]) -> Answer:
        return self._send("POST", path, json.dumps(body).encode(), headers)

    def _send(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> Answer:
        sent = {**headers, "Content-Type": "application/json"} if body is not None else headers
        self._http.request(method, path, body=body, headers=sent)
        response = self._http.getresponse()
        return Answer(response.status, response.read().decode())

    def close(self) -> None:
        self._http.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def schema_url(base: str, schema: str) -> str:
    return base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"


def seed(runtime: Runtime, claims: int) -> dict[str, object]:
    """Seed the database; return the tokens, a saved quote id and the claim ids."""
    accounts.create_organisation(
        runtime, kind=OrganisationKind.EXPORTER, name="Shenzhen LED Co", region="440306"
    )
    accounts.create_organisation(runtime, kind=OrganisationKind.INSURER, name="Bench Insurer")
    accounts.set_organisation_products(runtime, "Bench Insurer", add=[CLAIMED_PRODUCT])
    import_enterprises(runtime, EXAMPLES, organisation="Shenzhen LED Co")
    for org, email, role in (
        ("Shenzhen LED Co", "admin@led.example", Role.EXPORTER_ADMIN),
        ("Bench Insurer", "claims@insurer.example", Role.CLAIMS_HANDLER),
    ):
        accounts.create_user(runtime, organisation=org, email=email, role=role, password=PASSWORD)
    expires = datetime.now(UTC) + timedelta(days=1)
    exporter = create_token(runtime, email="admin@led.example", expires_at=expires).secret
    handler = create_token(runtime, email="claims@insurer.example", expires_at=expires).secret
    saved = quote_product(
        runtime,
        QuoteRequest(
            product_id="picc-2013-enforcement", day=TODAY, enterprise="sz-led-lighting", units=3
        ),
    )
    return {
        "exporter": exporter,
        "handler": handler,
        "quote": saved.id,
        "claims": [adjudicated_claim(runtime, n) for n in range(claims)],
    }


def adjudicated_claim(runtime: Runtime, n: int) -> str:
    """A policy of the LED maker, a case naming it, a notified claim with one adjudicated bill."""
    quoted = quote_product(
        runtime,
        QuoteRequest(
            product_id=CLAIMED_PRODUCT,
            day=date(2026, 3, 1),
            enterprise="sz-led-lighting",
            premium=Money.of("400000", "CNY"),
        ),
    )
    policy = bind_policy(runtime, BindRequest(quote_id=quoted.id, number=f"BENCH-{n:03}"))
    number = f"337-TA-{2000 + n}"
    insured = Party("sz-led-lighting", "sz-led-lighting", policy.number)
    facts = CaseFacts(
        number=number,
        complaint_filed=date(2026, 3, 16),
        complainants=("Lumina IP Holdings LLC",),
        patents=("US 9,876,543",),
        insured=(insured,),
        instituted=date(2026, 4, 15),
        served=date(2026, 4, 16),
    )
    opened_at = datetime(2026, 4, 16, 10, tzinfo=UTC)
    open_new_case(runtime, case_from_facts(facts, case_id=new_case_id(), opened_at=opened_at))
    approve_counsel(
        runtime, number, "sz-led-lighting", firm=FIRM, day=date(2026, 4, 20), panel=True
    )
    claim = notify_claim(runtime, number, "sz-led-lighting", notified_on=date(2026, 4, 28))
    bill = ExpenseInput(
        invoice_number=f"{number}-1",
        vendor=FIRM,
        category=CostCategory.US_COUNSEL,
        phase=Phase.DISCOVERY,
        invoice_date=date(2026, 6, 1),
        amount=Money.of("1100000", "CNY"),
    )
    add_expense(runtime, claim.id, bill)
    adjudicate_claim(runtime, claim.id, day=date(2026, 7, 1))
    return claim.id


def run_phase(
    name: str,
    clients: int,
    requests: int,
    seconds: float,
    send: Callable[[Connection, int, Measured], None],
    server: int,
) -> Measured:
    """Run ``send`` ``requests`` times in each of ``clients`` threads, within ``seconds``."""
    phase = Measured(name)
    start = threading.Barrier(clients)
    deadline = [0.0]

    def client(index: int) -> None:
        connection = Connection(BASE[0], timeout=30.0)
        start.wait()
        try:
            for _ in range(requests):
                if time.monotonic() > deadline[0]:
                    return
                send(connection, index, phase)
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    before = cpu_by_part(server)
    began = time.monotonic()
    deadline[0] = began + seconds
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.seconds = time.monotonic() - began
    after = cpu_by_part(server)
    phase.cpu = {part: after[part] - before[part] for part in after}
    return phase


BASE = [""]
CLIENTS = [0]


def timed(phase: Measured, call: Callable[[], Answer], expected: int) -> Answer | None:
    started = time.perf_counter()
    try:
        response = call()
    except (OSError, http.client.HTTPException) as error:
        phase.record(time.perf_counter() - started, f"{type(error).__name__}: {error}")
        return None
    error = (
        None
        if response.status_code == expected
        else f"{response.status_code} {response.text[:200]}"
    )
    phase.record(time.perf_counter() - started, error)
    return response


def report(phase: Measured) -> None:
    ms = [1000 * value for value in phase.latencies]
    if not ms:
        print(f"{phase.name:<6} no request finished")
        return
    print(
        f"{phase.name:<6} {len(ms):>6} requests in {phase.seconds:6.2f} s  "
        f"{len(ms) / phase.seconds:8.1f} req/s  p50 {percentile(ms, 0.50):7.1f} ms  "
        f"p95 {percentile(ms, 0.95):7.1f} ms  p99 {percentile(ms, 0.99):7.1f} ms  "
        f"mean {statistics.fmean(ms):7.1f} ms  errors {len(phase.errors)}"
        + (f"  (409 retried {phase.retries})" if phase.retries else "")
    )
    for error in phase.errors[:3]:
        print(f"        e.g. {error}")
    if phase.cpu:
        per_request = {part: 1000 * used / len(ms) for part, used in phase.cpu.items()}
        total = sum(per_request.values())
        cores = os.cpu_count() or 1
        print(
            "        CPU per request: "
            + ", ".join(f"{part} {used:.1f} ms" for part, used in per_request.items())
            + f"; at {CLIENTS[0]} requests in flight on {cores} cores the mean latency "
            f"cannot be under {CLIENTS[0] * total / cores:.0f} ms"
        )


def arguments() -> argparse.Namespace:
    """Return the command line's options, checked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "PATENTSHIELD_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
        ),
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="Per client and phase.")
    parser.add_argument("--seconds", type=float, default=60.0, help="Longest phase.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="Per worker (serve --threads).")
    parser.add_argument("--claims", type=int, default=10, help="Claims (one key each).")
    parser.add_argument(
        "--phases", default="quote,read,pay", help="Phases to run, comma-separated."
    )
    args = parser.parse_args()
    CLIENTS[0] = args.clients
    if not 1 <= args.clients <= 200 or not 1 <= args.requests <= 1000:
        parser.error("--clients must be 1-200 and --requests 1-1000")
    return args


def start_server(url: str, home: Path, workers: int, threads: int) -> subprocess.Popen[bytes]:
    """Start ``patentshield serve`` on a free loopback port (its log in ``home``)."""
    port = free_port()
    BASE[0] = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PATENTSHIELD_DATABASE_URL": url,
        "PATENTSHIELD_HOME": str(home),
        "PATENTSHIELD_TODAY": TODAY.isoformat(),
    }
    command = [str(Path(sys.executable).parent / "patentshield"), "serve"]
    command += ["--port", str(port), "--workers", str(workers), "--threads", str(threads)]
    with (home / "server.log").open("wb") as log:
        return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)


def main() -> None:
    args = arguments()
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine_for(args.postgres)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    home = Path(tempfile.mkdtemp(prefix="patentshield-bench-"))
    url = schema_url(args.postgres, schema)
    server: subprocess.Popen[bytes] | None = None
    try:
        runtime = build_runtime(Settings(database_url=url, home=home, today=TODAY))
        started = time.perf_counter()
        seeded = seed(runtime, args.claims)
        print(f"seeded {args.claims} adjudicated claims in {time.perf_counter() - started:.1f} s")
        server = start_server(url, home, args.workers, args.threads)
        wait_until_up(server, home)
        run_all(args, seeded, server.pid)
        payments_per_key(runtime, seeded, args.clients)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
        shutil.rmtree(home, ignore_errors=True)


def wait_until_up(server: subprocess.Popen[bytes], home: Path) -> None:
    """Wait until the server answers its health check (30 s at most)."""
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {(home / 'server.log').read_text()}")
        try:
            if httpx.get(f"{BASE[0]}/api/v1/health", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit("the server did not answer within 30 s")


def run_all(args: argparse.Namespace, seeded: dict[str, object], server: int) -> None:
    exporter = {"Authorization": f"Bearer {seeded['exporter']}"}
    handler = {"Authorization": f"Bearer {seeded['handler']}"}
    claims = list(seeded["claims"])  # type: ignore[call-overload]

    def quote(http: Connection, index: int, phase: Measured) -> None:
        timed(phase, lambda: http.post("/api/v1/quotes", QUOTE, exporter), 201)

    def read(http: Connection, index: int, phase: Measured) -> None:
        timed(phase, lambda: http.get(f"/api/v1/quotes/{seeded['quote']}", exporter), 200)

    def pay(http: Connection, index: int, phase: Measured) -> None:
        claim = claims[index % len(claims)]
        headers = {**handler, "Idempotency-Key": f"pay-{claim}"}
        body = {"date": TODAY.isoformat(), "note": "benchmark"}
        for _ in range(500):
            response = timed(
                phase,
                lambda: http.post(f"/api/v1/claims/{claim}/payments", body, headers),
                201,
            )
            if (
                response is None
                or response.status_code != 409
                or "still running" not in response.text
            ):
                return
            with phase.lock:
                phase.errors.pop()
                phase.retries += 1
            time.sleep(0.02)

    print(
        f"{args.clients} clients, {args.requests} requests each per phase, "
        f"{args.workers} worker(s) × {args.threads} thread(s), PostgreSQL"
    )
    chosen = args.phases.split(",")
    for name, send in (("quote", quote), ("read", read), ("pay", pay)):
        if name not in chosen:
            continue
        report(run_phase(name, args.clients, args.requests, args.seconds, send, server))


def payments_per_key(runtime: Runtime, seeded: dict[str, object], clients: int) -> None:
    """Print the payments made for each key the clients used (one claim each)."""
    with runtime.database.unit_of_work() as session:
        rows = session.execute(
            select(PaymentRow.claim_id, PaymentRow.idempotency_key, func.count()).group_by(
                PaymentRow.claim_id, PaymentRow.idempotency_key
            )
        ).all()
    made = {claim: count for claim, _key, count in rows}
    claims = list(seeded["claims"])[:clients]  # type: ignore[call-overload]
    counts = [made.get(claim, 0) for claim in claims]
    verdict = "exactly one payment per key" if set(counts) == {1} else "NOT one payment per key"
    print(f"payments made: {sum(counts)} for {len(claims)} keys ({verdict}; per key: {counts})")


if __name__ == "__main__":
    main()
