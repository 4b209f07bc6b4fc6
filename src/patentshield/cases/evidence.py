"""Evidence use cases: add files to a case's vault, list a case's files, verify them.

The vault lives in the settings' home (``PATENTSHIELD_HOME/evidence``,
:func:`~patentshield.kernel.vault.vault_root`).
Adding files is **all or nothing**: every file is checked (a regular file, within the size
limit) and stored in the vault (:mod:`~patentshield.kernel.vault`) before the records are
written in one transaction; when any of it fails, nothing is recorded and the files this call
put in the vault are removed again, so no orphan is left. Each record is chained to the case's
previous one (:mod:`~patentshield.cases.evidence_chain`). The same content is attached to a
case once: adding it again returns the record already there, marked as not added.
:func:`verify_evidence` checks each record against its file (content hash and size) and the
chain of records, so an edit of the file or of the record is found.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from patentshield.cases import evidence_store
from patentshield.cases.evidence_chain import GENESIS, broken_links, record_hash
from patentshield.cases.model import Case, Evidence, EvidenceKind
from patentshield.cases.service import case_for
from patentshield.kernel import vault
from patentshield.kernel.access import Permission
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.vault import vault_root


@dataclass(frozen=True, slots=True)
class EvidenceCheck:
    """The result of checking one evidence record against its file and the chain."""

    evidence: Evidence
    state: vault.FileState


@dataclass(frozen=True, slots=True)
class AddedEvidence:
    """A file given to :func:`add_evidence_files`: its record, and whether this call added it.

    ``added`` is ``False`` when the case already held the same content (``evidence`` is then
    the record already there).
    """

    evidence: Evidence
    added: bool


@dataclass(frozen=True, slots=True)
class EvidenceDetails:
    """What the user says about the files added together."""

    kind: EvidenceKind
    added_by: str
    day: date
    note: str = ""


def add_evidence(
    runtime: Runtime,
    id_or_number: str,
    source: Path,
    *,
    kind: EvidenceKind,
    added_by: str,
    day: date,
    note: str = "",
) -> Evidence:
    """Store one file and attach it to a case; the record already there for the same content."""
    details = EvidenceDetails(kind, added_by, day, note)
    (added,) = add_evidence_files(runtime, id_or_number, [source], details)
    return added.evidence


def add_evidence_files(
    runtime: Runtime, id_or_number: str, sources: Sequence[Path], details: EvidenceDetails
) -> list[AddedEvidence]:
    """Store ``sources`` in the vault and attach them to a case, all of them or none.

    Raises
    ------
    InvalidInput
        When no file is given, a file is missing or not a regular file, or a value is too
        long for its column; nothing is recorded and no new vault file is left.
    NotFound
        When the case does not exist.
    """
    if not sources:
        raise InvalidInput("file", "give at least one file", message_id="refusal.choose_file")
    if not details.added_by.strip():
        raise InvalidInput("by", "say who adds the file")
    with runtime.unit_of_work() as session:  # nothing reaches the vault for a refused caller
        case_for(runtime, session, id_or_number, Permission.EVIDENCE_WRITE)
    root = vault_root(runtime.settings)
    stored: list[vault.Stored] = []
    try:
        for source in sources:
            stored.append(vault.put(root, source))
        with runtime.unit_of_work() as session:
            case = case_for(runtime, session, id_or_number, Permission.EVIDENCE_WRITE, lock=True)
            return _attach(session, case, list(zip(sources, stored, strict=True)), details, runtime)
    except BaseException:
        _discard_unreferenced(runtime, root, stored)
        raise


def _attach(
    session: Session,
    case: Case,
    files: list[tuple[Path, vault.Stored]],
    details: EvidenceDetails,
    runtime: Runtime,
) -> list[AddedEvidence]:
    chain = evidence_store.evidence_chain(session, case.id)
    previous = chain[-1].record_hash if chain else GENESIS
    held = {item.sha256: item for item in chain}
    results: list[AddedEvidence] = []
    for source, stored in files:
        if stored.sha256 in held:
            results.append(AddedEvidence(held[stored.sha256], added=False))
            continue
        item = Evidence(
            id=f"ev-{uuid.uuid4().hex[:12]}",
            case_id=case.id,
            sha256=stored.sha256,
            kind=details.kind,
            filename=source.name,
            size=stored.size,
            added_by=details.added_by.strip(),
            added_on=details.day,
            added_at=runtime.clock.now(),
            note=details.note,
            sequence=len(held) + 1,
        )
        item = replace(item, record_hash=record_hash(item, previous))
        evidence_store.add_evidence(session, item)
        held[item.sha256], previous = item, item.record_hash
        results.append(AddedEvidence(item, added=True))
    return results


def _discard_unreferenced(runtime: Runtime, root: Path, stored: list[vault.Stored]) -> None:
    """Remove the vault files this call created that no record references."""
    created = [item for item in stored if item.created]
    if not created:
        return
    try:
        with runtime.database.unit_of_work() as session:
            unreferenced = [
                i for i in created if not evidence_store.is_stored_content(session, i.sha256)
            ]
    except SQLAlchemyError:  # the database failed: keep the files (db check lists orphans)
        return
    for item in unreferenced:
        vault.discard(root, item)


def list_evidence(runtime: Runtime, id_or_number: str) -> list[Evidence]:
    """Return the evidence of a case, oldest first."""
    with runtime.unit_of_work() as session:
        case = case_for(runtime, session, id_or_number, Permission.EVIDENCE_READ)
        return evidence_store.evidence_of(session, case.id)


def verify_evidence(runtime: Runtime, id_or_number: str) -> list[EvidenceCheck]:
    """Check every evidence record of a case against its file and the chain of records.

    A file is ``altered`` when its content no longer hashes to the record's hash or has
    another size than the record says, ``missing`` when it is gone; a record is
    ``record_altered`` when its chained hash no longer follows from its fields (its hash,
    size, name… were edited in the database, or a record before it deleted or inserted).
    """
    root = vault_root(runtime.settings)
    with runtime.unit_of_work() as session:
        case = case_for(runtime, session, id_or_number, Permission.EVIDENCE_READ)
        chain = evidence_store.evidence_chain(session, case.id)
        listed = evidence_store.evidence_of(session, case.id)
    broken = broken_links(chain)
    return [
        EvidenceCheck(
            item,
            vault.FileState.RECORD_ALTERED
            if item.id in broken
            else vault.check(root, item.sha256, item.size),
        )
        for item in listed
    ]
