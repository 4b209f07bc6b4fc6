"""Issue 10's tenancy matrix over HTTP: every id-taking route × role × own or other tenant's record.

The World of ``tests.integration.tenancy_setup`` (two exporters, two insurers, the Shenzhen
administration and the platform, each exporter with an enterprise, quote, policy, case, claim
and subsidy application) gains an auditor at Insurer A, one evidence file and one joint-defence
group per case. Each role signs in with a bearer token and asks every route of the OpenAPI
document that takes a record's id, for the records of Exporter A ("own": the tenant the role
works for or oversees) and of Exporter B ("other"), the GETs first and then one mutation per
kind of record.

The expected answer comes from two small tables written from docs/security.md ("Tenancy"),
not from the code: :data:`SEES` (which kinds of record a kind of organisation sees of the
tenant it works with) and :data:`MAY` (what each role may read and change). A record not seen
is 404 whatever the role; a record seen that the role may not act on is 403; otherwise the
service runs and answers 2xx, or a 4xx that is neither 401, 403 nor 404 (a conflict, a rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import pytest
from fastapi.testclient import TestClient

from patentshield.accounts import service as accounts
from patentshield.accounts.token_service import create_token
from patentshield.api.app import create_app
from patentshield.cases.evidence import add_evidence
from patentshield.cases.model import EvidenceKind
from patentshield.claims.joint_service import create_group
from patentshield.claims.jointdefence import AllocationRule
from patentshield.kernel.access import Role
from patentshield.kernel.config import Settings
from patentshield.kernel.runtime import Runtime
from tests.factories import runtime_of
from tests.integration.accounts_setup import PASSWORD
from tests.integration.insured import NOW
from tests.integration.tenancy_setup import Side, World, tenants

Kind = Literal[
    "enterprise", "quote", "policy", "case", "evidence", "claim", "consent", "application", "joint"
]
Action = Literal["read", "write"]

ROLES = {
    "exporter_admin": ("admin@a.cn", "exporter"),
    "exporter_member": ("member@a.cn", "exporter"),
    "underwriter": ("underwriter@ia.cn", "insurer"),
    "claims_handler": ("claims@ia.cn", "insurer"),
    "auditor": ("auditor@ia.cn", "insurer"),
    "programme_officer": ("officer@sz.gov.cn", "administration"),
    "platform_admin": ("admin@platform.cn", "platform"),
}
"""Each role of the World: its user and the kind of its organisation."""

EVERY: frozenset[Kind] = frozenset(
    (
        "enterprise",
        "quote",
        "policy",
        "case",
        "evidence",
        "claim",
        "consent",
        "application",
        "joint",
    )
)
SEES: dict[str, frozenset[Kind]] = {
    "exporter": EVERY,
    "insurer": EVERY,
    "administration": frozenset({"enterprise", "application"}),
    "platform": EVERY,
}
"""Which kinds of Exporter A's records each kind of organisation sees (docs/security.md).

Insurer A underwrites A's product, so it sees A's records, the subsidy application on A's
policy included (as ``tests/integration/test_tenancy.py`` has it); whether its role may read
them is :data:`MAY`'s. Shenzhen's administration oversees A's region. Nobody but the platform
sees any of Exporter B's records.
"""

READS_EXCEPT_EVIDENCE = EVERY - {"evidence"}
EXPORTER_WRITES = EVERY - {"policy", "case", "consent", "application"}
MAY: dict[str, dict[Action, frozenset[Kind]]] = {
    "exporter_admin": {"read": EVERY, "write": EXPORTER_WRITES},
    "exporter_member": {"read": EVERY, "write": EXPORTER_WRITES},
    "underwriter": {"read": READS_EXCEPT_EVIDENCE, "write": frozenset({"policy"})},
    "claims_handler": {"read": EVERY - {"application"}, "write": frozenset({"case", "consent"})},
    "auditor": {"read": EVERY, "write": frozenset()},
    "programme_officer": {
        "read": frozenset({"enterprise", "application"}),
        "write": frozenset({"application"}),
    },
    "platform_admin": {"read": EVERY, "write": EVERY},
}
"""What each role may do to a record it sees, by kind (the mutation of each kind below).

