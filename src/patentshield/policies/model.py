"""Policies in force as values: the :class:`Policy` entity and its status on a given day.

Lifecycle (*quoted → bound → in force → expired / cancelled*): a saved quote is *quoted*;
binding it makes a policy that is *bound* until its period starts, *in force* on the days
``[period_start, period_end)``, *expired* from ``period_end`` on, and *cancelled* from the day it
is cancelled. Only binding and cancelling are recorded; the other states follow from the day
asked about (:func:`status_on`), so no job has to flip them at midnight.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from patentshield.kernel.money import Money
from patentshield.policies.terms import PolicyTerms


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
