"""The wilful-infringement exclusion: a district-court finding, per respondent, and recoupment.

Wilfulness is not an ITC finding: the Commission awards no damages, and a violation of
Section 337 needs no intent (19 U.S.C. 1337(a)(1)(B)); wilful infringement is found by a US
district court, whose enhanced damages (35 U.S.C. 284) follow it, in the patent suit that
usually runs beside the investigation (stayed under 28 U.S.C. 1659 while it lasts). So the
exclusion reads a :class:`WilfulFinding` of a district court *against one respondent*: it
touches that respondent's claim only, never its co-respondents'.

How the finding acts depends on the wording's claims conditions
(:mod:`patentshield.catalog.conditions`):

* **without a final-adjudication clause** (the default) the exclusion applies on the finding:
  every invoice of the claim is declined (``wilful_infringement``);
* **with a final-adjudication clause** the exclusion applies only once the finding is final
  (no appeal left). Until then defence costs are *advanced* (``wilful_finding_not_final``) and
  paid as usual; once it is final every invoice is declined and what was advanced is recouped
  from the insured (``recoupment``, the amount paid so far, owed back).

The insured's freedom-to-operate opinions on file (:mod:`patentshield.compliance.fto`) are its
evidence of good faith: beside a finding, :func:`good_faith_reason` names them
(``good_faith_evidence``, "evidence of good faith" / 善意证据), those that reviewed an asserted
patent first. The court has weighed them; the line changes no effect, it tells the insurer what
the appeal of a finding not yet final can rest on.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from patentshield.catalog.model import Exclusion
from patentshield.claims.model import Reason, ReasonCode
from patentshield.compliance.fto import FtoOpinion, good_faith_line
from patentshield.kernel.money import Money
from patentshield.policies.terms import PolicyTerms


@dataclass(frozen=True, slots=True)
class WilfulFinding:
    """A district court's finding of wilful infringement against the insured, on ``day``."""

    day: date
    final: bool = False


class WilfulEffect(StrEnum):
    """What a finding does to the claim under the policy's terms."""

    NONE = "none"
    ADVANCED = "advanced"
    EXCLUDED = "excluded"
    RECOUPED = "recouped"


def wilful_effect(terms: PolicyTerms, finding: WilfulFinding | None) -> WilfulEffect:
    """Return what ``finding`` does to the claim under ``terms`` (see the module docstring)."""
    if finding is None or Exclusion.WILFUL_INFRINGEMENT not in terms.exclusions:
        return WilfulEffect.NONE
    if not terms.conditions.final_adjudication:
        return WilfulEffect.EXCLUDED
    return WilfulEffect.RECOUPED if finding.final else WilfulEffect.ADVANCED


def wilful_reason(terms: PolicyTerms, finding: WilfulFinding | None) -> Reason | None:
    """Return the reason every invoice carries under a finding, or ``None`` without one."""
    effect = wilful_effect(terms, finding)
    if finding is None or effect is WilfulEffect.NONE:
        return None
    if effect is WilfulEffect.ADVANCED:
        text = (
            f"a district court found wilful infringement on {finding.day}, not yet final: "
            "under the final-adjudication clause defence costs are advanced, recoverable if it "
            "becomes final"
        )
        return Reason(ReasonCode.WILFUL_FINDING_NOT_FINAL, text)
    final = "a final adjudication" if finding.final else "a finding"
    text = f"wilful infringement found by a district court on {finding.day} ({final}): excluded"
    return Reason(ReasonCode.WILFUL_INFRINGEMENT, text)


GOOD_FAITH_LABELS = ("evidence of good faith", "善意证据")
"""English and Chinese labels of the ``good_faith_evidence`` reason."""


def good_faith_reason(
    finding: WilfulFinding | None, opinions: Sequence[FtoOpinion], asserted: Sequence[str]
) -> Reason | None:
    """Return the line naming the insured's FTO opinions beside a finding, or ``None``."""
    if finding is None:
        return None
    line = good_faith_line([o for o in opinions if o.issued_on <= finding.day], asserted)
    return Reason(ReasonCode.GOOD_FAITH_EVIDENCE, line) if line is not None else None


def recoupment_reason(
    terms: PolicyTerms, finding: WilfulFinding | None, paid: Money
) -> Reason | None:
    """Return the claim's recoupment of the costs advanced, or ``None`` when nothing is owed."""
    if wilful_effect(terms, finding) is not WilfulEffect.RECOUPED or paid.is_zero():
        return None
    text = (
        "the wilful-infringement finding is final: the costs advanced under the "
        f"final-adjudication clause ({paid}) are owed back by the insured"
    )
    return Reason(ReasonCode.RECOUPMENT, text, -paid)
