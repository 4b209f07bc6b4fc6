"""Claim use cases: notify, record invoices, adjudicate, pay, show, close and reopen.

Money movements follow the subsidy ledger's pattern (:mod:`patentshield.subsidies.service`):

* :func:`adjudicate_claim` locks the policy's claim account (``SELECT … FOR UPDATE`` on
  PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), reads what the policy's *other* claims were
  adjudicated, adjudicates and writes the new totals: concurrent adjudications of two claims
  under one policy never exceed its aggregate limit together;
* :func:`pay_claim` locks the claim row, replays a payment already made under the same
  idempotency key (a different request under that key is a Conflict) and refuses to pay more
  than adjudicated and not yet paid: N parallel payment requests for one claim pay once.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from patentshield.cases import service as cases
from patentshield.cases import store as case_store
from patentshield.cases.duties import notify_code
from patentshield.cases.model import Case
from patentshield.claims import store
from patentshield.claims.adjudicate import ClaimFacts, Consent, adjudicate
from patentshield.claims.model import (
    Adjudication,
    Claim,
    ClaimStatus,
    Expense,
    LineDecision,
    LineOutcome,
    Payment,
    Phase,
)
from patentshield.claims.notice import check_notice, declines
from patentshield.claims.payments import payment_amount
from patentshield.claims.reserve import Reserve, ReserveFacts, claim_reserve
from patentshield.claims.serialise import adjudication_json, reasons_json
from patentshield.enterprises.service import get_enterprise
from patentshield.kernel.db import Database, utc_now
from patentshield.kernel.errors import Conflict, InvalidInput, InvalidTransition, RuleViolation
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, Money
from patentshield.policies import policy_store
from patentshield.policies.binding import Policy
from patentshield.policies.reference import usd_cny_rate
from patentshield.products.model import CostCategory

MAX_KEY_LENGTH = 200


@dataclass(frozen=True, slots=True)
class ExpenseInput:
    """An invoice as the user gives it; ``fx_rate`` defaults to the shipped rate of its day."""

    invoice_number: str
    vendor: str
    category: CostCategory
    phase: Phase
    invoice_date: date
    amount: Money
    fx_rate: Decimal | None = None
    description: str = ""
    attachment: str | None = None
    own_staff: bool = False
    joint_allocation: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim with its policy, ledger, latest adjudication, payments, totals and reserve."""

    claim: Claim
    policy: Policy
    expenses: tuple[Expense, ...]
    adjudication: Adjudication | None
    payments: tuple[Payment, ...]
    adjudicated: Money
    paid: Money
    reserve: Reserve | None


def _case_and_policy(session: Session, case_ref: str, respondent: str) -> tuple[Case, str, Policy]:
    case = case_store.get_case(session, case_ref)
    try:
        key = case.respondent(respondent).key
    except KeyError:
        raise InvalidInput(
            "respondent", f"{respondent!r} is not a respondent of {case.number}"
        ) from None
    number = case.respondent(key).policy
    if number is None:
        raise RuleViolation(f"{key} is not insured: it bears its own costs", field="respondent")
    return case, key, policy_store.get_policy(session, number)


def notify_claim(
    database: Database,
    case_ref: str,
    respondent: str,
    *,
    notified_on: date,
    first_accused_sale: date | None = None,
    dispute_known_on: date | None = None,
    now: datetime,
) -> Claim:
    """Record the notice of claim of an insured respondent and decide whether it is accepted.

    A declined notice is recorded too (status ``declined``, with its reasons). The case's duty
    to notify the insurer is marked done on ``notified_on``.

    Raises
    ------
    Conflict
        When the respondent already notified a claim in this case.
    """
    try:
        with database.unit_of_work() as session:
            case, key, policy = _case_and_policy(session, case_ref, respondent)
            if notified_on < case.learned_on:
                raise InvalidInput(
                    "date", f"{notified_on} is before the insured learned of the case"
                )
            reasons = check_notice(
                policy,
                complaint_filed=case.complaint_filed,
                learned_on=case.learned_on,
                notified_on=notified_on,
                first_accused_sale=first_accused_sale,
                dispute_known_on=dispute_known_on,
            )
            status = ClaimStatus.DECLINED if declines(reasons) else ClaimStatus.OPEN
            claim = Claim(
                id=f"cl-{uuid.uuid4().hex[:12]}",
                case_id=case.id,
                case_number=case.number,
                policy_number=policy.number,
                respondent=key,
                notified_on=notified_on,
                status=status,
                notice_reasons=reasons,
                created_at=now,
                first_accused_sale=first_accused_sale,
                dispute_known_on=dispute_known_on,
            )
            session.add(
                store.ClaimRow(
                    id=claim.id,
                    case_id=case.id,
                    policy_number=policy.number,
                    respondent=key,
                    notified_on=notified_on,
                    status=status.value,
                    notice_reasons=cast(list[object], reasons_json(reasons)),
                    first_accused_sale=first_accused_sale,
                    dispute_known_on=dispute_known_on,
                    reopened=0,
                    currency=policy.terms.currency.value,
                    adjudicated=Decimal(0),
                    paid=Decimal(0),
                    adjudication_version=0,
                    created_at=now,
                )
            )
            session.flush()
            cases.record_duty(
                session, case, notify_code(key), day=notified_on, note=f"claim {claim.id}", now=now
            )
    except IntegrityError:
        raise Conflict(
            f"{respondent} already notified a claim in {case_ref}", field="respondent"
        ) from None
    return claim


