"""``patentshield serve``: run the HTTP API with uvicorn on the CLI's settings and database.

The root command reaches this module by name only (its lazy command table), so the CLI does not
import FastAPI or uvicorn for any other command.
"""

from __future__ import annotations

from typing import Annotated

import typer

from patentshield.kernel.cli import runtime


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the HTTP API under /api/v1 (docs at /api/v1/docs)."""
    import uvicorn

    from patentshield.api.app import create_app

    settings = runtime(ctx).settings
    typer.echo(f"patentshield API on http://{host}:{port}/api/v1 (docs: /api/v1/docs)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, proxy_headers=True)
