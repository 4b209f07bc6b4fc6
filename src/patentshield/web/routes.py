"""The pages of the web application, assembled: ``create_app`` mounts :func:`install`."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from patentshield.kernel.errors import PatentshieldError
from patentshield.web import (
    admin,
    auth,
    casework,
    exporter,
    insurer,
    profile,
    settlement,
    subsidy,
)
from patentshield.web.frame import ERROR_STATUSES

STATIC = Path(__file__).parent / "static"


def install(app: FastAPI, statuses: tuple[tuple[type[PatentshieldError], int], ...]) -> None:
    """Mount the pages at ``/`` and their static files at ``/static`` in ``app``.

    ``statuses`` gives the HTTP status of each error class, as the API answers it.
    """
    setattr(app.state, ERROR_STATUSES, statuses)
    app.mount("/static", StaticFiles(directory=STATIC), name="web-static")
    for router in (
        auth.router,
        exporter.router,
        casework.router,
        settlement.router,
        insurer.router,
        admin.router,
        profile.router,
        subsidy.router,
    ):
        app.include_router(router)