def _claim(session: Session, claim_id: str, *, lock: bool = False) -> tuple[store.ClaimRow, Claim]:
    row = store.claim_row(session, claim_id, lock=lock)
    case = case_store.get_case(session, row.case_id)
    return row, store.to_claim(row, case.number)


def _fx(expense: ExpenseInput, currency: Currency) -> Decimal:
    if expense.amount.currency is currency:
        return Decimal(1)
    if expense.fx_rate is not None:
        if expense.fx_rate <= 0:
            raise InvalidInput("fx_rate", "must be positive")
        return expense.fx_rate
    rate, stale = usd_cny_rate(expense.invoice_date)
    if stale:
        raise InvalidInput(
            "fx_rate",
            f"the latest shipped USD/CNY fixing ({rate.as_of}) is too old for an invoice of "
            f"{expense.invoice_date}: give the rate of the invoice date",
        )
    if expense.amount.currency is rate.base:
        return rate.rate
    return Decimal(1) / rate.rate


def new_expense(claim_id: str, data: ExpenseInput, currency: Currency) -> Expense:
    """Check an invoice and return it as a ledger line (not saved)."""
    if not data.invoice_number.strip():
        raise InvalidInput("invoice", "give the invoice number")
    if not data.vendor.strip():
        raise InvalidInput("vendor", "name the vendor")
    if data.amount.amount <= 0:
        raise InvalidInput("amount", "must be positive")
    return Expense(
        id=f"ex-{uuid.uuid4().hex[:12]}",
        claim_id=claim_id,
        invoice_number=data.invoice_number.strip(),
        vendor=data.vendor.strip(),
        category=data.category,
        phase=data.phase,
        invoice_date=data.invoice_date,
        amount=data.amount.rounded(),
        fx_rate=_fx(data, currency),
        description=data.description,
        attachment=data.attachment,
        own_staff=data.own_staff,
        joint_allocation=data.joint_allocation,
    )


def record_expense(session: Session, claim_id: str, data: ExpenseInput) -> Expense:
    """Add an invoice to an open claim's ledger (in the caller's transaction)."""
    row, claim = _claim(session, claim_id, lock=True)
    if claim.status is not ClaimStatus.OPEN:
        raise InvalidTransition(
            f"claim {claim.id} is {claim.status}: reopen it first", field="claim"
        )
    expense = new_expense(claim.id, data, Currency(row.currency))
    if expense.attachment is not None:
        hashes = {item.sha256 for item in cases.list_evidence_in(session, claim.case_id)}
        if expense.attachment not in hashes:
            raise InvalidInput(
                "attachment", f"{expense.attachment} is not a file of the case's evidence"
            )
    try:
        with session.begin_nested():
            store.add_expense(session, expense)
    except IntegrityError:
        raise Conflict(
            f"invoice {expense.invoice_number} is already in claim {claim.id}", field="invoice"
        ) from None
    return expense


def add_expense(database: Database, claim_id: str, data: ExpenseInput) -> Expense:
    """Add an invoice to an open claim's ledger."""
    with database.unit_of_work() as session:
        return record_expense(session, claim_id, data)


def _facts(session: Session, claim: Claim, others: Money) -> ClaimFacts:
    case = case_store.get_case(session, claim.case_id)
    consents = tuple(
        Consent(c.firm, c.consented_on, c.panel)
        for c in case.counsel
        if c.respondent == claim.respondent
    )
    wilful = any(row.wilful_infringement for row in _outcome_rows(session, case.id))
    return ClaimFacts(
        claim_id=claim.id,
        declined_by_notice=claim.status is ClaimStatus.DECLINED,
        consents=consents,
        wilful_infringement_found=wilful,
        others_payable=others,
    )


def _outcome_rows(session: Session, case_id: str) -> list[store.OutcomeRow]:
    return list(
        session.scalars(select(store.OutcomeRow).where(store.OutcomeRow.case_id == case_id))
    )


