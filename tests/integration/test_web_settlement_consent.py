"""The claims handler's written consent to settle, on the claim page (TestClient)."""

from __future__ import annotations

import pytest

from patentshield.claims.view_service import show_claim
from tests.web_world import CLAIMS, EXPORTER, csrf, signed_in, visible_text, world

ACTION = "/settlement-consents"
LUMINA = "Lumina IP Holdings LLC"


@pytest.fixture
def built(database, tmp_path):
    return world(database, tmp_path / "home")


def consent_form(client, **changes: str) -> dict[str, str]:
    given = {"counterparty": LUMINA, "maximum": "6,000,000", "consented_on": "2026-05-30"}
    return {"csrf_token": csrf(client), "currency": "CNY", "terms": "licence", **given, **changes}


def test_the_handler_consents_on_the_claim_page_and_the_exporter_sees_the_consent(built):
    runtime, claim = built
    handler = signed_in(runtime, CLAIMS)
    page = handler.get(f"/claims/{claim.id}").text
    assert f'action="/claims/{claim.id}{ACTION}"' in page
    assert '<label for="f-counterparty">和解相对方</label>' in page
    assert '<label for="f-maximum">同意的最高金额（人民币元）</label>' in page
    given = handler.post(f"/claims/{claim.id}{ACTION}", data=consent_form(handler))
    assert given.status_code == 200 and given.url.path == f"/claims/{claim.id}"
    exporter = signed_in(runtime, EXPORTER, "en")
    shown = exporter.get(f"/claims/{claim.id}").text
    assert ACTION not in shown
    text = visible_text(shown)
    assert "The insurer's written consents to settle" in text
    assert LUMINA in text and CLAIMS in text and "licence" in text


def test_a_bad_maximum_is_shown_next_to_its_field_and_nothing_is_recorded(built):
    runtime, claim = built
    handler = signed_in(runtime, CLAIMS)
    answer = handler.post(f"/claims/{claim.id}{ACTION}", data=consent_form(handler, maximum="6x"))
    assert answer.status_code == 200 and 'id="e-maximum"' in answer.text
    assert "请修改「同意的最高金额（人民币元）」" in answer.text
    assert show_claim(runtime, claim.id).settlement_consents == ()


def test_the_exporter_is_refused_and_a_form_without_csrf_changes_nothing(built):
    runtime, claim = built
    exporter = signed_in(runtime, EXPORTER)
    refused = exporter.post(f"/claims/{claim.id}{ACTION}", data=consent_form(exporter))
    assert "may not do claims:consent" in refused.text
    handler = signed_in(runtime, CLAIMS)
    without = {k: v for k, v in consent_form(handler).items() if k != "csrf_token"}
    assert handler.post(f"/claims/{claim.id}{ACTION}", data=without).status_code == 403
    assert show_claim(runtime, claim.id).settlement_consents == ()
