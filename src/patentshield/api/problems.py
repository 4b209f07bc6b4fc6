"""Errors as RFC 9457 problem documents (``application/problem+json``), mapped once for the API.

Every error of the :mod:`~patentshield.kernel.errors` tree becomes ``{type, title, status,
detail, code, field}``; FastAPI's validation errors become the same shape naming the first
field in error (``invalid_input``, 422; a body that is not JSON, 400); an unknown route 404;
an unexpected exception 500 with no detail — never a stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from patentshield.kernel.errors import (
    Conflict,
    CurrencyMismatch,
    ExternalDataError,
    Forbidden,
    InvalidInput,
    InvalidTransition,
    NotFound,
    PatentshieldError,
    RateLimited,
    RuleViolation,
    Unauthenticated,
    Unavailable,
)

MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:patentshield:problem:"
_LOG = logging.getLogger("patentshield.api")

STATUS_OF: tuple[tuple[type[PatentshieldError], int], ...] = (
    (RateLimited, 429),
    (Unauthenticated, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (Conflict, 409),
    (InvalidTransition, 409),
    (InvalidInput, 422),
    (RuleViolation, 422),
    (CurrencyMismatch, 422),
    (ExternalDataError, 422),
    (Unavailable, 503),
)
"""HTTP status of each error class (the first match wins, so subclasses come first)."""

TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request body too large",
    422: "Invalid input",
    429: "Too many requests",
    503: "Service unavailable",
    500: "Internal error",
}


def problem(
    status: int,
    code: str,
    detail: str,
    *,
    field: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """Return a problem document response."""
    body = {
        "type": TYPE_PREFIX + code,
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "code": code,
        "field": field,
    }
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def status_of(error: PatentshieldError) -> int:
    """Return the HTTP status of an error of the tree (400 for any other)."""
    return next((status for kind, status in STATUS_OF if isinstance(error, kind)), 400)


def _headers(error: PatentshieldError) -> dict[str, str] | None:
    if isinstance(error, RateLimited):
        return {"Retry-After": str(error.retry_after)}
    if isinstance(error, Unauthenticated):
        return {"WWW-Authenticate": 'Bearer realm="patentshield"'}
    return None


async def _domain_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, PatentshieldError)
    return problem(
        status_of(error), error.code, error.message, field=error.field, headers=_headers(error)
    )


async def _validation_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0] if error.errors() else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("body", "query")]
    field = ".".join(location) or "body"
    if first.get("type") == "json_invalid":
        return problem(400, "invalid_json", "the body is not valid JSON", field="body")
    return problem(422, InvalidInput.code, str(first.get("msg", "invalid value")), field=field)


async def _http_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    code = {404: NotFound.code, 405: "method_not_allowed"}.get(error.status_code, "error")
    return problem(error.status_code, code, str(error.detail), headers=error.headers)


async def _unexpected(_request: Request, error: Exception) -> JSONResponse:
    _LOG.exception("unexpected error", exc_info=error)
    return problem(500, "internal_error", "the server failed; the error was logged")


def install(app: FastAPI) -> None:
    """Map every error to a problem document in ``app``."""
    app.add_exception_handler(PatentshieldError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
