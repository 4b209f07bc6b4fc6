"""Use cases of the audit log: check the chain, list its entries (scoped), export it.

Reading the log needs ``audit:read`` (auditors and platform administrators); an auditor sees
the entries of its own organisation, the platform and the CLI's operator see all. Checking the
whole chain is the operator's or the platform's business, since it reads every entry.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import closing

from patentshield.audit import store
from patentshield.audit.chain import ChainReport, Entry, verify
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import Forbidden
from patentshield.kernel.runtime import Runtime

__all__ = ["iter_entries", "list_entries", "verify_chain"]

MAX_PAGE = 1000


def verify_chain(runtime: Runtime) -> ChainReport:
    """Check every entry of the chain against the next and against the chain head."""
    require(runtime.caller, Permission.AUDIT_READ)
    if runtime.caller is not None and not runtime.caller.is_platform:
        raise Forbidden(Permission.AUDIT_READ.value, "only the platform checks the whole chain")
    with runtime.unit_of_work() as session:
        head = store.read_head(session)
        with closing(store.iter_entries(session)) as entries:  # verify may stop at a breach
            return verify(entries, head)


def _organisation_scope(runtime: Runtime) -> str | None:
    caller = runtime.caller
    return None if caller is None or caller.is_platform else caller.organisation_id


def list_entries(runtime: Runtime, *, after: int = 0, limit: int = 100) -> Sequence[Entry]:
    """Return up to ``limit`` (at most 1000) entries after ``after`` that the caller sees."""
    require(runtime.caller, Permission.AUDIT_READ)
    with runtime.unit_of_work() as session:
        entries = store.iter_entries(
            session,
            after=after,
            organisation_id=_organisation_scope(runtime),
            limit=max(1, min(limit, MAX_PAGE)),
        )
        return list(entries)


def iter_entries(runtime: Runtime) -> Iterator[Entry]:
    """Yield every entry the caller sees, in order, without holding them all in memory."""
    require(runtime.caller, Permission.AUDIT_READ)
    with (
        runtime.unit_of_work() as session,
        closing(store.iter_entries(session, organisation_id=_organisation_scope(runtime))) as found,
    ):
        yield from found
