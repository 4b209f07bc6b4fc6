"""``patentshield serve``: run the HTTP API and the web pages with uvicorn.

The root command reaches this module by name only (its lazy command table), so the CLI does not
import FastAPI or uvicorn for any other command. ``--demo`` serves a fresh demo database with
one login per role (:mod:`patentshield.web.demo`). With ``--workers N`` (more than one), uvicorn
starts N processes; each builds the application from the settings this command read, handed
down in :data:`~patentshield.api.app.SETTINGS_VARIABLE`. The database is opened (and migrated)
once here first, so that the workers never migrate it concurrently.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from patentshield.kernel.cli import runtime

DEMO_FOLDER = Path("var/serve")


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="Load the demo data into a fresh SQLite database under var/serve/ and create "
            "one login per role (printed).",
        ),
    ] = False,
    workers: Annotated[
        int, typer.Option(help="Worker processes (one per core is a good start).", min=1, max=64)
    ] = 1,
    threads: Annotated[
        int | None,
        typer.Option(
            help="Threads per worker that run requests (default 4, PATENTSHIELD_SERVER_THREADS).",
            min=1,
            max=64,
        ),
    ] = None,
) -> None:
    """Serve the web application at / and the HTTP API under /api/v1 (docs: /api/v1/docs)."""
    import uvicorn

    from patentshield.api.app import SETTINGS_VARIABLE, create_app

    settings = runtime(ctx).settings
    if demo:
        from patentshield.web.demo import logins_text, prepare_demo

        typer.echo(f"loading the demo data into {DEMO_FOLDER}/ (a few minutes) …", err=True)
        settings, logins = prepare_demo(DEMO_FOLDER)
        typer.echo(logins_text(logins))
    else:
        runtime(ctx).database  # noqa: B018 - open and migrate once, before any worker starts
    if threads is not None:
        settings = settings.model_copy(update={"server_threads": threads})
    typer.echo(
        f"patentshield on http://{host}:{port}/ (API: /api/v1, docs: /api/v1/docs), "
        f"{workers} worker(s) × {settings.server_threads} thread(s)",
        err=True,
    )
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, proxy_headers=True)
        return
    os.environ[SETTINGS_VARIABLE] = settings.model_dump_json()
    uvicorn.run(
        "patentshield.api.app:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
    )
