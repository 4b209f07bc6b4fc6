"""The payment rule: a payment is positive and never more than adjudicated and not yet paid.

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
        When nothing is outstanding, or ``requested`` is not positive or exceeds what is.
    InvalidInput
        When ``requested`` is not in the policy currency.
    """
    outstanding = adjudicated - paid
    paying = (requested or outstanding).rounded()
    if paying.currency is not adjudicated.currency:
        raise InvalidInput("amount", f"pay in the policy currency {adjudicated.currency.value}")
    if outstanding.amount <= 0:
        raise RuleViolation("nothing adjudicated is unpaid", field="claim")
    if paying.amount <= 0 or paying > outstanding:
        raise RuleViolation(
            f"{paying} is more than the {outstanding} adjudicated and unpaid", field="amount"
        )
    return paying
