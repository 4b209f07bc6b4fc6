"""Subsidy applications as JSON and as table rows (the CLI, the HTTP API and the web app).

This module is pure: it imports no framework.
"""

from __future__ import annotations

from patentshield.kernel.jsonvalue import JsonValue
from patentshield.subsidies.applications import Application

APPLICATION_COLUMNS = ["id", "programme", "enterprise", "reference", "premium", "status", "granted"]
"""The columns of :func:`application_row`."""


def application_to_json(application: Application) -> dict[str, JsonValue]:
    """Return an application with its status (and its labels), decision, reason and grant."""
    return {
        "id": application.id,
        "programme": application.programme_id,
        "enterprise": application.enterprise_id,
        "region_code": application.region_code,
        "reference": application.reference,
        "quote": application.quote_id,
        "policy": application.policy_id,
        "product_type": application.product_type.value,
        "premium": application.premium.to_json(),
        "premium_date": application.premium_date.isoformat(),
        "status": application.status.value,
        "status_label": application.status.label,
        "status_label_zh": application.status.label_zh,
        "note": application.note,
        "submitted_by": application.submitted_by,
        "submitted_at": application.submitted_at.isoformat(),
        "decided_by": application.decided_by,
        "decided_at": application.decided_at.isoformat() if application.decided_at else None,
        "reason": application.reason,
        "grant": application.grant_id,
        "amount": application.amount.to_json() if application.amount else None,
    }


def application_row(application: Application) -> list[str]:
    """Return an application as the cells of :data:`APPLICATION_COLUMNS`."""
    return [
        application.id,
        application.programme_id,
        application.enterprise_id,
        application.reference,
        str(application.premium),
        application.status.value,
        str(application.amount) if application.amount else "",
    ]


def application_fields(application: Application) -> list[list[str]]:
    """Return one application as ``[field, value]`` rows, its decision and reason included."""
    rows = [
        ["programme", application.programme_id],
        ["enterprise", f"{application.enterprise_id} (region {application.region_code})"],
        ["reference", application.reference],
        ["product type", application.product_type.value],
        ["premium", f"{application.premium} on {application.premium_date}"],
        ["status", f"{application.status.label} / {application.status.label_zh}"],
        ["submitted", f"{application.submitted_at.isoformat()} by {application.submitted_by}"],
    ]
    if application.note:
        rows.append(["note", application.note])
    if application.decided_at is not None:
        rows.append(
            ["decided", f"{application.decided_at.isoformat()} by {application.decided_by}"]
        )
    if application.reason:
        rows.append(["reason", application.reason])
    if application.grant_id is not None:
        rows.append(["grant", f"{application.grant_id}: {application.amount}"])
    return rows
