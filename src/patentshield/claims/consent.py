"""What an invoice needs the insurer's consent for: counsel, and settlements or licences.

* **Counsel** — fees of US or local counsel under a ``prior_consent``, ``panel_only`` or
  ``panel_or_consent`` rule are paid only when the invoice's vendor is the firm the insurer
  consented to (a panel firm under ``panel_only``) and the invoice is dated on or after the
  consent (the Chinese wordings pay "other fees with the insurer's prior written consent",
  DOMAIN.md §4.2 [R79]).
* **Settlement or licence payments** — under a wording whose claims conditions require it
  (``settlement_consent``, the default: :mod:`patentshield.catalog.conditions`), a payment to
  the complainant is paid only under the insurer's written consent recorded on the claim by
  its claims handler (:mod:`patentshield.claims.settlement_service`): a consent to the invoice's
  vendor as counterparty, given on or before the invoice date (``no_settlement_consent``
  otherwise), and only up to the consented maximum, counted over the claim's payments to that
  counterparty (the excess: ``settlement_over_consent``). A later consent to the same
  counterparty supersedes an earlier one from its date on. A liability insurer answers for what
  it agreed to pay, not for a bargain struck without it.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from patentshield.catalog.model import CostCategory, CounselRule
from patentshield.claims.model import Expense, Reason, ReasonCode, SettlementConsent
from patentshield.kernel.money import Money, money_min
from patentshield.policies.terms import PolicyTerms

COUNSEL_CATEGORIES = frozenset({CostCategory.US_COUNSEL, CostCategory.LOCAL_COUNSEL})


@dataclass(frozen=True, slots=True)
class Consent:
    """The insurer's consent to a law firm as counsel of the insured."""

    firm: str
    consented_on: date
    panel: bool


def counterparty_key(name: str) -> str:
    """Return a party's name as compared: case and spacing do not matter."""
    return " ".join(name.casefold().split())


def _same_firm(vendor: str, firm: str) -> bool:
    return counterparty_key(vendor) == counterparty_key(firm)


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


def consent_in_force(
    consents: Sequence[SettlementConsent], counterparty: str, day: date
) -> SettlementConsent | None:
    """Return the consent to ``counterparty`` in force on ``day``, if any.

    That is the latest-dated consent to it on or before ``day``; of two given the same day,
    the one recorded last. A later consent thus supersedes an earlier one from its date on.
    """
    key = counterparty_key(counterparty)
    given = [
        c for c in consents if counterparty_key(c.counterparty) == key and c.consented_on <= day
    ]
    return max(given, key=lambda c: (c.consented_on, c.sequence), default=None)


def _applies(expense: Expense, terms: PolicyTerms) -> bool:
    return (
        expense.category is CostCategory.SETTLEMENT_LICENCE and terms.conditions.settlement_consent
    )


def settlement_reason(
    expense: Expense, terms: PolicyTerms, consents: Sequence[SettlementConsent]
) -> Reason | None:
    """Return the consent reason of a settlement or licence payment (``None`` for others)."""
    if not _applies(expense, terms):
        return None
    consent = consent_in_force(consents, expense.vendor, expense.invoice_date)
    if consent is not None:
        text = (
            f"the insurer consented on {consent.consented_on} to a settlement or licence with "
            f"{consent.counterparty} of at most {consent.maximum}"
        )
        return Reason(ReasonCode.SETTLEMENT_CONSENTED, text)
    later = sorted(
        c.consented_on
        for c in consents
        if counterparty_key(c.counterparty) == counterparty_key(expense.vendor)
    )
    if later:
        text = (
            f"invoice of {expense.invoice_date} predates the insurer's consent to a settlement "
            f"with {expense.vendor} ({later[0]})"
        )
        return Reason(ReasonCode.NO_SETTLEMENT_CONSENT, text)
    text = (
        f"{terms.product_id} pays a settlement or licence only with the insurer's written "
        f"consent, and the insurer recorded none to a settlement with {expense.vendor}"
    )
    return Reason(ReasonCode.NO_SETTLEMENT_CONSENT, text)


def settlement_cap(
    expense: Expense,
    terms: PolicyTerms,
    consents: Sequence[SettlementConsent],
    claimed: Money,
    used: Money,
) -> tuple[Money, Reason | None]:
    """Cap a consented settlement's ``claimed`` amount by what its consent leaves.

    ``used`` is what earlier invoices of the claim to the same counterparty already took of
    it; the excess over the consented maximum is declined (``settlement_over_consent``).
    """
    consent = consent_in_force(consents, expense.vendor, expense.invoice_date)
    if not _applies(expense, terms) or consent is None:
        return claimed, None
    room = consent.maximum - used if used < consent.maximum else Money.zero(claimed.currency)
    allowed = money_min(claimed, room)
    if allowed == claimed:
        return claimed, None
    text = (
        f"the insurer consented to at most {consent.maximum} to {consent.counterparty} on "
        f"{consent.consented_on}; {used} of it already claimed"
    )
    return allowed, Reason(ReasonCode.SETTLEMENT_OVER_CONSENT, text, allowed - claimed)
