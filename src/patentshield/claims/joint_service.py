"""Joint-defence use cases: form a group in a case, split a shared invoice among its members.

Each insured member's share becomes an invoice in its own open claim (under its own policy,
adjudicated by its own terms); an uninsured member simply bears its share, and so does an
insured member with no open claim (the allocation says so). The allocation and the invoices
are written in one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from patentshield.cases import store as case_store
from patentshield.claims import store
from patentshield.claims.jointdefence import (
    AllocationRule,
    Member,
    Share,
    allocate,
    checked_members,
)
from patentshield.claims.model import ClaimStatus, Expense
from patentshield.claims.service import ExpenseInput, record_expense
from patentshield.enterprises.service import get_enterprise
from patentshield.kernel.db import Database
from patentshield.kernel.errors import Conflict, InvalidInput, NotFound
from patentshield.kernel.jsonvalue import JsonValue


@dataclass(frozen=True, slots=True)
class Group:
    """A joint-defence group of one case."""

    id: str
    case_number: str
    name: str
    rule: AllocationRule
    members: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class Allocation:
    """One shared invoice split: every member's share and the invoice it became, if any."""

    id: str
    group: Group
    invoice_number: str
    shares: tuple[Share, ...]
    expenses: Mapping[str, Expense]
    borne: tuple[str, ...]


def _weight(
    session: Session,
    rule: AllocationRule,
    key: str,
    enterprise: str | None,
    given: Mapping[str, Decimal],
) -> Decimal:
    if key in given:
        return given[key]
    if rule is AllocationRule.EQUAL:
        return Decimal(1)
    if rule is AllocationRule.US_SALES and enterprise is not None:
        return get_enterprise(session, enterprise).total_us_sales().amount
    raise InvalidInput("share", f"give the {rule.value} share of {key} (--share {key}=…)")


def create_group(
    database: Database,
    case_ref: str,
    name: str,
    rule: AllocationRule,
    members: Sequence[str],
    *,
    weights: Mapping[str, Decimal] | None = None,
    now: datetime,
) -> Group:
    """Form a joint-defence group of respondents of a case.

    ``weights`` gives custom shares, or US sales for members without an enterprise profile.
    """
    given = dict(weights or {})
    try:
        with database.unit_of_work() as session:
            case = case_store.get_case(session, case_ref)
            chosen = []
            for reference in members:
                try:
                    respondent = case.respondent(reference)
                except KeyError:
                    raise NotFound(
                        f"no respondent {reference!r} in {case.number}", field="member"
                    ) from None
                weight = _weight(session, rule, respondent.key, respondent.enterprise_id, given)
                chosen.append(Member(respondent.key, respondent.name, respondent.insured, weight))
            checked = checked_members(rule, chosen)
            group = Group(f"jd-{uuid.uuid4().hex[:12]}", case.number, name.strip(), rule, checked)
            if not group.name:
                raise InvalidInput("name", "name the group")
            session.add(
                store.JointGroupRow(
                    id=group.id,
                    case_id=case.id,
                    name=group.name,
                    rule=rule.value,
                    members=cast(list[object], [_member_json(m) for m in checked]),
                    created_at=now,
                )
            )
            session.flush()
    except IntegrityError:
        raise Conflict(f"case {case_ref} already has a group {name!r}", field="name") from None
    return group


def _member_json(member: Member) -> dict[str, JsonValue]:
    return {
        "key": member.key,
        "name": member.name,
        "insured": member.insured,
        "weight": str(member.weight),
    }


def _group(session: Session, case_ref: str, name: str) -> tuple[Group, str]:
    case = case_store.get_case(session, case_ref)
    row = session.scalars(
        select(store.JointGroupRow).where(
            store.JointGroupRow.case_id == case.id, store.JointGroupRow.name == name
        )
    ).one_or_none()
    if row is None:
        raise NotFound(f"no joint-defence group {name!r} in {case.number}", field="group")
    members = tuple(
        Member(str(m["key"]), str(m["name"]), bool(m["insured"]), Decimal(str(m["weight"])))
        for m in cast(list[dict[str, object]], row.members)
    )
    return Group(row.id, case.number, row.name, AllocationRule(row.rule), members), case.id


def _open_claim(session: Session, case_id: str, key: str) -> str | None:
    for row in store.claims_of_case(session, case_id):
        if row.respondent == key and row.status == ClaimStatus.OPEN.value:
            return row.id
    return None


def allocate_invoice(
    database: Database, case_ref: str, group_name: str, invoice: ExpenseInput, *, now: datetime
) -> Allocation:
    """Split a shared invoice among the group and file each insured member's share.

    Raises
    ------
    Conflict
        When the invoice was already allocated in this group.
    """
    if invoice.amount.amount <= 0:
        raise InvalidInput("amount", "must be positive")
    try:
        with database.unit_of_work() as session:
            group, case_id = _group(session, case_ref, group_name)
            shares = allocate(invoice.amount, group.members)
            allocation_id = f"ja-{uuid.uuid4().hex[:12]}"
            expenses: dict[str, Expense] = {}
            borne: list[str] = []
            for share in shares:
                claim_id = _open_claim(session, case_id, share.member.key)
                if claim_id is None or share.amount.is_zero():
                    borne.append(share.member.key)
                    continue
                member_invoice = replace(
                    invoice,
                    invoice_number=f"{invoice.invoice_number}/{share.member.key}",
                    amount=share.amount,
                    description=(
                        f"{share.fraction * 100:.4f} % of joint invoice {invoice.invoice_number} "
                        f"({invoice.amount}) of group {group.name}, rule {group.rule.value}"
                    ),
                    joint_allocation=allocation_id,
                )
                expenses[share.member.key] = record_expense(session, claim_id, member_invoice)
            session.add(
                store.JointAllocationRow(
                    id=allocation_id,
                    group_id=group.id,
                    invoice_number=invoice.invoice_number,
                    currency=invoice.amount.currency.value,
                    amount=invoice.amount.rounded().amount,
                    document=cast(
                        dict[str, object],
                        {
                            "shares": [
                                {
                                    "member": s.member.key,
                                    "amount": s.amount.to_json(),
                                    "fraction": str(s.fraction),
                                    "expense": expenses[s.member.key].id
                                    if s.member.key in expenses
                                    else None,
                                }
                                for s in shares
                            ],
                            "borne": borne,
                        },
                    ),
                    created_at=now,
                )
            )
            session.flush()
    except IntegrityError:
        raise Conflict(
            f"invoice {invoice.invoice_number} is already allocated in {group_name}",
            field="invoice",
        ) from None
    return Allocation(allocation_id, group, invoice.invoice_number, shares, expenses, tuple(borne))
