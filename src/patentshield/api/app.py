"""The FastAPI application: ``create_app(settings)`` assembles the API under ``/api/v1``.

One :class:`~patentshield.kernel.runtime.Runtime` is built per process, with the CLI's wiring
(same settings, database, reference data and audit recorder); each request gets that runtime
derived for its authenticated caller (:mod:`patentshield.api.session`). Errors are problem
documents (:mod:`patentshield.api.problems`); request bodies are limited in size
(:mod:`patentshield.api.middleware`). The OpenAPI document is at ``/api/v1/openapi.json`` and
the interactive docs at ``/api/v1/docs`` are served from Swagger UI files bundled in the
package (``static/``), so they work offline and load nothing from a CDN.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from sqlalchemy import text

from patentshield import __version__
from patentshield.accounts.api import router as accounts_router
from patentshield.api import idempotency, middleware, problems, session
from patentshield.assessment.api import router as risk_router
from patentshield.audit.api import router as audit_router
from patentshield.cases.api import router as cases_router
from patentshield.catalog.api import router as catalog_router
from patentshield.claims.api import router as claims_router
from patentshield.claims.invoice_api import router as invoice_changes_router
from patentshield.claims.joint_api import router as joint_router
from patentshield.cli.wiring import build_runtime
from patentshield.compliance.api import router as compliance_router
from patentshield.enterprises.api import router as enterprises_router
from patentshield.kernel.config import Settings
from patentshield.kernel.http import AUTHENTICATOR
from patentshield.kernel.http_io import IDEMPOTENCY, MAX_UPLOAD_BYTES
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.runtime import Runtime
from patentshield.policies.api import router as policies_router
from patentshield.procedure.api import router as procedure_router
from patentshield.programme.analytics_api import router as programme_analytics_router
from patentshield.programme.api import router as programme_router
from patentshield.quotes.api import router as quotes_router
from patentshield.subsidies.api import router as subsidies_router
from patentshield.subsidies.applications_api import router as applications_router
from patentshield.usitc.api import router as usitc_router
from patentshield.web import routes as web

PREFIX = "/api/v1"
STATIC = Path(__file__).parent / "static"
OPERATOR = "api:anonymous"
"""The actor of changes made before anyone is authenticated (wrong passwords counted)."""


ROUTERS = (
    accounts_router,
    audit_router,
    catalog_router,
    subsidies_router,
    enterprises_router,
    quotes_router,
    risk_router,
    policies_router,
    procedure_router,
    cases_router,
    claims_router,
    invoice_changes_router,
    joint_router,
    usitc_router,
    programme_router,
    programme_analytics_router,
    compliance_router,
    applications_router,
)
"""The routers of the capabilities, in the order the docs page lists them."""

UPLOAD_PATHS = re.compile(
    rf"^{PREFIX}/(cases/[^/]+/evidence|enterprises/import|usitc/import"
    rf"|compliance/enterprises/[^/]+/fto)$"
)
"""Routes that take file uploads: their bodies may exceed the settings' limit."""


SETTINGS_VARIABLE = "PATENTSHIELD_SERVE_SETTINGS"
"""Environment variable that hands ``patentshield serve``'s settings to its worker processes."""


def worker_app() -> FastAPI:
    """Return the application of a worker process of ``patentshield serve --workers N``."""
    return create_app(Settings.model_validate_json(os.environ[SETTINGS_VARIABLE]))


def create_app(settings: Settings, *, runtime: Runtime | None = None) -> FastAPI:
    """Return the API application of ``settings`` (or of a runtime a test built)."""
    process = runtime or build_runtime(settings)
    process.operator = OPERATOR
    app = FastAPI(
        lifespan=_handler_threads(process.settings.server_threads),
        title="patentshield",
        version=__version__,
        summary="Patent insurance against US Section 337 investigations: the HTTP API.",
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.runtime = process
    app.state.throttles = session.Throttles(process.settings.login_attempts_per_minute)
    setattr(app.state, AUTHENTICATOR, session.authenticator(process))
    setattr(app.state, IDEMPOTENCY, idempotency.replay_or_produce)
    problems.install(app)
    app.add_middleware(
        middleware.Guard,
        max_bytes=process.settings.max_body_bytes,
        upload_bytes=max(process.settings.max_body_bytes, MAX_UPLOAD_BYTES),
        upload_paths=UPLOAD_PATHS,
    )
    app.include_router(session.router, prefix=PREFIX)
    for router in ROUTERS:
        app.include_router(router, prefix=PREFIX)
    app.include_router(_health(process), prefix=PREFIX)
    _docs(app)
    _problems_in_schema(app)
    web.install(app, problems.STATUS_OF)
    return app


def _handler_threads(threads: int) -> Any:
    """Return the lifespan that runs the handlers of a server process in ``threads`` threads."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    return lifespan


class ProblemOut(BaseModel):
    """An error as an RFC 9457 problem document (``application/problem+json``)."""

    type: str
    title: str
    status: int
    detail: str
    code: str
    field: str | None


def _problems_in_schema(app: FastAPI) -> None:
    """Document every error answer as a problem document, in place of FastAPI's 422 shape."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        problem = {
            "description": "An error: RFC 9457 problem document naming the field and the reason.",
            "content": {problems.MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                responses.pop("422", None)
                responses["4XX"] = problem
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = ProblemOut.model_json_schema()
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


class HealthOut(BaseModel):
    """The service is up and its database answers."""

    status: str
    version: str


def _health(runtime: Runtime) -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get(
        "/health", response_model=HealthOut, summary="Is the service up and its database reachable"
    )
    def health() -> dict[str, JsonValue]:
        with runtime.unit_of_work() as db_session:
            db_session.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__}

    return router


def _docs(app: FastAPI) -> None:
    app.mount(f"{PREFIX}/static", StaticFiles(directory=STATIC), name="static")

    @app.get(f"{PREFIX}/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=f"{PREFIX}/openapi.json",
            title="patentshield API",
            swagger_js_url=f"{PREFIX}/static/swagger-ui-bundle.js",
            swagger_css_url=f"{PREFIX}/static/swagger-ui.css",
            swagger_favicon_url=f"{PREFIX}/static/favicon-32x32.png",
        )
