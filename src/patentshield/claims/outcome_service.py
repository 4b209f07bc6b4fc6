"""Recording how a case ends: the outcome, the case's move, and each claim closed or reserved.

One transaction: the outcome row, the case's move to the outcome's state (checked by the state
machine) and, for an outcome that ends the defence, every open claim of the case closed when it
is settled (all invoices adjudicated, all adjudicated amounts paid) or left open with its
reserve.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from patentshield.cases import service as cases
from patentshield.cases import store as case_store
from patentshield.cases.model import Case
from patentshield.claims import store
from patentshield.claims.model import ClaimStatus
from patentshield.claims.outcomes import ENDING, STATE_OF_OUTCOME, Order, OutcomeKind, check_orders
from patentshield.claims.reserve import Reserve
from patentshield.claims.service import claim_view, close_row
from patentshield.kernel.db import Database
from patentshield.kernel.errors import RuleViolation


@dataclass(frozen=True, slots=True)
class ClaimAfterOutcome:
    """What an ending did to one claim: closed, or open with its reserve."""

    claim_id: str
    respondent: str
    status: ClaimStatus
    reserve: Reserve | None
    why_open: str = ""


@dataclass(frozen=True, slots=True)
class OutcomeResult:
    """The recorded outcome, the case after it, and its claims."""

    id: str
    kind: OutcomeKind
    day: date
    orders: tuple[Order, ...]
    case: Case
    claims: tuple[ClaimAfterOutcome, ...]


def record_outcome(
    database: Database,
    case_ref: str,
    kind: OutcomeKind,
    *,
    day: date,
    orders: Collection[Order] = (),
    wilful: bool = False,
    note: str = "",
    now: datetime,
) -> OutcomeResult:
    """Record an outcome, move the case, and close or reserve its claims."""
    check_orders(kind, orders, wilful)
    ordered = tuple(sorted(set(orders)))
    with database.unit_of_work() as session:
        case = case_store.get_case(session, case_ref, lock=True)
        target = STATE_OF_OUTCOME[kind]
        if target is not None and target is not case.state:
            case = cases.advance_in(
                session, case.id, target, day=day, note=f"{kind.value}: {note}".strip(": "), now=now
            )
        outcome_id = f"oc-{uuid.uuid4().hex[:12]}"
        session.add(
            store.OutcomeRow(
                id=outcome_id,
                case_id=case.id,
                kind=kind.value,
                day=day,
                orders=cast(list[object], [o.value for o in ordered]),
                wilful_infringement=wilful,
                note=note,
                created_at=now,
            )
        )
        session.flush()
        results = []
        for row in store.claims_of_case(session, case.id):
            if kind in ENDING and row.status == ClaimStatus.OPEN.value:
                row = store.claim_row(session, row.id, lock=True)
                claim = store.to_claim(row, case.number)
                try:
                    with session.begin_nested():
                        close_row(session, row, claim)
                except RuleViolation as error:
                    view = claim_view(session, row.id)
                    results.append(
                        ClaimAfterOutcome(
                            row.id, row.respondent, ClaimStatus.OPEN, view.reserve, error.message
                        )
                    )
                    continue
            results.append(ClaimAfterOutcome(row.id, row.respondent, ClaimStatus(row.status), None))
        return OutcomeResult(outcome_id, kind, day, ordered, case, tuple(results))
