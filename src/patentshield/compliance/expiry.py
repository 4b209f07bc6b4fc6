"""When a US patent expires: 35 U.S.C. 154 and 173, with the assumptions said.

* **Utility and plant patents** filed on or after 8 June 1995: 20 years from the filing date
  of the application (35 U.S.C. 154(a)(2)), plus the patent term adjustment (PTA) in days
  when the import carries it (PatentsView ``g_us_term_of_grant.term_extension``, 35 U.S.C.
  154(b)). Filed before that day: the longer of 17 years from grant and 20 years from filing
  (35 U.S.C. 154(c)(1)).
* **Design patents**: 15 years from grant if filed on or after 13 May 2015, else 14 years
  (35 U.S.C. 173).
* **Reissues** keep the term of the original patent, which the import does not name: unknown.

Assumptions: the filing date is the patent's own application's (PatentsView ``g_application``);
a continuation's term runs from its earliest non-provisional parent, which the import does not
carry, so the date may be late; terminal disclaimers and lapses for unpaid maintenance fees are
not applied, so a patent may end earlier. The term ends at the end of the day before the
anniversary; this module returns that last day in force.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from patentshield.kernel.dates import add_months

URAA_CHANGE = date(1995, 6, 8)
"""Applications filed from this day get 20 years from filing (Uruguay Round Agreements Act)."""

DESIGN_CHANGE = date(2015, 5, 13)
"""Design applications filed from this day get 15 years from grant (Hague Agreement Act)."""

ASSUMPTIONS = (
    "term from the patent's own filing date: a continuation's earliest parent is not imported",
    "terminal disclaimers and lapse for unpaid maintenance fees are not applied",
)


@dataclass(frozen=True, slots=True)
class Expiry:
    """The last day a patent is in force (``None`` when unknown), the rule and assumptions."""

    last_day: date | None
    rule: str
    assumptions: tuple[str, ...] = ASSUMPTIONS

    def is_in_force(self, day: date) -> bool | None:
        """Tell whether the patent is in force on ``day`` (``None`` when unknown)."""
        return None if self.last_day is None else day <= self.last_day


def _years_after(day: date, years: int) -> date:
    return add_months(day, 12 * years) - timedelta(days=1)


def patent_expiry(
    kind: str, *, granted: date, filed: date | None, adjustment_days: int = 0
) -> Expiry:
    """Return the expiry of a patent of ``kind`` (utility, plant, design, reissue, …).

    >>> patent_expiry("utility", granted=date(2009, 1, 20), filed=date(2008, 4, 11)).last_day
    datetime.date(2028, 4, 10)
    >>> patent_expiry("design", granted=date(2016, 3, 1), filed=date(2015, 6, 1)).last_day
    datetime.date(2031, 2, 28)
    """
    if kind == "design":
        years = 15 if filed is not None and filed >= DESIGN_CHANGE else 14
        return Expiry(_years_after(granted, years), f"35 U.S.C. 173: {years} years from grant")
    if kind not in ("utility", "plant") or filed is None:
        reason = "no filing date" if filed is None else f"a {kind} keeps its original's term"
        return Expiry(None, f"unknown: {reason}")
    twenty = _years_after(filed, 20) + timedelta(days=adjustment_days)
    pta = f" + {adjustment_days} days PTA (35 U.S.C. 154(b))" if adjustment_days else ""
    if filed >= URAA_CHANGE:
        return Expiry(twenty, f"35 U.S.C. 154(a)(2): 20 years from filing{pta}")
    seventeen = _years_after(granted, 17)
    return Expiry(
        max(twenty, seventeen),
        "35 U.S.C. 154(c)(1): the longer of 17 years from grant and 20 years from filing",
    )
