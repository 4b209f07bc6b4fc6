"""Use cases of enterprise profiles: import a file, look one up, list them.

Use cases take the :class:`~patentshield.kernel.runtime.Runtime` first; an import dates its
checks by the runtime's clock. :func:`get_enterprise` is the lookup other capabilities call
with the session of their own unit of work.

:func:`import_enterprises` reads and checks the whole file first (every error of every record,
nothing written on any error), then refuses credit codes already held by *another* enterprise in
the database, then upserts every profile in one transaction: re-importing the same file changes
nothing, and a changed file updates the profiles it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from patentshield.accounts.store import find_organisation
from patentshield.enterprises.credit_code import normalise_credit_code
from patentshield.enterprises.importer import ParsedFile, read_enterprises
from patentshield.enterprises.model import Enterprise, EnterpriseId, ImportOutcome
from patentshield.enterprises.store import EnterpriseRepository
from patentshield.kernel.access import Caller, OrganisationKind, Permission, require
from patentshield.kernel.errors import (
    Forbidden,
    InvalidInput,
    InvalidRecords,
    NotFound,
    RecordError,
)
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.tenancy import Scope, owner_for_new_enterprise, scope_of

OWNING_KINDS = frozenset({OrganisationKind.EXPORTER, OrganisationKind.BROKER})
"""The kinds of organisation that own enterprises."""


@dataclass(frozen=True, slots=True)
class ImportedEnterprise:
    """One profile of an import: its id, the file row it came from and what saving did."""

    id: EnterpriseId
    row: int | str
    outcome: ImportOutcome


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did, profile by profile, and the warnings found in the file."""

    source: str
    enterprises: tuple[ImportedEnterprise, ...]
    warnings: tuple[RecordError, ...]

    def count(self, outcome: ImportOutcome) -> int:
        """Return how many profiles had ``outcome``."""
        return sum(1 for item in self.enterprises if item.outcome is outcome)

    @property
    def created(self) -> int:
        """Number of profiles created."""
        return self.count(ImportOutcome.CREATED)

    @property
    def updated(self) -> int:
        """Number of profiles updated."""
        return self.count(ImportOutcome.UPDATED)

    @property
    def unchanged(self) -> int:
        """Number of profiles already stored exactly as in the file."""
        return self.count(ImportOutcome.UNCHANGED)


def import_enterprises(
    runtime: Runtime, path: Path | str, *, organisation: str | None = None
) -> ImportReport:
    """Import the YAML or CSV enterprise file at ``path`` in one transaction.

    Parameters
    ----------
    runtime
        Its database stores the profiles; its clock's today dates the checks (past-case
        years, expired patents) and its now stamps the rows. Its caller owns the new
        profiles when it is an exporter or broker.
    path
        The file; its format is chosen by its extension (``.yaml``, ``.yml``, ``.csv``).
    organisation
        The exporter or broker organisation (id or name) owning the new profiles; only the
        platform names one (an exporter's imports are its own).

    Raises
    ------
    InvalidInput
        When the file is missing or not YAML/CSV.
    InvalidRecords
        With every problem found; nothing is written.
    Conflict
        When a concurrent import wrote the same id or credit code first.
    """
    require(runtime.caller, Permission.ENTERPRISES_WRITE)
    parsed = read_enterprises(Path(path), today=runtime.clock.today())
    now = runtime.clock.now()
    with runtime.unit_of_work() as session:
        owner = _owner(session, runtime.caller, organisation)
        repository = EnterpriseRepository(session)
        _refuse_credit_codes_held_elsewhere(repository, parsed)
        _refuse_profiles_of_others(repository, parsed, runtime.caller)
        imported = tuple(
            ImportedEnterprise(
                entry.enterprise.id,
                entry.row,
                repository.save(entry.enterprise, now=now, owner=owner),
            )
            for entry in parsed.entries
        )
    return ImportReport(parsed.source, imported, parsed.warnings)


