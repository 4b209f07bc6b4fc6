"""The rules of binding a quote, cancelling a policy and renewing it, as pure functions.

The policy period, the retroactive date of claims-made cover and the checks that a binding,
a cancellation or a renewal is allowed. A renewal is a new policy for the next period
(starting on the old ``period_end``), bound from a new quote of the same enterprise; the
retroactive date of a claims-made renewal stays that of the first policy of the chain, as
continuous cover requires.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from datetime import date

from patentshield.kernel.dates import add_months
from patentshield.kernel.errors import InvalidInput, InvalidTransition, RuleViolation
from patentshield.policies.model import Policy, PolicyStatus, status_on

DEFAULT_PERIOD_MONTHS = 12
MAX_PERIOD_MONTHS = 36


def policy_period(start: date, months: int = DEFAULT_PERIOD_MONTHS) -> tuple[date, date]:
    """Return the period ``[start, start + months)``; raise :class:`InvalidInput` if odd."""
    if not 1 <= months <= MAX_PERIOD_MONTHS:
        raise InvalidInput("months", f"must be 1 to {MAX_PERIOD_MONTHS}, got {months}")
    return start, add_months(start, months)


def retroactive_date(start: date, years: int | None) -> date | None:
    """Return the first day of the retroactive period: ``years`` before ``start``, if any."""
    if years is None:
        return None
    return add_months(start, -12 * years)


def check_bindable(quote_day: date, start: date, *, max_days_after_quote: int = 90) -> None:
    """Refuse to bind a quote whose period starts before it or long after it.

    Raises
    ------
    RuleViolation
        When ``start`` is before the quote date or more than ``max_days_after_quote`` after.
    """
    if start < quote_day:
        raise RuleViolation(
            f"the period cannot start ({start}) before the quote date ({quote_day})",
            field="start",
        )
    if (start - quote_day).days > max_days_after_quote:
        raise RuleViolation(
            f"the quote of {quote_day} is more than {max_days_after_quote} days before the "
            f"period start {start}: quote again",
            field="start",
        )


def check_cancel(policy: Policy, day: date) -> None:
    """Refuse to cancel a policy that is already cancelled or expired on ``day``.

    Raises
    ------
    InvalidTransition
        When the policy is cancelled or expired on ``day``.
    """
    status = status_on(policy, day)
    if status in (PolicyStatus.CANCELLED, PolicyStatus.EXPIRED):
        raise InvalidTransition(
            f"policy {policy.number} is {status} on {day}; it cannot be cancelled",
            field="policy",
        )


def check_renewal(previous: Policy, enterprise_id: str, start: date) -> None:
    """Refuse a renewal that is not for the same insured or does not follow on.

    Raises
    ------
    RuleViolation
        When the insured differs, the old policy was cancelled, or ``start`` is not its end.
    """
    if previous.enterprise_id != enterprise_id:
        raise RuleViolation(
            f"policy {previous.number} insures {previous.enterprise_id}, "
            f"the quote is for {enterprise_id}",
            field="quote",
        )
    if previous.cancelled_on is not None:
        raise RuleViolation(f"policy {previous.number} was cancelled", field="renews")
    if start != previous.period_end:
        raise RuleViolation(
            f"a renewal starts when policy {previous.number} ends ({previous.period_end}), "
            f"not on {start}",
            field="start",
        )


def renewal_retroactive_date(previous: Policy, fresh: date | None) -> date | None:
    """Keep the earliest retroactive date of a continuous chain of policies."""
    if previous.retroactive_date is None:
        return fresh
    if fresh is None:
        return previous.retroactive_date
    return min(previous.retroactive_date, fresh)