def adjudicate_claim(database: Database, claim_id: str, *, day: date) -> Adjudication:
    """Adjudicate every invoice of a claim against its policy's frozen terms and save the run.

    Raises
    ------
    RuleViolation
        When the new payable amount would fall below what was already paid.
    """
    with database.unit_of_work() as session:
        row = store.claim_row(session, claim_id)
        policy = policy_store.get_policy(session, row.policy_number)
        currency = policy.terms.currency
        account = store.lock_policy_account(session, policy.number, currency)
        row, claim = _claim(session, claim_id, lock=True)
        before = Money(row.adjudicated, currency)
        others = Money(account.adjudicated, currency) - before
        result = adjudicate(
            policy.terms,
            _facts(session, claim, others),
            store.expenses(session, claim.id),
            decided_on=day,
            version=row.adjudication_version + 1,
        )
        if result.payable.amount < row.paid:
            raise RuleViolation(
                f"the claim would be adjudicated {result.payable}, below the "
                f"{Money(row.paid, currency)} already paid",
                field="claim",
            )
        session.add(
            store.AdjudicationRow(
                claim_id=claim.id,
                version=result.version,
                decided_on=day,
                currency=currency.value,
                claimed=result.claimed.amount,
                eligible=result.eligible.amount,
                payable=result.payable.amount,
                document=cast(dict[str, object], adjudication_json(result)),
            )
        )
        account.adjudicated = account.adjudicated - before.amount + result.payable.amount
        row.adjudicated = result.payable.amount
        row.adjudication_version = result.version
        session.flush()
    return result


def _fingerprint(claim_id: str, amount: Money | None, day: date) -> str:
    text = f"{claim_id}|{amount.to_json() if amount else 'outstanding'}|{day.isoformat()}"
    return hashlib.sha256(text.encode()).hexdigest()


def pay_claim(
    database: Database,
    claim_id: str,
    *,
    idempotency_key: str,
    day: date,
    amount: Money | None = None,
    note: str = "",
) -> Payment:
    """Pay ``amount`` (default: all adjudicated and unpaid) on a claim, idempotently.

    Raises
    ------
    Conflict
        When the key was used for a different request, or a concurrent request used it first.
    RuleViolation
        When nothing is outstanding or ``amount`` exceeds what is.
    """
    key = idempotency_key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidInput("idempotency_key", f"must be 1 to {MAX_KEY_LENGTH} characters")
    fingerprint = _fingerprint(claim_id, amount, day)
    try:
        with database.unit_of_work() as session:
            unlocked = store.claim_row(session, claim_id)
            # Lock in the order adjudication does (policy account, then claim): no deadlock.
            account = store.lock_policy_account(
                session, unlocked.policy_number, Currency(unlocked.currency)
            )
            row, claim = _claim(session, claim_id, lock=True)
            existing = store.payment_by_key(session, key)
            if existing is not None:
                if existing.fingerprint != fingerprint:
                    raise Conflict(
                        f"idempotency key {key!r} was used for payment {existing.id}",
                        field="idempotency_key",
                    )
                return store.to_payment(existing)
            currency = Currency(row.currency)
            paying = payment_amount(
                Money(row.adjudicated, currency), Money(row.paid, currency), amount
            )
            payment = Payment(
                id=f"pay-{uuid.uuid4().hex[:12]}",
                claim_id=claim.id,
                idempotency_key=key,
                amount=paying,
                paid_on=day,
                created_at=utc_now(),
                note=note,
            )
            session.add(
                store.PaymentRow(
                    id=payment.id,
                    claim_id=claim.id,
                    idempotency_key=key,
                    fingerprint=fingerprint,
                    currency=currency.value,
                    amount=paying.amount,
                    paid_on=day,
                    note=note,
                    created_at=payment.created_at,
                )
            )
            row.paid = row.paid + paying.amount
            account.paid = account.paid + paying.amount
            session.flush()
    except IntegrityError:
        raise Conflict(
            "a concurrent request used the same idempotency key first; retry with it",
            field="idempotency_key",
        ) from None
    return payment


def _adjudication_of(row: store.AdjudicationRow | None) -> Adjudication | None:
    if row is None:
        return None
    document = cast(dict[str, JsonValue], row.document)
    return adjudication_from_json(document)


def adjudication_from_json(document: dict[str, JsonValue]) -> Adjudication:
    """Rebuild an adjudication from its saved JSON document."""

    def money(value: JsonValue) -> Money:
        item = cast(dict[str, str], value)
        return Money.of(item["amount"], item["currency"])

    lines = []
    for raw in cast(list[dict[str, JsonValue]], document["lines"]):
        lines.append(
            LineDecision(
                expense_id=str(raw["expense"]),
                invoice_number=str(raw["invoice"]),
                category=CostCategory(str(raw["category"])),
                claimed=money(raw["claimed"]),
                eligible=money(raw["eligible"]),
                payable=money(raw["payable"]),
                outcome=LineOutcome(str(raw["outcome"])),
                reasons=store.reasons_from_json(cast(list[object], raw["reasons"])),
            )
        )
    return Adjudication(
        claim_id=str(document["claim"]),
        version=int(str(document["version"])),
        decided_on=date.fromisoformat(str(document["decided_on"])),
        claimed=money(document["claimed"]),
        eligible=money(document["eligible"]),
        payable=money(document["payable"]),
        lines=tuple(lines),
        reasons=store.reasons_from_json(cast(list[object], document["reasons"])),
    )


