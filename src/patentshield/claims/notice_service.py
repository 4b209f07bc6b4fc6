"""The notice use case: an insured respondent notifies its insurer of a claim in a case.

The insured party is a respondent of the case or, under an enforcement policy, an insured
complainant. The notice is checked against its policy (:mod:`~patentshield.claims.notice`) and
recorded whether accepted (``open``) or declined, with its reasons, as the first event of the
claim's status history (:mod:`~patentshield.claims.workflow`). Notifying marks the case's duty
to notify the insurer done on the day of the notice, in the same transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from patentshield.cases import service as cases
from patentshield.cases import store as case_store
from patentshield.cases.duties import notify_code
from patentshield.cases.model import Case
from patentshield.cases.service import case_for
from patentshield.claims.claimdate import ClaimDates
from patentshield.claims.model import Claim, ClaimStatus, NoticeFault
from patentshield.claims.notice import check_notice, declines
from patentshield.claims.store import ClaimRepository
from patentshield.claims.workflow import opening
from patentshield.kernel.access import Permission
from patentshield.kernel.errors import Conflict, InvalidInput, RuleViolation
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.policies import store as policy_store
from patentshield.policies.model import Policy


def _case_and_policy(session: Session, case_ref: str, respondent: str) -> tuple[Case, str, Policy]:
    case = case_store.get_case(session, case_ref)
    try:
        key = case.party(respondent).key
    except KeyError:
        raise InvalidInput(
            "respondent", f"{respondent!r} is not a respondent of {case.number}"
        ) from None
    number = case.party(key).policy
    if number is None:
        raise RuleViolation(f"{key} is not insured: it bears its own costs", field="respondent")
    return case, key, policy_store.get_policy(session, number)


@dataclass(frozen=True, slots=True)
class NoticeFacts:
    """What the insured (or the insurer) tells with a notice besides the case.

    ``served_on`` is the service on the insured when it is not the case's (a respondent added by
    an amended complaint is served with it); ``late_notice_fault`` the fault the insurer shows
    for a late notice (PRC Insurance Law art. 21).
    """

    first_accused_sale: date | None = None
    dispute_known_on: date | None = None
    first_demand_on: date | None = None
    named_by_amendment_on: date | None = None
    served_on: date | None = None
    late_notice_fault: NoticeFault | None = None


def _dates(case: Case, key: str, facts: NoticeFacts) -> ClaimDates:
    served = facts.served_on
    if served is None and facts.named_by_amendment_on is None:
        served = case.served
    return ClaimDates(
        complaint_filed=case.complaint_filed,
        named_by_amendment_on=facts.named_by_amendment_on,
        first_demand_on=facts.first_demand_on,
        served_on=served,
        complainant=case.is_complainant(key),
    )


def _new_claim(
    case: Case, key: str, policy: Policy, *, notified_on: date, facts: NoticeFacts, now: datetime
) -> Claim:
    if notified_on < case.learned_on:
        raise InvalidInput("date", f"{notified_on} is before the insured learned of the case")
    reasons = check_notice(
        policy,
        _dates(case, key, facts),
        learned_on=case.learned_on,
        notified_on=notified_on,
        first_accused_sale=facts.first_accused_sale,
        dispute_known_on=facts.dispute_known_on,
        late_notice_fault=facts.late_notice_fault,
    )
    zero = Money.zero(policy.terms.currency)
    return Claim(
        id=f"cl-{uuid.uuid4().hex[:12]}",
        case_id=case.id,
        case_number=case.number,
        policy_number=policy.number,
        respondent=key,
        notified_on=notified_on,
        status=ClaimStatus.DECLINED if declines(reasons) else ClaimStatus.OPEN,
        notice_reasons=reasons,
        created_at=now,
        adjudicated=zero,
        paid=zero,
        first_accused_sale=facts.first_accused_sale,
        dispute_known_on=facts.dispute_known_on,
        first_demand_on=facts.first_demand_on,
        named_by_amendment_on=facts.named_by_amendment_on,
        served_on=facts.served_on,
        late_notice_fault=facts.late_notice_fault,
    )


def notify_claim(
    runtime: Runtime,
    case_ref: str,
    respondent: str,
    *,
    notified_on: date,
    facts: NoticeFacts | None = None,
) -> Claim:
    """Record the notice of claim of an insured respondent and decide whether it is accepted.

    A declined notice is recorded too (status ``declined``, with its reasons). The case's duty
    to notify the insurer is marked done on ``notified_on``.

    Raises
    ------
    Conflict
        When the respondent already notified a claim in this case.
    """
    now = runtime.clock.now()
    told = facts or NoticeFacts()
    try:
        with runtime.unit_of_work() as session:
            case_for(runtime, session, case_ref, Permission.CLAIMS_NOTIFY)
            case, key, policy = _case_and_policy(session, case_ref, respondent)
            claim = _new_claim(case, key, policy, notified_on=notified_on, facts=told, now=now)
            claims = ClaimRepository(session)
            claims.add(claim)
            claims.add_event(opening(claim, at=now))
            cases.record_duty(
                session, case, notify_code(key), day=notified_on, note=f"claim {claim.id}", now=now
            )
    except IntegrityError:
        raise Conflict(
            f"{respondent} already notified a claim in {case_ref}", field="respondent"
        ) from None
    return claim
