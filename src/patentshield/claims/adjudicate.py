"""Adjudication of a claim's invoices against the policy's frozen terms, as a pure function.

Each invoice (in date order, then by invoice number) goes through the same steps, and each step
that changes the amount writes a :class:`~patentshield.claims.model.Reason` with its code:

1. **Currency** — the invoice amount times its FX rate, rounded: the claimed amount in the
   policy currency.
2. **Claim** — a notice that declined the claim, a finding of wilful infringement under a
   wording that excludes it, or a wording unclear on whether an ITC investigation is covered
   (referred to the insurer) declines every invoice.
3. **Category** — the cost category must be *covered* by the wording; *not covered* and
   *unclear* decline the invoice (unclear cover is referred to the insurer, not paid).
4. **Counsel** — fees of US or local counsel need the insurer's consent under a
   prior-consent, panel-only or panel-or-consent rule: the invoice's vendor must be the
   consented firm (panel firm for panel-only) and its date on or after the consent.
5. **Exclusions** — the insured's own staff as experts, where excluded.
6. **Sub-limit** — what the category already used in this claim is taken off its sub-limit.
7. **Deductible** — once per claim, taken from the first eligible invoices.
8. **Coinsurance** — the insured keeps its share of what is left (rounded per invoice).
9. **Per-claim limit**, then **aggregate limit** — what this claim and the policy's other
   claims (``others_payable``) already took is taken off, so the claims of one policy year
   never exceed the aggregate.

Every step is monotone, so a larger invoice never yields a smaller payable amount.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from patentshield.claims.model import (
    Adjudication,
    Expense,
    LineDecision,
    LineOutcome,
    Reason,
    ReasonCode,
)
from patentshield.kernel.money import Currency, Money, money_min
from patentshield.policies.terms import PolicyTerms
from patentshield.products.model import Answer, CostCategory, CounselRule, Cover, Exclusion

COUNSEL_CATEGORIES = frozenset({CostCategory.US_COUNSEL, CostCategory.LOCAL_COUNSEL})


@dataclass(frozen=True, slots=True)
class Consent:
    """The insurer's consent to a law firm as counsel of the insured."""

    firm: str
    consented_on: date
    panel: bool


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """What adjudication needs besides the terms and the invoices."""

    claim_id: str
    declined_by_notice: bool
    consents: tuple[Consent, ...] = ()
    wilful_infringement_found: bool = False
    others_payable: Money | None = None


@dataclass(slots=True)
class _Running:
    currency: Currency
    deductible_left: Money
    per_claim_left: Money
    aggregate_left: Money
    used_by_category: dict[CostCategory, Money] = field(default_factory=dict)


def claimed_amount(expense: Expense, currency: Currency) -> Money:
    """Return the invoice amount in the policy currency (rounded)."""
    if expense.amount.currency is currency:
        return expense.amount.rounded()
    return Money(expense.amount.amount * expense.fx_rate, currency).rounded()


def _same_firm(vendor: str, firm: str) -> bool:
    return " ".join(vendor.casefold().split()) == " ".join(firm.casefold().split())


def _counsel_reason(
    expense: Expense, rule: CounselRule, consents: Sequence[Consent]
) -> Reason | None:
    """Return a declining reason when counsel fees lack consent, a positive one otherwise."""
    if expense.category not in COUNSEL_CATEGORIES or rule is CounselRule.FREE_CHOICE:
        return None
    matching = [c for c in consents if _same_firm(expense.vendor, c.firm)]
    if rule is CounselRule.PANEL_ONLY:
        matching = [c for c in matching if c.panel]
        if not matching:
            text = f"{expense.vendor} is not the insurer's panel counsel (counsel rule panel_only)"
            return Reason(ReasonCode.NOT_PANEL_COUNSEL, text)
    if not matching:
        text = f"no consent of the insurer to {expense.vendor} as counsel (rule {rule.value})"
        return Reason(ReasonCode.NO_COUNSEL_CONSENT, text)
    consent = min(matching, key=lambda c: c.consented_on)
    if expense.invoice_date < consent.consented_on:
        text = (
            f"invoice of {expense.invoice_date} predates the consent to {consent.firm} "
            f"({consent.consented_on})"
        )
        return Reason(ReasonCode.NO_COUNSEL_CONSENT, text)
    text = f"{consent.firm} consented on {consent.consented_on}"
    return Reason(ReasonCode.COUNSEL_CONSENTED, text)


