"""Tables and repository of joint-defence groups and their allocations (migration ``0007``).

* ``joint_defence_groups`` — groups of co-respondents of one case, with their members and
  weights as a JSON document (the name is unique per case);
* ``joint_defence_allocations`` — each shared invoice split, with every share as a JSON
  document (the invoice number is unique per group).

:class:`JointDefenceRepository` takes and returns the values of
:mod:`patentshield.claims.jointdefence`.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import JSON, DateTime, ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from patentshield.claims.jointdefence import Allocation, AllocationRule, Group
from patentshield.claims.serialise import member_json, members_from_json, shares_json
from patentshield.claims.store import add_unique
from patentshield.kernel.db import Base, ExactNumeric
from patentshield.kernel.errors import Conflict


class JointGroupRow(Base):
    """A joint-defence group of co-respondents in one case."""

    __tablename__ = "joint_defence_groups"
    __table_args__ = (UniqueConstraint("case_id", "name"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    rule: Mapped[str] = mapped_column(String(20))
    members: Mapped[list[object]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JointAllocationRow(Base):
    """One shared invoice split among a group's members."""

    __tablename__ = "joint_defence_allocations"
    __table_args__ = (UniqueConstraint("group_id", "invoice_number"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    group_id: Mapped[str] = mapped_column(ForeignKey("joint_defence_groups.id"), index=True)
    invoice_number: Mapped[str] = mapped_column(String(120))
    currency: Mapped[str] = mapped_column(String(3))
    amount: Mapped[Decimal] = mapped_column(ExactNumeric(18, 2))
    document: Mapped[dict[str, object]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JointDefenceRepository:
    """Load and save joint-defence groups and allocations in one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_group(self, group: Group, *, created_at: datetime) -> None:
        """Add a group.

        Raises
        ------
        Conflict
            When the case already has a group of that name.
        """
        row = JointGroupRow(
            id=group.id,
            case_id=group.case_id,
            name=group.name,
            rule=group.rule.value,
            members=cast(list[object], [member_json(m) for m in group.members]),
            created_at=created_at,
        )
        conflict = Conflict(
            f"case {group.case_number} already has a group {group.name!r}", field="name"
        )
        add_unique(self.session, row, conflict)

    def group(self, case_id: str, case_number: str, name: str) -> Group | None:
        """Return the group of a case with this name, if any."""
        row = self.session.scalars(
            select(JointGroupRow).where(
                JointGroupRow.case_id == case_id, JointGroupRow.name == name
            )
        ).one_or_none()
        if row is None:
            return None
        members = members_from_json(row.members)
        return Group(row.id, case_id, case_number, row.name, AllocationRule(row.rule), members)

    def add_allocation(self, allocation: Allocation, *, created_at: datetime) -> None:
        """Add an allocation with its shares.

        Raises
        ------
        Conflict
            When the invoice was already allocated in the group.
        """
        row = JointAllocationRow(
            id=allocation.id,
            group_id=allocation.group.id,
            invoice_number=allocation.invoice_number,
            currency=allocation.total.currency.value,
            amount=allocation.total.amount,
            document={"shares": shares_json(allocation), "borne": list(allocation.borne)},
            created_at=created_at,
        )
        conflict = Conflict(
            f"invoice {allocation.invoice_number} is already allocated in {allocation.group.name}",
            field="invoice",
        )
        add_unique(self.session, row, conflict)
