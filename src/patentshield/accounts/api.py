"""``/api/v1/me`` and ``/api/v1/tokens``: who am I, and my personal API tokens.

A thin adapter over the accounts services; signing in and out (cookies, CSRF, throttling)
belongs to the HTTP edge (``patentshield.api.session``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status
from pydantic import BaseModel, Field

from patentshield.accounts import token_service as tokens
from patentshield.accounts.model import token_expiry
from patentshield.accounts.serialise import caller_json, issued_json, token_json
from patentshield.kernel.access import parse_permissions
from patentshield.kernel.errors import Unauthenticated
from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.jsonvalue import JsonValue

router = APIRouter(tags=["accounts"])


class OrganisationOut(BaseModel):
    """The caller's organisation."""

    id: str
    kind: str
    region: str | None


class CallerOut(BaseModel):
    """Who a request runs for and what it may do."""

    user_id: str
    email: str
    organisation: OrganisationOut
    role: str
    permissions: list[str]
    token_scopes: list[str] | None


class TokenOut(BaseModel):
    """A personal API token as listed (never its secret)."""

    id: str
    user: str
    name: str
    scopes: list[str] | None
    created_at: str
    expires_at: str
    revoked_at: str | None
    last_used_at: str | None
    state: str


class IssuedTokenOut(BaseModel):
    """A token just created, with its secret: shown this once."""

    id: str
    token: str
    expires_at: str


class TokenRequest(BaseModel):
    """A new personal API token for the caller."""

    name: str = Field(default="", max_length=200, description="What the token is for.")
    scopes: list[Annotated[str, Field(max_length=40)]] | None = Field(
        default=None,
        max_length=64,
        description="Permissions such as quotes:read; none: all of the caller's.",
    )
    expires: str = Field(
        default="90d", max_length=20, description="A date YYYY-MM-DD or a number of days: 90d."
    )


@router.get("/me", response_model=CallerOut, summary="Who the request runs for, and what it may do")
def me(runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Return the caller: user, organisation, role, permissions and token scopes."""
    if runtime.caller is None:  # pragma: no cover - the API always authenticates
        raise Unauthenticated("no caller")
    return caller_json(runtime.caller)


@router.get("/tokens", response_model=list[TokenOut], summary="The caller's API tokens")
def list_tokens(runtime: RuntimeDep) -> list[JsonValue]:
    """List the caller's tokens (never their secrets)."""
    moment = runtime.clock.now()
    return [token_json(token, moment) for token in tokens.list_tokens(runtime)]


@router.post(
    "/tokens",
    response_model=IssuedTokenOut,
    status_code=status.HTTP_201_CREATED,
    summary="Create an API token",
)
def create_token(body: TokenRequest, runtime: RuntimeDep) -> dict[str, JsonValue]:
    """Create a token for the caller; its secret is in this answer and never again."""
    issued = tokens.create_token(
        runtime,
        scopes=None if body.scopes is None else parse_permissions(body.scopes),
        expires_at=token_expiry(body.expires, runtime.clock.now()),
        name=body.name,
    )
    return issued_json(issued)


@router.delete("/tokens/{token_id}", response_model=TokenOut, summary="Revoke an API token at once")
def revoke_token(
    token_id: Annotated[str, Path(max_length=40)], runtime: RuntimeDep
) -> dict[str, JsonValue]:
    """Revoke one of the caller's tokens; the next request with it is refused."""
    return token_json(tokens.revoke_token(runtime, token_id), runtime.clock.now())
