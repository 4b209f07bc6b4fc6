"""Joint-defence use cases: form a group in a case, split a shared invoice among its members.

Each insured member's share becomes an invoice in its own open claim (under its own policy,
adjudicated by its own terms); an uninsured member simply bears its share, and so does an
insured member with no open claim (the allocation says so). The allocation and the invoices
are written in one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from sqlalchemy.orm import Session

from patentshield.cases.model import Case
from patentshield.cases.service import case_for, respondent_key
from patentshield.claims.joint_store import JointDefenceRepository
from patentshield.claims.jointdefence import (
    Allocation,
    AllocationRule,
    Group,
    Member,
    Share,
    allocate,
    checked_members,
)
from patentshield.claims.ledger_service import ExpenseInput, record_expense
from patentshield.claims.model import ClaimStatus, Expense
from patentshield.claims.store import ClaimRepository
from patentshield.enterprises.service import get_enterprise
from patentshield.kernel.access import Permission
from patentshield.kernel.errors import InvalidInput, NotFound
from patentshield.kernel.fx import FxTable
from patentshield.kernel.runtime import Runtime


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


def _members(
    session: Session,
    case: Case,
    rule: AllocationRule,
    references: Sequence[str],
    given: Mapping[str, Decimal],
) -> tuple[Member, ...]:
    chosen = []
    for reference in references:
        respondent = case.respondent(respondent_key(case, reference, field="member"))
        weight = _weight(session, rule, respondent.key, respondent.enterprise_id, given)
        chosen.append(Member(respondent.key, respondent.name, respondent.insured, weight))
    return checked_members(rule, chosen)


def create_group(
    runtime: Runtime,
    case_ref: str,
    name: str,
    rule: AllocationRule,
    members: Sequence[str],
    *,
    weights: Mapping[str, Decimal] | None = None,
) -> Group:
    """Form a joint-defence group of respondents of a case.

    ``weights`` gives custom shares, or US sales for members without an enterprise profile.

    Raises
    ------
    Conflict
        When the case already has a group of that name.
    """
    with runtime.unit_of_work() as session:
        case = case_for(runtime, session, case_ref, Permission.CASES_WRITE)
        checked = _members(session, case, rule, members, dict(weights or {}))
        group_id = f"jd-{uuid.uuid4().hex[:12]}"
        group = Group(group_id, case.id, case.number, name.strip(), rule, checked)
        if not group.name:
            raise InvalidInput("name", "name the group")
        JointDefenceRepository(session).add_group(group, created_at=runtime.clock.now())
    return group


def _open_claims(session: Session, case_id: str) -> dict[str, str]:
    """Return the open claim of each respondent of the case that has one, by respondent key."""
    claims = ClaimRepository(session).matching(case_id=case_id)
    return {c.respondent: c.id for c in claims if c.status is ClaimStatus.OPEN}


def _member_invoice(
    invoice: ExpenseInput, share: Share, group: Group, allocation_id: str
) -> ExpenseInput:
    return replace(
        invoice,
        invoice_number=f"{invoice.invoice_number}/{share.member.key}",
        amount=share.amount,
        description=(
            f"{share.fraction * 100:.4f} % of joint invoice {invoice.invoice_number} "
            f"({invoice.amount}) of group {group.name}, rule {group.rule.value}"
        ),
        joint_allocation=allocation_id,
    )


def allocate_invoice(
    runtime: Runtime, case_ref: str, group_name: str, invoice: ExpenseInput
) -> Allocation:
    """Split a shared invoice among the group and file each insured member's share.

    Raises
    ------
    Conflict
        When the invoice was already allocated in this group.
    """
    if invoice.amount.amount <= 0:
        raise InvalidInput("amount", "must be positive")
    fx = runtime.reference.get(FxTable)
    with runtime.unit_of_work() as session:
        case = case_for(runtime, session, case_ref, Permission.CLAIMS_EXPENSE)
        joint = JointDefenceRepository(session)
        group = joint.group(case.id, case.number, group_name)
        if group is None:
            raise NotFound(f"no joint-defence group {group_name!r} in {case.number}", field="group")
        shares = allocate(invoice.amount, group.members)
        allocation_id = f"ja-{uuid.uuid4().hex[:12]}"
        expenses: dict[str, Expense] = {}
        borne: list[str] = []
        open_claims = _open_claims(session, case.id)
        for share in shares:
            claim_id = open_claims.get(share.member.key)
            if claim_id is None or share.amount.is_zero():
                borne.append(share.member.key)
                continue
            filed = _member_invoice(invoice, share, group, allocation_id)
            expenses[share.member.key] = record_expense(session, claim_id, filed, fx=fx)
        allocation = Allocation(
            allocation_id,
            group,
            invoice.invoice_number,
            invoice.amount.rounded(),
            shares,
            expenses,
            tuple(borne),
        )
        joint.add_allocation(allocation, created_at=runtime.clock.now())
    return allocation
