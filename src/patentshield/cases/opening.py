"""A new case from the facts of a complaint or notice, as the CLI and the HTTP API give them.

The rules live here once: an insured party is an enterprise with its policy; the case starts
``served`` when a service date is known, else ``instituted`` when an institution date is, else
in the initial state; the insured learned of the complaint on the day given, else when served,
else when instituted, else when it was filed.

This module is pure: no I/O, no database, no clock (``opened_at`` is given).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from patentshield.cases.model import Case, Party, Respondent
from patentshield.kernel.errors import InvalidInput
from patentshield.procedure.workflow import INITIAL_STATE, CaseState


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What is known of a complaint when its case is opened."""

    number: str
    complaint_filed: date
    complainants: tuple[str, ...]
    patents: tuple[str, ...]
    insured: tuple[Party, ...] = ()
    respondents: tuple[str, ...] = ()
    insured_complainants: tuple[Party, ...] = ()
    products: tuple[str, ...] = ()
    title: str = ""
    learned: date | None = None
    instituted: date | None = None
    served: date | None = None
    hearing: date | None = None
    target: date | None = None


def insured_party(enterprise: str, policy: str, field: str = "insured") -> Party:
    """Return an insured party: an enterprise (its id is also its name) and its policy."""
    if not enterprise.strip() or not policy.strip():
        raise InvalidInput(field, "give the enterprise and its policy")
    return Party(name=enterprise.strip(), enterprise_id=enterprise.strip(), policy=policy.strip())


def initial_state(facts: CaseFacts) -> CaseState:
    """Return the state a case opens in, from the dates known."""
    if facts.served is not None:
        return CaseState.SERVED
    if facts.instituted is not None:
        return CaseState.INSTITUTED
    return INITIAL_STATE


def learned_on(facts: CaseFacts) -> date:
    """Return the day the insured learned of the complaint."""
    return facts.learned or facts.served or facts.instituted or facts.complaint_filed


def case_from_facts(facts: CaseFacts, *, case_id: str, opened_at: datetime) -> Case:
    """Return the new case of ``facts``: its insured respondents first, then the others."""
    return Case(
        id=case_id,
        number=facts.number.strip(),
        title=facts.title.strip(),
        complaint_filed=facts.complaint_filed,
        learned_on=learned_on(facts),
        complainants=facts.complainants,
        respondents=facts.insured + tuple(Respondent(name=name) for name in facts.respondents),
        insured_complainants=facts.insured_complainants,
        patents=facts.patents,
        products=facts.products,
        state=initial_state(facts),
        opened_at=opened_at,
        instituted=facts.instituted,
        served=facts.served,
        hearing=facts.hearing,
        target=facts.target,
    )
