"""Signing in and out of the pages, and the language switch.

The login form opens the same web session as ``POST /api/v1/auth/login`` (accounts'
``open_session``: an HttpOnly session cookie and a CSRF secret), throttled by the application's
login throttles; logout deletes the session. The language switch sets a cookie that wins over
``Accept-Language`` on every later page.
"""

from __future__ import annotations

from typing import Annotated, Protocol

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from patentshield.accounts import service
from patentshield.accounts.session_service import destroy_session, open_session
from patentshield.kernel.errors import PatentshieldError
from patentshield.kernel.http import CSRF_COOKIE, SESSION_COOKIE, set_session_cookies
from patentshield.kernel.runtime import Runtime
from patentshield.web import i18n
from patentshield.web.frame import (
    LANG_COOKIE,
    FormDep,
    PageRoute,
    SignInNeeded,
    home_of,
    render,
    signed_in,
)

router = APIRouter(route_class=PageRoute, include_in_schema=False)
YEAR = 365 * 24 * 3600


class LoginThrottles(Protocol):
    """The application's login throttles (``app.state.throttles``)."""

    def check(self, address: str, email: str) -> None:
        """Count an attempt; raise past the limit."""


def _safe_next(target: str | None) -> str | None:
    """Return ``target`` when it is a path of this site (never another host)."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return None


@router.get("/", response_class=HTMLResponse)
def root(request: Request) -> Response:
    """Send a signed-in user to its home page, anyone else to the login page."""
    try:
        page = signed_in(request)
    except SignInNeeded:
        return RedirectResponse("/login", status_code=303)
    return RedirectResponse(home_of(page.caller), status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> Response:  # noqa: A002
    """Show the login form."""
    context = {"next": _safe_next(next) or "", "email": "", "failed": None}
    return render(request, "login.html", context)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=1000)] = "",  # noqa: A002
) -> Response:
    """Check the email and password, open a session, set its cookies and go on."""
    runtime: Runtime = request.app.state.runtime
    throttles: LoginThrottles = request.app.state.throttles
    try:
        throttles.check(request.client.host if request.client else "unknown", email)
        caller = service.authenticate(runtime, email, password)
    except PatentshieldError as error:
        context = {"next": _safe_next(next) or "", "email": email, "failed": error.code}
        return render(request, "login.html", context, status=401)
    opened = open_session(runtime.for_caller(caller), caller)
    lifetime = int((opened.cookie.expires_at - runtime.clock.now()).total_seconds())
    response = RedirectResponse(_safe_next(next) or home_of(caller), status_code=303)
    set_session_cookies(
        response,
        request,
        secret=opened.cookie.secret,
        csrf_secret=opened.csrf_secret,
        seconds=lifetime,
    )
    return response


@router.post("/logout")
def logout(request: Request, form: FormDep) -> Response:
    """End the session at once and go back to the login page."""
    destroy_session(request.app.state.runtime, request.cookies[SESSION_COOKIE])
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, httponly=True, secure=request.url.scheme == "https")
    response.delete_cookie(CSRF_COOKIE, secure=request.url.scheme == "https")
    return response


@router.get("/lang/{code}")
def switch_language(code: str, next: str | None = None) -> Response:  # noqa: A002
    """Remember the reader's language (``zh_CN`` or ``en``) and go back to the page."""
    locale = i18n.supported(code) or i18n.DEFAULT_LOCALE
    response = RedirectResponse(_safe_next(next) or "/", status_code=303)
    response.set_cookie(LANG_COOKIE, locale, max_age=YEAR, samesite="lax")
    return response
