"""Use cases of personal API tokens: create (the secret shown once), list, revoke, resolve.

A token belongs to a user; its scopes are a subset of what the user's role may do (``None``:
all of it), and it expires. :func:`resolve_token` turns the ``Authorization: Bearer ps_…``
secret of a request into the :class:`~patentshield.kernel.access.Caller`; a revoked or expired
token, or one of a disabled user, is refused at once, since every request looks it up.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from patentshield.accounts import store
from patentshield.accounts.credentials import TOKEN_PREFIX, new_id, new_secret, secret_digest
from patentshield.accounts.model import ApiToken, IssuedSecret, normalise_email
from patentshield.accounts.service import is_visible
from patentshield.kernel.access import Caller, Permission
from patentshield.kernel.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from patentshield.kernel.runtime import Runtime

__all__ = ["create_token", "list_tokens", "resolve_token", "revoke_token"]

LAST_USE_PRECISION = timedelta(minutes=1)
"""The time of a token's last use is written at most once a minute (reads stay reads)."""


def _owner_of(
    session: Session, caller: Caller | None, email: str | None
) -> tuple[store.UserRow, store.OrganisationRow]:
    """Return the user a token is made for: ``email``, or the caller itself."""
    if email is None:
        if caller is None:
            raise InvalidInput("user", "the operator names the user of the token")
        found = store.user_with_organisation(session, caller.user_id)
    else:
        row = store.find_user(session, normalise_email(email))
        found = None if row is None else store.user_with_organisation(session, row.id)
    if found is None or not is_visible(caller, found[0].organisation_id):
        raise NotFound(f"no user {email!r}", field="user")
    if caller is not None and not caller.is_platform and found[0].id != caller.user_id:
        raise Forbidden(Permission.ACCOUNTS_WRITE.value, "a user creates tokens only for itself")
    return found


def create_token(
    runtime: Runtime,
    *,
    expires_at: datetime,
    email: str | None = None,
    scopes: frozenset[Permission] | None = None,
    name: str = "",
) -> IssuedSecret:
    """Create a token for ``email`` (default: the caller); return it with its secret, once.

    Raises
    ------
    InvalidInput
        For a scope the user's role does not hold, or an expiry not in the future.
    NotFound
        For a user the caller does not see.
    """
    now = runtime.clock.now()
    if expires_at <= now:
        raise InvalidInput("expires", "must be in the future")
    secret = new_secret(TOKEN_PREFIX)
    with runtime.unit_of_work() as session:
        user, organisation = _owner_of(session, runtime.caller, email)
        held = store.caller_of(session, user, organisation, None).permissions
        if runtime.caller is not None and runtime.caller.user_id == user.id:
            held = runtime.caller.permissions  # a scoped token never makes a wider one
            scopes = runtime.caller.scopes if scopes is None else scopes
        if scopes is not None and not scopes <= held:
            extra = ", ".join(sorted(scope.value for scope in scopes - held))
            raise InvalidInput("scope", f"the role {user.role} does not hold {extra}")
        row = store.TokenRow(
            id=new_id("tok"),
            user_id=user.id,
            name=name.strip()[:200],
            digest=secret_digest(secret),
            scopes=None if scopes is None else sorted(scope.value for scope in scopes),
            created_at=now,
            expires_at=expires_at,
            revoked_at=None,
            last_used_at=None,
        )
        session.add(row)
    return IssuedSecret(row.id, secret, expires_at)


def list_tokens(runtime: Runtime, email: str | None = None) -> Sequence[ApiToken]:
    """Return the caller's tokens, or those of ``email`` or of everyone for the platform."""
    query = select(store.TokenRow, store.UserRow).join(
        store.UserRow, store.TokenRow.user_id == store.UserRow.id
    )
    caller = runtime.caller
    if caller is not None and not caller.is_platform:
        query = query.where(store.TokenRow.user_id == caller.user_id)
    if email is not None:
        query = query.where(store.UserRow.email == normalise_email(email))
    query = query.order_by(store.TokenRow.created_at, store.TokenRow.id)
    with runtime.unit_of_work() as session:
        return [store.token_of(token, user.email) for token, user in session.execute(query)]


def revoke_token(runtime: Runtime, token_id: str) -> ApiToken:
    """Revoke a token at once (the caller's own; any for the platform and the operator)."""
    with runtime.unit_of_work() as session:
        found = session.execute(
            select(store.TokenRow, store.UserRow)
            .join(store.UserRow, store.TokenRow.user_id == store.UserRow.id)
            .where(store.TokenRow.id == token_id)
        ).first()
        caller = runtime.caller
        if found is None or not (
            caller is None or caller.is_platform or found[0].user_id == caller.user_id
        ):
            raise NotFound(f"no token {token_id!r}", field="token")
        token, user = found
        if token.revoked_at is None:
            token.revoked_at = runtime.clock.now()
        return store.token_of(token, user.email)


def resolve_token(runtime: Runtime, secret: str) -> Caller:
    """Return the caller a bearer token stands for.

    Raises
    ------
    Unauthenticated
        For an unknown, revoked or expired token, or a disabled user.
    """
    now = runtime.clock.now()
    with runtime.unit_of_work() as session:
        found = store.credential_with_owner(session, store.TokenRow, secret_digest(secret))
        if found is None or found[1].disabled:
            raise Unauthenticated("unknown token")
        token, user, organisation = found
        listed = store.token_of(token, user.email)
        if not listed.is_active(now):
            raise Unauthenticated("the token is revoked or expired")
        if listed.last_used_at is None or now - listed.last_used_at >= LAST_USE_PRECISION:
            token.last_used_at = now
        return store.caller_of(session, user, organisation, listed.scopes)