The case's mutation is the insurer's consent to counsel, which only a claims handler gives; a
``consent`` is the insurer's written consent to a settlement on a claim, likewise.
"""


@dataclass(frozen=True, slots=True)
class Route:
    """One id-taking route of the matrix: the kind of record it reaches and how to call it."""

    method: str
    path: str
    kind: Kind
    action: Action
    body: dict[str, object] | None = None
    upload: bool = False


ROUTES = (
    Route("GET", "/enterprises/{key}", "enterprise", "read"),
    Route("GET", "/compliance/enterprises/{enterprise}/score", "enterprise", "read"),
    Route("GET", "/compliance/enterprises/{enterprise}/controls", "enterprise", "read"),
    Route("GET", "/compliance/enterprises/{enterprise}/fto", "enterprise", "read"),
    Route("GET", "/quotes/{quote_id}", "quote", "read"),
    Route("GET", "/policies/{policy}", "policy", "read"),
    Route("GET", "/cases/{case}", "case", "read"),
    Route("GET", "/cases/{case}/schedule", "case", "read"),
    Route("GET", "/cases/{case}/duties", "case", "read"),
    Route("GET", "/cases/{case}/dossier?respondent={enterprise}", "evidence", "read"),
    Route("GET", "/cases/{case}/evidence", "evidence", "read"),
    Route("GET", "/cases/{case}/evidence/verify", "evidence", "read"),
    Route("GET", "/cases/{case}/evidence/{evidence_id}/content", "evidence", "read"),
    Route("GET", "/claims/{claim}", "claim", "read"),
    Route("GET", "/claims/{claim}/history", "claim", "read"),
    Route("GET", "/claims/{claim}/invoices", "claim", "read"),
    Route("GET", "/claims/{claim}/payments", "claim", "read"),
    Route("GET", "/claims/{claim}/invoices/history", "claim", "read"),
    Route("GET", "/subsidy-applications/{application_id}", "application", "read"),
    Route(
        "POST",
        "/compliance/enterprises/{enterprise}/controls",
        "enterprise",
        "write",
        {"control": "rd_records", "evidence": "lab notebooks", "date": "2026-02-01"},
    ),
    Route("POST", "/policies/{policy}/cancel", "policy", "write", {"reason": "matrix"}),
    Route(
        "POST",
        "/cases/{case}/counsel",
        "case",
        "write",
        {"respondent": "{enterprise}", "firm": "Kirkland & Pell LLP", "panel": True},
    ),
    Route("POST", "/cases/{case}/evidence", "evidence", "write", upload=True),
    Route(
        "POST",
        "/claims/{claim}/invoices",
        "claim",
        "write",
        {
            "invoice": "INV-{role}",
            "vendor": "Kirkland & Pell LLP",
            "category": "us_counsel",
            "phase": "discovery",
            "amount": "1000",
            "date": "2026-06-01",
        },
    ),
    Route(
        "POST",
        "/claims/{claim}/settlement-consents",
        "consent",
        "write",
        {"counterparty": "Lumina IP Holdings LLC", "maximum": "1000", "date": "2026-06-01"},
    ),
    Route(
        "POST", "/claims/{claim}/invoices/{invoice}/void", "claim", "write", {"reason": "matrix"}
    ),
    Route("POST", "/subsidy-applications/{application_id}/approve", "application", "write", {}),
    Route(
        "POST",
        "/cases/{case}/joint-defence/{group}/invoices",
        "joint",
        "write",
        {
            "invoice": "J-{role}",
            "vendor": "Kirkland & Pell LLP",
            "category": "us_counsel",
            "phase": "discovery",
            "amount": "1000",
            "date": "2026-06-01",
        },
    ),
)
"""The routes walked: every GET taking an id and one mutation of each kind of record."""

REPRESENTED = {
    ("PUT", "/enterprises/{key}"): "POST /compliance/enterprises/{enterprise}/controls",
    ("POST", "/compliance/enterprises/{enterprise}/fto"): "POST …/controls (same lookup)",
    ("POST", "/policies/{policy}/renewals"): "POST /policies/{policy}/cancel",
    ("POST", "/cases/{case}/advance"): "POST /cases/{case}/counsel",
    ("POST", "/cases/{case}/duties/{task}/done"): "POST /cases/{case}/counsel",
    ("POST", "/cases/{case}/outcome"): "POST /cases/{case}/counsel",
    ("POST", "/cases/{case}/joint-defence"): "POST …/joint-defence/{group}/invoices",
    ("POST", "/claims/{claim}/adjudication"): "POST /claims/{claim}/invoices",
    ("POST", "/claims/{claim}/payments"): "POST /claims/{claim}/invoices",
    ("POST", "/claims/{claim}/close"): "POST /claims/{claim}/invoices",
    ("POST", "/claims/{claim}/reopen"): "POST /claims/{claim}/invoices",
    ("POST", "/claims/{claim}/invoices/{invoice}/correct"): "POST …/invoices/{invoice}/void",
    ("POST", "/subsidy-applications/{application_id}/reject"): "POST …/approve",
}
"""Mutations not walked, each with the walked mutation of its kind that stands for it."""

SHARED = {
    ("GET", "/catalog/{product_id}"): "the catalog is the same for everyone",
    ("GET", "/subsidies/programmes/{programme_id}"): "programmes are published",
    ("GET", "/compliance/products/{product}/providers"): "the providers' panels are published",
    ("GET", "/usitc/charts/{name}.svg"): "the USITC record is the same for everyone",
    ("DELETE", "/tokens/{token_id}"): "a user's own token (tests/e2e/test_api_auth.py)",
}
"""Id-taking routes whose record belongs to no tenant."""

PREFIX = "/api/v1"


@dataclass(frozen=True, slots=True)
class Held:
    """A side of the World with the ids the matrix adds: its evidence and joint group."""

    side: Side
    evidence: str
    group: str


def _with_evidence_and_group(runtime: Runtime, side: Side, folder: Path) -> Held:
    source = folder / f"{side.case}.txt"
    source.write_text(f"R&D records of {side.enterprise}\n", encoding="utf-8")
    added = add_evidence(
        runtime,
        side.case,
        source,
        kind=EvidenceKind.RD_RECORDS,
        added_by="operator",
        day=date(2026, 5, 1),
    )
    members = (side.enterprise, "Other Co")
    group = create_group(runtime, side.case, "joint", AllocationRule.EQUAL, members)
    return Held(side, str(added.id), group.name)


@dataclass(frozen=True, slots=True)
class Matrix:
    """The World served over HTTP: a client, a bearer token per role and both sides' ids."""

    client: TestClient
    headers: dict[str, dict[str, str]]
    own: Held
    other: Held


