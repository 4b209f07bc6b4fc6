"""Signing in and out: the request authenticator, login with throttling, logout.

A request is authenticated by an ``Authorization: Bearer ps_…`` token or by the session cookie
that ``POST /auth/login`` sets (HttpOnly, SameSite=Lax, Secure when the request came over
HTTPS). A cookie is sent by the browser on its own, so an unsafe request (not GET, HEAD or
OPTIONS) on a cookie session must also carry the session's CSRF secret in the
``X-CSRF-Token`` header (synchronizer token: the login answer and a readable
``patentshield_csrf`` cookie give it to the page). A bearer token is never sent on its own and
needs no such check.

Login is throttled per client address and per account (:class:`~patentshield.api.throttle.
Throttle`, ``settings.login_attempts_per_minute``) on top of the account lockout kept in the
database. Logout deletes the session, so its cookie stops working at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel, Field

from patentshield.accounts import service
from patentshield.accounts.api import CallerOut
from patentshield.accounts.credentials import same_secret
from patentshield.accounts.serialise import caller_json
from patentshield.accounts.session_service import destroy_session, open_session, resolve_session
from patentshield.accounts.token_service import resolve_token
from patentshield.api.throttle import Throttle
from patentshield.kernel.errors import Forbidden, InvalidInput, RateLimited, Unauthenticated
from patentshield.kernel.http import (
    CSRF_COOKIE,
    CSRF_HEADER,
    SESSION_COOKIE,
    RuntimeDep,
    set_session_cookies,
)
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.runtime import Runtime

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
router = APIRouter(tags=["authentication"])


def authenticator(runtime: Runtime) -> Callable[[Request], Runtime]:
    """Return the function that gives each request the runtime of its caller."""

    def authenticate(request: Request) -> Runtime:
        header = request.headers.get("authorization")
        if header is not None:
            scheme, _, secret = header.partition(" ")
            if scheme.lower() != "bearer" or not secret.strip():
                raise Unauthenticated("use the header Authorization: Bearer ps_…")
            request.state.credential = "token"
            return runtime.for_caller(resolve_token(runtime, secret.strip()))
        cookie = request.cookies.get(SESSION_COOKIE)
        if not cookie:
            raise Unauthenticated("sign in, or send an API token as Authorization: Bearer ps_…")
        found = resolve_session(runtime, cookie)
        if request.method not in SAFE_METHODS:
            given = request.headers.get(CSRF_HEADER, "")
            if not same_secret(given, found.csrf_secret):
                raise Forbidden(CSRF_HEADER, "a cookie session needs its CSRF token in this header")
        request.state.credential = "session"
        return runtime.for_caller(found.caller)

    return authenticate


class LoginRequest(BaseModel):
    """Email and password of a user."""

    email: str = Field(max_length=254)
    password: str = Field(max_length=1024)


class Throttles:
    """The login throttles of one application: per client address and per account."""

    def __init__(self, per_minute: int) -> None:
        self.address = Throttle(limit=per_minute, window=60.0)
        self.account = Throttle(limit=per_minute, window=60.0)

    def check(self, address: str, email: str) -> None:
        """Count a login attempt; raise :class:`RateLimited` past the limit."""
        now = time.monotonic()
        wait = self.address.hit(address, now) or self.account.hit(email.strip().lower(), now)
        if wait is not None:
            raise RateLimited(f"too many login attempts; retry in {wait} s", retry_after=wait)


class LoginOut(BaseModel):
    """The signed-in user, and the CSRF token its page sends with unsafe requests."""

    user: CallerOut
    csrf_token: str
    expires_at: str


def _is_https(request: Request) -> bool:
    return request.url.scheme == "https"


@router.post("/auth/login", response_model=LoginOut, summary="Sign in; sets the session cookie")
def login(body: LoginRequest, request: Request, response: Response) -> dict[str, JsonValue]:
    """Check the email and password, open a session and set its cookies."""
    runtime: Runtime = request.app.state.runtime
    throttles: Throttles = request.app.state.throttles
    throttles.check(request.client.host if request.client else "unknown", body.email)
    caller = service.authenticate(runtime, body.email, body.password)
    opened = open_session(runtime.for_caller(caller), caller)
    lifetime = int((opened.cookie.expires_at - runtime.clock.now()).total_seconds())
    set_session_cookies(
        response,
        request,
        secret=opened.cookie.secret,
        csrf_secret=opened.csrf_secret,
        seconds=lifetime,
    )
    return {
        "user": caller_json(caller),
        "csrf_token": opened.csrf_secret,
        "expires_at": opened.cookie.expires_at.isoformat(),
    }


@router.post(
    "/auth/logout", status_code=status.HTTP_204_NO_CONTENT, summary="End the session at once"
)
def logout(request: Request, runtime: RuntimeDep) -> Response:
    """Delete the session of the cookie; it stops working at once."""
    if getattr(request.state, "credential", None) != "session":
        raise InvalidInput("Authorization", "revoke a token with DELETE /api/v1/tokens/{id}")
    destroy_session(runtime, request.cookies[SESSION_COOKIE])
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(SESSION_COOKIE, httponly=True, secure=_is_https(request))
    response.delete_cookie(CSRF_COOKIE, secure=_is_https(request))
    return response
