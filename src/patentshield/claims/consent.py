"""What an invoice needs the insurer's consent for: counsel, and settlements or licences.

* **Counsel** — fees of US or local counsel under a ``prior_consent``, ``panel_only`` or
  ``panel_or_consent`` rule are paid only when the invoice's vendor is the firm the insurer
  consented to (a panel firm under ``panel_only``) and the invoice is dated on or after the
  consent (the Chinese wordings pay "other fees with the insurer's prior written consent",
  DOMAIN.md §4.2 [R79]).
* **Settlement or licence payments** — under a wording whose claims conditions require it
  (``settlement_consent``, the default: :mod:`patentshield.catalog.conditions`), a payment to
  the complainant is paid only when the insurer's written consent to it is recorded with the
  invoice (``no_settlement_consent`` otherwise). A liability insurer answers for what it agreed
  to pay, not for a bargain struck without it.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from patentshield.catalog.model import CostCategory, CounselRule
from patentshield.claims.model import Expense, Reason, ReasonCode
from patentshield.policies.terms import PolicyTerms

COUNSEL_CATEGORIES = frozenset({CostCategory.US_COUNSEL, CostCategory.LOCAL_COUNSEL})


@dataclass(frozen=True, slots=True)
class Consent:
    """The insurer's consent to a law firm as counsel of the insured."""

    firm: str
    consented_on: date
    panel: bool


def _same_firm(vendor: str, firm: str) -> bool:
    return " ".join(vendor.casefold().split()) == " ".join(firm.casefold().split())


def _offer(panel: Sequence[str]) -> str:
    return f"; the insurer's panel: {'; '.join(panel)}" if panel else ""


def counsel_reason(
    expense: Expense, rule: CounselRule, consents: Sequence[Consent], *, panel: Sequence[str] = ()
) -> Reason | None:
    """Return a declining reason when counsel fees lack consent, a positive one otherwise.

    A declining reason names the product's ``panel`` counsel (its provider directory,
    :mod:`patentshield.compliance.providers`), the firms the insurer consents to.
    """
    if expense.category not in COUNSEL_CATEGORIES or rule is CounselRule.FREE_CHOICE:
        return None
    matching = [c for c in consents if _same_firm(expense.vendor, c.firm)]
    if rule is CounselRule.PANEL_ONLY:
        matching = [c for c in matching if c.panel]
        if not matching:
            text = f"{expense.vendor} is not the insurer's panel counsel (counsel rule panel_only)"
            return Reason(ReasonCode.NOT_PANEL_COUNSEL, text + _offer(panel))
    if not matching:
        text = f"no consent of the insurer to {expense.vendor} as counsel (rule {rule.value})"
        return Reason(ReasonCode.NO_COUNSEL_CONSENT, text + _offer(panel))
    consent = min(matching, key=lambda c: c.consented_on)
    if expense.invoice_date < consent.consented_on:
        text = (
            f"invoice of {expense.invoice_date} predates the consent to {consent.firm} "
            f"({consent.consented_on})"
        )
        return Reason(ReasonCode.NO_COUNSEL_CONSENT, text)
    text = f"{consent.firm} consented on {consent.consented_on}"
    return Reason(ReasonCode.COUNSEL_CONSENTED, text)


def settlement_reason(expense: Expense, terms: PolicyTerms) -> Reason | None:
    """Return the consent reason of a settlement or licence payment (``None`` for others)."""
    if expense.category is not CostCategory.SETTLEMENT_LICENCE:
        return None
    if not terms.conditions.settlement_consent:
        return None
    if expense.insurer_consent_on is None:
        text = (
            f"{terms.product_id} pays a settlement or licence only with the insurer's written "
            "consent, and none is recorded for this payment"
        )
        return Reason(ReasonCode.NO_SETTLEMENT_CONSENT, text)
    text = f"the insurer consented to the payment on {expense.insurer_consent_on}"
    return Reason(ReasonCode.SETTLEMENT_CONSENTED, text)
