"""What every page shares: templates per locale, the signed-in caller, CSRF, errors, the menu.

A page route asks for :data:`PageDep` — the request's runtime derived for the caller of the
session cookie that the login page set (the same sessions as the HTTP API), the session's
CSRF secret and the page's locale. Without a valid session the browser is sent to the login
page. Every form carries the CSRF secret in a hidden ``csrf_token`` field; :func:`posted`
refuses a form without it. Routes use :class:`PageRoute`, which turns an error of the services
into a page in the reader's language (a form re-renders itself with the error next to its
field instead, see :func:`form_error`).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from starlette.datastructures import FormData

from patentshield.accounts.credentials import same_secret
from patentshield.accounts.session_service import resolve_session
from patentshield.kernel.access import Caller, Permission, Role
from patentshield.kernel.errors import Forbidden, NotFound, PatentshieldError, Unauthenticated
from patentshield.kernel.http import SESSION_COOKIE
from patentshield.kernel.runtime import Runtime
from patentshield.web import i18n
from patentshield.web.tables import WebTable, workbook

TEMPLATES = Path(__file__).parent / "templates"
LANG_COOKIE = "patentshield_lang"
CSRF_FIELD = "csrf_token"


class SignInNeeded(Exception):
    """The request has no valid session: the browser goes to the login page."""


@dataclass(frozen=True, slots=True)
class MenuItem:
    """One entry of the menu: where it goes, its message id and who may see it."""

    path: str
    label: str
    permission: Permission


MENU = (
    MenuItem("/dashboard", "nav.dashboard", Permission.ENTERPRISES_WRITE),
    MenuItem("/compare", "nav.compare", Permission.QUOTES_WRITE),
    MenuItem("/quotes", "nav.quotes", Permission.QUOTES_READ),
    MenuItem("/policies", "nav.policies", Permission.POLICIES_READ),
    MenuItem("/cases", "nav.cases", Permission.CASES_READ),
    MenuItem("/claims", "nav.claims", Permission.CLAIMS_READ),
    MenuItem("/enterprise", "nav.enterprise", Permission.ENTERPRISES_WRITE),
    MenuItem("/underwriting", "nav.underwriting", Permission.POLICIES_WRITE),
    MenuItem("/desk", "nav.desk", Permission.CLAIMS_ADJUDICATE),
    MenuItem("/portfolio", "nav.portfolio", Permission.PROGRAMME_READ),
    MenuItem("/programme", "nav.programme", Permission.SUBSIDIES_DECIDE),
)
"""The menu; a caller sees the entries its role may use."""


def menu_of(caller: Caller) -> list[MenuItem]:
    """Return the menu entries ``caller`` may use."""
    return [item for item in MENU if caller.can(item.permission)]


HOMES = {
    Role.UNDERWRITER: "/underwriting",
    Role.CLAIMS_HANDLER: "/desk",
    Role.PROGRAMME_OFFICER: "/programme",
}
"""The home page of the roles whose work is not first in the menu."""


def home_of(caller: Caller) -> str:
    """Return the home page of ``caller``: its role's, else the first entry of its menu."""
    entries = menu_of(caller)
    return HOMES.get(caller.role) or (entries[0].path if entries else "/policies")


@cache
def environment(locale: str) -> jinja2.Environment:
    """Return the template environment of ``locale``, with its messages and formats."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
    )
    env.install_gettext_translations(i18n.translations(locale), newstyle=True)  # type: ignore[attr-defined]
    env.filters["money"] = lambda value: i18n.money(value, locale)
    env.filters["wan"] = lambda value: i18n.wan(value, locale) if value is not None else None
    env.filters["day"] = lambda value: i18n.day(value, locale)
    env.filters["number"] = lambda value, digits=0: i18n.number(value, locale, digits)
    env.filters["percent"] = lambda value: i18n.percent(value, locale)
    env.globals["field_label"] = lambda name: field_label(locale, name)
    return env


def field_label(locale: str, name: str) -> str:
    """Return the label of a form field an error names (``field.<name>``), else the name."""
    message_id = f"field.{name}"
    found = i18n.translations(locale).gettext(message_id)
    return name if found == message_id else found


def request_locale(request: Request) -> str:
    """Return the locale of ``request``: its cookie, else ``Accept-Language``, else zh_CN."""
    return i18n.choose_locale(
        request.cookies.get(LANG_COOKIE), request.headers.get("accept-language")
    )


def gettext(locale: str) -> Callable[[str], str]:
    """Return the message lookup of ``locale`` (for texts made outside a template).

    Catalog texts are written for the templates' ``%``-formatting (``99%%``); a text looked up
    here has no placeholder to fill, so its ``%%`` is a plain ``%``.
    """
    found = i18n.translations(locale).gettext
    return lambda message: found(message).replace("%%", "%")


@dataclass(slots=True)
class Page:
    """One page request: the caller's runtime, its CSRF secret and the page's locale."""

    request: Request
    runtime: Runtime
    caller: Caller
    csrf: str
    locale: str
    errors: dict[str, str] = field(default_factory=dict)
    english: set[str] = field(default_factory=set)
    """The fields of ``errors`` whose reason has no message id, shown in English."""

    @property
    def text(self) -> Callable[[str], str]:
        """Return the message lookup of the page's locale."""
        return gettext(self.locale)

    def message(self, message_id: str, params: Mapping[str, object]) -> str:
        """Return message ``message_id`` in the page's locale with ``params`` filled in."""
        return message_in(self.locale, message_id, params)


