"""Adjudication of a claim's invoices against the policy's frozen terms, as a pure function.

Each invoice (in date order, then by invoice number) goes through the same steps, and each step
that changes the amount writes a :class:`~patentshield.claims.model.Reason` with its code:

1. **Currency** — the invoice amount times its FX rate, rounded: the claimed amount in the
   policy currency.
2. **Eligibility** — the checks of :mod:`~patentshield.claims.eligibility`: a declined notice,
   a wilful-infringement finding, the undeterminable part of a late notice, the category's
   cover (unclear read as covered, PRC Insurance Law art. 30), consent to counsel and to a
   settlement, the insured's own staff. A refusal declines the invoice. A settlement or licence
   payment is then capped by the maximum of the insurer's consent in force, less what the
   claim's earlier payments to the same counterparty took of it (``settlement_over_consent``).
3. **Retention and sub-limits, in the order of the terms**
   (:class:`~patentshield.catalog.conditions.SubLimitOrder`): by default
   (``after_retention``) the **deductible** (once per claim, from the first eligible
   invoices), then **coinsurance** (the insured keeps its share, rounded per invoice), then
   the **sub-limit**, which caps what the insurer pays for the category in this claim; under
   ``before_retention`` the sub-limit caps the loss first and the deductible and coinsurance
   come off what it leaves.
4. **Per-claim limit**, then **aggregate limit** — what this claim and the policy's other
   claims (``others_payable``) already took is taken off, so the claims of one policy year
   never exceed the aggregate.

The claim as a whole records that a wording unclear on whether an ITC investigation is covered
was read as covering it (``itc_cover_unclear``, art. 30) and, under a final-adjudication clause
once a wilful-infringement finding is final, the recoupment of what was paid
(:mod:`~patentshield.claims.wilful`). Every step is monotone, so a larger invoice never yields a
smaller payable amount.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from patentshield.catalog.conditions import SubLimitOrder
from patentshield.catalog.coverage import ARTICLE_30
from patentshield.catalog.model import Answer, CostCategory
from patentshield.claims.consent import (
    COUNSEL_CATEGORIES,
    Consent,
    counterparty_key,
    settlement_cap,
)
from patentshield.claims.eligibility import REFUSALS, ClaimFacts, invoice_reasons, is_declined
from patentshield.claims.model import (
    Adjudication,
    Expense,
    LineDecision,
    LineOutcome,
    Reason,
    ReasonCode,
)
from patentshield.claims.wilful import recoupment_reason
from patentshield.kernel.money import Currency, Money, money_min
from patentshield.policies.terms import PolicyTerms

__all__ = [
    "COUNSEL_CATEGORIES",
    "REFUSALS",
    "ClaimFacts",
    "Consent",
    "adjudicate",
    "claimed_amount",
    "line_totals",
]


@dataclass(slots=True)
class _Running:
    currency: Currency
    deductible_left: Money
    per_claim_left: Money
    aggregate_left: Money
    used_by_category: dict[CostCategory, Money] = field(default_factory=dict)
    settled: dict[str, Money] = field(default_factory=dict)


def claimed_amount(expense: Expense, currency: Currency) -> Money:
    """Return the invoice amount in the policy currency (rounded)."""
    if expense.amount.currency is currency:
        return expense.amount.rounded()
    return Money(expense.amount.amount * expense.fx_rate, currency).rounded()


def _sub_limited(
    terms: PolicyTerms, running: _Running, category: CostCategory, amount: Money
) -> tuple[Money, Reason | None]:
    """Cap ``amount`` by what is left of the category's sub-limit in this claim."""
    limit = terms.sub_limits.get(category)
    if limit is None:
        return amount, None
    used = running.used_by_category.get(category, Money.zero(running.currency))
    room = limit - used if used < limit else Money.zero(running.currency)
    allowed = money_min(amount, room)
    running.used_by_category[category] = used + allowed
    if allowed == amount:
        return amount, None
    text = f"sub-limit of {limit} for {category.value}; {used} already used in this claim"
    return allowed, Reason(ReasonCode.SUB_LIMIT, text, allowed - amount)


def _retained(terms: PolicyTerms, running: _Running, eligible: Money) -> tuple[Money, list[Reason]]:
    """Take the unused deductible, then the coinsurance share, off ``eligible``."""
    reasons = []
    absorbed = money_min(eligible, running.deductible_left)
    if not absorbed.is_zero():
        running.deductible_left = running.deductible_left - absorbed
        text = f"deductible of {terms.deductible} per claim ({running.deductible_left} left)"
        reasons.append(Reason(ReasonCode.DEDUCTIBLE, text, -absorbed))
    after = eligible - absorbed
    payable = Money(after.amount * (Decimal(1) - terms.coinsurance), after.currency).rounded()
    if payable != after:
        text = f"coinsurance: the insured keeps {terms.coinsurance * 100:.0f} %"
        reasons.append(Reason(ReasonCode.COINSURANCE, text, payable - after))
    return payable, reasons


