"""The dossier of an insured respondent: its case's evidence, a manifest and a cover letter.

:func:`export_dossier` verifies every file of the case's vault first (an altered or missing
file stops the export), then writes one ZIP: ``documents/<kind>/<hash prefix>-<name>``,
``manifest.json`` (case, policy, insurer, every file's kind, name, size, SHA-256, who added it
and when) and ``cover_letter.pdf`` (:mod:`~patentshield.cases.letter`). The insured's
freedom-to-operate opinions on file (:mod:`patentshield.compliance.fto`) travel with the case's
own files as its evidence of good faith: listed and carried as ``search_reports``, their note
naming the asserted patents each reviewed (:func:`good_faith_files`). The ZIP is written to a
temporary file beside ``out`` and renamed, so a reader never sees half a dossier; its entries
carry the dossier's day, so the same evidence gives the same bytes. It is written only onto a
new or regular file (:func:`~patentshield.kernel.outputs.write_atomically`: never over a
device such as ``/dev/full``), and a folder that cannot be written is one clear error.

:func:`verify_dossier` checks a dossier once it has left the platform: every file the manifest
lists is in the ZIP with the manifest's size and SHA-256, and no other document is.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from patentshield.cases import evidence_store
from patentshield.cases.letter import CoverLetter, LetterLine, cover_letter_pdf
from patentshield.cases.model import Case, Evidence, EvidenceKind
from patentshield.cases.serialise import evidence_to_json
from patentshield.cases.service import case_for, policy_of, respondent_key
from patentshield.compliance import programme_store as fto_store
from patentshield.compliance.fto import FtoOpinion
from patentshield.kernel import vault
from patentshield.kernel.access import Permission
from patentshield.kernel.errors import RuleViolation
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.outputs import check_target, write_atomically
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.vault import vault_root
from patentshield.policies.model import Policy


def _zip_path(item: Evidence) -> str:
    return f"documents/{item.kind.value}/{item.sha256[:12]}-{item.filename}"


def _file_entry(item: Evidence) -> dict[str, JsonValue]:
    """Return the manifest's line of a file: where it is in the ZIP, then its metadata."""
    metadata = {key: value for key, value in evidence_to_json(item).items() if key != "id"}
    return {"path": _zip_path(item), **metadata}


def _manifest(case: Case, policy: Policy, items: Sequence[Evidence], day: date) -> bytes:
    document = {
        "case": {"number": case.number, "title": case.title, "id": case.id},
        "insured": policy.enterprise_id,
        "policy": policy.number,
        "insurer": policy.insurer,
        "generated_on": day.isoformat(),
        "complainants": list(case.complainants),
        "respondents": [r.name for r in case.respondents],
        "patents": list(case.patents),
        "files": [_file_entry(item) for item in items],
    }
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")


def _letter(case: Case, key: str, policy: Policy, items: Sequence[Evidence], day: date) -> bytes:
    return cover_letter_pdf(
        CoverLetter(
            day=day,
            case_number=case.number,
            case_title=case.title,
            insured=f"{case.respondent(key).name} ({key})",
            policy=policy.number,
            insurer=policy.insurer,
            complainants=case.complainants,
            patents=case.patents,
            documents=[LetterLine(i.kind.value, i.filename, i.sha256, i.size) for i in items],
        )
    )


def good_faith_files(
    case: Case, opinions: Sequence[FtoOpinion], held: Sequence[Evidence]
) -> list[Evidence]:
    """Return the insured's FTO opinions as files of the dossier (those not already in it)."""
    seen = {item.sha256 for item in held}
    files = []
    for opinion in opinions:
        if opinion.sha256 in seen:
            continue
        seen.add(opinion.sha256)
        reviewed = opinion.reviewed(case.patents)
        which = f"reviewed {', '.join(reviewed)}" if reviewed else "no asserted patent reviewed"
        note = (
            f"FTO opinion {opinion.id}, evidence of good faith: {opinion.conclusion.label}; "
            f"{which}; products {', '.join(opinion.products)}"
        )
        files.append(
            Evidence(
                id=opinion.id,
                case_id=case.id,
                sha256=opinion.sha256,
                kind=EvidenceKind.SEARCH_REPORTS,
                filename=opinion.filename,
                size=opinion.size,
                added_by=opinion.counsel,
                added_on=opinion.issued_on,
                added_at=opinion.added_at,
                note=note,
            )
        )
    return files


def _check_intact(case: Case, root: Path, items: Sequence[Evidence]) -> None:
    if not items:
        raise RuleViolation(f"case {case.number} has no evidence to export", field="case")
    broken = [i for i in items if vault.check(root, i.sha256, i.size) is not vault.FileState.INTACT]
    if broken:
        names = ", ".join(item.filename for item in broken)
        raise RuleViolation(
            f"evidence altered or missing: {names}; run evidence verify", field="evidence"
        )


def export_dossier(
    runtime: Runtime, id_or_number: str, respondent: str, out: Path, *, day: date
) -> list[Evidence]:
    """Write the dossier ZIP of an insured respondent: documents, manifest, cover letter.

    Raises
    ------
    RuleViolation
        When the case has no evidence, or a file is altered or missing.
    """
    with runtime.unit_of_work() as session:
        case = case_for(runtime, session, id_or_number, Permission.EVIDENCE_READ)
        key = respondent_key(case, respondent)
        policy = policy_of(session, case, key)
        items = evidence_store.evidence_of(session, case.id)
        items += good_faith_files(
            case, fto_store.opinions_of(session, [policy.enterprise_id]), items
        )
    root = vault_root(runtime.settings)
    check_target(out, field="out")
    _check_intact(case, root, items)
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("cover_letter.pdf", stamp), _letter(case, key, policy, items, day)
        )
        archive.writestr(
            zipfile.ZipInfo("manifest.json", stamp), _manifest(case, policy, items, day)
        )
        for item in items:
            info = zipfile.ZipInfo(_zip_path(item), stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, vault.path_of(root, item.sha256).read_bytes())
    write_atomically(out, buffer.getvalue(), field="out")
    return items
