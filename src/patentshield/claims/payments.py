"""The payment rules: never pay more than adjudicated, never adjudicate below what was paid.

A payment is positive and at most what was adjudicated and not yet paid; a re-adjudication
never brings a claim's payable amount below what was already paid on it — except to recoup
costs advanced under a final-adjudication clause once a wilful-infringement finding is final
(:mod:`~patentshield.claims.wilful`): what was paid is then owed back by the insured.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from patentshield.kernel.errors import InvalidInput, RuleViolation
from patentshield.kernel.money import Money


def payment_amount(adjudicated: Money, paid: Money, requested: Money | None) -> Money:
    """Return what to pay: ``requested`` (default: all outstanding), checked.

    Raises
    ------
    RuleViolation
        When nothing is outstanding, or ``requested`` exceeds what is.
    InvalidInput
        When ``requested`` is not in the policy currency, or not above zero.
    """
    outstanding = adjudicated - paid
    paying = (requested or outstanding).rounded()
    if paying.currency is not adjudicated.currency:
        raise InvalidInput("amount", f"pay in the policy currency {adjudicated.currency.value}")
    if requested is not None and paying.amount <= 0:
        raise InvalidInput("amount", f"{paying} is not a payment: an amount must be above zero")
    if outstanding.amount <= 0:
        raise RuleViolation(
            "nothing adjudicated is unpaid", field="claim", message_id="refusal.nothing_unpaid"
        )
    if paying > outstanding:
        raise RuleViolation(
            f"{paying} is more than the {outstanding} adjudicated and unpaid", field="amount"
        )
    return paying


def check_not_below_paid(payable: Money, paid: Money, *, recouping: bool = False) -> None:
    """Refuse an adjudication whose payable amount is below what was already paid.

    ``recouping`` allows it: the adjudication recoups costs advanced (the insured owes them).

    Raises
    ------
    RuleViolation
        When ``payable`` is less than ``paid`` and nothing is recouped.
    """
    if payable < paid and not recouping:
        raise RuleViolation(
            f"the claim would be adjudicated {payable}, below the {paid} already paid",
            field="claim",
            message_id="refusal.below_paid",
            params={"payable": payable, "paid": paid},
        )
