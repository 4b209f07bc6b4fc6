"""``patentshield serve``: run the HTTP API with uvicorn on the CLI's settings and database.

The root command reaches this module by name only (its lazy command table), so the CLI does not
import FastAPI or uvicorn for any other command. With ``--workers N`` (more than one), uvicorn
starts N processes; each builds the application from the settings this command read, handed
down in :data:`~patentshield.api.app.SETTINGS_VARIABLE`. The database is opened (and migrated)
once here first, so that the workers never migrate it concurrently.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from patentshield.kernel.cli import runtime


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    workers: Annotated[
        int, typer.Option(help="Worker processes (one per core is a good start).", min=1, max=64)
    ] = 1,
) -> None:
    """Serve the HTTP API under /api/v1 (docs at /api/v1/docs)."""
    import uvicorn

    from patentshield.api.app import SETTINGS_VARIABLE, create_app

    current = runtime(ctx)
    current.database  # noqa: B018 - open and migrate once, before any worker starts
    typer.echo(
        f"patentshield API on http://{host}:{port}/api/v1 (docs: /api/v1/docs), "
        f"{workers} worker(s)",
        err=True,
    )
    if workers == 1:
        uvicorn.run(create_app(current.settings), host=host, port=port, proxy_headers=True)
        return
    os.environ[SETTINGS_VARIABLE] = current.settings.model_dump_json()
    uvicorn.run(
        "patentshield.api.app:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
    )
