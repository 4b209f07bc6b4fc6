"""Cases as values: a Section 337 investigation as seen by the insured respondents.

A :class:`Case` is opened from a complaint or a notice of investigation. It names the
complainants, *every* respondent — insured ones carry the enterprise and the policy that
answers, uninsured co-respondents only a name — and, when our insured is the one who filed
(Chinese firms file 337 complaints too), the insured complainants with the enterprise and the
enforcement policy that answers for them; then the asserted patents, the accused products
and the dates known so far (the same dates :class:`patentshield.procedure.schedule.KnownDates`
takes). Its state is a :class:`~patentshield.procedure.workflow.CaseState` and every move is a
:class:`Transition`. The files of its evidence vault are :class:`Evidence`, each of an
:class:`EvidenceKind`.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from patentshield.procedure.schedule import KnownDates
from patentshield.procedure.workflow import CaseState


@dataclass(frozen=True, slots=True)
class Party:
    """A named party of a case; ``policy`` is set when a policy of ours answers for it."""

    name: str
    enterprise_id: str | None = None
    policy: str | None = None

    @property
    def insured(self) -> bool:
        """Tell whether a policy answers for this party."""
        return self.policy is not None

    @property
    def key(self) -> str:
        """The party's key in tasks, claims and allocations: its enterprise id, else its name."""
        return self.enterprise_id or self.name


Respondent = Party
"""A respondent of a case: a :class:`Party` named in ``Case.respondents``."""


@dataclass(frozen=True, slots=True)
class Counsel:
    """Defence counsel retained for an insured respondent, with the insurer's consent."""

    respondent: str
    firm: str
    consented_on: date
    panel: bool = False


@dataclass(frozen=True, slots=True)
class Case:
    """A Section 337 investigation (or a complaint not yet instituted)."""

    id: str
    number: str
    title: str
    complaint_filed: date
    learned_on: date
    complainants: tuple[str, ...]
    respondents: tuple[Respondent, ...]
    patents: tuple[str, ...]
    products: tuple[str, ...]
    state: CaseState
    opened_at: datetime
    instituted: date | None = None
    served: date | None = None
    hearing: date | None = None
    target: date | None = None
    final_id_served: date | None = None
    counsel: tuple[Counsel, ...] = ()
    insured_complainants: tuple[Party, ...] = ()

    def known_dates(self) -> KnownDates:
        """Return the dates the USITC schedule engine counts from."""
        return KnownDates(
            complaint_filed=self.complaint_filed,
            instituted=self.instituted,
            served=self.served,
            hearing=self.hearing,
            target=self.target,
            final_id_served=self.final_id_served,
        )

    def insured_respondents(self) -> tuple[Respondent, ...]:
        """Return the respondents a policy answers for."""
        return tuple(respondent for respondent in self.respondents if respondent.insured)

    def insured_parties(self) -> tuple[Party, ...]:
        """Return the insured respondents, then the insured complainants."""
        return (*self.insured_respondents(), *self.insured_complainants)

    def respondent(self, key: str) -> Respondent:
        """Return the respondent with this enterprise id or name; raise :class:`KeyError`."""
        for respondent in self.respondents:
            if key in (respondent.enterprise_id, respondent.name):
                return respondent
        raise KeyError(key)

    def party(self, key: str) -> Party:
        """Return the respondent, else the insured complainant, with this enterprise id or name.

        Raises
        ------
        KeyError
            When no respondent or insured complainant has that id or name.
        """
        for party in (*self.respondents, *self.insured_complainants):
            if key in (party.enterprise_id, party.name):
                return party
        raise KeyError(key)

    def is_complainant(self, key: str) -> bool:
        """Tell whether ``key`` names an insured complainant of the case."""
        return any(key in (p.enterprise_id, p.name) for p in self.insured_complainants)

    def counsel_for(self, key: str) -> Counsel | None:
        """Return the consented counsel of respondent ``key``, if any."""
        for counsel in self.counsel:
            if counsel.respondent == key:
                return counsel
        return None


@dataclass(frozen=True, slots=True)
class Transition:
    """One recorded move of a case: from, to, on which day, why, and when it was recorded."""

    case_id: str
    sequence: int
    from_state: CaseState | None
    to_state: CaseState
    day: date
    note: str
    recorded_at: datetime


class TaskStatus(StrEnum):
    """Where a duty stands on a day; the order is the order tasks are listed in."""

    OVERDUE = "overdue"
    AT_RISK = "at_risk"
    OPEN = "open"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True, slots=True)
class Task:
    """A duty of the insured with its due date, the rule behind it and its status.

    ``code`` names the task of one case (``notify_insurer:acme``); ``duty`` names its kind,
    the same in every case (``notify_insurer``, ``evidence.rd_records``: see
    :data:`patentshield.cases.duties.DUTIES`); ``policy`` is the number of the policy a duty
    of an insured respondent comes from.
    """

    code: str
    title: str
    due: date | None
    basis: str
    status: TaskStatus
    respondent: str | None = None
    done_on: date | None = None
    duty: str = ""
    policy: str | None = None


class EvidenceKind(StrEnum):
    """The evidence the insurer expects with the notice (issue 5, DOMAIN.md §4.2)."""

    RD_RECORDS = "rd_records"
    SEARCH_REPORTS = "search_reports"
    TECHNICAL_COMPARISON = "technical_comparison"
    PRODUCT_DOCUMENTATION = "product_documentation"
    INDEPENDENT_DEVELOPMENT = "independent_development"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One file of the vault attached to a case: its hash, kind, name, who added it and when.

    ``sequence`` numbers a case's records from 1 and ``record_hash`` chains each to the one
    before (:mod:`patentshield.cases.evidence_chain`).
    """

    id: str
    case_id: str
    sha256: str
    kind: EvidenceKind
    filename: str
    size: int
    added_by: str
    added_on: date
    added_at: datetime
    note: str
    sequence: int = 0
    record_hash: str = ""
