"""The adjudication use case: every invoice of a claim against its policy's frozen terms.

:func:`adjudicate_claim` locks the policy's claim account (``SELECT … FOR UPDATE`` on
PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), then the claim, reads what the policy's *other*
claims were adjudicated, adjudicates (:mod:`~patentshield.claims.adjudicate`, pure) and writes
the run and the new totals: concurrent adjudications of two claims under one policy never
exceed its aggregate limit together. Payments take the same locks in the same order.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from patentshield.cases import store as case_store
from patentshield.claims.adjudicate import ClaimFacts, Consent, adjudicate
from patentshield.claims.latenotice import late_notice
from patentshield.claims.ledger_store import LedgerRepository
from patentshield.claims.model import Adjudication, Claim, ClaimStatus
from patentshield.claims.outcome_store import OutcomeRepository
from patentshield.claims.payments import check_not_below_paid
from patentshield.claims.scoping import claim_for
from patentshield.claims.settlement_store import settlement_consents
from patentshield.claims.store import ClaimRepository
from patentshield.compliance import programme_store as fto_store
from patentshield.compliance.providers import ProviderDirectory
from patentshield.kernel.access import Permission
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.policies import store as policy_store
from patentshield.policies.model import Policy


def _facts(
    session: Session, claim: Claim, policy: Policy, others: Money, directory: ProviderDirectory
) -> ClaimFacts:
    terms = policy.terms
    case = case_store.get_case(session, claim.case_id)
    consents = tuple(
        Consent(c.firm, c.consented_on, c.panel)
        for c in case.counsel
        if c.respondent == claim.respondent
    )
    return ClaimFacts(
        claim_id=claim.id,
        declined_by_notice=claim.status is ClaimStatus.DECLINED,
        consents=consents,
        settlements=tuple(settlement_consents(session, claim.id)),
        wilful=OutcomeRepository(session).wilful_finding(case.id, claim.respondent),
        others_payable=others,
        late_notice=late_notice(terms, case.learned_on, claim.notified_on, claim.late_notice_fault),
        paid=claim.paid,
        good_faith=tuple(fto_store.opinions_of(session, [policy.enterprise_id])),
        asserted=case.patents,
        panel=directory.panel(terms.product_id),
    )


def adjudicate_claim(runtime: Runtime, claim_id: str, *, day: date) -> Adjudication:
    """Adjudicate every invoice of a claim against its policy's frozen terms and save the run.

    Raises
    ------
    RuleViolation
        When the new payable amount would fall below what was already paid.
    """
    with runtime.unit_of_work() as session:
        claim_for(runtime, session, claim_id, Permission.CLAIMS_ADJUDICATE)
        claims, ledger = ClaimRepository(session), LedgerRepository(session)
        policy = policy_store.get_policy(session, claims.get(claim_id).policy_number)
        account = claims.lock_account(policy.number, policy.terms.currency)
        claim = claims.get(claim_id, lock=True)
        result = adjudicate(
            policy.terms,
            _facts(
                session,
                claim,
                policy,
                account.adjudicated - claim.adjudicated,
                runtime.reference.get(ProviderDirectory),
            ),
            ledger.expenses(claim.id),
            decided_on=day,
            version=claim.adjudication_version + 1,
        )
        check_not_below_paid(result.payable, claim.paid, recouping=not result.recoupment.is_zero())
        ledger.add_adjudication(result)
        after = claim.adjudicated_as(result)
        claims.save_account(account.readjudicated(claim, after))
        claims.save(after)
    return result
