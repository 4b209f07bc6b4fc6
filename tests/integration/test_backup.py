"""Backup and restore round trips on SQLite and PostgreSQL: every table and every vault file.

An installation with enterprises, a quote, a policy, a case with evidence, a claim with
invoices, an adjudication and a payment, and a subsidy grant is backed up, its database and
vault are wiped, and the restore must give back the same digest for every table and the same
files. ``db check`` then finds nothing wrong, and finds what a hand-made change breaks.
"""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from patentshield import migrations
from patentshield.cases.evidence import EvidenceDetails, add_evidence_files
from patentshield.cases.model import EvidenceKind
from patentshield.catalog.model import CostCategory, ProductType
from patentshield.claims.adjudication_service import adjudicate_claim
from patentshield.claims.ledger_service import ExpenseInput, add_expense
from patentshield.claims.model import Phase
from patentshield.claims.payment_service import pay_claim
from patentshield.kernel.config import Settings
from patentshield.kernel.db import Database
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.vault import vault_root
from patentshield.maintenance.backup import backup, restore
from patentshield.maintenance.check import check_installation
from patentshield.maintenance.digest import database_digest
from patentshield.subsidies.model import Applicant, GrantRequest
from patentshield.subsidies.service import grant_subsidy
from tests.factories import runtime_of
from tests.integration.case_factory import PANEL_FIRM, notified_claim


def vault_digests(runtime: Runtime) -> dict[str, str]:
    root = vault_root(runtime.settings)
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.glob("*/*")
        if path.is_file()
    }


@pytest.fixture
def installation(database: Database, tmp_path: Path) -> Runtime:
    runtime = runtime_of(database, settings=Settings(home=tmp_path / "home"))
    claim = notified_claim(runtime, first_accused_sale=date(2025, 1, 10))
    notes = []
    for name in ("lab.txt", "fto.txt"):
        notes.append(tmp_path / name)
        notes[-1].write_text(f"{name} of 2021", encoding="utf-8")
    details = EvidenceDetails(EvidenceKind.RD_RECORDS, "Li Wei", date(2026, 4, 20))
    add_evidence_files(runtime, "337-TA-1501", notes, details)
    cny = Money.of("1200000", "CNY")
    invoice = ExpenseInput(
        "K-1", PANEL_FIRM, CostCategory.US_COUNSEL, Phase.PLEADINGS, date(2026, 5, 1), cny
    )
    add_expense(runtime, claim.id, invoice)
    adjudicate_claim(runtime, claim.id, day=date(2026, 7, 1))
    pay_claim(runtime, claim.id, idempotency_key="pay-1", day=date(2026, 7, 5))
    grant_subsidy(
        runtime,
        GrantRequest(
            "shenzhen",
            Applicant(id="sz-led-lighting"),
            ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY,
            Money.of("100000", "CNY"),
            date(2026, 3, 1),
            "PS-1",
        ),
        idempotency_key="g-1",
    )
    return runtime


def wipe(runtime: Runtime) -> None:
    migrations.downgrade(runtime.database.engine, "base")
    for path in vault_root(runtime.settings).glob("*/*"):
        path.chmod(0o600)
        path.unlink()


def test_a_backup_restores_every_table_and_every_vault_file(installation: Runtime, tmp_path):
    before, files = database_digest(installation.database.engine), vault_digests(installation)
    assert before["claim_payments"].rows == 1 and len(files) == 2
    report = backup(installation, tmp_path / "backup.zip")
    assert report.vault_files == 2 and report.tables == before
    wipe(installation)
    restored = restore(installation, tmp_path / "backup.zip")
    assert restored.differences == ()
    assert database_digest(installation.database.engine) == before
    assert vault_digests(installation) == files
    assert all(finding.ok for finding in check_installation(installation))


def test_a_database_that_holds_a_schema_is_replaced_only_when_asked(installation, tmp_path):
    backup(installation, tmp_path / "backup.zip")
    with pytest.raises(InvalidInput) as refused:
        restore(installation, tmp_path / "backup.zip")
    assert refused.value.field == "replace"
    assert restore(installation, tmp_path / "backup.zip", replace=True).differences == ()


def test_an_altered_backup_is_refused_before_anything_is_restored(installation, tmp_path):
    backup(installation, tmp_path / "backup.zip")
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(tmp_path / "backup.zip") as source, zipfile.ZipFile(forged, "w") as out:
        for info in source.infolist():
            content = source.read(info)
            out.writestr(info, b"forged" if info.filename.startswith("evidence/") else content)
    before = database_digest(installation.database.engine)
    with pytest.raises(InvalidInput, match="does not match its manifest"):
        restore(installation, forged, replace=True)
    assert database_digest(installation.database.engine) == before


def problems(runtime: Runtime, name: str) -> tuple[str, ...]:
    (finding,) = [f for f in check_installation(runtime) if f.name == name]
    return finding.problems


def test_db_check_finds_ledgers_that_do_not_add_up(installation: Runtime):
    assert problems(installation, "ledgers") == ()
    with installation.database.engine.begin() as connection:
        connection.execute(text("UPDATE claims SET paid = adjudicated + 1"))
    found = problems(installation, "ledgers")
    assert any("above the" in line and "adjudicated" in line for line in found)
    assert any("its payments" in line for line in found)


def test_db_check_finds_an_orphan_or_altered_vault_file_and_a_broken_audit_chain(
    installation: Runtime,
):
    root = vault_root(installation.settings)
    orphan = root / "ab" / ("ab" * 32)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"nobody's")
    assert any("referenced by no record" in line for line in problems(installation, "vault"))
    with installation.database.engine.begin() as connection:
        connection.execute(text("UPDATE audit_entries SET actor = 'someone' WHERE sequence = 2"))
    assert problems(installation, "audit")
