"""The insurer's written consent to settle, through the service on SQLite and PostgreSQL.

Only the claims handler of the policy's insurer records one (another tenant's claim is not
found, a role that sees the claim but may not consent is forbidden); the exporter sees it on
its claim; a later consent to the same counterparty is recorded beside the earlier one.
"""

from datetime import date

import pytest

from patentshield.audit import store as audit_store
from patentshield.claims.settlement_service import SettlementConsentInput, consent_to_settlement
from patentshield.claims.view_service import show_claim
from patentshield.kernel.errors import Forbidden, InvalidInput, NotFound
from patentshield.kernel.money import Money
from tests.integration.tenancy_setup import World, acting, tenants

LUMINA = "Lumina IP Holdings LLC"


def consent(
    maximum: str = "6000000",
    currency: str = "CNY",
    *,
    counterparty: str = LUMINA,
    consented_on: date = date(2026, 7, 31),
    terms: str = "",
) -> SettlementConsentInput:
    return SettlementConsentInput(counterparty, consented_on, Money.of(maximum, currency), terms)


@pytest.fixture
def world(database) -> World:
    return tenants(database)


def test_the_insurers_claims_handler_consents_and_the_exporter_sees_it(world: World):
    handler = acting(world, "claims@ia.cn")
    given = consent_to_settlement(handler, world.a.claim, consent(terms="licence to 2030"))
    assert (given.sequence, given.consented_by) == (1, "claims@ia.cn")
    assert given.maximum == Money.of("6000000", "CNY")
    seen = show_claim(acting(world, "member@a.cn"), world.a.claim).settlement_consents
    assert seen == (given,)
    with world.runtime.database.unit_of_work() as session:
        changes = [e.change for e in audit_store.iter_entries(session)]
    assert ("claims@ia.cn", "claim_settlement_consents") in [
        (c.actor, c.object_type) for c in changes
    ]


def test_only_the_claims_handler_of_the_policys_insurer_may_consent(world: World):
    for email in ("member@a.cn", "admin@a.cn", "underwriter@ia.cn"):
        with pytest.raises(Forbidden):
            consent_to_settlement(acting(world, email), world.a.claim, consent())
    with pytest.raises(NotFound):
        consent_to_settlement(acting(world, "claims@ib.cn"), world.a.claim, consent())
    with pytest.raises(NotFound):
        consent_to_settlement(acting(world, "claims@ia.cn"), world.b.claim, consent())
    assert show_claim(world.runtime, world.a.claim).settlement_consents == ()


def test_a_later_consent_is_recorded_beside_the_earlier_one(world: World):
    handler = acting(world, "claims@ia.cn")
    consent_to_settlement(handler, world.a.claim, consent("3000000"))
    consent_to_settlement(handler, world.a.claim, consent("5000000", consented_on=date(2026, 8, 2)))
    given = show_claim(handler, world.a.claim).settlement_consents
    assert [(c.sequence, c.maximum) for c in given] == [
        (1, Money.of("3000000", "CNY")),
        (2, Money.of("5000000", "CNY")),
    ]


@pytest.mark.parametrize(
    ("given", "field"),
    [
        (consent(counterparty="  "), "counterparty"),
        (consent("0"), "maximum"),
        (consent("100", currency="USD"), "maximum"),
        (consent("100.001"), "maximum"),
        (consent(counterparty="x" * 201), "counterparty"),
    ],
)
def test_a_consent_without_a_counterparty_or_a_positive_maximum_in_the_policy_currency_is_refused(
    world: World, given: SettlementConsentInput, field: str
):
    with pytest.raises(InvalidInput) as refused:
        consent_to_settlement(acting(world, "claims@ia.cn"), world.a.claim, given)
    assert refused.value.field == field
