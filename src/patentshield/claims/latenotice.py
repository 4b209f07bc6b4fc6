"""Late notice of a claim, as PRC Insurance Law art. 21 allows an insurer to answer it.

Art. 21: once the insured knows of the insured event it must notify the insurer in time. Where
it fails to *intentionally or through gross negligence*, so that the nature, cause or extent of
the loss can no longer be determined, the insurer does not pay **the part that cannot be
determined** — unless it knew, or should have known, of the event in time by other means.

So a notice after the policy's notice period never declines a claim by itself: the notice
records ``notice_late`` and the claim is open and paid. Only when the insurer shows that the
delay was intentional or grossly negligent (:class:`~patentshield.claims.model.NoticeFault`,
recorded with the notice; not recorded when the insurer knew by other means) does it refuse
anything, and then only the undeterminable part. We read that part as the costs incurred
*during the delay* — invoices dated after the notice was due and before it was given (J: the
insurer could neither consent to the counsel or the settlement they paid for nor check that
they were needed); those invoices are declined with ``late_notice_undeterminable``, every
other invoice is adjudicated as usual.

The notice period counts calendar days from the day the insured learned of the claim.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from patentshield.claims.model import Expense, NoticeFault, Reason, ReasonCode
from patentshield.kernel.errors import InvalidInput
from patentshield.policies.terms import PolicyTerms

ARTICLE_21 = "PRC Insurance Law art. 21"


@dataclass(frozen=True, slots=True)
class LateNotice:
    """A notice given after ``due`` (the last day of the notice period), and the fault shown."""

    due: date
    notified_on: date
    fault: NoticeFault | None

    def is_undeterminable(self, day: date) -> bool:
        """Tell whether a cost incurred on ``day`` is part of the loss the delay hid."""
        return self.fault is not None and self.due < day < self.notified_on


def notice_due(terms: PolicyTerms, learned_on: date) -> date:
    """Return the last day of the notice period (``notice_days`` after ``learned_on``)."""
    return learned_on + timedelta(days=terms.notice_days)


def late_notice(
    terms: PolicyTerms, learned_on: date, notified_on: date, fault: NoticeFault | None = None
) -> LateNotice | None:
    """Return the late notice, or ``None`` for a notice in time.

    Raises
    ------
    InvalidInput
        When a fault is given for a notice in time (there is no delay to blame).
    """
    due = notice_due(terms, learned_on)
    if notified_on <= due:
        if fault is not None:
            raise InvalidInput(
                "late_notice_fault", f"the notice of {notified_on} is in time (due by {due})"
            )
        return None
    return LateNotice(due, notified_on, fault)


def notice_reasons(
    terms: PolicyTerms, learned_on: date, notified_on: date, fault: NoticeFault | None = None
) -> tuple[Reason, ...]:
    """Return the notice-period reasons: in time, or late (and the fault, when shown)."""
    days = terms.notice_days
    late = late_notice(terms, learned_on, notified_on, fault)
    if late is None:
        due = notice_due(terms, learned_on)
        text = f"notified on {notified_on}, by {due} ({days} days from {learned_on})"
        return (Reason(ReasonCode.NOTICE_IN_TIME, text),)
    text = (
        f"notified on {notified_on}, after {late.due} ({days} days from {learned_on}); "
        f"{ARTICLE_21}: a late notice alone declines nothing, the claim is paid"
    )
    reasons = [Reason(ReasonCode.NOTICE_LATE, text)]
    if fault is not None:
        blamed = fault.value.replace("_", " ")
        text = (
            f"the delay was {blamed}: under {ARTICLE_21} costs incurred from {late.due} to "
            f"{notified_on} (excluded), which the insurer could not determine, are not paid"
        )
        reasons.append(Reason(ReasonCode.LATE_NOTICE_FAULT, text))
    return tuple(reasons)


def undeterminable_reason(late: LateNotice | None, expense: Expense) -> Reason | None:
    """Return the declining reason of an invoice the delay made undeterminable, or ``None``."""
    if late is None or not late.is_undeterminable(expense.invoice_date):
        return None
    fault = late.fault.value.replace("_", " ") if late.fault else ""
    text = (
        f"incurred on {expense.invoice_date}, after the notice was due ({late.due}) and before "
        f"it was given ({late.notified_on}), the delay being {fault}: {ARTICLE_21}, the "
        "insurer could not determine it"
    )
    return Reason(ReasonCode.LATE_NOTICE_UNDETERMINABLE, text)