def message_in(locale: str, message_id: str, params: Mapping[str, object]) -> str:
    """Return message ``message_id`` of ``locale`` with ``params`` filled in (``%(name)s``)."""
    return i18n.translations(locale).gettext(message_id) % dict(params)


def signed_in(request: Request) -> Page:
    """Return the page of a signed-in request; send anyone else to the login page."""
    process: Runtime = request.app.state.runtime
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise SignInNeeded
    try:
        found = resolve_session(process, cookie)
    except Unauthenticated:
        raise SignInNeeded from None
    runtime = process.for_caller(found.caller)
    return Page(request, runtime, found.caller, found.csrf_secret, request_locale(request))


PageDep = Annotated[Page, Depends(signed_in)]
"""Use as ``page: PageDep`` in a page route that needs a signed-in caller."""


async def posted(request: Request) -> FormData:
    """Return the posted form of a signed-in caller after checking its CSRF token."""
    page = signed_in(request)
    form = await request.form()
    if not same_secret(str(form.get(CSRF_FIELD, "")), page.csrf):
        raise Forbidden(CSRF_FIELD, "the form's CSRF token is missing or wrong; reload the page")
    return form


FormDep = Annotated[FormData, Depends(posted)]
"""Use as ``form: FormDep`` in a route that takes a form (its CSRF token checked)."""


def render(
    page: Page | Request, name: str, context: Mapping[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    """Render template ``name`` for ``page`` (or a request of someone not signed in)."""
    request = page.request if isinstance(page, Page) else page
    locale = page.locale if isinstance(page, Page) else request_locale(request)
    caller = page.caller if isinstance(page, Page) else None
    values: dict[str, Any] = {
        "locale": locale,
        "caller": caller,
        "menu": menu_of(caller) if caller else [],
        "csrf": page.csrf if isinstance(page, Page) else "",
        "errors": page.errors if isinstance(page, Page) else {},
        "english_errors": page.english if isinstance(page, Page) else set(),
        "path": request.url.path,
        "permissions": Permission,
        "export_query": _export_query(request),
        "here": quote(
            str(request.url.path) + ("?" + request.url.query if request.url.query else "")
        ),
    }
    values.update(context or {})
    html = environment(locale).get_template(name).render(values)
    return HTMLResponse(html, status_code=status)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(content: bytes, filename: str, media_type: str) -> Response:
    """Answer ``content`` as a file the browser saves as ``filename``."""
    disposition = f'attachment; filename="{filename}"'
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


def respond(
    page: Page,
    name: str,
    context: Mapping[str, Any] | None = None,
    tables: Sequence[WebTable] = (),
    status: int = 200,
) -> Response:
    """Render a page with its tables, or answer one of them as .xlsx (``?export=xlsx&table=``)."""
    if page.request.query_params.get("export") == "xlsx":
        wanted = page.request.query_params.get("table")
        for table in tables:
            if table.name == wanted:
                return download(workbook(table), f"{table.name}.xlsx", XLSX)
        raise NotFound(f"this page has no table {wanted!r}", field="table")
    values = dict(context or {})
    values["tables"] = {table.name: table for table in tables}
    return render(page, name, values, status)


def table_of(page: Page, name: str, caption: str, columns: Sequence[str]) -> WebTable:
    """Return an empty table of ``page`` with its caption and headers translated."""
    text = page.text
    return WebTable(name, text(caption), [text(c) for c in columns], locale=page.locale)


def _export_query(request: Request) -> str:
    """Return the query of ``request`` without export parameters, ready for ``export=…``."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in ("export", "table")]
    return "?" + "".join(f"{urlencode([(k, v)])}&" for k, v in kept)


def refused(
    page: Page, field_name: str, english: str, message_id: str | None, params: Mapping[str, object]
) -> None:
    """Record a refusal next to ``field_name``: its message in the page's locale, else English.

    ``params`` (amounts, dates, numbers) are formatted in the page's locale.
    """
    reason = reason_in(page.locale, message_id, params)
    page.errors[field_name] = english if reason is None else reason
    if reason is None:
        page.english.add(field_name)


def reason_in(locale: str, message_id: str | None, params: Mapping[str, object]) -> str | None:
    """Return a refusal's reason in ``locale`` (``None`` when it has no message id)."""
    if message_id is None:
        return None
    return message_in(locale, message_id, {k: i18n.shown(v, locale) for k, v in params.items()})


def form_error(page: Page, error: PatentshieldError) -> None:
    """Record ``error`` on the page, next to its field (or at the top of the form).

    The reason is in the page's language when the error carries a message id
    (:class:`~patentshield.kernel.errors.PatentshieldError`), else the English ``message``.
    """
    refused(page, error.field or "form", error.message, error.message_id, error.params)


ERROR_STATUSES = "error_statuses"
"""Attribute of ``app.state``: the HTTP status of each error class, as the API answers them."""


def status_of(request: Request, error: PatentshieldError) -> int:
    """Return the HTTP status of an error of the services (the API's, set on ``app.state``)."""
    statuses: tuple[tuple[type[PatentshieldError], int], ...] = getattr(
        request.app.state, ERROR_STATUSES, ()
    )
    return next((status for kind, status in statuses if isinstance(error, kind)), 400)


class PageRoute(APIRoute):
    """A route whose errors become pages: sign in, or an error page in the reader's language."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """Wrap the handler of the route."""
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInNeeded:
                target = quote(request.url.path)
                return RedirectResponse(f"/login?next={target}", status_code=303)
            except PatentshieldError as error:
                status = status_of(request, error)
                locale = request_locale(request)
                reason = reason_in(locale, error.message_id, error.params)
                context = {"error": error, "reason": reason}
                return render(request, "error.html", context, status=status)

        return handle
