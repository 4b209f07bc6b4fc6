"""The ledgers' sums, recomputed from their rows: what every cap and limit promises, checked.

Subsidy grants (:mod:`patentshield.subsidies.store`): the grants of an applicant in a year
under one cap add up to its account and stay within the cap of the programme version that
granted them; a programme's grants in a year add up to its account and stay within its
budget. Claims (:mod:`patentshield.claims.store`): a claim's payments add up to what it
records as paid, never above what it was adjudicated; a policy's claims add up to its claim
account, whose adjudicated total stays within the policy's aggregate limit. Each broken
promise is one line naming the rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from patentshield.claims.ledger_store import PaymentRow
from patentshield.claims.store import ClaimRow, PolicyAccountRow
from patentshield.policies.store import get_policy
from patentshield.subsidies import store as grants
from patentshield.subsidies.model import Programme

Key = tuple[str, ...]


def _sums(rows: Iterable[tuple[object, ...]]) -> dict[Key, Decimal]:
    totals: dict[Key, Decimal] = defaultdict(Decimal)
    for *key, amount in rows:
        totals[tuple(str(part) for part in key)] += Decimal(str(amount))
    return totals


def _grant_sums(session: Session) -> tuple[dict[Key, Decimal], dict[Key, Decimal]]:
    row = grants.GrantRow
    by_applicant = _sums(
        session.execute(
            select(
                row.programme_id,
                row.programme_version,
                row.applicant_id,
                row.year,
                row.year_cap_key,
                row.amount,
            )
        ).tuples()
    )
    by_programme = _sums(
        session.execute(
            select(row.programme_id, row.programme_version, row.year, row.amount)
        ).tuples()
    )
    return by_applicant, by_programme


def _programme(
    programmes: Iterable[Programme], programme_id: str, version: str
) -> Programme | None:
    return next((p for p in programmes if p.id == programme_id and str(p.version) == version), None)


def _cap_problems(by_applicant: dict[Key, Decimal], programmes: list[Programme]) -> list[str]:
    problems = []
    for (programme_id, version, applicant, year, cap_key), total in sorted(by_applicant.items()):
        programme = _programme(programmes, programme_id, version)
        caps = (
            [c for c in programme.per_applicant_year_caps if c.key == cap_key] if programme else []
        )
        if caps and total > caps[0].amount.amount:
            problems.append(
                f"grants to {applicant} under {programme_id} v{version} in {year} total "
                f"{total:,}, above the cap {cap_key} of {caps[0].amount.amount:,}"
            )
    return problems


def _budget_problems(by_programme: dict[Key, Decimal], programmes: list[Programme]) -> list[str]:
    problems = []
    for (programme_id, version, year), total in sorted(by_programme.items()):
        programme = _programme(programmes, programme_id, version)
        budget = programme.annual_budget if programme else None
        if budget is not None and total > budget.amount:
            problems.append(
                f"{programme_id} v{version} granted {total:,} in {year}, above its budget "
                f"of {budget.amount:,}"
            )
    return problems


def _account_problems(session: Session) -> list[str]:
    problems = []
    row = grants.GrantRow
    applicant = _sums(
        session.execute(
            select(row.programme_id, row.applicant_id, row.year, row.year_cap_key, row.amount)
        ).tuples()
    )
    for held in session.scalars(select(grants.ApplicantAccountRow)):
        key = (held.programme_id, held.applicant_id, str(held.year), held.year_cap_key)
        if applicant.get(key, Decimal(0)) != held.granted_total:
            problems.append(
                f"the account of {held.applicant_id} under {held.programme_id} in "
                f"{held.year} says {held.granted_total:,}; its grants add up to "
                f"{applicant.get(key, Decimal(0)):,}"
            )
    programme = _sums(session.execute(select(row.programme_id, row.year, row.amount)).tuples())
    for account in session.scalars(select(grants.ProgrammeAccountRow)):
        total = programme.get((account.programme_id, str(account.year)), Decimal(0))
        if total != account.granted_total:
            problems.append(
                f"the account of {account.programme_id} in {account.year} says "
                f"{account.granted_total:,}; its grants add up to {total:,}"
            )
    return problems


def subsidy_problems(session: Session, programmes: list[Programme]) -> list[str]:
    """Return every grant total above its cap or budget, and every account that disagrees."""
    by_applicant, by_programme = _grant_sums(session)
    return [
        *_cap_problems(by_applicant, programmes),
        *_budget_problems(by_programme, programmes),
        *_account_problems(session),
    ]


def _claim_problems(session: Session) -> list[str]:
    problems = []
    payments = _sums(session.execute(select(PaymentRow.claim_id, PaymentRow.amount)).tuples())
    for claim in session.scalars(select(ClaimRow).order_by(ClaimRow.id)):
        paid = payments.get((claim.id,), Decimal(0))
        if paid != claim.paid:
            problems.append(f"claim {claim.id} records {claim.paid:,} paid; its payments: {paid:,}")
        if claim.paid > claim.adjudicated:
            problems.append(
                f"claim {claim.id} paid {claim.paid:,}, above the {claim.adjudicated:,} adjudicated"
            )
    return problems


def _policy_problems(session: Session) -> list[str]:
    problems = []
    sums = session.execute(
        select(
            ClaimRow.policy_number, func.sum(ClaimRow.adjudicated), func.sum(ClaimRow.paid)
        ).group_by(ClaimRow.policy_number)
    ).tuples()
    totals = {number: (Decimal(a or 0), Decimal(p or 0)) for number, a, p in sums}
    for account in session.scalars(
        select(PolicyAccountRow).order_by(PolicyAccountRow.policy_number)
    ):
        number = account.policy_number
        adjudicated, paid = totals.get(number, (Decimal(0), Decimal(0)))
        if (adjudicated, paid) != (account.adjudicated, account.paid):
            problems.append(
                f"the claim account of {number} says {account.adjudicated:,} adjudicated and "
                f"{account.paid:,} paid; its claims add up to {adjudicated:,} and {paid:,}"
            )
        limit = get_policy(session, number).terms.aggregate_limit.amount
        if account.adjudicated > limit:
            problems.append(
                f"policy {number} was adjudicated {account.adjudicated:,}, above its aggregate "
                f"limit of {limit:,}"
            )
    return problems


def claim_problems(session: Session) -> list[str]:
    """Return every claim paid beyond its adjudication, every total that disagrees, every limit."""
    return [*_claim_problems(session), *_policy_problems(session)]
