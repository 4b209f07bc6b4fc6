"""Shared plumbing of the HTTP edge: the runtime of a request, for its authenticated caller.

Every capability's ``api.py`` is a thin adapter: it parses the request, calls a service with
the request's runtime and returns JSON. A route asks for the runtime with :data:`RuntimeDep`;
the application (``patentshield.api``) registers, on ``app.state``, the function that
authenticates a request (bearer token, or session cookie with its CSRF check) and returns the
process runtime derived for that caller. Capabilities thereby never import the application,
which the layering forbids (as :mod:`patentshield.kernel.cli` does for the command line).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request, Response, Security
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from patentshield.kernel.runtime import Runtime

AUTHENTICATOR = "authenticator"
"""Attribute of ``app.state``: a function from a request to the runtime of its caller."""

SESSION_COOKIE = "patentshield_session"
CSRF_COOKIE = "patentshield_csrf"
CSRF_HEADER = "X-CSRF-Token"

# Declared so that the OpenAPI document and the docs page show both ways of signing in; the
# authenticator reads the headers itself and maps every failure to one problem document.
_bearer = HTTPBearer(auto_error=False, description="A personal API token: `Bearer ps_…`.")
_cookie = APIKeyCookie(
    name=SESSION_COOKIE, auto_error=False, description="Session cookie set by /auth/login."
)


def request_runtime(
    request: Request,
    _token: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)] = None,
    _session: Annotated[str | None, Security(_cookie)] = None,
) -> Runtime:
    """Return the runtime of this request for its authenticated caller (once per request)."""
    cached = getattr(request.state, "runtime", None)
    if isinstance(cached, Runtime):
        return cached
    authenticate: Callable[[Request], Runtime] = getattr(request.app.state, AUTHENTICATOR)
    found = authenticate(request)
    request.state.runtime = found
    return found


RuntimeDep = Annotated[Runtime, Depends(request_runtime)]
"""Use as ``runtime: RuntimeDep`` in a route that needs an authenticated caller."""


def set_session_cookies(
    response: Response, request: Request, *, secret: str, csrf_secret: str, seconds: int
) -> None:
    """Set a new session's cookies: the session HttpOnly, both SameSite=Lax, Secure over TLS.

    The CSRF cookie is readable by the page's script (double-submit); both expire with the
    session after ``seconds``.
    """
    secure = request.url.scheme == "https"
    response.set_cookie(
        SESSION_COOKIE, secret, max_age=seconds, httponly=True, secure=secure, samesite="lax"
    )
    response.set_cookie(CSRF_COOKIE, csrf_secret, max_age=seconds, secure=secure, samesite="lax")
