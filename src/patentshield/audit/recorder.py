"""Records every insert, update and delete of a unit of work in the audit chain, by itself.

:func:`record_mutations` is a session hook (:data:`~patentshield.kernel.runtime.SessionHook`)
that the entry points give their runtime; :meth:`Runtime.unit_of_work` runs it on each session,
so no service has to remember the audit log. It listens to the session:

* ``after_flush``: every ORM object inserted, updated or deleted becomes a
  :class:`~patentshield.audit.chain.Change` (the digest covers the new values of the changed
  columns; for a delete, the values the row had);
* ``do_orm_execute``: a bulk ``insert``/``update``/``delete`` statement run through the session
  becomes a change if it touched rows (digest over its SQL and parameters);
* ``after_soft_rollback``: changes made inside a savepoint that was rolled back are dropped;
* ``before_commit``: the session is flushed, then the changes are appended to the chain in the
  same transaction, so an entry exists exactly when its change was committed.

Tables marked ``info={"audit": False}`` (the audit tables, caches) are skipped, and so are
updates that change only the columns named in ``info["audit_ignore"]`` (times of last use).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, event, inspect
from sqlalchemy.engine import Result
from sqlalchemy.orm import InstanceState, ORMExecuteState, Session, SessionTransaction
from sqlalchemy.sql.dml import UpdateBase

from patentshield.audit import store
from patentshield.audit.chain import Action, Change, change_digest
from patentshield.kernel.runtime import ACTOR_KEY, Actor

PENDING_KEY = "patentshield.audit.pending"


@dataclass(frozen=True, slots=True)
class _Pending:
    change: Change
    transaction: SessionTransaction | None


def record_mutations(session: Session) -> None:
    """Make ``session`` append an audit entry for every change it commits."""
    if session.info.get(PENDING_KEY) is not None:
        return  # already recording
    session.info[PENDING_KEY] = []
    event.listen(session, "after_flush", _after_flush)
    event.listen(session, "do_orm_execute", _on_execute)
    event.listen(session, "after_soft_rollback", _after_rollback)
    event.listen(session, "before_commit", _before_commit)


def _actor(session: Session) -> Actor:
    actor = session.info.get(ACTOR_KEY)
    if not isinstance(actor, Actor):  # pragma: no cover - wiring error
        raise RuntimeError("an audited session was not opened by Runtime.unit_of_work")
    return actor


def _pending(session: Session) -> list[_Pending]:
    found: list[_Pending] = session.info[PENDING_KEY]
    return found


def _add(session: Session, action: Action, table: Table, object_id: str, digest: str) -> None:
    actor = _actor(session)
    change = Change(
        at=actor.clock.now(),
        actor=actor.name,
        organisation_id=actor.organisation_id,
        action=action,
        object_type=table.name,
        object_id=object_id,
        digest=digest,
    )
    transaction = session.get_nested_transaction() or session.get_transaction()
    _pending(session).append(_Pending(change, transaction))


def _is_audited(table: Table) -> bool:
    return bool(table.info.get("audit", True))


def _after_flush(session: Session, _context: object) -> None:
    for action, objects in (
        (Action.INSERT, session.new),
        (Action.UPDATE, session.dirty),
        (Action.DELETE, session.deleted),
    ):
        for instance in objects:
            _record_instance(session, action, inspect(instance))


def _record_instance(session: Session, action: Action, state: InstanceState[Any]) -> None:
    table = state.mapper.local_table
    if not isinstance(table, Table) or not _is_audited(table):
        return
    values = _changed_values(state) if action is Action.UPDATE else _all_values(state)
    if action is Action.UPDATE:
        ignored = table.info.get("audit_ignore", frozenset())
        values = {key: value for key, value in values.items() if key not in ignored}
        if not values:
            return
    identity = state.mapper.primary_key_from_instance(state.obj())
    object_id = "/".join(str(part) for part in identity)
    _add(session, action, table, object_id, change_digest(values))


def _all_values(state: InstanceState[Any]) -> dict[str, object]:
    return {attr.key: state.dict.get(attr.key) for attr in state.mapper.column_attrs}


def _changed_values(state: InstanceState[Any]) -> dict[str, object]:
    changed: dict[str, object] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if history.added or history.deleted:
            changed[attr.key] = history.added[0] if history.added else None
    return changed


_ACTIONS = {"is_insert": Action.INSERT, "is_update": Action.UPDATE, "is_delete": Action.DELETE}


def _on_execute(state: ORMExecuteState) -> Result[Any] | None:
    action = next((a for flag, a in _ACTIONS.items() if getattr(state, flag)), None)
    statement = state.statement
    if action is None or not isinstance(statement, UpdateBase):
        return None
    table = statement.table
    if not isinstance(table, Table) or not _is_audited(table):
        return None
    result = state.invoke_statement()
    touched = getattr(result, "rowcount", -1)  # -1: not known (psycopg, ORM results)
    if len(statement.exported_columns):  # RETURNING: count the rows, hand the caller a copy
        frozen = result.freeze()
        touched, result = len(frozen().all()), frozen()
    if touched != 0:
        compiled = statement.compile(dialect=state.session.get_bind().dialect)
        params = _parameters(compiled.params, state.parameters)
        digest = change_digest({"statement": str(compiled), "parameters": params})
        _add(state.session, action, table, _bulk_object_id(table, params), digest)
    return result


def _parameters(
    compiled: Mapping[str, object], given: object
) -> Mapping[str, object] | list[object]:
    if isinstance(given, list):
        return [dict(item) for item in given]
    if isinstance(given, Mapping) and given:
        return {**compiled, **given}
    return dict(compiled)


def _bulk_object_id(table: Table, params: Mapping[str, object] | list[object]) -> str:
    if not isinstance(params, Mapping):
        return "*"
    keys = [params.get(column.name) for column in table.primary_key.columns]
    return "/".join(str(key) for key in keys) if all(k is not None for k in keys) else "*"


def _after_rollback(session: Session, previous: SessionTransaction) -> None:
    kept = [p for p in _pending(session) if not _within(p.transaction, previous)]
    session.info[PENDING_KEY] = kept


def _within(transaction: SessionTransaction | None, ended: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


def _before_commit(session: Session) -> None:
    session.flush()
    changes = [pending.change for pending in _pending(session)]
    session.info[PENDING_KEY] = []
    if changes:
        store.append(session, changes)
