"""Subsidy applications on the web: the exporter applies on a quote, the administration decides.

* ``POST /quotes/{id}/subsidy`` — the exporter applies for the chosen programme's subsidy on
  its quote (:func:`patentshield.subsidies.application_service.apply`); the quote page then
  shows the application's status, decision and reason;
  ``POST /applications/{id}/withdraw`` withdraws a submitted one (the applicant changed its mind,
  or applied under the wrong programme) and shows the quote again.
* ``POST /applications/{id}/approve`` — a programme officer approves, with the idempotency key
  made when the programme page was drawn (a second click records no second grant);
  ``POST /applications/{id}/reject`` rejects with a reason.

What each caller sees is what the application service lets it see (tenancy): an exporter its
enterprises' applications, an administration those of its region.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse, Response

from patentshield.enterprises.service import enterprise_profile
from patentshield.kernel.errors import Conflict, InvalidTransition, PatentshieldError
from patentshield.quotes.model import Quote
from patentshield.subsidies import application_service
from patentshield.subsidies.application_store import ApplicationFilter
from patentshield.subsidies.applications import Application, ApplicationStatus
from patentshield.subsidies.service import programmes_in_force
from patentshield.web.frame import FormDep, Page, PageDep, PageRoute, form_error, table_of
from patentshield.web.labels import enterprise_name, programme_name
from patentshield.web.tables import WebTable, cell

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def status_label(page: Page, status: ApplicationStatus) -> str:
    """Return the label of an application's status in the page's locale (from the model)."""
    return status.label_zh if page.locale == "zh_CN" else status.label


def applications_table(page: Page, found: list[Application], name: str) -> WebTable:
    """Return applications as a table: programme, quote or policy, premium, status, decision."""
    table = table_of(
        page,
        name,
        "applications.table",
        ("col.programme", "col.reference", "col.gross_premium", "col.status")
        + ("col.subsidy", "col.reason", "col.date"),
    )
    for item in found:
        link = f"/quotes/{item.quote_id}" if item.quote_id else f"/policies/{item.policy_id}"
        table.add(
            programme_name(page.runtime, item.programme_id, item.premium_date, page.locale),
            cell(item.reference, page.locale, link),
            item.premium,
            status_label(page, item.status),
            item.amount,
            item.reason or None,
            item.submitted_at.date(),
        )
    return table


def quote_applications(page: Page, found: Quote) -> list[Application]:
    """Return the applications the caller sees on one quote."""
    if found.enterprise_id is None:
        return []
    every = application_service.applications(
        page.runtime, ApplicationFilter(enterprise_id=found.enterprise_id)
    )
    return [item for item in every if item.quote_id == found.id]


def programme_choices(page: Page, found: Quote) -> list[tuple[str, str]]:
    """Return the programmes in force on the quote's day covering its enterprise's region."""
    if found.enterprise_id is None:
        return []
    region = enterprise_profile(page.runtime, found.enterprise_id).region.code
    return [
        (p.id, programme_name(page.runtime, p.id, found.day, page.locale))
        for p in programmes_in_force(page.runtime, found.day, region)
    ]


def quote_context(page: Page, found: Quote) -> dict[str, object]:
    """Return what the quote page shows of subsidies: applications, programmes to choose."""
    applications = quote_applications(page, found)
    return {
        "applications": applications,
        "programme_names": {
            item.id: programme_name(page.runtime, item.programme_id, item.premium_date, page.locale)
            for item in applications
        },
        "programmes": programme_choices(page, found),
        "status_label": lambda status: status_label(page, status),
    }


@router.post("/quotes/{quote_id}/subsidy")
def apply(
    page: PageDep,
    quote_id: str,
    form: FormDep,
    programme: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Apply for the chosen programme's subsidy on the quote; show the quote again."""
    from patentshield.web.exporter import quote

    try:
        application_service.apply(page.runtime, programme, quote_id=quote_id)
    except PatentshieldError as error:
        form_error(page, error)
        return quote(page, quote_id)
    return RedirectResponse(f"/quotes/{quote_id}#subsidy", status_code=303)


def waiting(page: Page) -> list[dict[str, object]]:
    """Return the submitted applications the officer sees, each with a fresh approval key."""
    found = application_service.applications(
        page.runtime, ApplicationFilter(status=ApplicationStatus.SUBMITTED)
    )
    rows: list[dict[str, object]] = []
    for item in found:
        enterprise = enterprise_profile(page.runtime, item.enterprise_id)
        rows.append(
            {
                "application": item,
                "enterprise": enterprise_name(enterprise, page.locale),
                "programme": programme_name(
                    page.runtime, item.programme_id, item.premium_date, page.locale
                ),
                "key": f"web-{uuid.uuid4().hex}",
            }
        )
    return rows


def _decided(page: Page, application_id: str, *, approve: bool, reason: str, key: str) -> Response:
    from patentshield.web.admin import programme

    try:
        application_service.decide(
            page.runtime, application_id, approve=approve, reason=reason, idempotency_key=key
        )
    except PatentshieldError as error:
        form_error(page, error)
        return programme(page)
    return RedirectResponse("/programme#applications", status_code=303)


@router.post("/applications/{application_id}/withdraw")
def withdraw(page: PageDep, application_id: str, form: FormDep) -> Response:
    """Withdraw a submitted application of the exporter's; show its quote again."""
    from patentshield.web.exporter import quote, quotes

    try:
        withdrawn = application_service.withdraw(page.runtime, application_id)
    except (InvalidTransition, Conflict) as error:  # refused on a visible application
        form_error(page, error)
        found = application_service.application(page.runtime, application_id)
        return quote(page, found.quote_id) if found.quote_id else quotes(page)
    target = f"/quotes/{withdrawn.quote_id}#subsidy" if withdrawn.quote_id else "/quotes"
    return RedirectResponse(target, status_code=303)


@router.post("/applications/{application_id}/approve")
def approve(
    page: PageDep,
    application_id: str,
    form: FormDep,
    idempotency_key: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Approve an application: its grant is recorded once per idempotency key."""
    return _decided(page, application_id, approve=True, reason="", key=idempotency_key)


@router.post("/applications/{application_id}/reject")
def reject(
    page: PageDep,
    application_id: str,
    form: FormDep,
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Reject an application with a reason (required)."""
    key = f"web-{uuid.uuid4().hex}"
    return _decided(page, application_id, approve=False, reason=reason, key=key)
