"""How a Section 337 case ends, and what each ending does to the case and its claims.

Outcomes (DOMAIN.md §1.2 early exits, §1.4 remedies, §3): settlement and withdrawal end the
investigation (``terminated``, 19 CFR 210.21(a), (b)); a consent order ends it too but is an
order the Commission enforces (``consent_order``, 210.21(c), kept apart from a settlement); a
default leads to a default determination (``defaulted``); a violation comes with remedial
orders — LEO, GEO, CDO (``orders``); no violation ends in ``no_violation``; an appeal goes to
the Federal Circuit. Design-around work is recorded as an event without a move; its costs are
invoices of the ``design_around_cbp`` category, which most wordings do not cover (DOMAIN.md
§2.3).

**Outcomes per respondent.** A 337 investigation names several respondents, and each may leave
it on its own: one respondent's settlement, consent order or default (or the complainant's
withdrawal against it) ends *its own part*, not the case. Such an outcome names its respondent;
the case does not move, and only that respondent's claim is closed or reserved. An outcome that
names no respondent is the whole investigation's and moves the case.

**Wilfulness is not an ITC finding.** The Commission awards no damages and a violation needs no
intent; wilful infringement is found by a district court in the parallel patent suit, against
one respondent (``district_court_judgment`` with ``wilful``, and ``final`` once no appeal is
left; :mod:`~patentshield.claims.wilful` says what it does to that respondent's claim).

When an outcome ends the defence, each claim it concerns is closed if every invoice is
adjudicated and every adjudicated amount paid; otherwise it stays open and carries a reserve.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from patentshield.cases.model import Case
from patentshield.claims.model import ClaimStatus
from patentshield.claims.reserve import Reserve
from patentshield.kernel.errors import InvalidInput
from patentshield.procedure.workflow import CaseState


class OutcomeKind(StrEnum):
    """How a case ended for its respondents (or an event of its end)."""

    SETTLEMENT = "settlement"
    WITHDRAWAL = "withdrawal"
    CONSENT_ORDER = "consent_order"
    DEFAULT = "default"
    VIOLATION = "violation"
    NO_VIOLATION = "no_violation"
    APPEAL = "appeal"
    DESIGN_AROUND = "design_around"
    DISTRICT_COURT_JUDGMENT = "district_court_judgment"


class Order(StrEnum):
    """Remedial orders (DOMAIN.md §1.4)."""

    LEO = "leo"
    GEO = "geo"
    CDO = "cdo"


STATE_OF_OUTCOME: dict[OutcomeKind, CaseState | None] = {
    OutcomeKind.SETTLEMENT: CaseState.TERMINATED,
    OutcomeKind.WITHDRAWAL: CaseState.TERMINATED,
    OutcomeKind.CONSENT_ORDER: CaseState.CONSENT_ORDER,
    OutcomeKind.DEFAULT: CaseState.DEFAULTED,
    OutcomeKind.VIOLATION: CaseState.ORDERS,
    OutcomeKind.NO_VIOLATION: CaseState.NO_VIOLATION,
    OutcomeKind.APPEAL: CaseState.FEDERAL_CIRCUIT_APPEAL,
    OutcomeKind.DESIGN_AROUND: None,
    OutcomeKind.DISTRICT_COURT_JUDGMENT: None,
}
"""The state a case moves to with each outcome (``None``: no move)."""

ENDING = frozenset(
    {
        OutcomeKind.SETTLEMENT,
        OutcomeKind.WITHDRAWAL,
        OutcomeKind.CONSENT_ORDER,
        OutcomeKind.DEFAULT,
        OutcomeKind.VIOLATION,
        OutcomeKind.NO_VIOLATION,
    }
)
"""Outcomes that end the defence, so claims are closed or reserved."""

PER_RESPONDENT = frozenset(
    {
        OutcomeKind.SETTLEMENT,
        OutcomeKind.WITHDRAWAL,
        OutcomeKind.CONSENT_ORDER,
        OutcomeKind.DEFAULT,
        OutcomeKind.DESIGN_AROUND,
        OutcomeKind.DISTRICT_COURT_JUDGMENT,
    }
)
"""Outcomes one respondent may have on its own; the others are the whole investigation's."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a case ended (or an event of its end), as recorded on ``day``."""

    id: str
    case_id: str
    kind: OutcomeKind
    day: date
    orders: tuple[Order, ...]
    wilful_infringement: bool
    note: str
    recorded_at: datetime
    respondent: str | None = None
    final: bool = False


@dataclass(frozen=True, slots=True)
class ClaimAfterOutcome:
    """What an ending did to one claim: closed, or open with its reserve (and why open)."""

    claim_id: str
    respondent: str
    status: ClaimStatus
    reserve: Reserve | None
    why_open: str = ""


@dataclass(frozen=True, slots=True)
class OutcomeResult:
    """A recorded outcome, the case after it, and what it did to each claim of the case."""

    outcome: Outcome
    case: Case
    claims: tuple[ClaimAfterOutcome, ...]


@dataclass(frozen=True, slots=True)
class OutcomeFacts:
    """What an outcome says besides its kind: orders, the respondent, a wilfulness finding."""

    orders: Collection[Order] = ()
    wilful: bool = False
    final: bool = False
    respondent: str | None = None


def check_orders(kind: OutcomeKind, facts: OutcomeFacts) -> None:
    """Refuse an outcome whose orders, respondent or findings do not fit its kind.

    Orders come with a violation or a default; wilfulness and finality are findings of a
    district court's judgment, which is against one respondent; only the outcomes of
    :data:`PER_RESPONDENT` may name a respondent.

    Raises
    ------
    InvalidInput
        Naming the field that does not fit.
    """
    if kind is OutcomeKind.VIOLATION and not facts.orders:
        raise InvalidInput("orders", "a violation comes with an LEO, a GEO or a CDO")
    if facts.orders and kind not in (OutcomeKind.VIOLATION, OutcomeKind.DEFAULT):
        raise InvalidInput("orders", f"a {kind.value} issues no remedial order")
    court = kind is OutcomeKind.DISTRICT_COURT_JUDGMENT
    if facts.wilful and not court:
        raise InvalidInput(
            "wilful",
            "wilful infringement is not an ITC finding (the Commission awards no damages): "
            "record the district court's judgment against the respondent",
        )
    if facts.final and not court:
        raise InvalidInput("final", "finality is recorded for a district court's judgment")
    if court and facts.respondent is None:
        raise InvalidInput("respondent", "a district court's judgment is against one respondent")
    if facts.respondent is not None and kind not in PER_RESPONDENT:
        raise InvalidInput(
            "respondent", f"a {kind.value} is the Commission's, for the whole investigation"
        )
