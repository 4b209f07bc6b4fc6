"""ASGI middleware of the API: a request-body size limit and headers on every response.

A body longer than ``max_bytes`` — announced by ``Content-Length`` or found while reading a
chunked body — is refused with a 413 problem document before any route sees it; the routes
that take file uploads (``upload_paths``) have their own, larger limit, ``upload_bytes``. Every
response says ``X-Content-Type-Options: nosniff``; JSON answers add ``Cache-Control:
no-store``, since they may carry tokens or personal data.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from patentshield.api.problems import problem


class Guard:
    """Limit request bodies to ``max_bytes`` and add the security headers.

    The body is read (at most ``max_bytes`` of it) before the application runs and handed to it
    in one piece: a body found too long is refused before any route parses it.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int,
        upload_bytes: int | None = None,
        upload_paths: re.Pattern[str] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_bytes = upload_bytes or max_bytes
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request under the limit."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        declared = dict(scope.get("headers", [])).get(b"content-length", b"0")
        body = (
            None
            if declared.isdigit() and int(declared) > limit
            else await self._read(receive, limit)
        )
        if body is None:
            await self._refuse(scope, receive, send, limit)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def guarded_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_extra_headers(message)]
            await send(message)

        await self.app(scope, replay, guarded_send)

    def _limit(self, scope: Scope) -> int:
        """Return the body limit of the request's route."""
        uploads = self.upload_paths
        if uploads is not None and uploads.match(scope.get("path", "")):
            return self.upload_bytes
        return self.max_bytes

    async def _read(self, receive: Receive, limit: int) -> bytes | None:
        """Return the whole body, or ``None`` as soon as it exceeds the limit."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks)  # the client went away: the app will see it
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        detail = f"the request body exceeds {limit} bytes"
        response = problem(413, "payload_too_large", detail, field="body")
        response.headers.update({"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})
        await response(scope, receive, send)


def _extra_headers(message: Message) -> list[tuple[bytes, bytes]]:
    existing = {name.lower() for name, _ in message.get("headers", [])}
    extra = [(b"x-content-type-options", b"nosniff")]
    content_type = dict(message.get("headers", [])).get(b"content-type", b"")
    if b"json" in content_type and b"cache-control" not in existing:
        extra.append((b"cache-control", b"no-store"))
    return extra
