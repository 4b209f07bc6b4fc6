"""Idempotency keys for money movements: the same key gives back the first result.

A payment or a grant request carries an ``Idempotency-Key`` header. :func:`idempotent` keeps,
per caller organisation and route (the *scope*), the key, a fingerprint of the request (SHA-256
of its canonical JSON) and the first response:

1. claim the key in its own short transaction (``INSERT … ON CONFLICT DO NOTHING``, then the
   row locked): a key already answered replays its response; the same key with another request
   is a :class:`~patentshield.kernel.errors.Conflict`, and so is a key whose first request is
   still running;
2. produce the response (the service runs its own unit of work);
3. store the response under the key. An error of the first request releases the key, so that a
   corrected request may use it again.

The table is a cache of responses, not a record of changes: it is not audited. The services
that move money keep their own idempotency in the same transaction as the movement (the ledger
and payment tables), so a crash between steps 2 and 3 cannot pay twice either.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from fastapi import Request
from sqlalchemy import JSON, DateTime, Integer, String, delete, select, update
from sqlalchemy.orm import Mapped, mapped_column

from patentshield.audit.chain import canonical_json
from patentshield.kernel.db import Base, insert_if_missing, lock_rows_supported
from patentshield.kernel.errors import Conflict, InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.runtime import Runtime

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


class KeyRow(Base):
    """One idempotency key of one scope, with the first response once it is known."""

    __tablename__ = "idempotency_keys"
    __table_args__ = {"info": {"audit": False}}

    scope: Mapped[str] = mapped_column(String(200), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[JsonValue] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """A response as it is replayed: status code and JSON body."""

    status: int
    body: JsonValue


def scope_of(runtime: Runtime, method: str, path: str) -> str:
    """Return the scope of a key: the caller's organisation (else the operator) and the route."""
    owner = runtime.caller.organisation_id if runtime.caller is not None else "operator"
    return f"{owner}:{method.upper()} {path}"[:MAX_KEY_LENGTH]


def check_key(value: str | None) -> str:
    """Return a usable idempotency key, or raise naming the header."""
    key = (value or "").strip()
    if not key:
        raise InvalidInput(HEADER, "this request needs an Idempotency-Key header")
    if len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidInput(HEADER, f"must be 1 to {MAX_KEY_LENGTH} printable characters")
    return key


def idempotent(
    runtime: Runtime,
    *,
    scope: str,
    key: str | None,
    request: JsonValue,
    produce: Callable[[], StoredResponse],
) -> StoredResponse:
    """Return the first response to ``key`` in ``scope``, producing it if the key is new.

    Raises
    ------
    InvalidInput
        For a missing or malformed key.
    Conflict
        For the same key with another request, or while the first request is running.
    """
    checked = check_key(key)
    fingerprint = hashlib.sha256(canonical_json(request).encode("utf-8")).hexdigest()
    replay = _claim(runtime, scope[:200], checked, fingerprint)
    if replay is not None:
        return replay
    try:
        response = produce()
    except BaseException:
        _release(runtime, scope[:200], checked)
        raise
    with runtime.unit_of_work() as session:
        session.execute(
            update(KeyRow)
            .where(KeyRow.scope == scope[:200], KeyRow.key == checked)
            .values(status=response.status, body=response.body)
        )
    return response


def _claim(runtime: Runtime, scope: str, key: str, fingerprint: str) -> StoredResponse | None:
    values = {
        "scope": scope,
        "key": key,
        "fingerprint": fingerprint,
        "created_at": runtime.clock.now(),
    }
    with runtime.unit_of_work() as session:
        if insert_if_missing(session, KeyRow, values):
            return None
        query = select(KeyRow).where(KeyRow.scope == scope, KeyRow.key == key)
        if lock_rows_supported(session):
            query = query.with_for_update()
        row = session.scalars(query).first()
        if row is None:  # the first request failed and released the key meanwhile
            raise Conflict("the first request with this key just failed; retry", field=HEADER)
        if row.fingerprint != fingerprint:
            raise Conflict("the key was used with another request", field=HEADER)
        if row.status is None:
            raise Conflict("the first request with this key is still running", field=HEADER)
        return StoredResponse(row.status, row.body)


def _release(runtime: Runtime, scope: str, key: str) -> None:
    with runtime.unit_of_work() as session:
        session.execute(delete(KeyRow).where(KeyRow.scope == scope, KeyRow.key == key))


def replay_or_produce(
    runtime: Runtime,
    request: Request,
    key: str | None,
    body: JsonValue,
    produce: Callable[[], JsonValue],
) -> tuple[int, JsonValue]:
    """Return the status and body of the first answer to ``key`` on this route (201 if new).

    The application registers this function for the capabilities' routes
    (:func:`patentshield.kernel.http_io.once_per_key`).
    """
    stored = idempotent(
        runtime,
        scope=scope_of(runtime, request.method, request.url.path),
        key=key,
        request=body,
        produce=lambda: StoredResponse(201, produce()),
    )
    return stored.status, stored.body
