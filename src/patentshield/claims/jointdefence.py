"""Joint defence: co-respondents sharing counsel and experts split shared invoices.

A group names its members and a rule: ``equal`` shares, shares ``by US sales`` (each member's
annual US sales, from its enterprise profile or given for an uninsured co-respondent), or
``custom`` shares. :func:`allocate` splits an invoice so that the shares add up to the invoice
*exactly*: each member gets its exact share rounded down to the currency's minor unit, and the
cents left over go one by one to the largest remainders (ties: member order) — the
largest-remainder method.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum

from patentshield.claims.model import Expense
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Money


class AllocationRule(StrEnum):
    """How a group splits shared invoices."""

    EQUAL = "equal"
    US_SALES = "us_sales"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class Member:
    """A member of a joint-defence group and its weight under the group's rule."""

    key: str
    name: str
    insured: bool
    weight: Decimal


@dataclass(frozen=True, slots=True)
class Share:
    """One member's share of one invoice."""

    member: Member
    amount: Money
    fraction: Decimal


@dataclass(frozen=True, slots=True)
class Group:
    """A joint-defence group of one case: its members and how they split shared invoices."""

    id: str
    case_id: str
    case_number: str
    name: str
    rule: AllocationRule
    members: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class Allocation:
    """One shared invoice split: every member's share and the invoice it became, if any.

    ``expenses`` maps a member's key to the invoice filed in its claim; the members in
    ``borne`` (uninsured, without an open claim, or with a zero share) bear their share.
    """

    id: str
    group: Group
    invoice_number: str
    total: Money
    shares: tuple[Share, ...]
    expenses: Mapping[str, Expense]
    borne: tuple[str, ...]


def checked_members(rule: AllocationRule, members: Sequence[Member]) -> tuple[Member, ...]:
    """Check a group's members and weights for its rule; return them.

    Raises
    ------
    InvalidInput
        For fewer than two members, a member named twice, or weights that cannot split.
    """
    if len(members) < 2:
        raise InvalidInput("member", "a joint-defence group has at least two members")
    keys = [member.key for member in members]
    if len(set(keys)) != len(keys):
        raise InvalidInput("member", "a member is named twice")
    if rule is AllocationRule.EQUAL:
        return tuple(Member(m.key, m.name, m.insured, Decimal(1)) for m in members)
    if any(member.weight < 0 for member in members):
        raise InvalidInput("share", "a share or sales figure is negative")
    if sum(member.weight for member in members) <= 0:
        raise InvalidInput("share", "the shares add up to zero")
    return tuple(members)


def allocate(total: Money, members: Sequence[Member]) -> tuple[Share, ...]:
    """Split ``total`` by the members' weights; the shares add up to ``total`` exactly."""
    amount = total.rounded()
    quantum = amount.currency.minor_unit
    units = int(amount.amount / quantum)
    weights = [member.weight for member in members]
    whole = sum(weights)
    exact = [Decimal(units) * weight / whole for weight in weights]
    floors = [int(value.to_integral_value(rounding=ROUND_FLOOR)) for value in exact]
    left = units - sum(floors)
    order = sorted(range(len(members)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in order[:left]:
        floors[index] += 1
    return tuple(
        Share(member, Money(Decimal(count) * quantum, amount.currency), weight / whole)
        for member, count, weight in zip(members, floors, weights, strict=True)
    )