def _refusal(terms: PolicyTerms, facts: ClaimFacts, expense: Expense) -> list[Reason]:
    """Return the reasons of an invoice; the last one declines it when it is a refusal."""
    if facts.declined_by_notice:
        return [Reason(ReasonCode.CLAIM_DECLINED, "the notice of claim was declined")]
    if facts.wilful_infringement_found and Exclusion.WILFUL_INFRINGEMENT in terms.exclusions:
        return [Reason(ReasonCode.WILFUL_INFRINGEMENT, "wilful infringement was found")]
    if terms.responds_to_337 is Answer.UNCLEAR:
        text = (
            f"whether {terms.product_id} covers an ITC investigation is unclear (DOMAIN.md §7 "
            "item 7): referred to the insurer, not paid"
        )
        return [Reason(ReasonCode.ITC_COVER_UNCLEAR, text)]
    cover = terms.cover_for(expense.category)
    if cover is Cover.NOT_COVERED:
        text = f"{expense.category.value} is not covered by {terms.product_id}"
        return [Reason(ReasonCode.CATEGORY_NOT_COVERED, text)]
    if cover is Cover.UNCLEAR:
        text = f"the wording of {terms.product_id} is unclear on {expense.category.value}"
        return [Reason(ReasonCode.CATEGORY_COVER_UNCLEAR, text + "; referred to the insurer")]
    reasons = [Reason(ReasonCode.CATEGORY_COVERED, f"{expense.category.value} is covered")]
    counsel = _counsel_reason(expense, terms.counsel, facts.consents)
    if counsel is not None:
        reasons.append(counsel)
    own = expense.own_staff and Exclusion.INSURED_OWN_STAFF_AS_EXPERTS in terms.exclusions
    if own and expense.category is CostCategory.EXPERTS:
        reasons.append(Reason(ReasonCode.OWN_STAFF_EXPERT, "the insured's own staff as experts"))
    return reasons


REFUSALS = frozenset(
    {
        ReasonCode.CLAIM_DECLINED,
        ReasonCode.WILFUL_INFRINGEMENT,
        ReasonCode.ITC_COVER_UNCLEAR,
        ReasonCode.CATEGORY_NOT_COVERED,
        ReasonCode.CATEGORY_COVER_UNCLEAR,
        ReasonCode.NO_COUNSEL_CONSENT,
        ReasonCode.NOT_PANEL_COUNSEL,
        ReasonCode.OWN_STAFF_EXPERT,
    }
)


def _sub_limited(
    terms: PolicyTerms, running: _Running, category: CostCategory, amount: Money
) -> tuple[Money, Reason | None]:
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


def _net(terms: PolicyTerms, running: _Running, eligible: Money) -> tuple[Money, list[Reason]]:
    """Apply deductible, coinsurance and the limits to one invoice's eligible amount."""
    reasons = []
    zero = Money.zero(running.currency)
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


def _outcome(claimed: Money, payable: Money) -> LineOutcome:
    if payable.is_zero() and not claimed.is_zero():
        return LineOutcome.DECLINED
    return LineOutcome.ACCEPTED if payable == claimed else LineOutcome.PARTIAL


def _line(
    terms: PolicyTerms, facts: ClaimFacts, running: _Running, expense: Expense
) -> LineDecision:
    claimed = claimed_amount(expense, terms.currency)
    reasons: list[Reason] = []
    if expense.amount.currency is not terms.currency:
        text = f"{expense.amount} at {expense.fx_rate} on {expense.invoice_date} = {claimed}"
        reasons.append(Reason(ReasonCode.CURRENCY_CONVERTED, text))
    checks = _refusal(terms, facts, expense)
    reasons.extend(checks)
    zero = Money.zero(terms.currency)
    if checks[-1].code in REFUSALS:
        return LineDecision(
            expense.id,
            expense.invoice_number,
            expense.category,
            claimed,
            zero,
            zero,
            LineOutcome.DECLINED,
            tuple(reasons),
        )
    eligible, sub_limit = _sub_limited(terms, running, expense.category, claimed)
    if sub_limit is not None:
        reasons.append(sub_limit)
    payable, steps = _net(terms, running, eligible)
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
    claimed = sum((line.claimed for line in lines), zero)
    eligible = sum((line.eligible for line in lines), zero)
    payable = sum((line.payable for line in lines), zero)
    reasons = (
        (Reason(ReasonCode.AGGREGATE_LIMIT, f"other claims of the policy took {others}", others),)
        if not others.is_zero()
        else ()
    )
    return Adjudication(
        claim_id=facts.claim_id,
        version=version,
        decided_on=decided_on,
        claimed=claimed,
        eligible=eligible,
        payable=payable,
        lines=lines,
        reasons=reasons,
    )


def line_totals(adjudication: Adjudication) -> Mapping[str, Money]:
    """Return the payable amount of each invoice by expense id."""
    return {line.expense_id: line.payable for line in adjudication.lines}
