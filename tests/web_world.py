"""The world of the web tests: the insured LED maker's claim, and one login per role.

Used by the page tests (``tests/integration/test_web_pages.py``) and the browser tests
(``tests/browser``): the demo's organisations and logins (:mod:`patentshield.web.demo`) over
the claims tests' set-up (a bound policy, case 337-TA-1501 with panel counsel, a notified
claim).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from httpx2 import Response

from patentshield.api.app import create_app
from patentshield.claims.model import Claim
from patentshield.kernel.config import Settings
from patentshield.kernel.db import Database
from patentshield.kernel.http import CSRF_COOKIE
from patentshield.kernel.runtime import FixedClock, Runtime
from patentshield.web.demo import DEMO_PASSWORD, create_logins
from tests.integration.case_factory import notified_claim

EXPORTER = "exporter@demo.patentshield.cn"
UNDERWRITER = "underwriter@demo.patentshield.cn"
CLAIMS = "claims@demo.patentshield.cn"
OFFICER = "officer@demo.patentshield.cn"
ADMIN = "admin@demo.patentshield.cn"
TAG = re.compile(r"<[^>]+>")
TODAY = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
"""The pages' today: after the notice of claim (28 April 2026), within the policy year."""


def world(database: Database, home: Path) -> tuple[Runtime, Claim]:
    """Build the world on ``database`` (evidence under ``home``); return its runtime and claim."""
    runtime = Runtime(Settings(home=home), database=database, clock=FixedClock(TODAY))
    claim = notified_claim(runtime)
    create_logins(runtime)
    return runtime, claim


def signed_in(runtime: Runtime, email: str, locale: str = "zh_CN") -> TestClient:
    """Return a browser-like client of the application, signed in as ``email``."""
    client = TestClient(create_app(runtime.settings, runtime=runtime))
    client.cookies.set("patentshield_lang", locale)
    answer = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
    assert answer.status_code == 200 and "/login" not in str(answer.url), answer.text
    return client


def csrf(client: TestClient) -> str:
    """Return the CSRF secret of the client's session."""
    return str(client.cookies.get(CSRF_COOKIE))


def visible_text(html: str) -> str:
    """Return the text of a page's body, tags removed."""
    body = html[html.find("<body") :]
    return " ".join(TAG.sub(" ", body).split())


def quote_of_exporter(client: TestClient) -> str:
    """Compare two products for the LED maker on the web; return the first saved quote's id."""
    answer = client.post(
        "/compare",
        data={
            "csrf_token": csrf(client),
            "enterprise": "sz-led-lighting",
            "product": ["picc-2013-enforcement", "chancheng-package-10-c"],
        },
    )
    found = re.search(r"/quotes/(q-[0-9a-f]+)", answer.text)
    assert answer.status_code == 200 and found, visible_text(answer.text)
    return found.group(1)


def applied_for_subsidy(client: TestClient) -> tuple[str, Response]:
    """Quote on the web and apply for the programme the quote page offers first.

    Return the quote's id and the answer to the application (the quote page, followed).
    """
    quote_id = quote_of_exporter(client)
    page = client.get(f"/quotes/{quote_id}").text
    programme = re.findall(r'<option value="([^"]+)" selected', page)[0]
    form = {"csrf_token": csrf(client), "programme": programme}
    return quote_id, client.post(f"/quotes/{quote_id}/subsidy", data=form)


def invoice_form(client: TestClient, amount: str) -> dict[str, str]:
    """Return the invoice form of a claim page: US counsel's pleadings bill of ``amount``."""
    return {
        "csrf_token": csrf(client),
        "invoice_number": "X-1",
        "vendor": "V",
        "category": "us_counsel",
        "phase": "pleadings",
        "invoice_date": "2026-05-06",
        "amount": amount,
    }
