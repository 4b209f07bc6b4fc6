"""``/api/v1/enterprises``: exporter profiles — list, show, create, update, import a file.

A thin adapter over :mod:`patentshield.enterprises.service`. Every write goes through the
importer the CLI uses (``enterprise import``), so a profile sent as JSON is checked by the same
rules as a row of a file: a new profile and a changed one are one record, written to a private
temporary YAML file (JSON is YAML) and imported; an uploaded ``.yaml``, ``.yml``, ``.json`` or
``.csv`` file is imported as it is (all or nothing). Answers are the JSON of ``enterprise …
--format json``.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import APIRouter, Body, File, UploadFile, status

from patentshield.enterprises import service
from patentshield.enterprises.cli import enterprise_json, report_json
from patentshield.enterprises.service import ImportReport
from patentshield.kernel.errors import Conflict, InvalidInput, InvalidRecords, NotFound
from patentshield.kernel.http import RuntimeDep
from patentshield.kernel.http_io import Document, Key, MoneyOut, saved_upload
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.runtime import Runtime

router = APIRouter(prefix="/enterprises", tags=["enterprises"])

UPLOAD_SUFFIXES = (".yaml", ".yml", ".json", ".csv")
RECORD_EXAMPLE = {
    "id": "led-maker",
    "name": "Shenzhen LED Co",
    "credit_code": "91440300MA5EXAMPLE",
    "region": "440305",
    "product_classes": [{"name": "LED lamps", "hts": ["9405.42"], "annual_us_sales": 8000000}],
}


class EnterpriseOut(Document):
    """An exporter's profile: region, products with HTS codes and US sales, patents, cases."""

    id: str
    name: str
    credit_code: str
    total_us_sales: MoneyOut


class ImportedOut(Document):
    """One profile of an import and what saving did."""

    id: str
    row: int | str
    outcome: str


class ImportOut(Document):
    """What an import did, profile by profile, and the warnings found."""

    created: int
    updated: int
    unchanged: int
    enterprises: list[ImportedOut]


Record = Annotated[
    dict[str, Any],
    Body(
        description="One enterprise record, as in an enterprise file (docs/enterprises.md).",
        examples=[RECORD_EXAMPLE],
    ),
]


@router.get("", response_model=list[EnterpriseOut], summary="Every enterprise profile")
def list_enterprises(runtime: RuntimeDep) -> list[JsonValue]:
    """List the enterprises, ordered by id."""
    return [enterprise_json(e) for e in service.list_enterprises(runtime)]


@router.get("/{key}", response_model=EnterpriseOut, summary="One enterprise profile")
def show_enterprise(key: Key, runtime: RuntimeDep) -> JsonValue:
    """Show the enterprise whose id or credit code is ``key``."""
    return enterprise_json(service.enterprise_profile(runtime, key))


def _imported(runtime: Runtime, path: Path, source: str) -> ImportReport:
    """Import the file at ``path``; errors name ``source`` (never the temporary path)."""
    try:
        return service.import_enterprises(runtime, path)
    except InvalidRecords as error:
        raise InvalidRecords(source, error.errors) from None


def _import_record(runtime: Runtime, record: dict[str, Any]) -> JsonValue:
    with tempfile.TemporaryDirectory(prefix="patentshield-record-") as folder:
        path = Path(folder) / "enterprise.yaml"
        path.write_text(json.dumps([record], ensure_ascii=False), encoding="utf-8")
        report = _imported(runtime, path, "the request body")
    return enterprise_json(service.enterprise_profile(runtime, report.enterprises[0].id))


def _exists(runtime: Runtime, key: str) -> bool:
    try:
        service.enterprise_profile(runtime, key)
    except NotFound:
        return False
    return True


@router.post(
    "",
    response_model=EnterpriseOut,
    status_code=status.HTTP_201_CREATED,
    summary="Create an enterprise profile",
)
def create_enterprise(record: Record, runtime: RuntimeDep) -> JsonValue:
    """Create a profile from one record; an id already held is a conflict."""
    key = record.get("id")
    if isinstance(key, str) and key.strip() and _exists(runtime, key):
        raise Conflict(f"enterprise {key.strip()!r} exists; PUT /enterprises/{{id}}", field="id")
    return _import_record(runtime, record)


@router.put("/{key}", response_model=EnterpriseOut, summary="Replace an enterprise profile")
def update_enterprise(key: Key, record: Record, runtime: RuntimeDep) -> JsonValue:
    """Replace the profile ``key`` with the record given (its id may be left out)."""
    current = service.enterprise_profile(runtime, key)
    given = record.get("id", current.id)
    if not isinstance(given, str) or given.strip().lower() != current.id:
        raise InvalidInput("id", f"must be the id of the profile replaced, {current.id}")
    return _import_record(runtime, {**record, "id": current.id})


@router.post("/import", response_model=ImportOut, summary="Import enterprise profiles from a file")
def import_file(
    file: Annotated[UploadFile, File(description="A .yaml, .yml, .json or .csv file.")],
    runtime: RuntimeDep,
) -> JsonValue:
    """Import every profile of an uploaded file in one transaction (all or nothing)."""
    suffix = Path(file.filename or "").suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise InvalidInput("file", f"expected a file named *{', *'.join(UPLOAD_SUFFIXES)}")
    with saved_upload([file]) as (path,):
        readable = path.with_suffix(".yaml") if suffix == ".json" else path
        path.rename(readable)
        report = report_json(_imported(runtime, readable, file.filename or "the upload"))
    return {**cast(dict[str, JsonValue], report), "source": file.filename}
