"""Subsidy programmes, decisions and grants as JSON-able dictionaries and table rows.

Money is ``{"amount": "200000.00", "currency": "CNY"}``; dates are ISO text; rates are
shares as text (``"0.50"``). The JSON of a decision has exactly the keys ``subsidy``,
``programme``, ``programme_version``, ``eligible``, ``explanation`` and ``warnings``.

It does no I/O and reads no clock; the edges print what it returns.
"""

from __future__ import annotations

from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Money
from patentshield.subsidies.evaluate import percent
from patentshield.subsidies.model import Grant, Programme, SubsidyDecision, YearCap


def _money(amount: Money | None) -> JsonValue:
    return None if amount is None else amount.to_json()


def _cap_json(cap: YearCap) -> dict[str, JsonValue]:
    return {
        "key": cap.key,
        "amount": cap.amount.to_json(),
        "product_types": sorted(item.value for item in cap.product_types),
        "flag": cap.flag,
    }


def programme_to_json(programme: Programme) -> dict[str, JsonValue]:
    """Return the JSON document of a programme version."""
    return {
        "id": programme.id,
        "version": programme.version,
        "valid_from": programme.valid_from.isoformat(),
        "valid_to": programme.valid_to.isoformat() if programme.valid_to else None,
        "name": programme.name,
        "name_zh": programme.name_zh,
        "rule": programme.rule,
        "body": programme.body,
        "region_code": programme.region_code,
        "product_types": sorted(item.value for item in programme.product_types),
        "industries": sorted(programme.industries),
        "required_flags": sorted(programme.required_flags),
        "excluded_flags": sorted(programme.excluded_flags),
        "rate": str(programme.rate),
        "basis": programme.basis.value,
        "uplifts": {flag: str(points) for flag, points in programme.uplifts.items()},
        "per_policy_cap": _money(programme.per_policy_cap),
        "per_applicant_year_caps": [_cap_json(cap) for cap in programme.per_applicant_year_caps],
        "min_premium": _money(programme.min_premium),
        "annual_budget": _money(programme.annual_budget),
        "one_per_ip_right_per_product_type": programme.one_per_ip_right_per_product_type,
        "exclusive_of_other_bodies": programme.exclusive_of_other_bodies,
        "confidence": programme.flags_confidence.value,
        "sources": [{"ref": s.ref, "url": s.url} for s in programme.sources],
        "illustrative_terms": list(programme.illustrative_terms),
        "notes": list(programme.notes),
    }


def programme_row(programme: Programme) -> list[str]:
    """Return the table row of a programme version."""
    caps = "; ".join(cap.describe() for cap in programme.per_applicant_year_caps) or "none"
    return [
        programme.id,
        str(programme.version),
        programme.region_code,
        programme.describe_period(),
        f"{percent(programme.rate)} of {programme.basis.value}",
        caps,
        str(programme.annual_budget) if programme.annual_budget else "-",
        f"{programme.flags_confidence.value} {programme.source_tags()}",
        "yes" if programme.illustrative_terms else "no",
    ]


PROGRAMME_COLUMNS = (
    "id",
    "version",
    "region",
    "valid",
    "rate",
    "cap per applicant-year",
    "budget per year",
    "confidence, sources",
    "illustrative",
)


def decision_to_json(decision: SubsidyDecision) -> dict[str, JsonValue]:
    """Return the JSON document of a decision (the ``subsidy check`` contract)."""
    return {
        "subsidy": decision.amount.to_json(),
        "programme": decision.programme_id,
        "programme_version": decision.programme_version,
        "eligible": decision.eligible,
        "explanation": list(decision.explanation),
        "warnings": list(decision.warnings),
    }


def grant_to_json(grant: Grant) -> dict[str, JsonValue]:
    """Return the JSON document of a ledger grant."""
    return {
        "id": grant.id,
        "idempotency_key": grant.idempotency_key,
        "programme": grant.programme_id,
        "programme_version": grant.programme_version,
        "applicant": grant.applicant_id,
        "year": grant.year,
        "date": grant.day.isoformat(),
        "product_type": grant.product_type.value,
        "reference": grant.reference,
        "ip_rights": list(grant.ip_rights),
        "premium": grant.premium.to_json(),
        "subsidy": grant.amount.to_json(),
        "year_cap_key": grant.year_cap_key,
        "created_at": grant.created_at.isoformat(),
        "explanation": list(grant.explanation),
        "warnings": list(grant.warnings),
    }


GRANT_COLUMNS = ("id", "programme", "applicant", "year", "product type", "premium", "subsidy")


def grant_row(grant: Grant) -> list[str]:
    """Return the table row of a grant."""
    return [
        grant.id,
        f"{grant.programme_id} v{grant.programme_version}",
        grant.applicant_id,
        str(grant.year),
        grant.product_type.value,
        str(grant.premium),
        str(grant.amount),
    ]