def _reserve(
    session: Session, claim: Claim, policy: Policy, row: store.ClaimRow, adj: Adjudication | None
) -> Reserve | None:
    if claim.status is not ClaimStatus.OPEN:
        return None
    case = case_store.get_case(session, claim.case_id)
    enterprise = get_enterprise(session, claim.respondent)
    currency = policy.terms.currency
    account = session.get(store.PolicyAccountRow, policy.number)
    fx, _warnings = usd_cny_rate(policy.period_start)
    facts = ReserveFacts(
        state=case.state,
        stake=enterprise.total_us_sales(),
        fx=fx,
        adjudicated=Money(row.adjudicated, currency),
        paid=Money(row.paid, currency),
        eligible_so_far=adj.eligible if adj else Money.zero(currency),
        policy_adjudicated=Money(account.adjudicated if account else Decimal(0), currency),
    )
    return claim_reserve(policy.terms, facts)


def claim_view(session: Session, claim_id: str) -> ClaimView:
    """Return a claim with everything about it (in the caller's transaction)."""
    row, claim = _claim(session, claim_id)
    policy = policy_store.get_policy(session, claim.policy_number)
    currency = policy.terms.currency
    adjudication = _adjudication_of(store.latest_adjudication(session, claim.id))
    return ClaimView(
        claim=claim,
        policy=policy,
        expenses=tuple(store.expenses(session, claim.id)),
        adjudication=adjudication,
        payments=tuple(store.payments(session, claim.id)),
        adjudicated=Money(row.adjudicated, currency),
        paid=Money(row.paid, currency),
        reserve=_reserve(session, claim, policy, row, adjudication),
    )


def show_claim(database: Database, claim_id: str) -> ClaimView:
    """Return a claim with its ledger, adjudication, payments and reserve."""
    with database.unit_of_work() as session:
        return claim_view(session, claim_id)


def list_claims(
    database: Database, *, policy: str | None = None, case: str | None = None
) -> list[ClaimView]:
    """Return the claims of a policy or a case (or all), oldest notice first."""
    with database.unit_of_work() as session:
        query = select(store.ClaimRow).order_by(store.ClaimRow.notified_on, store.ClaimRow.id)
        if policy is not None:
            number = policy_store.get_policy(session, policy).number
            query = query.where(store.ClaimRow.policy_number == number)
        if case is not None:
            query = query.where(store.ClaimRow.case_id == case_store.get_case(session, case).id)
        return [claim_view(session, row.id) for row in session.scalars(query)]


def close_claim(database: Database, claim_id: str) -> ClaimView:
    """Close an open claim whose adjudicated amount is fully paid.

    Raises
    ------
    RuleViolation
        When adjudicated amounts are unpaid or invoices are not adjudicated yet.
    """
    with database.unit_of_work() as session:
        row, claim = _claim(session, claim_id, lock=True)
        close_row(session, row, claim)
        return claim_view(session, claim_id)


def close_row(session: Session, row: store.ClaimRow, claim: Claim) -> None:
    """Close a claim row after checking it is settled (in the caller's transaction)."""
    if claim.status is not ClaimStatus.OPEN:
        raise InvalidTransition(f"claim {claim.id} is {claim.status}", field="claim")
    adjudicated = _adjudication_of(store.latest_adjudication(session, claim.id))
    expenses = store.expenses(session, claim.id)
    decided = {line.expense_id for line in adjudicated.lines} if adjudicated else set()
    if any(expense.id not in decided for expense in expenses):
        raise RuleViolation(f"claim {claim.id} has invoices not adjudicated", field="claim")
    if row.paid < row.adjudicated:
        raise RuleViolation(f"claim {claim.id} has adjudicated amounts unpaid", field="claim")
    row.status = ClaimStatus.CLOSED.value
    session.flush()


def reopen_claim(database: Database, claim_id: str) -> ClaimView:
    """Reopen a closed claim (new invoices after closing: an appeal, a design-around …)."""
    with database.unit_of_work() as session:
        row, claim = _claim(session, claim_id, lock=True)
        if claim.status is not ClaimStatus.CLOSED:
            raise InvalidTransition(
                f"only a closed claim is reopened; {claim.id} is {claim.status}", field="claim"
            )
        row.status = ClaimStatus.OPEN.value
        row.reopened += 1
        session.flush()
        return claim_view(session, claim_id)
