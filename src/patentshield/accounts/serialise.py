"""Organisations, users and tokens as JSON and table rows (for the CLI and the HTTP API).

No password hash and no token digest ever leaves through here; a token's secret appears only
in :func:`issued_json`, the answer to its creation.

This module is pure: it imports no framework and reads no clock (``now`` is a parameter).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from patentshield.accounts.model import ApiToken, IssuedSecret, Organisation, User
from patentshield.kernel.access import Caller, Permission
from patentshield.kernel.jsonvalue import JsonValue

ORGANISATION_COLUMNS = ("Id", "Kind", "Name", "Region", "Created")
USER_COLUMNS = ("Id", "Email", "Organisation", "Role", "Locked until", "Disabled")
TOKEN_COLUMNS = ("Id", "User", "Name", "Scopes", "Expires", "State", "Last used")


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _scopes(scopes: Iterable[Permission] | None) -> list[str] | None:
    return None if scopes is None else sorted(scope.value for scope in scopes)


def organisation_json(organisation: Organisation) -> dict[str, JsonValue]:
    """Return an organisation as JSON."""
    return {
        "id": organisation.id,
        "kind": organisation.kind.value,
        "name": organisation.name,
        "region": organisation.region,
        "products": list(organisation.products),
        "created_at": organisation.created_at.isoformat(),
    }


def organisation_row(organisation: Organisation) -> list[str]:
    """Return an organisation as the cells of :data:`ORGANISATION_COLUMNS`."""
    created = organisation.created_at.date().isoformat()
    kind = organisation.kind.value
    return [organisation.id, kind, organisation.name, organisation.region or "", created]


def user_json(user: User) -> dict[str, JsonValue]:
    """Return a user as JSON (never its password hash)."""
    return {
        "id": user.id,
        "email": user.email,
        "organisation_id": user.organisation_id,
        "role": user.role.value,
        "failed_logins": user.failed_logins,
        "locked_until": _moment(user.locked_until),
        "disabled": user.disabled,
        "created_at": user.created_at.isoformat(),
    }


def user_row(user: User) -> list[str]:
    """Return a user as the cells of :data:`USER_COLUMNS`."""
    locked = _moment(user.locked_until) or ""
    disabled = "yes" if user.disabled else ""
    return [user.id, user.email, user.organisation_id, user.role.value, locked, disabled]


def token_state(token: ApiToken, now: datetime) -> str:
    """Return ``active``, ``revoked`` or ``expired``."""
    if token.revoked_at is not None:
        return "revoked"
    return "active" if token.is_active(now) else "expired"


def token_json(token: ApiToken, now: datetime) -> dict[str, JsonValue]:
    """Return a listed token as JSON (never its secret or digest)."""
    return {
        "id": token.id,
        "user": token.email,
        "name": token.name,
        "scopes": _scopes(token.scopes),
        "created_at": token.created_at.isoformat(),
        "expires_at": token.expires_at.isoformat(),
        "revoked_at": _moment(token.revoked_at),
        "last_used_at": _moment(token.last_used_at),
        "state": token_state(token, now),
    }


def token_row(token: ApiToken, now: datetime) -> list[str]:
    """Return a token as the cells of :data:`TOKEN_COLUMNS`."""
    scopes = ", ".join(_scopes(token.scopes) or ["all of the role"])
    return [
        token.id,
        token.email,
        token.name,
        scopes,
        token.expires_at.isoformat(),
        token_state(token, now),
        _moment(token.last_used_at) or "",
    ]


def issued_json(issued: IssuedSecret) -> dict[str, JsonValue]:
    """Return a token just created, with its secret (shown this once)."""
    return {"id": issued.id, "token": issued.secret, "expires_at": issued.expires_at.isoformat()}


def caller_json(caller: Caller) -> dict[str, JsonValue]:
    """Return who a request runs for, with what it may do."""
    return {
        "user_id": caller.user_id,
        "email": caller.email,
        "organisation": {
            "id": caller.organisation_id,
            "kind": caller.organisation_kind.value,
            "region": caller.region,
        },
        "role": caller.role.value,
        "permissions": _scopes(caller.permissions),
        "token_scopes": _scopes(caller.scopes),
    }
