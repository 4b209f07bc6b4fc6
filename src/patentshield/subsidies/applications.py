"""A subsidy application as a state machine: an exporter applies, an administration decides.

An exporter applies for a programme's subsidy on one of its quotes or policies (``submitted``);
a programme officer of an administration whose region covers the programme approves it — the
grant is recorded in the ledger under the programme's caps — or rejects it with a reason; the
exporter may withdraw an application not decided yet. A decided or withdrawn application moves
no more: :data:`TRANSITIONS` is the whole table, and every move is checked against it
(:func:`check_move`) before it is recorded.

This module is pure: no I/O, no database, no clock (``at`` is a parameter).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from patentshield.catalog.model import ProductType
from patentshield.kernel.errors import InvalidInput, InvalidTransition
from patentshield.kernel.money import Money

MAX_REASON_LENGTH = 2000


class ApplicationStatus(StrEnum):
    """Where a subsidy application stands."""

    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """The English label."""
        return STATUS_LABELS[self][0]

    @property
    def label_zh(self) -> str:
        """The Chinese label."""
        return STATUS_LABELS[self][1]


STATUS_LABELS: Mapping[ApplicationStatus, tuple[str, str]] = {
    ApplicationStatus.SUBMITTED: (
        "submitted, awaiting the administration's decision",
        "已提交，待审核",
    ),
    ApplicationStatus.APPROVED: ("approved: the subsidy is granted", "已批准，补贴已拨付"),
    ApplicationStatus.REJECTED: ("rejected", "已驳回"),
    ApplicationStatus.WITHDRAWN: ("withdrawn by the applicant", "申请人已撤回"),
}
"""The English and Chinese label of each status."""

TRANSITIONS: Mapping[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.SUBMITTED: frozenset(
        {ApplicationStatus.APPROVED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN}
    ),
    ApplicationStatus.APPROVED: frozenset(),
    ApplicationStatus.REJECTED: frozenset(),
    ApplicationStatus.WITHDRAWN: frozenset(),
}
"""Allowed moves: ``TRANSITIONS[current]`` is the set of statuses an application may take next."""

OPEN: frozenset[ApplicationStatus] = frozenset(
    {ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED}
)
"""Statuses that hold the quote or policy: one such application per programme and reference."""


@dataclass(frozen=True, slots=True)
class Application:
    """One application for a programme's subsidy on one quote or policy.

    ``reference`` is the policy number, or the quote id, that the premium belongs to (it
    becomes the grant's reference); ``region_code`` is the applicant enterprise's, which the
    deciding administration's region must cover. ``grant_id`` and ``amount`` are the grant of
    an approved application; ``reason`` the decision's (required for a rejection).
    """

    id: str
    programme_id: str
    enterprise_id: str
    region_code: str
    reference: str
    quote_id: str | None
    policy_id: str | None
    product_type: ProductType
    premium: Money
    premium_date: date
    status: ApplicationStatus
    organisation_id: str | None
    submitted_by: str
    submitted_at: datetime
    note: str = ""
    decided_by: str | None = None
    decided_at: datetime | None = None
    reason: str = ""
    grant_id: str | None = None
    amount: Money | None = None
    decision_key: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """Who moves an application, when, why, and the grant an approval recorded."""

    by: str
    at: datetime
    reason: str = ""
    grant_id: str | None = None
    amount: Money | None = None
    key: str | None = None


def check_move(application: Application, target: ApplicationStatus) -> None:
    """Refuse a move the transition table does not allow.

    Raises
    ------
    InvalidTransition
        When ``target`` is not in ``TRANSITIONS[application.status]``.
    """
    allowed = TRANSITIONS[application.status]
    if target not in allowed:
        listed = ", ".join(sorted(allowed)) or "none (it is decided)"
        raise InvalidTransition(
            f"application {application.id} is {application.status}: it cannot become "
            f"{target}; allowed: {listed}",
            message_id=f"refusal.application_{application.status.value}",
        )


def checked_reason(reason: str, target: ApplicationStatus) -> str:
    """Return the trimmed reason of a decision; a rejection must give one.

    >>> checked_reason("  budget used  ", ApplicationStatus.REJECTED)
    'budget used'
    """
    text = reason.strip()
    if target is ApplicationStatus.REJECTED and not text:
        raise InvalidInput(
            "reason",
            "say why the application is rejected",
            message_id="refusal.rejection_reason",
        )
    if len(text) > MAX_REASON_LENGTH:
        raise InvalidInput("reason", f"must have at most {MAX_REASON_LENGTH} characters")
    return text


def move(application: Application, target: ApplicationStatus, decision: Decision) -> Application:
    """Return ``application`` moved to ``target`` by ``decision`` (checked against the table).

    Raises
    ------
    InvalidTransition
        For a move the table does not allow.
    InvalidInput
        For a rejection without a reason.
    """
    check_move(application, target)
    return replace(
        application,
        status=target,
        decided_by=decision.by,
        decided_at=decision.at,
        reason=checked_reason(decision.reason, target),
        grant_id=decision.grant_id,
        amount=decision.amount,
        decision_key=decision.key,
    )


def is_replay(application: Application, target: ApplicationStatus, key: str | None) -> bool:
    """Tell whether a decision repeats the one recorded (same outcome, same idempotency key)."""
    return (
        key is not None
        and application.status is target
        and application.decision_key is not None
        and application.decision_key == key
    )
