"""The day a claim is made against the insured, by the trigger its policy names.

A claims-made policy answers a claim *made* in its period; which event makes it is a term of
the wording (:class:`~patentshield.catalog.conditions.ClaimTrigger`), not always the filing of
the complaint:

* ``complaint`` — the complaint naming the insured: the original complaint (19 CFR 210.8), or,
  for a respondent added later, the amended complaint that added it (19 CFR 210.14(b));
* ``first_written_demand`` — the insured's first written demand: a demand or cease-and-desist
  letter, or the complaint naming it when no letter came before (a complaint is a demand);
* ``service`` — the service of the complaint and notice of investigation on the insured
  (19 CFR 210.11(a)); a respondent added by amendment is served with the amended complaint,
  so its service cannot come before the amendment.

An occurrence policy dates its occurrence by the complaint naming the insured (the first
accused import is rarely known). When the insured is the **complainant**, its own complaint
makes the claim, whatever the trigger.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from patentshield.catalog.conditions import ClaimTrigger
from patentshield.catalog.model import ClaimsBasis
from patentshield.kernel.errors import InvalidInput
from patentshield.policies.terms import PolicyTerms


@dataclass(frozen=True, slots=True)
class ClaimDates:
    """The dates a claim may be made on, as known for one insured party of a case."""

    complaint_filed: date
    named_by_amendment_on: date | None = None
    first_demand_on: date | None = None
    served_on: date | None = None
    complainant: bool = False

    @property
    def naming_complaint(self) -> date:
        """The complaint that named the insured: the amended one that added it, if any."""
        return self.named_by_amendment_on or self.complaint_filed


def check_claim_dates(dates: ClaimDates) -> None:
    """Refuse dates that contradict the procedure.

    Raises
    ------
    InvalidInput
        When the amendment predates the complaint, or the insured was served before the
        complaint that named it.
    """
    amended = dates.named_by_amendment_on
    if amended is not None and amended < dates.complaint_filed:
        raise InvalidInput(
            "named_by_amendment",
            f"{amended} is before the complaint of {dates.complaint_filed}",
        )
    served = dates.served_on
    if served is not None and served < dates.naming_complaint:
        raise InvalidInput(
            "served",
            f"the insured cannot be served on {served}, before the complaint naming it "
            f"({dates.naming_complaint}); give its own service date",
        )


def claim_made_on(terms: PolicyTerms, dates: ClaimDates) -> tuple[date, str]:
    """Return the day the claim was made under ``terms`` and what made it.

    Raises
    ------
    InvalidInput
        When the policy's trigger is the service on the insured and no service date is known,
        or the dates contradict the procedure (:func:`check_claim_dates`).
    """
    check_claim_dates(dates)
    named = dates.naming_complaint
    amended = " (amended complaint)" if dates.named_by_amendment_on else ""
    if dates.complainant:
        return dates.complaint_filed, "the insured's own complaint"
    trigger = terms.conditions.claim_trigger
    if terms.claims_basis is ClaimsBasis.OCCURRENCE or trigger is ClaimTrigger.COMPLAINT:
        return named, f"the complaint naming the insured{amended}"
    if trigger is ClaimTrigger.FIRST_WRITTEN_DEMAND:
        demand = dates.first_demand_on
        if demand is not None and demand < named:
            return demand, "the first written demand"
        return named, f"the complaint naming the insured{amended}, its first written demand"
    if dates.served_on is None:
        raise InvalidInput(
            "served",
            "the policy's claim is made on service on the insured: record the service date",
        )
    return dates.served_on, "service of the complaint on the insured"
