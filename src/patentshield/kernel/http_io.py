"""What every capability's ``api.py`` shares beyond the runtime: documents, days, uploads, bounds.

* :class:`Document` — the base of response models: a route returns the JSON its capability's
  serialiser builds for the CLI's ``--format json`` (one shape per object); the model names the
  fields clients rely on and lets the others through, so the OpenAPI schema describes the
  answer without a second serialiser.
* :class:`MoneyOut` — money as the serialisers write it: ``{"amount": "2200.00", "currency"}``.
* :func:`day_or_today` — a day given in the request, else today by the runtime's clock.
* :func:`saved_upload` — an uploaded file copied to a private temporary folder under a size
  limit, so that the services that read files (imports, the evidence vault) read it as the CLI
  gives them a path.
* :func:`bounded` — long work (a simulation) run in a small pool of threads with a time limit.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, TypeVar

from fastapi import Header, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from patentshield.kernel.errors import InvalidInput, Unavailable
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.limits import EARLIEST_DATE, LATEST_DATE
from patentshield.kernel.runtime import Runtime

T = TypeVar("T")

MAX_UPLOAD_BYTES = 32 * 1024 * 1024
"""Largest file a request may upload (evidence, an enterprise file)."""

SIMULATION_SECONDS = 60.0
"""Longest a simulation requested over HTTP may run before the request is answered 503."""

_SIMULATIONS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="patentshield-sim")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")

Key = Annotated[str, PathParam(min_length=1, max_length=200)]
Day = Annotated[date, Field(ge=EARLIEST_DATE, le=LATEST_DATE)]
"""A legal or business date in the range every edge accepts (:func:`~kernel.dates.parse_date`)."""
"""An id, number or name in a route's path."""


class Document(BaseModel):
    """A JSON object built by a capability's serialiser; fields not named here pass through."""

    model_config = ConfigDict(extra="allow")


class MoneyOut(BaseModel):
    """An amount in a currency, as decimal text."""

    amount: str
    currency: str


def day_or_today(runtime: Runtime, day: date | None) -> date:
    """Return ``day``, or today by the runtime's clock."""
    return day if day is not None else runtime.clock.today()


def _safe_name(name: str | None, default: str) -> str:
    cleaned = _SAFE_NAME.sub("_", Path(name or "").name).strip(" .")[:200]
    return cleaned or default


@contextmanager
def saved_upload(
    uploads: list[UploadFile], *, field: str = "file", limit: int = MAX_UPLOAD_BYTES
) -> Iterator[list[Path]]:
    """Yield the uploaded files saved in a temporary folder (removed afterwards), by name.

    Raises
    ------
    InvalidInput
        When no file is given, two files share a name, or one exceeds ``limit`` bytes.
    """
    if not uploads:
        raise InvalidInput(field, "upload at least one file")
    folder = Path(tempfile.mkdtemp(prefix="patentshield-upload-"))
    try:
        paths: list[Path] = []
        for index, upload in enumerate(uploads, start=1):
            target = folder / _safe_name(upload.filename, f"upload-{index}")
            if target.exists():
                raise InvalidInput(field, f"two uploaded files are named {target.name!r}")
            _copy_limited(upload, target, field=field, limit=limit)
            paths.append(target)
        yield paths
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _copy_limited(upload: UploadFile, target: Path, *, field: str, limit: int) -> None:
    size = 0
    with target.open("wb") as out:
        while chunk := upload.file.read(1024 * 1024):
            size += len(chunk)
            if size > limit:
                raise InvalidInput(field, f"{target.name} exceeds {limit} bytes")
            out.write(chunk)


def bounded(work: Callable[[], T], *, seconds: float = SIMULATION_SECONDS) -> T:
    """Run ``work`` in the simulation pool and return its result within ``seconds``.

    Raises
    ------
    Unavailable
        When the work has not finished in time (it is left to finish in the pool, whose two
        threads bound what unanswered work can hold).
    """
    future = _SIMULATIONS.submit(work)
    try:
        return future.result(timeout=seconds)
    except FutureTimeout:
        raise Unavailable(
            f"the computation did not finish within {seconds:.0f} s; ask for fewer years"
        ) from None


IDEMPOTENCY = "idempotency"
"""Attribute of ``app.state``: the application's store of first answers per idempotency key."""

Replayer = Callable[
    [Runtime, Request, "str | None", JsonValue, Callable[[], JsonValue]], tuple[int, JsonValue]
]

IdempotencyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Required: a retry with the same key returns the first answer.",
    ),
]


def once_per_key(
    runtime: Runtime,
    request: Request,
    key: str | None,
    body: JsonValue,
    produce: Callable[[], JsonValue],
) -> JSONResponse:
    """Answer ``produce()`` with 201 the first time ``key`` is used, its first answer after.

    The application registers how keys are kept (``patentshield.api.idempotency``); a missing
    key is refused naming the header, the same key with another body is a conflict.
    """
    replay: Replayer = getattr(request.app.state, IDEMPOTENCY)
    status, answer = replay(runtime, request, key, body, produce)
    return JSONResponse(answer, status_code=status)
