"""Which applicant-year cap of a programme applies to an applicant, and why.

A programme may cap what one applicant gets in a year once, or per group of applicants named by
a flag (Beijing's pilot: single champions CNY 500,000, key-sector SMEs CNY 200,000 [R78]). The
rule, so that a decision never promises more than the programme allows:

* caps for the product type that depend on a flag the applicant holds win, the largest of them;
* otherwise a cap that depends on no flag applies, the smallest of them;
* an applicant whose flags are not given, or who holds **none** of the flags the caps are for,
  gets the **smallest** cap with the reason — never an uncapped subsidy: no source gives a cap
  for applicants outside the named groups, and a subsidy without a cap would exceed what the
  programme grants anyone (issue 9 item 13).

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from patentshield.catalog.model import ProductType
from patentshield.subsidies.model import WHOLE_YEAR_KEY, Programme, YearCap


@dataclass(frozen=True, slots=True)
class CapChoice:
    """The applicant-year cap that applies to a request, and why.

    ``warned`` is true when the decision must say why: the applicant holds none of the flags
    the caps are for, so the smallest is assumed.
    """

    cap: YearCap | None
    note: str
    warned: bool = False

    @property
    def key(self) -> str:
        """The ledger key of the applicant's running total for this cap."""
        return self.cap.key if self.cap else WHOLE_YEAR_KEY


def _smallest(caps: list[YearCap]) -> YearCap:
    return min(caps, key=lambda cap: cap.amount.amount)


def applicable_year_cap(
    programme: Programme, product_type: ProductType, flags: frozenset[str] | None
) -> CapChoice:
    """Return the applicant-year cap for ``product_type`` and the applicant's ``flags``.

    See the module docstring for the rule.
    """
    candidates = [cap for cap in programme.per_applicant_year_caps if cap.covers(product_type)]
    if not candidates:
        return CapChoice(None, "no applicant-year cap applies")
    if flags is None:
        smallest = _smallest(candidates)
        if all(cap.flag is None for cap in candidates):
            return CapChoice(smallest, f"applicant-year cap {smallest.key} applies")
        note = f"assumed: the smallest applicant-year cap {smallest.key} applies (flags not given)"
        return CapChoice(smallest, note)
    flagged = [cap for cap in candidates if cap.flag is not None and cap.flag in flags]
    if flagged:
        largest = max(flagged, key=lambda cap: cap.amount.amount)
        return CapChoice(largest, f"applicant-year cap {largest.key} applies (flag {largest.flag})")
    plain = [cap for cap in candidates if cap.flag is None]
    if plain:
        smallest = _smallest(plain)
        return CapChoice(smallest, f"applicant-year cap {smallest.key} applies")
    smallest = _smallest(candidates)
    wanted = ", ".join(sorted(str(cap.flag) for cap in candidates))
    note = (
        f"assumed: the smallest applicant-year cap {smallest.key} applies: the applicant holds "
        f"none of the flags the caps are for ({wanted}), and no source gives a cap for others"
    )
    return CapChoice(smallest, note, warned=True)
