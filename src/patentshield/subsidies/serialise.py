"""Subsidy programmes, decisions and grants as JSON-able dictionaries and table rows.

Also the pilot regions and milestones of ``subsidy pilots``: each pilot with its named regions
and the count of those no source names, a flat list of the named regions with batch and year,
the regions by province, and the milestones.

Money is ``{"amount": "200000.00", "currency": "CNY"}``; dates are ISO text; rates are
shares as text (``"0.50"``), ``null`` when no source shows the rate. The JSON of a decision
has exactly the keys ``subsidy``, ``programme``, ``programme_version``, ``eligible``,
``explanation`` and ``warnings``.

It does no I/O and reads no clock; the edges print what it returns.
"""

from __future__ import annotations

from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Money
from patentshield.subsidies.evaluate import percent
from patentshield.subsidies.model import (
    RATE_NOT_PUBLISHED,
    Grant,
    Programme,
    Source,
    SubsidyDecision,
    YearCap,
    source_tags,
)
from patentshield.subsidies.pilots import Milestone, Pilot, PilotRegion, Pilots


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
        "rate": None if programme.rate is None else str(programme.rate),
        "basis": programme.basis.value,
        "uplifts": {flag: str(points) for flag, points in programme.uplifts.items()},
        "per_policy_cap": _money(programme.per_policy_cap),
        "per_applicant_year_caps": [_cap_json(cap) for cap in programme.per_applicant_year_caps],
        "min_premium": _money(programme.min_premium),
        "annual_budget": _money(programme.annual_budget),
        "one_per_ip_right_per_product_type": programme.one_per_ip_right_per_product_type,
        "exclusive_of_other_bodies": programme.exclusive_of_other_bodies,
        "confidence": programme.flags_confidence.value,
        "sources": [{"ref": s.ref, "url": s.url or None} for s in programme.sources],
        "illustrative_terms": list(programme.illustrative_terms),
        "notes": list(programme.notes),
    }


def _rate_text(programme: Programme) -> str:
    if programme.rate is None:
        return RATE_NOT_PUBLISHED
    return f"{percent(programme.rate)} of {programme.basis.value}"


def programme_row(programme: Programme) -> list[str]:
    """Return the table row of a programme version."""
    caps = "; ".join(cap.describe() for cap in programme.per_applicant_year_caps) or "none"
    return [
        programme.id,
        str(programme.version),
        programme.region_code,
        programme.describe_period(),
        _rate_text(programme),
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


# --- pilot regions and milestones (``subsidy pilots``) -------------------------------------


def _source_json(source: Source) -> dict[str, JsonValue]:
    return {"ref": source.ref, "url": source.url or None, "note": source.note}


def _region_json(region: PilotRegion) -> dict[str, JsonValue]:
    return {
        "region_code": region.code,
        "name": region.label,
        "division": region.name,
        "division_zh": region.name_zh,
        "province_code": region.province_code,
        "province": region.province,
        "note": region.note,
    }


def pilot_to_json(pilot: Pilot) -> dict[str, JsonValue]:
    """Return a pilot with its named regions and the count of unnamed ones."""
    return {
        "id": pilot.id,
        "name": pilot.name,
        "name_zh": pilot.name_zh,
        "level": pilot.level.value,
        "year": pilot.year,
        "until": pilot.until,
        "size": pilot.size,
        "unit": pilot.unit,
        "unnamed": pilot.unnamed,
        "regions": [_region_json(region) for region in pilot.regions],
        "confidence": pilot.confidence.value,
        "sources": [_source_json(source) for source in pilot.sources],
        "notes": list(pilot.notes),
    }


def milestone_to_json(milestone: Milestone) -> dict[str, JsonValue]:
    """Return a milestone of the programme."""
    return {
        "when": milestone.when,
        "title": milestone.title,
        "title_zh": milestone.title_zh,
        "region_code": milestone.region_code,
        "confidence": milestone.confidence.value,
        "sources": [_source_json(source) for source in milestone.sources],
        "note": milestone.note,
    }


def pilots_to_json(pilots: Pilots) -> dict[str, JsonValue]:
    """Return the document of ``subsidy pilots``: pilots, regions, provinces, milestones."""
    regions: list[JsonValue] = [
        {
            **_region_json(region),
            "batch": pilot.id,
            "batch_name": pilot.name,
            "level": pilot.level.value,
            "year": pilot.year,
            "sources": source_tags(pilot.sources),
        }
        for pilot in sorted(pilots.pilots, key=lambda item: item.year)
        for region in pilot.regions
    ]
    provinces: list[JsonValue] = [
        {
            "province_code": item.code,
            "province": item.name,
            "region_codes": [region.code for region in item.regions],
            "pilots": list(item.pilots),
            "first_year": item.first_year,
        }
        for item in pilots.by_province()
    ]
    return {
        "pilots": [pilot_to_json(pilot) for pilot in pilots.pilots],
        "regions": regions,
        "by_province": provinces,
        "milestones": [
            milestone_to_json(m) for m in sorted(pilots.milestones, key=lambda m: m.when)
        ],
    }


PILOT_COLUMNS = ("year", "pilot", "level", "region code", "region", "province", "sources")
PROVINCE_COLUMNS = ("province", "named pilot regions", "pilots", "since")
MILESTONE_COLUMNS = ("when", "milestone", "region", "sources")


def pilot_rows(pilots: Pilots) -> list[list[str]]:
    """Return one row per named region, then one per batch's unnamed count, by year."""
    rows = []
    for pilot in sorted(pilots.pilots, key=lambda item: item.year):
        years = f"{pilot.year}–{pilot.until}" if pilot.until else str(pilot.year)
        head = [years, pilot.name, pilot.level.value]
        tags = f"{pilot.confidence.value} {source_tags(pilot.sources)}"
        rows += [[*head, r.code, r.label, r.province, tags] for r in pilot.regions]
        if pilot.unnamed:
            counted = f"{pilot.unnamed} more {pilot.unit}, not named (of {pilot.size})"
            rows.append([*head, "—", counted, "", tags])
    return rows


def province_rows(pilots: Pilots) -> list[list[str]]:
    """Return one row per province with named pilot regions."""
    return [
        [
            f"{item.code} {item.name}",
            ", ".join(region.label for region in item.regions),
            ", ".join(item.pilots),
            str(item.first_year),
        ]
        for item in pilots.by_province()
    ]


def milestone_rows(pilots: Pilots) -> list[list[str]]:
    """Return one row per milestone, oldest first."""
    return [
        [m.when, m.title, m.region_code or "", f"{m.confidence.value} {source_tags(m.sources)}"]
        for m in sorted(pilots.milestones, key=lambda m: m.when)
    ]
