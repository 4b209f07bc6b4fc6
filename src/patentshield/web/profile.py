"""The enterprise profile form: an exporter's registration and its main product class.

The form is saved through the enterprise import service as a one-profile file, so it gets
every check of an import — the unified social credit code's check character (GB 32100-2015),
the region against the code's registering office, HTS codes, amounts — and each error is shown
next to its field. An existing profile is updated in place (same id).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from patentshield.enterprises.model import Enterprise
from patentshield.enterprises.service import enterprise_profile, import_enterprises
from patentshield.kernel.errors import InvalidRecords, NotFound, PatentshieldError
from patentshield.web.exporter import chosen_enterprise
from patentshield.web.frame import (
    FormDep,
    Page,
    PageDep,
    PageRoute,
    form_error,
    refused,
    render,
)

router = APIRouter(route_class=PageRoute, include_in_schema=False)
FIELDS = ("id", "name", "name_zh", "credit_code", "region", "product", "hts", "us_sales")
"""The form's fields, in order."""


def values_of(enterprise: Enterprise | None) -> dict[str, str]:
    """Return the form's values for a stored profile (empty for a new one)."""
    if enterprise is None:
        return dict.fromkeys(FIELDS, "")
    first = enterprise.product_classes[0] if enterprise.product_classes else None
    return {
        "id": enterprise.id,
        "name": enterprise.name,
        "name_zh": enterprise.name_zh or "",
        "credit_code": enterprise.credit_code,
        "region": enterprise.region.code,
        "product": first.name if first else "",
        "hts": ", ".join(first.hts_codes) if first else "",
        "us_sales": str(first.annual_us_sales.amount) if first else "",
    }


def stored_record(enterprise: Enterprise) -> dict[str, object]:
    """Return the import record of a stored profile: what the form does not show is kept."""
    return {
        "industries": sorted(enterprise.industries),
        "flags": sorted(flag.value for flag in enterprise.flags),
        "has_compliance_programme": enterprise.has_compliance_programme,
        "product_classes": [
            {
                "name": p.name,
                "hts": list(p.hts_codes),
                "annual_us_sales_usd": str(p.annual_us_sales.amount),
            }
            for p in enterprise.product_classes
        ],
        "patents": [
            {
                "jurisdiction": p.jurisdiction.value,
                "number": p.number,
                "kind": p.kind.value,
                "title": p.title,
                "high_value": p.high_value,
            }
            | ({"expiry": p.expiry.isoformat()} if p.expiry else {})
            for p in enterprise.patents
        ],
        "past_cases": [
            {"number": c.number, "year": c.year, "role": c.role.value, "outcome": c.outcome}
            for c in enterprise.past_cases
        ],
    }


def record_of(values: dict[str, str], stored: Enterprise | None) -> dict[str, object]:
    """Return the import record of the form's values over the stored profile, if any."""
    record = stored_record(stored) if stored is not None else {}
    record.update({k: values[k] for k in FIELDS[:5] if values[k]})
    if values["product"] or values["hts"] or values["us_sales"]:
        hts = [code.strip() for code in values["hts"].split(",") if code.strip()]
        first = {"name": values["product"], "hts": hts, "annual_us_sales_usd": values["us_sales"]}
        others = record.get("product_classes") or []
        assert isinstance(others, list)
        record["product_classes"] = [first, *others[1:]]
    return record


FIELD_OF_RECORD = {"product_classes": "product", "hts": "hts", "annual_us_sales_usd": "us_sales"}


def _field(path: str) -> str:
    """Return the form field of an import error's field path (``product_classes[0].hts``)."""
    for part in reversed(path.replace("[", ".").replace("]", "").split(".")):
        if part in FIELDS:
            return part
        if part in FIELD_OF_RECORD:
            return FIELD_OF_RECORD[part]
    return "form"


def _stored(page: Page, key: str) -> Enterprise | None:
    try:
        return enterprise_profile(page.runtime, key) if key else None
    except NotFound:
        return None


@router.get("/enterprise")
def profile_form(page: PageDep, enterprise: str | None = None) -> Response:
    """Show the profile of the caller's enterprise (or an empty form for a new one)."""
    chosen, _ = chosen_enterprise(page, enterprise)
    return _form(page, values_of(chosen), saved=bool(page.request.query_params.get("saved")))


def _form(
    page: Page, values: dict[str, str], *, saved: bool = False, status: int = 200
) -> Response:
    return render(page, "exporter/profile.html", {"values": values, "saved": saved}, status)


@router.post("/enterprise")
def save_profile(page: PageDep, form: FormDep) -> Response:
    """Check and save the profile; show every error next to its field."""
    values = {name: str(form.get(name, "")).strip() for name in FIELDS}
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "profile.yaml"
            document = {"enterprises": [record_of(values, _stored(page, values["id"]))]}
            path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
            import_enterprises(page.runtime, path)
    except InvalidRecords as error:
        for problem in error.errors:
            if _field(problem.field) not in page.errors:
                refused(
                    page, _field(problem.field), problem.reason, problem.message_id, problem.params
                )
        return _form(page, values, status=422)
    except PatentshieldError as error:
        form_error(page, error)
        return _form(page, values, status=422)
    return RedirectResponse(f"/enterprise?enterprise={values['id']}&saved=1", status_code=303)
