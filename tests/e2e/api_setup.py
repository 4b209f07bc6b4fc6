"""Shared set-up of the API tests: a runtime at a private home, its client and signed-in users.

The organisations are those of ``tests.integration.accounts_setup`` (an exporter with an admin
and a member, an insurer with a claims handler and an auditor) plus the platform with its
administrator and an underwriter at the insurer. Requests carry bearer tokens.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from patentshield.accounts.service import set_organisation_products
from patentshield.accounts.token_service import create_token
from patentshield.api.app import create_app
from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.access import OrganisationKind, Role
from patentshield.kernel.config import Settings
from patentshield.kernel.db import Database
from patentshield.kernel.runtime import Runtime
from tests.factories import NOW, runtime_of
from tests.integration.accounts_setup import exporter_and_insurer, organisation, user

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "enterprises.yaml"
PLATFORM = "ops@patentshield.cn"
EXPORTER = "admin@led.cn"
UNDERWRITER = "underwriter@insurer.cn"
HANDLER = "claims@insurer.cn"
AUDITOR = "auditor@insurer.cn"
PRODUCT = "illustrative-337-defence"
QUOTE = {"product": PRODUCT, "enterprise": "sz-led-lighting", "premium": "400000"}
CASE = {
    "number": "337-TA-1501",
    "title": "Certain LED Lighting Devices and Components Thereof",
    "complaint_filed": "2026-03-16",
    "instituted": "2026-04-15",
    "served": "2026-04-16",
    "complainants": ["Lumina IP Holdings LLC"],
    "respondents": ["Zhongshan Lumen Lighting Co., Ltd."],
    "patents": ["US 9,876,543"],
}
FIRM = "Kirkland & Pell LLP"


def api_runtime(database: Database, home: Path, settings: Settings | None = None) -> Runtime:
    """A runtime at ``home`` (its evidence vault) with every organisation and user."""
    runtime = runtime_of(database, settings=settings or Settings(home=home))
    exporter_and_insurer(runtime)
    organisation(runtime, OrganisationKind.PLATFORM, "Patentshield Ops")
    user(runtime, "Patentshield Ops", PLATFORM, Role.PLATFORM_ADMIN)
    user(runtime, "Ping An Test", UNDERWRITER, Role.UNDERWRITER)
    set_organisation_products(runtime, "Ping An Test", add=[PRODUCT])
    return runtime


def client_of(runtime: Runtime) -> TestClient:
    """A test client of the application on ``runtime``."""
    return TestClient(create_app(runtime.settings, runtime=runtime))


def token(runtime: Runtime, email: str) -> dict[str, str]:
    """Bearer headers of a fresh token of ``email``."""
    issued = create_token(runtime, email=email, expires_at=NOW + timedelta(days=30))
    return {"Authorization": f"Bearer {issued.secret}"}


def examples_imported(runtime: Runtime) -> None:
    """Import the example exporters, owned by the exporter organisation (as the CLI's ``--org``)."""
    import_enterprises(runtime, EXAMPLES, organisation="Shenzhen LED Co")


def ok(response, status: int = 200):
    """Return the JSON of a response after checking its status."""
    assert response.status_code == status, response.text
    return response.json()


def bound_policy(client: TestClient, headers: dict[str, str]) -> Any:
    """Quote the illustrative 337 defence for the LED maker and bind it from 1 March 2026."""
    quote = ok(client.post("/api/v1/quotes", json=QUOTE, headers=headers), 201)
    return ok(client.post("/api/v1/policies", json={"quote": quote["id"]}, headers=headers), 201)


def notified_claim(client: TestClient, headers: dict[str, str]) -> Any:
    """Bind the policy, open 337-TA-1501 with the insured, consent to counsel, notify a claim."""
    policy = bound_policy(client, headers)
    insured = [{"enterprise": "sz-led-lighting", "policy": policy["number"]}]
    ok(client.post("/api/v1/cases", json={**CASE, "insured": insured}, headers=headers), 201)
    counsel = {"respondent": "sz-led-lighting", "firm": FIRM, "panel": True, "date": "2026-04-20"}
    ok(client.post("/api/v1/cases/337-TA-1501/counsel", json=counsel, headers=headers))
    notice = {"case": "337-TA-1501", "respondent": "sz-led-lighting", "date": "2026-04-28"}
    return ok(client.post("/api/v1/claims", json=notice, headers=headers), 201)


def invoice(amount: str = "1100000", number: str = "INV-1") -> dict[str, str]:
    """A US counsel invoice of the discovery phase."""
    return {
        "invoice": number,
        "vendor": FIRM,
        "category": "us_counsel",
        "phase": "discovery",
        "amount": amount,
        "date": date(2026, 6, 1).isoformat(),
    }
