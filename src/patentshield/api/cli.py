"""``patentshield serve``: run the HTTP API and the web pages with uvicorn.

The root command reaches this module by name only (its lazy command table), so the CLI does not
import FastAPI or uvicorn for any other command. ``--demo`` serves a fresh demo database with
one login per role (:mod:`patentshield.web.demo`).
"""

from __future__ import annotations

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
) -> None:
    """Serve the web application at / and the HTTP API under /api/v1 (docs: /api/v1/docs)."""
    import uvicorn

    from patentshield.api.app import create_app

    settings = runtime(ctx).settings
    if demo:
        from patentshield.web.demo import logins_text, prepare_demo

        typer.echo(f"loading the demo data into {DEMO_FOLDER}/ (a few minutes) …", err=True)
        settings, logins = prepare_demo(DEMO_FOLDER)
        typer.echo(logins_text(logins))
    typer.echo(
        f"patentshield on http://{host}:{port}/ (API: /api/v1, docs: /api/v1/docs)", err=True
    )
    uvicorn.run(create_app(settings), host=host, port=port, proxy_headers=True)
