"""The payment use case: pay a claim what was adjudicated and not yet paid, idempotently.

:func:`pay_claim` follows the subsidy ledger's pattern (:mod:`patentshield.subsidies.service`):
it locks the policy's claim account and then the claim (the order adjudication takes, so the two
never deadlock), replays a payment already made under the same idempotency key (a different
request under that key is a Conflict) and refuses to pay more than adjudicated and not yet
paid (:mod:`~patentshield.claims.payments`): N parallel payment requests for one claim pay once.
The payment is stamped with the runtime's clock.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

from sqlalchemy.exc import IntegrityError

from patentshield.claims.ledger_store import LedgerRepository
from patentshield.claims.model import Payment
from patentshield.claims.payments import payment_amount
from patentshield.claims.scoping import claim_for
from patentshield.claims.store import ClaimRepository
from patentshield.kernel.access import Permission
from patentshield.kernel.errors import Conflict
from patentshield.kernel.inputs import checked_idempotency_key
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime


def _fingerprint(claim_id: str, amount: Money | None, day: date) -> str:
    text = f"{claim_id}|{amount.to_json() if amount else 'outstanding'}|{day.isoformat()}"
    return hashlib.sha256(text.encode()).hexdigest()


def pay_claim(
    runtime: Runtime,
    claim_id: str,
    *,
    idempotency_key: str,
    day: date,
    amount: Money | None = None,
    note: str = "",
) -> Payment:
    """Pay ``amount`` (default: all adjudicated and unpaid) on a claim, idempotently.

    Raises
    ------
    Conflict
        When the key was used for a different request, or a concurrent request used it first.
    RuleViolation
        When nothing is outstanding or ``amount`` exceeds what is.
    """
    key = checked_idempotency_key(idempotency_key)
    fingerprint = _fingerprint(claim_id, amount, day)
    try:
        with runtime.unit_of_work() as session:
            claims, ledger = ClaimRepository(session), LedgerRepository(session)
            unlocked = claim_for(runtime, session, claim_id, Permission.CLAIMS_PAY)
            account = claims.lock_account(unlocked.policy_number, unlocked.currency)
            claim = claims.get(claim_id, lock=True)
            existing = ledger.payment_by_key(key)
            if existing is not None:
                made, made_for = existing
                if made_for != fingerprint:
                    raise Conflict(
                        f"idempotency key {key!r} was used for payment {made.id}",
                        field="idempotency_key",
                    )
                return made
            paying = payment_amount(claim.adjudicated, claim.paid, amount)
            payment = Payment(
                id=f"pay-{uuid.uuid4().hex[:12]}",
                claim_id=claim.id,
                idempotency_key=key,
                amount=paying,
                paid_on=day,
                created_at=runtime.clock.now(),
                note=note,
            )
            ledger.add_payment(payment, fingerprint=fingerprint)
            claims.save(claim.paying(paying))
            claims.save_account(account.paying(paying))
    except IntegrityError:
        raise Conflict(
            "a concurrent request used the same idempotency key first; retry with it",
            field="idempotency_key",
        ) from None
    return payment
