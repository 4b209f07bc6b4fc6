"""Policies to JSON-ready dictionaries and table rows (what ``patentshield policy`` prints).

This module is pure: no I/O, no database, no clock (the day of the status is a parameter).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from patentshield.catalog.conditions import conditions_text
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.policies.model import Policy, status_on
from patentshield.policies.terms import terms_to_json

LIST_COLUMNS = ("Number", "Enterprise", "Product", "Period", "Status", "Aggregate limit")


def policy_to_json(policy: Policy, day: date) -> dict[str, JsonValue]:
    """Return the JSON document of ``policy`` with its status on ``day``."""
    return {
        "id": policy.id,
        "number": policy.number,
        "status": status_on(policy, day).value,
        "status_on": day.isoformat(),
        "quote": policy.quote_id,
        "enterprise": policy.enterprise_id,
        "insurer": policy.insurer,
        "plan": policy.plan,
        "period_start": policy.period_start.isoformat(),
        "period_end": policy.period_end.isoformat(),
        "retroactive_date": policy.retroactive_date.isoformat()
        if policy.retroactive_date
        else None,
        "gross_premium": policy.gross_premium.to_json(),
        "subsidy": policy.subsidy.to_json(),
        "net_premium": policy.net_premium.to_json(),
        "subsidy_programme": policy.subsidy_programme,
        "renews": policy.renews,
        "cancelled_on": policy.cancelled_on.isoformat() if policy.cancelled_on else None,
        "cancel_reason": policy.cancel_reason or None,
        "bound_at": policy.bound_at.isoformat(),
        "terms": terms_to_json(policy.terms),
    }


def list_rows(policies: Sequence[Policy], day: date) -> list[list[str]]:
    """Return one table row per policy."""
    return [
        [
            policy.number,
            policy.enterprise_id,
            f"{policy.terms.product_id} v{policy.terms.product_version}",
            f"{policy.period_start} → {policy.period_end}",
            status_on(policy, day).value,
            str(policy.terms.aggregate_limit),
        ]
        for policy in policies
    ]


def detail_rows(policy: Policy, day: date) -> list[list[str]]:
    """Return the field/value rows of one policy."""
    terms = policy.terms
    rows = [
        ["Number", policy.number],
        ["Status", f"{status_on(policy, day).value} on {day}"],
        ["Insured", policy.enterprise_id],
        ["Insurer", policy.insurer],
        ["Product", f"{terms.product_id} v{terms.product_version} ({terms.product_name})"],
        ["Period", f"{policy.period_start} to {policy.period_end} (end excluded)"],
        ["Retroactive date", str(policy.retroactive_date or "none")],
        ["Claims basis", terms.claims_basis.value],
        ["Per-claim limit", str(terms.per_claim_limit)],
        ["Aggregate limit", str(terms.aggregate_limit)],
        ["Deductible", str(terms.deductible or "none")],
        ["Coinsurance (retained)", str(terms.coinsurance)],
        ["Counsel", terms.counsel.value],
        ["Notice period", f"{terms.notice_days} days"],
        ["Claims conditions", conditions_text(terms.conditions)],
        ["ITC counts as a lawsuit", terms.itc_counts_as_lawsuit.value],
        [
            "Premium (gross / subsidy / net)",
            f"{policy.gross_premium} / {policy.subsidy} / {policy.net_premium}",
        ],
    ]
    if policy.renews:
        rows.append(["Renews", policy.renews])
    if policy.cancelled_on:
        rows.append(["Cancelled", f"{policy.cancelled_on}: {policy.cancel_reason}"])
    return rows
