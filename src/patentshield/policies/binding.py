"""Policies in force: binding a quote, the policy lifecycle and renewals, as pure values.

Lifecycle (the issue's *quoted → bound → in force → expired / cancelled*): a saved quote is
*quoted*; binding it makes a policy that is *bound* until its period starts, *in force* on the
days ``[period_start, period_end)``, *expired* from ``period_end`` on, and *cancelled* from the
day it is cancelled. Only binding and cancelling are recorded; the other states follow from the
day asked about (:func:`status_on`), so no job has to flip them at midnight.

A renewal is a new policy for the next period (starting on the old ``period_end``), bound from
a new quote of the same enterprise; the retroactive date of a claims-made renewal stays that of
the first policy of the chain, as continuous cover requires.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from patentshield.kernel.errors import InvalidInput, InvalidTransition, RuleViolation
from patentshield.kernel.money import Money
from patentshield.policies.terms import PolicyTerms
from patentshield.usitc.deadlines import add_months

DEFAULT_PERIOD_MONTHS = 12
MAX_PERIOD_MONTHS = 36


class PolicyStatus(StrEnum):
    """Where a policy stands on a given day."""

    QUOTED = "quoted"
    BOUND = "bound"
    IN_FORCE = "in_force"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Policy:
    """A bound policy: who is insured, by whom, for which period, on which frozen terms."""

    id: str
    number: str
    quote_id: str
    enterprise_id: str
    insurer: str
    plan: str
    period_start: date
    period_end: date
    retroactive_date: date | None
    terms: PolicyTerms
    gross_premium: Money
    subsidy: Money
    net_premium: Money
    subsidy_programme: str | None
    bound_at: datetime
    renews: str | None = None
    cancelled_on: date | None = None
    cancel_reason: str = ""

    def covers_day(self, day: date) -> bool:
        """Tell whether ``day`` falls in the policy period (whatever the status)."""
        return self.period_start <= day < self.period_end


def status_on(policy: Policy, day: date) -> PolicyStatus:
    """Return the status of ``policy`` on ``day``."""
    if policy.cancelled_on is not None and day >= policy.cancelled_on:
        return PolicyStatus.CANCELLED
    if day < policy.period_start:
        return PolicyStatus.BOUND
    if day < policy.period_end:
        return PolicyStatus.IN_FORCE
    return PolicyStatus.EXPIRED


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
