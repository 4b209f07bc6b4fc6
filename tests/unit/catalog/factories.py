"""Catalog records and files for the products tests: one valid record, changed per test."""

from __future__ import annotations

from pathlib import Path

import yaml

from patentshield.catalog.model import CostCategory


def record(**changes: object) -> dict[str, object]:
    """A valid overseas-liability record; ``changes`` replace or add fields."""
    fields: dict[str, object] = {
        "id": "demo-liability",
        "version": 1,
        "valid_from": "2024-01-01",
        "valid_to": None,
        "insurer": "Demo Insurer",
        "name": "Demo overseas liability",
        "name_zh": "演示海外侵权责任保险",
        "product_type": "overseas_ip_infringement_liability",
        "insured_unit": "per_enterprise",
        "plans": [plan()],
        "coverage": {category.value: "unclear" for category in CostCategory},
        "itc_counts_as_lawsuit": "unclear",
        "claims_basis": "claims_made",
        "counsel": "prior_consent",
        "sources": [{"ref": "R86", "url": "http://www.chinaiptoday.com/post.html?id=1817"}],
    }
    fields.update(changes)
    return fields


def plan(**changes: object) -> dict[str, object]:
    """A valid plan: CNY 50,000 per unit, aggregate limit 40 × premium."""
    fields: dict[str, object] = {
        "name": "standard",
        "premium": {"rule": "fixed_per_unit", "amount": 50000},
        "limit": {"rule": "multiple_of_premium", "aggregate": 40},
    }
    fields.update(changes)
    return fields


def write_catalog(path: Path, *records: dict[str, object]) -> Path:
    """Write ``records`` as a catalog file at ``path`` and return the path."""
    path.write_text(yaml.safe_dump({"products": list(records)}, allow_unicode=True), "utf-8")
    return path