def _matrix(world: World, home: Path) -> Matrix:
    runtime = runtime_of(world.runtime.database, now=NOW, settings=Settings(home=home))
    accounts.create_user(
        runtime,
        organisation="Insurer A",
        email="auditor@ia.cn",
        role=Role.AUDITOR,
        password=PASSWORD,
    )
    own = _with_evidence_and_group(runtime, world.a, home)
    other = _with_evidence_and_group(runtime, world.b, home)
    headers = {}
    for role, (email, _) in ROLES.items():
        issued = create_token(runtime, email=email, expires_at=NOW + timedelta(days=30))
        headers[role] = {"Authorization": f"Bearer {issued.secret}"}
    client = TestClient(create_app(runtime.settings, runtime=runtime))
    return Matrix(client, headers, own, other)


def expected(role: str, route: Route, whose: str) -> str:
    """Return the expected answer: ``"404"``, ``"403"`` or ``"runs"``."""
    kind = ROLES[role][1]
    seen = route.kind in SEES[kind] and (whose == "own" or kind == "platform")
    if not seen:
        return "404"
    return "runs" if route.kind in MAY[role][route.action] else "403"


def answer(status: int) -> str:
    """Sort an HTTP status into the matrix's three answers (or the status itself)."""
    if status in (403, 404):
        return str(status)
    if 200 <= status < 300 or status in (400, 409, 422):
        return "runs"
    return str(status)


def _url(route: Route, held: Held, role: str) -> str:
    """Return the route's URL for ``held``'s records; the invoice is the one ``role`` added."""
    side = held.side
    names = {
        "key": side.enterprise,
        "enterprise": side.enterprise,
        "quote_id": side.quote,
        "policy": side.policy,
        "case": side.case,
        "evidence_id": held.evidence,
        "claim": side.claim,
        "application_id": side.application,
        "group": held.group,
        "invoice": f"INV-{role}",
    }
    return PREFIX + route.path.format(**names)


