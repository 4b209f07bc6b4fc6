"""A product's claims conditions: when a claim is made, the order of terms, consent, recoupment.

Four terms of a wording decide how a claim is answered once cover responds; a catalog record may
state them under ``claim_conditions`` (each has a default):

* ``claim_trigger`` — the day a claim is *made* against the insured under a claims-made
  policy: the complaint naming the insured (the original complaint, or the amended complaint
  that added it; 19 CFR 210.8, 210.14(b)), the insured's first written demand (a demand letter,
  or the complaint when none came before), or the service of the complaint on the insured
  (19 CFR 210.11(a)). Default: the complaint naming the insured, the meaning every shipped
  product had.
* ``sub_limit_order`` — whether a sub-limit caps what the insurer pays *after* the deductible
  and coinsurance (``after_retention``, the default: a sub-limit states the insurer's maximum
  for a head of cover) or the loss *before* them (``before_retention``: the insured's retention
  then comes off an already capped amount).
* ``settlement_consent`` — settlement and licence payments need the insurer's written consent
  (default ``true``, as the issue asks: a liability insurer answers for the payments it agreed
  to, as the Chinese wordings pay "other fees with the insurer's prior written consent",
  DOMAIN.md §4.2 [R79]).
* ``final_adjudication`` — the wilful-infringement exclusion applies only once a *final*
  adjudication (no appeal left) finds wilfulness; defence costs are advanced until then and
  recouped from the insured afterwards. Default ``false``: the exclusion applies on the finding.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from patentshield.kernel.jsonvalue import JsonValue


class ClaimTrigger(StrEnum):
    """The event that makes a claim against the insured under a claims-made policy."""

    COMPLAINT = "complaint"  # the complaint (or amended complaint) naming the insured
    FIRST_WRITTEN_DEMAND = "first_written_demand"
    SERVICE = "service"  # service of the complaint and notice of investigation on the insured


class SubLimitOrder(StrEnum):
    """Whether sub-limits cap the insurer's payment or the loss before the insured's retention."""

    AFTER_RETENTION = "after_retention"
    BEFORE_RETENTION = "before_retention"


@dataclass(frozen=True, slots=True)
class ClaimConditions:
    """The claims conditions of a wording (see the module docstring for each default)."""

    claim_trigger: ClaimTrigger = ClaimTrigger.COMPLAINT
    sub_limit_order: SubLimitOrder = SubLimitOrder.AFTER_RETENTION
    settlement_consent: bool = True
    final_adjudication: bool = False


LEGACY_CONDITIONS = ClaimConditions(
    sub_limit_order=SubLimitOrder.BEFORE_RETENTION, settlement_consent=False
)
"""How policies frozen before the conditions were recorded were adjudicated (and still are):
sub-limits on the loss before the retention, settlements paid without a consent check."""


def conditions_json(conditions: ClaimConditions) -> dict[str, JsonValue]:
    """Return the conditions as JSON (the shape of a catalog file's ``claim_conditions``)."""
    return {
        "claim_trigger": conditions.claim_trigger.value,
        "sub_limit_order": conditions.sub_limit_order.value,
        "settlement_consent": conditions.settlement_consent,
        "final_adjudication": conditions.final_adjudication,
    }


def conditions_from_json(document: object) -> ClaimConditions:
    """Read conditions written by :func:`conditions_json` (``None``: the legacy conditions).

    Terms frozen before the conditions were recorded have none: they get
    :data:`LEGACY_CONDITIONS`.

    Raises
    ------
    ValueError
        When a value is not one of its kind's.
    """
    if document is None:
        return LEGACY_CONDITIONS
    if not isinstance(document, dict):
        raise ValueError(f"{document!r} is not a mapping of claims conditions")
    return ClaimConditions(
        claim_trigger=ClaimTrigger(str(document["claim_trigger"])),
        sub_limit_order=SubLimitOrder(str(document["sub_limit_order"])),
        settlement_consent=document["settlement_consent"] is True,
        final_adjudication=document["final_adjudication"] is True,
    )


def conditions_text(conditions: ClaimConditions) -> str:
    """Return the conditions in one line, e.g. for ``catalog show`` and ``policy show``."""
    consent = "needed" if conditions.settlement_consent else "not needed"
    clause = "yes (with recoupment)" if conditions.final_adjudication else "no"
    return (
        f"claim made on: {conditions.claim_trigger.value}; sub-limits "
        f"{conditions.sub_limit_order.value.replace('_', ' ')}; consent to settle {consent}; "
        f"final-adjudication clause {clause}"
    )
