"""The insurer's written consent to a settlement or licence, recorded by its claims handler.

Only a caller holding ``claims:consent`` (the claims handler of an insurer, or the platform)
who sees the claim (:func:`~patentshield.claims.scoping.claim_for`: the insurer of the claim's
policy) records a consent; the exporter sees it on its claim but cannot record one. Consents
are never changed: a new consent to the same counterparty supersedes the earlier one from its
date on, and both stay on the claim (:mod:`~patentshield.claims.consent`). The audit log
records each one like every other insert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from patentshield.claims.model import Claim, ClaimStatus, SettlementConsent
from patentshield.claims.scoping import claim_for
from patentshield.claims.settlement_store import add_settlement_consent, next_sequence
from patentshield.kernel.access import Permission
from patentshield.kernel.errors import InvalidInput, InvalidTransition
from patentshield.kernel.limits import MAX_TEXT_LENGTH
from patentshield.kernel.money import Money, check_amount
from patentshield.kernel.runtime import Runtime

MAX_COUNTERPARTY_LENGTH = 200


@dataclass(frozen=True, slots=True)
class SettlementConsentInput:
    """A consent as the claims handler gives it: counterparty, day, maximum, terms."""

    counterparty: str
    consented_on: date
    maximum: Money
    terms: str = ""


def check_consent(claim: Claim, data: SettlementConsentInput) -> None:
    """Refuse a consent that names no counterparty, a bad maximum, or a claim not open."""
    if claim.status is not ClaimStatus.OPEN:
        raise InvalidTransition(
            f"claim {claim.id} is {claim.status}: the insurer consents on open claims only",
            field="claim",
        )
    counterparty = data.counterparty.strip()
    if not counterparty:
        raise InvalidInput("counterparty", "name the complainant or licensor")
    if len(counterparty) > MAX_COUNTERPARTY_LENGTH:
        raise InvalidInput("counterparty", f"at most {MAX_COUNTERPARTY_LENGTH} characters")
    if len(data.terms) > MAX_TEXT_LENGTH:
        raise InvalidInput("terms", f"at most {MAX_TEXT_LENGTH} characters")
    if data.maximum.currency is not claim.currency:
        raise InvalidInput("maximum", f"give it in the policy currency, {claim.currency}")
    check_amount(data.maximum.amount, field="maximum")
    if data.maximum.amount <= 0:
        raise InvalidInput("maximum", "must be positive")


def consent_to_settlement(
    runtime: Runtime, claim_id: str, data: SettlementConsentInput
) -> SettlementConsent:
    """Record the insurer's written consent to a settlement or licence on an open claim."""
    with runtime.unit_of_work() as session:
        claim = claim_for(runtime, session, claim_id, Permission.CLAIMS_CONSENT, lock=True)
        check_consent(claim, data)
        consent = SettlementConsent(
            claim_id=claim.id,
            sequence=next_sequence(session, claim.id),
            counterparty=data.counterparty.strip(),
            consented_on=data.consented_on,
            maximum=data.maximum.rounded(),
            consented_by=runtime.actor.name,
            recorded_at=runtime.clock.now(),
            terms=data.terms.strip(),
        )
        add_settlement_consent(session, consent)
        return consent
