"""The evidence vault: content-addressed, read-only files; tampering found; dossier export."""

import hashlib
import json
import os
import stat
import zipfile
from datetime import date
from pathlib import Path

import pytest

from patentshield.cases.dossier import export_dossier
from patentshield.cases.duties import evidence_code
from patentshield.cases.evidence import add_evidence, list_evidence, verify_evidence
from patentshield.cases.model import EvidenceKind, TaskStatus
from patentshield.cases.service import open_new_case, show_case
from patentshield.kernel.db import Database
from patentshield.kernel.errors import InvalidInput, RuleViolation
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.vault import FileState, path_of, vault_root
from tests.integration.case_factory import SERVED, led_case, runtime_at_home
from tests.integration.insured import insured


@pytest.fixture
def runtime(database: Database, tmp_path: Path) -> Runtime:
    """A runtime whose evidence vault is in the test's own home."""
    return runtime_at_home(database, tmp_path / "home")


@pytest.fixture
def case_with_files(runtime: Runtime, tmp_path: Path):
    policy = insured(runtime.database)
    open_new_case(runtime, led_case(policy.number))
    root = vault_root(runtime.settings)
    assert root == tmp_path / "home" / "evidence"
    files = {}
    for name, kind, text in (
        ("lab-notebook-2021.txt", EvidenceKind.RD_RECORDS, "LED driver design, 2021-03-02"),
        ("fto-search.txt", EvidenceKind.SEARCH_REPORTS, "FTO search by CCPIT Patent, 2022"),
    ):
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
        files[name] = add_evidence(
            runtime, "337-TA-1501", source, kind=kind, added_by="Li Wei", day=date(2026, 4, 20)
        )
    return runtime, root, files


def test_files_are_stored_by_their_hash_read_only_and_once(case_with_files, tmp_path: Path):
    runtime, root, files = case_with_files
    item = files["lab-notebook-2021.txt"]
    stored = path_of(root, item.sha256)
    assert item.sha256 == hashlib.sha256(b"LED driver design, 2021-03-02").hexdigest()
    assert stored.read_bytes() == b"LED driver design, 2021-03-02"
    assert not stored.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    again = tmp_path / "copy.txt"
    again.write_bytes(stored.read_bytes())
    repeat = add_evidence(
        runtime,
        "337-TA-1501",
        again,
        kind=EvidenceKind.RD_RECORDS,
        added_by="Li Wei",
        day=date(2026, 4, 21),
    )
    assert repeat.id == item.id
    assert len(list_evidence(runtime, "337-TA-1501")) == 2


def test_evidence_closes_its_checklist_items(case_with_files):
    runtime, _root, _files = case_with_files
    tasks = {t.code: t for t in show_case(runtime, "337-TA-1501", today=SERVED).tasks}
    assert tasks[evidence_code(EvidenceKind.RD_RECORDS)].status is TaskStatus.DONE
    assert tasks[evidence_code(EvidenceKind.SEARCH_REPORTS)].done_on == date(2026, 4, 20)
    assert tasks[evidence_code(EvidenceKind.TECHNICAL_COMPARISON)].status is TaskStatus.OPEN


def test_tampering_with_a_stored_file_is_detected(case_with_files, tmp_path: Path):
    runtime, root, files = case_with_files
    assert {c.state for c in verify_evidence(runtime, "337-TA-1501")} == {FileState.INTACT}
    stored = path_of(root, files["fto-search.txt"].sha256)
    os.chmod(stored, stat.S_IWUSR | stat.S_IRUSR)
    stored.write_text("FTO search by CCPIT Patent, 2024", encoding="utf-8")
    path_of(root, files["lab-notebook-2021.txt"].sha256).unlink()
    states = {c.evidence.filename: c.state for c in verify_evidence(runtime, "337-TA-1501")}
    assert states == {
        "fto-search.txt": FileState.ALTERED,
        "lab-notebook-2021.txt": FileState.MISSING,
    }
    with pytest.raises(RuleViolation):
        export_dossier(runtime, "337-TA-1501", "sz-led-lighting", tmp_path / "d.zip", day=SERVED)
    assert not (tmp_path / "d.zip").exists()


def test_the_dossier_holds_the_files_a_manifest_with_their_hashes_and_a_cover_letter(
    case_with_files, tmp_path: Path
):
    runtime, _root, _files = case_with_files
    out = tmp_path / "out" / "dossier.zip"
    export_dossier(runtime, "337-TA-1501", "sz-led-lighting", out, day=date(2026, 4, 30))
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert archive.read("cover_letter.pdf").startswith(b"%PDF-")
        for entry in manifest["files"]:
            content = archive.read(entry["path"])
            assert hashlib.sha256(content).hexdigest() == entry["sha256"]
            assert len(content) == entry["size"]
    assert manifest["policy"].startswith("PS-2026-")
    assert manifest["insured"] == "sz-led-lighting"
    assert {entry["kind"] for entry in manifest["files"]} == {"rd_records", "search_reports"}
    assert len(manifest["respondents"]) == 5


def test_a_missing_source_file_is_refused(runtime: Runtime, tmp_path: Path):
    policy = insured(runtime.database)
    open_new_case(runtime, led_case(policy.number))
    with pytest.raises(InvalidInput):
        add_evidence(
            runtime,
            "337-TA-1501",
            tmp_path / "nope.pdf",
            kind=EvidenceKind.OTHER,
            added_by="x",
            day=SERVED,
        )
    assert list_evidence(runtime, "337-TA-1501") == []
