"""Use cases of web sessions: open one at login, resolve its cookie, end it at logout.

The cookie carries a random secret; the database keeps only its SHA-256 digest, the user and a
CSRF secret that the page must send back (header ``X-CSRF-Token``) with every unsafe request.
A session lasts ``settings.session_hours`` from login; logout deletes it, so the cookie stops
working at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete

from patentshield.accounts import store
from patentshield.accounts.credentials import new_secret, secret_digest
from patentshield.accounts.model import IssuedSecret
from patentshield.kernel.access import Caller
from patentshield.kernel.db import as_utc
from patentshield.kernel.errors import Unauthenticated
from patentshield.kernel.runtime import Runtime

__all__ = ["OpenSession", "SessionCaller", "destroy_session", "open_session", "resolve_session"]


@dataclass(frozen=True, slots=True)
class OpenSession:
    """A session just opened: the cookie secret and the CSRF secret, shown once."""

    cookie: IssuedSecret
    csrf_secret: str


@dataclass(frozen=True, slots=True)
class SessionCaller:
    """The caller of a session cookie, and the CSRF secret its unsafe requests must carry."""

    caller: Caller
    csrf_secret: str


def open_session(runtime: Runtime, caller: Caller) -> OpenSession:
    """Open a web session for ``caller`` (just authenticated)."""
    now = runtime.clock.now()
    secret, csrf = new_secret(), new_secret()
    expires_at = now + timedelta(hours=runtime.settings.session_hours)
    digest = secret_digest(secret)
    with runtime.unit_of_work() as session:
        session.add(
            store.SessionRow(
                digest=digest,
                user_id=caller.user_id,
                csrf_secret=csrf,
                created_at=now,
                expires_at=expires_at,
            )
        )
    return OpenSession(IssuedSecret(digest[:16], secret, expires_at), csrf)


def resolve_session(runtime: Runtime, secret: str) -> SessionCaller:
    """Return the caller of a session cookie.

    Raises
    ------
    Unauthenticated
        For an unknown or expired session, or a disabled user.
    """
    with runtime.unit_of_work() as session:
        found = store.credential_with_owner(session, store.SessionRow, secret_digest(secret))
        if found is None or found[1].disabled:
            raise Unauthenticated("no such session; sign in again")
        row, user, organisation = found
        if as_utc(row.expires_at) <= runtime.clock.now():
            raise Unauthenticated("the session expired; sign in again")
        return SessionCaller(store.caller_of(session, user, organisation, None), row.csrf_secret)


def destroy_session(runtime: Runtime, secret: str) -> None:
    """End a session at once (nothing happens for an unknown one)."""
    with runtime.unit_of_work() as session:
        session.execute(
            delete(store.SessionRow).where(store.SessionRow.digest == secret_digest(secret))
        )
