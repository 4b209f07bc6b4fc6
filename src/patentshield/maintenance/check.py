"""``db check``: is this installation whole? Schema, vault, audit chain and ledgers, each checked.

Four checks, each ``ok`` or a list of problems, none of them writing anything:

* **schema** — the database is at the newest migration this version ships;
* **vault** — every evidence record of every case against its file and the chain of records
  (:func:`patentshield.cases.evidence.verify_evidence`), and every file of the vault that no
  record references (an orphan);
* **audit** — the hash chain of the audit log (:func:`patentshield.audit.service.verify_chain`);
* **ledgers** — the sums of the subsidy and claims ledgers
  (:mod:`~patentshield.maintenance.ledgers`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from patentshield import migrations
from patentshield.audit.serialise import report_line
from patentshield.audit.service import verify_chain
from patentshield.cases import evidence_store
from patentshield.cases import store as case_store
from patentshield.cases.evidence import verify_evidence
from patentshield.compliance import programme_store as fto_store
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.vault import FileState, stored_files, vault_root
from patentshield.kernel.vault import check as check_file
from patentshield.maintenance.ledgers import claim_problems, subsidy_problems
from patentshield.subsidies.catalog import Programmes


@dataclass(frozen=True, slots=True)
class Finding:
    """One check: its name, what it covered and the problems it found (none when ``ok``)."""

    name: str
    covered: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Tell whether the check found nothing wrong."""
        return not self.problems


def _schema(runtime: Runtime) -> Finding:
    engine = runtime.database.engine
    current, head = migrations.current_revision(engine), migrations.head_revision()
    problems = () if current == head else (f"the schema is at {current}, the newest is {head}",)
    return Finding("schema", f"revision {current}", problems)


def _vault(runtime: Runtime) -> Finding:
    with runtime.unit_of_work() as session:
        cases = [case.number for case in case_store.list_cases(session)]
        referenced = set(session.scalars(select(evidence_store.EvidenceRow.sha256)))
        opinions = fto_store.opinions_of(session, fto_store.enterprises_with_opinions(session))
    referenced |= {opinion.sha256 for opinion in opinions}
    root = vault_root(runtime.settings)
    problems = [
        f"FTO opinion {o.id}: {o.filename} is {state.value}"
        for o in opinions
        if (state := check_file(root, o.sha256, o.size)) is not FileState.INTACT
    ]
    checked = len(opinions)
    for number in cases:
        for check in verify_evidence(runtime, number):
            checked += 1
            if check.state is not FileState.INTACT:
                problems.append(f"{number}: {check.evidence.filename} is {check.state.value}")
    stored = {path.name for path in stored_files(root)}
    orphans = sorted(stored - referenced)
    problems.extend(f"vault file {name} is referenced by no record" for name in orphans)
    return Finding("vault", f"{checked} records, {len(stored)} files", tuple(problems))


def _audit(runtime: Runtime) -> Finding:
    report = verify_chain(runtime)
    return Finding(
        "audit", f"{report.count} entries", () if report.is_intact else (report_line(report),)
    )


def _ledgers(runtime: Runtime) -> Finding:
    programmes = list(runtime.reference.get(Programmes))
    with runtime.unit_of_work() as session:
        problems = [*subsidy_problems(session, programmes), *claim_problems(session)]
    return Finding("ledgers", "subsidy grants, claims and policy accounts", tuple(problems))


def check_installation(runtime: Runtime) -> list[Finding]:
    """Run every check of ``db check`` and return their findings, schema first."""
    return [_schema(runtime), _vault(runtime), _audit(runtime), _ledgers(runtime)]