def _owner(session: Session, caller: Caller | None, organisation: str | None) -> str | None:
    """Return the organisation owning the profiles ``caller`` creates (``None``: platform)."""
    if organisation is None:
        return owner_for_new_enterprise(caller)
    if not scope_of(caller).everything:
        raise Forbidden(
            Permission.ENTERPRISES_WRITE.value, "only the platform gives enterprises to others"
        )
    row = find_organisation(session, organisation)
    if row is None:
        raise NotFound(f"no organisation {organisation!r}", field="organisation")
    if OrganisationKind(row.kind) not in OWNING_KINDS:
        raise InvalidInput("organisation", f"a {row.kind} does not own enterprises")
    return row.id


def _refuse_profiles_of_others(
    repository: EnterpriseRepository, parsed: ParsedFile, caller: Caller | None
) -> None:
    """Refuse to overwrite a stored profile that the caller does not see."""
    scope = scope_of(caller)
    if scope.everything:
        return
    errors = [
        RecordError(entry.row, "id", f"{entry.enterprise.id!r} is taken; choose another id")
        for entry in parsed.entries
        if repository.get(entry.enterprise.id) is not None
        and repository.get(entry.enterprise.id, scope) is None
    ]
    if errors:
        raise InvalidRecords(parsed.source, errors)


def _refuse_credit_codes_held_elsewhere(
    repository: EnterpriseRepository, parsed: ParsedFile
) -> None:
    errors = []
    for entry in parsed.entries:
        owner = repository.owner_of_credit_code(entry.enterprise.credit_code)
        if owner is not None and owner != entry.enterprise.id:
            reason = f"{entry.enterprise.credit_code} already belongs to enterprise {owner!r}"
            errors.append(RecordError(entry.row, "credit_code", reason))
    if errors:
        raise InvalidRecords(parsed.source, errors)


def get_enterprise(session: Session, key: str, scope: Scope | None = None) -> Enterprise:
    """Return the enterprise whose id (in any case) or credit code is ``key``, read in ``session``.

    With a ``scope``, an enterprise outside it is not found (the same answer as a missing id).

    Raises
    ------
    NotFound
        When neither an id nor a credit code matches.
    """
    repository = EnterpriseRepository(session)
    found = repository.get(key.strip().lower(), scope) or repository.get_by_credit_code(
        normalise_credit_code(key), scope
    )
    if found is None:
        raise NotFound(f"no enterprise has the id or credit code {key!r}", field="enterprise")
    return found


def enterprise_profile(runtime: Runtime, key: str) -> Enterprise:
    """Return the enterprise whose id or credit code is ``key``, if the caller sees it."""
    with runtime.unit_of_work() as session:
        found = get_enterprise(session, key, scope_of(runtime.caller))
    require(runtime.caller, Permission.ENTERPRISES_READ)
    return found


def list_enterprises(runtime: Runtime) -> tuple[Enterprise, ...]:
    """Return every enterprise the caller sees, ordered by id."""
    require(runtime.caller, Permission.ENTERPRISES_READ)
    with runtime.unit_of_work() as session:
        return EnterpriseRepository(session).list_all(scope_of(runtime.caller))


def enterprise_owner(runtime: Runtime, key: str) -> str | None:
    """Return the organisation owning the enterprise ``key`` (``None``: the platform's)."""
    require(runtime.caller, Permission.ENTERPRISES_READ)
    with runtime.unit_of_work() as session:
        found = get_enterprise(session, key, scope_of(runtime.caller))
        return EnterpriseRepository(session).owner(found.id)


def assign_enterprise(runtime: Runtime, key: str, organisation: str | None) -> Enterprise:
    """Give the enterprise ``key`` to an exporter or broker organisation (platform only).

    ``organisation`` ``None`` gives it back to the platform.

    Raises
    ------
    Forbidden
        When the caller is not the platform.
    NotFound
        For an unknown enterprise or organisation.
    InvalidInput
        When the organisation is not an exporter or broker.
    """
    require(runtime.caller, Permission.ENTERPRISES_WRITE)
    if not scope_of(runtime.caller).everything:
        raise Forbidden(
            Permission.ENTERPRISES_WRITE.value, "only the platform gives enterprises to others"
        )
    with runtime.unit_of_work() as session:
        found = get_enterprise(session, key)
        owner = None if organisation is None else _owner(session, runtime.caller, organisation)
        EnterpriseRepository(session).assign(found.id, owner, now=runtime.clock.now())
        return found
