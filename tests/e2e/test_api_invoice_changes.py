"""Voids and corrections of a claim's invoices through the API, with their history."""

import pytest

from tests.e2e.api_setup import (
    AUDITOR,
    EXPORTER,
    HANDLER,
    PLATFORM,
    invoice,
    notified_claim,
    ok,
    token,
)
from tests.e2e.test_api_auth import assert_problem


@pytest.fixture
def path(client, runtime):
    """The invoices of a notified claim holding INV-1 and INV-2."""
    admin = token(runtime, PLATFORM)
    claim = notified_claim(client, admin)
    invoices = f"/api/v1/claims/{claim['id']}/invoices"
    for number in ("INV-1", "INV-2"):
        ok(client.post(invoices, json=invoice(number=number), headers=admin), 201)
    return invoices


def test_an_exporter_voids_and_corrects_invoices_and_the_history_keeps_both(client, runtime, path):
    exporter = token(runtime, EXPORTER)
    voided = ok(
        client.post(
            f"{path}/INV-1/void",
            json={"reason": "entered twice", "date": "2026-06-10"},
            headers=exporter,
        )
    )
    assert voided["change"] == "voided" and voided["date"] == "2026-06-10"
    assert voided["before"]["amount"]["amount"] == "1100000.00" and voided["after"] is None
    fixed = {"reason": "typo", "amount": "110000", "vendor": "Pell LLP", "date": "2026-06-11"}
    corrected = ok(client.post(f"{path}/INV-2/correct", json=fixed, headers=exporter))
    assert corrected["change"] == "corrected" and corrected["after"]["vendor"] == "Pell LLP"
    assert corrected["after"]["amount"] == {"amount": "110000.00", "currency": "CNY"}
    history = ok(client.get(f"{path}/history", headers=token(runtime, AUDITOR)))
    assert [(c["sequence"], c["invoice"], c["change"]) for c in history] == [
        (1, "INV-1", "voided"),
        (2, "INV-2", "corrected"),
    ]
    ledger = ok(client.get(path, headers=exporter))
    amounts = {e["invoice"]: e["amount"]["amount"] for e in ledger}
    assert amounts["INV-2"] == "110000.00"


def test_a_bad_correction_or_a_missing_reason_is_refused_naming_the_field(client, runtime, path):
    exporter = token(runtime, EXPORTER)
    amount = client.post(
        f"{path}/INV-1/correct", json={"reason": "typo", "amount": "12x"}, headers=exporter
    )
    assert_problem(amount, 422, "invalid_input", "amount")
    empty = client.post(f"{path}/INV-1/correct", json={"reason": "typo"}, headers=exporter)
    assert_problem(empty, 422, "invalid_input", "correction")
    reason = client.post(f"{path}/INV-1/void", json={"reason": "  "}, headers=exporter)
    assert_problem(reason, 422, "invalid_input", "reason")
    unknown = client.post(f"{path}/INV-9/void", json={"reason": "gone"}, headers=exporter)
    assert unknown.status_code == 404
    assert ok(client.get(f"{path}/history", headers=exporter)) == []


def test_a_claims_handler_may_read_the_history_but_not_change_an_invoice(client, runtime, path):
    handler = token(runtime, HANDLER)
    refused = client.post(f"{path}/INV-1/void", json={"reason": "not ours"}, headers=handler)
    assert_problem(refused, 403, "forbidden", "claims:expense")
    assert ok(client.get(f"{path}/history", headers=handler)) == []