def _body(route: Route, held: Held, role: str) -> dict[str, object] | None:
    if route.body is None:
        return None
    return {
        name: value.format(enterprise=held.side.enterprise, role=role)
        if isinstance(value, str)
        else value
        for name, value in route.body.items()
    }


def call(matrix: Matrix, role: str, route: Route, held: Held) -> int:
    """Ask ``route`` for ``held``'s record as ``role``; return the status."""
    url, headers = _url(route, held, role), matrix.headers[role]
    if route.upload:
        files = {"files": ("note.txt", f"note of {role}".encode(), "text/plain")}
        data = {"kind": "rd_records"}
        return matrix.client.post(url, headers=headers, files=files, data=data).status_code
    body = _body(route, held, role)
    if route.method == "POST":
        headers = {**headers, "Idempotency-Key": f"matrix-{role}-{route.path}-{held.side.case}"}
    return matrix.client.request(route.method, url, headers=headers, json=body).status_code


def walk(matrix: Matrix) -> list[str]:
    """Walk the matrix (reads, then the other tenant's mutations, then one's own); return
    every answer that differs from the table, one line each."""
    reads = [r for r in ROUTES if r.action == "read"]
    writes = [r for r in ROUTES if r.action == "write"]
    plan = [(r, "own") for r in reads] + [(r, "other") for r in reads]
    plan += [(r, "other") for r in writes] + [(r, "own") for r in writes]
    wrong = []
    for route, whose in plan:
        held = matrix.own if whose == "own" else matrix.other
        for role in ROLES:
            status = call(matrix, role, route, held)
            want = expected(role, route, whose)
            if answer(status) != want:
                wrong.append(f"{role} {route.method} {route.path} ({whose}): {status}, want {want}")
    return wrong


@pytest.fixture
def matrix(database, tmp_path: Path) -> Matrix:
    return _matrix(tenants(database), tmp_path)


def test_every_id_taking_route_answers_each_role_as_the_tenancy_table_says(matrix: Matrix):
    wrong = walk(matrix)
    assert wrong == [], "\n".join(wrong)


def _id_taking_routes(client: TestClient) -> set[tuple[str, str]]:
    document = client.get(f"{PREFIX}/openapi.json").json()
    return {
        (method.upper(), path.removeprefix(PREFIX))
        for path, operations in document["paths"].items()
        if "{" in path
        for method in operations
    }


def test_every_id_taking_route_of_the_openapi_document_has_a_matrix_entry(tmp_path: Path):
    walked = {(route.method, route.path.partition("?")[0]) for route in ROUTES}
    covered = walked | set(REPRESENTED) | set(SHARED)
    assert len(covered) == len(walked) + len(REPRESENTED) + len(SHARED)
    client = TestClient(create_app(Settings(home=tmp_path)))
    assert _id_taking_routes(client) == covered


def test_the_table_hides_every_record_of_the_other_tenant_from_all_but_the_platform():
    for route in ROUTES:
        for role, (_, kind) in ROLES.items():
            hidden = expected(role, route, "other") == "404"
            assert hidden is (kind != "platform"), (role, route.path)


def test_an_enterprise_named_in_a_body_or_a_query_is_scoped_as_one_in_the_path(matrix: Matrix):
    member, post = matrix.headers["exporter_member"], matrix.client.post
    own, other = matrix.own.side.enterprise, matrix.other.side.enterprise
    for enterprise, status in ((other, 404), (own, 200)):
        simulated = post(
            f"{PREFIX}/risk/simulate", headers=member, json={"enterprise": enterprise, "years": 200}
        )
        assert simulated.status_code == status, simulated.text
    for enterprise, status in ((other, 404), (own, 201)):
        run = post(
            f"{PREFIX}/compliance/watch/runs", headers=member, json={"enterprise": enterprise}
        )
        assert run.status_code == status, run.text

    def alerted(role: str) -> set[str]:
        found = matrix.client.get(f"{PREFIX}/compliance/watch/alerts", headers=matrix.headers[role])
        return {alert["enterprise"] for alert in found.json()["alerts"]}

    assert own in alerted("platform_admin")
    assert alerted("exporter_member") == {own}
    named = matrix.client.get(
        f"{PREFIX}/compliance/watch/alerts", headers=member, params={"enterprise": other}
    )
    assert named.status_code == 404