def _limited(terms: PolicyTerms, running: _Running, payable: Money) -> tuple[Money, list[Reason]]:
    """Cap ``payable`` by the per-claim and aggregate limits left, and use them."""
    reasons = []
    zero = Money.zero(running.currency)
    for code, attribute, label in (
        (ReasonCode.PER_CLAIM_LIMIT, "per_claim_left", f"per-claim limit {terms.per_claim_limit}"),
        (ReasonCode.AGGREGATE_LIMIT, "aggregate_left", f"aggregate limit {terms.aggregate_limit}"),
    ):
        left: Money = getattr(running, attribute)
        capped = money_min(payable, left if left > zero else zero)
        if capped != payable:
            reasons.append(Reason(code, f"{label}: {left} left", capped - payable))
        payable = capped
    running.per_claim_left = running.per_claim_left - payable
    running.aggregate_left = running.aggregate_left - payable
    return payable, reasons


def _amounts(
    terms: PolicyTerms, running: _Running, category: CostCategory, claimed: Money
) -> tuple[Money, Money, list[Reason]]:
    """Return an eligible invoice's eligible and payable amounts, in the order of the terms."""
    reasons: list[Reason] = []
    eligible = claimed
    if terms.conditions.sub_limit_order is SubLimitOrder.BEFORE_RETENTION:
        eligible, capped = _sub_limited(terms, running, category, claimed)
        reasons += [capped] if capped is not None else []
    payable, retention = _retained(terms, running, eligible)
    reasons += retention
    if terms.conditions.sub_limit_order is SubLimitOrder.AFTER_RETENTION:
        payable, capped = _sub_limited(terms, running, category, payable)
        reasons += [capped] if capped is not None else []
    payable, limits = _limited(terms, running, payable)
    return eligible, payable, reasons + limits


def _outcome(claimed: Money, payable: Money) -> LineOutcome:
    if payable.is_zero() and not claimed.is_zero():
        return LineOutcome.DECLINED
    return LineOutcome.ACCEPTED if payable == claimed else LineOutcome.PARTIAL


def _within_consent(
    terms: PolicyTerms, facts: ClaimFacts, running: _Running, expense: Expense, claimed: Money
) -> tuple[Money, Reason | None]:
    """Cap a settlement by the insurer's consent, after what earlier ones to its payee took."""
    if expense.category is not CostCategory.SETTLEMENT_LICENCE:
        return claimed, None
    key = counterparty_key(expense.vendor)
    used = running.settled.get(key, Money.zero(running.currency))
    allowed, over = settlement_cap(expense, terms, facts.settlements, claimed, used)
    running.settled[key] = used + allowed
    return allowed, over


def _line(
    terms: PolicyTerms, facts: ClaimFacts, running: _Running, expense: Expense
) -> LineDecision:
    claimed = claimed_amount(expense, terms.currency)
    reasons: list[Reason] = []
    if expense.amount.currency is not terms.currency:
        text = f"{expense.amount} at {expense.fx_rate} on {expense.invoice_date} = {claimed}"
        reasons.append(Reason(ReasonCode.CURRENCY_CONVERTED, text))
    checks = invoice_reasons(terms, facts, expense)
    reasons.extend(checks)
    zero = Money.zero(terms.currency)
    eligible, payable = zero, zero
    if not is_declined(checks):
        within, over = _within_consent(terms, facts, running, expense, claimed)
        reasons += [over] if over is not None else []
        eligible, payable, steps = _amounts(terms, running, expense.category, within)
        reasons.extend(steps)
    return LineDecision(
        expense.id,
        expense.invoice_number,
        expense.category,
        claimed,
        eligible,
        payable,
        _outcome(claimed, payable),
        tuple(reasons),
    )


def _claim_reasons(terms: PolicyTerms, facts: ClaimFacts, others: Money) -> tuple[Reason, ...]:
    reasons = []
    if Answer.UNCLEAR in (terms.responds_to_337, terms.enforces_in_337):
        text = (
            f"whether {terms.product_id} covers an ITC investigation is unclear (DOMAIN.md §7 "
            f"item 7): read as covered ({ARTICLE_30})"
        )
        reasons.append(Reason(ReasonCode.ITC_COVER_UNCLEAR, text))
    if not others.is_zero():
        text = f"other claims of the policy took {others}"
        reasons.append(Reason(ReasonCode.AGGREGATE_LIMIT, text, others))
    recoup = recoupment_reason(terms, facts.wilful, facts.paid or Money.zero(terms.currency))
    return (*reasons, recoup) if recoup is not None else tuple(reasons)


def adjudicate(
    terms: PolicyTerms,
    facts: ClaimFacts,
    expenses: Sequence[Expense],
    *,
    decided_on: date,
    version: int = 1,
) -> Adjudication:
    """Adjudicate every invoice of a claim and the claim as a whole."""
    currency = terms.currency
    zero = Money.zero(currency)
    others = facts.others_payable or zero
    running = _Running(
        currency=currency,
        deductible_left=terms.deductible or zero,
        per_claim_left=terms.per_claim_limit,
        aggregate_left=terms.aggregate_limit - others,
    )
    ordered = sorted(expenses, key=lambda e: (e.invoice_date, e.invoice_number, e.id))
    lines = tuple(_line(terms, facts, running, expense) for expense in ordered)
    return Adjudication(
        claim_id=facts.claim_id,
        version=version,
        decided_on=decided_on,
        claimed=sum((line.claimed for line in lines), zero),
        eligible=sum((line.eligible for line in lines), zero),
        payable=sum((line.payable for line in lines), zero),
        lines=lines,
        reasons=_claim_reasons(terms, facts, others),
    )


def line_totals(adjudication: Adjudication) -> Mapping[str, Money]:
    """Return the payable amount of each invoice by expense id."""
    return {line.expense_id: line.payable for line in adjudication.lines}
