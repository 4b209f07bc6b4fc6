"""Use cases of the compliance programme: controls, FTO opinions, the score, providers.

Every use case takes the :class:`~patentshield.kernel.runtime.Runtime` first. Declaring a
control and filing an FTO opinion write through ``runtime.unit_of_work()`` (so the audit chain
records them). Filing an opinion stores its document in the evidence vault first
(:func:`patentshield.kernel.vault.put`) and removes it again if the record is not written and
no other record references the same content, so no orphan is left. :func:`score_in` is the
session-level building block the quotes, the assessment and the claims call inside their own
transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from patentshield.compliance import programme_store as store
from patentshield.compliance.fto import FtoConclusion, FtoOpinion
from patentshield.compliance.providers import Provider, ProviderDirectory, ProviderKind
from patentshield.compliance.score import (
    ControlRecord,
    DerivedFacts,
    Score,
    Standing,
    score,
    standing,
)
from patentshield.compliance.service import visible_enterprise
from patentshield.enterprises.model import Enterprise, PatentJurisdiction
from patentshield.kernel import vault
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import InvalidInput, NotFound
from patentshield.kernel.runtime import Runtime
from patentshield.risk.parameters import Parameters


@dataclass(frozen=True, slots=True)
class FtoDetails:
    """What the user says about an FTO opinion filed with its document."""

    counsel: str
    issued_on: date
    patents: tuple[str, ...]
    products: tuple[str, ...]
    conclusion: FtoConclusion
    note: str = ""


@dataclass(frozen=True, slots=True)
class FiledOpinion:
    """An opinion given to :func:`add_fto_opinion`, and whether this call filed it."""

    opinion: FtoOpinion
    added: bool


def set_control(
    runtime: Runtime,
    enterprise: str,
    control: str,
    *,
    in_place: bool,
    evidence: str,
    day: date,
    by: str = "",
) -> ControlRecord:
    """Declare a control of an enterprise's programme (in place or not) with its evidence."""
    with runtime.unit_of_work() as session:
        found = visible_enterprise(session, runtime, enterprise, Permission.ENTERPRISES_WRITE)
        record = ControlRecord(found.id, control, in_place, evidence.strip(), day, by.strip())
        store.add_control(session, record, runtime.clock.now())
    return record


def list_controls(runtime: Runtime, enterprise: str) -> list[ControlRecord]:
    """Return every declaration of the enterprise's controls, oldest first."""
    with runtime.unit_of_work() as session:
        found = visible_enterprise(session, runtime, enterprise, Permission.ENTERPRISES_READ)
        return store.controls_of(session, found.id)


def _products(enterprise: Enterprise, named: Sequence[str]) -> tuple[str, ...]:
    known = {item.name.casefold(): item.name for item in enterprise.product_classes}
    chosen = []
    for name in named:
        found = known.get(name.strip().casefold())
        if found is None:
            listed = "; ".join(known.values()) or "none"
            raise InvalidInput(
                "product", f"{enterprise.id} has no product class {name!r}; classes: {listed}"
            )
        chosen.append(found)
    return tuple(dict.fromkeys(chosen))


def add_fto_opinion(
    runtime: Runtime, enterprise: str, source: Path, details: FtoDetails
) -> FiledOpinion:
    """Store an FTO opinion's document in the vault and record the opinion, or neither.

    Filing the same document again for the enterprise returns the opinion already there.
    """
    with runtime.unit_of_work() as session:
        visible_enterprise(session, runtime, enterprise, Permission.ENTERPRISES_WRITE)
    root = vault.vault_root(runtime.settings)
    stored = vault.put(root, source)
    try:
        with runtime.unit_of_work() as session:
            found = visible_enterprise(session, runtime, enterprise, Permission.ENTERPRISES_WRITE)
            held = store.opinion_with_content(session, found.id, stored.sha256)
            if held is not None:
                return FiledOpinion(held, added=False)
            opinion = FtoOpinion(
                id=f"fto-{uuid.uuid4().hex[:12]}",
                enterprise_id=found.id,
                counsel=details.counsel.strip(),
                issued_on=details.issued_on,
                patents=tuple(p.strip() for p in details.patents if p.strip()),
                products=_products(found, details.products),
                conclusion=details.conclusion,
                sha256=stored.sha256,
                size=stored.size,
                filename=source.name,
                added_at=runtime.clock.now(),
                note=details.note.strip(),
            )
            store.add_opinion(session, opinion)
            return FiledOpinion(opinion, added=True)
    except BaseException:
        _discard_unreferenced(runtime, root, stored)
        raise


def _discard_unreferenced(runtime: Runtime, root: Path, stored: vault.Stored) -> None:
    if not stored.created:
        return
    try:
        with runtime.database.unit_of_work() as session:
            if store.is_referenced(session, stored.sha256):
                return
    except SQLAlchemyError:  # the database failed: keep the file (db check lists orphans)
        return
    vault.discard(root, stored)


def list_fto_opinions(runtime: Runtime, enterprise: str) -> list[FtoOpinion]:
    """Return the enterprise's FTO opinions, oldest first."""
    with runtime.unit_of_work() as session:
        found = visible_enterprise(session, runtime, enterprise, Permission.ENTERPRISES_READ)
        return store.opinions_of(session, [found.id])


def derived_facts(session: Session, enterprise: Enterprise, day: date) -> DerivedFacts:
    """Return what the platform holds for the derived controls of ``enterprise`` on ``day``."""
    opinions = [o for o in store.opinions_of(session, [enterprise.id]) if o.issued_on <= day]
    products = tuple(item.name for item in enterprise.product_classes)
    covered = {name for opinion in opinions for name in opinion.products}
    return DerivedFacts(
        products=products,
        fto_covered=tuple(name for name in products if name in covered),
        fto_opinions=tuple(opinion.id for opinion in opinions),
        fto_latest=max((opinion.issued_on for opinion in opinions), default=None),
        us_patents=tuple(
            p.number for p in enterprise.patents if p.jurisdiction is PatentJurisdiction.US
        ),
        last_watch=store.last_watch_day(session, enterprise.id),
    )


def score_in(session: Session, enterprise: Enterprise, day: date) -> Score:
    """Return the enterprise's compliance score on ``day``, read in ``session``."""
    records = store.controls_of(session, enterprise.id)
    return score(enterprise.id, day, records, derived_facts(session, enterprise, day))


def compliance_in(
    session: Session, enterprise: Enterprise, day: date, parameters: Parameters
) -> tuple[Score, Standing]:
    """Return the enterprise's score on ``day`` and how the risk engine reads its programme."""
    found = score_in(session, enterprise, day)
    threshold = parameters.get("compliance.compliant_score")
    legacy = enterprise.has_compliance_programme
    return found, standing(found, legacy=legacy, threshold=threshold)


def compliance_score(runtime: Runtime, enterprise: str, *, day: date | None = None) -> Score:
    """Return the enterprise's compliance score on ``day`` (today by default)."""
    with runtime.unit_of_work() as session:
        found = visible_enterprise(session, runtime, enterprise, Permission.ENTERPRISES_READ)
        return score_in(session, found, day or runtime.clock.today())


def list_providers(
    runtime: Runtime, product_id: str, kind: ProviderKind | None = None
) -> list[Provider]:
    """Return the service providers the insurer offers under ``product_id``."""
    require(runtime.caller, Permission.CATALOG_READ)
    directory = runtime.reference.get(ProviderDirectory)
    if product_id not in directory.products():
        listed = ", ".join(directory.products())
        raise NotFound(f"no provider directory for {product_id}; listed: {listed}", field="product")
    return list(directory.for_product(product_id, kind))
