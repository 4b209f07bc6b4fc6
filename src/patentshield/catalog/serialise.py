"""Products to JSON-able dictionaries, readable texts and table rows (what the CLI prints).

Money is ``{"amount": "2200.00", "currency": "CNY"}``; multiples, rates and coinsurance are
decimal strings. A product with terms no source shows always carries an ``ILLUSTRATIVE``
notice in its human-readable form and ``illustrative_terms`` in its JSON form.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from patentshield.catalog.conditions import conditions_json, conditions_text
from patentshield.catalog.coverage import (
    ARTICLE_30,
    coverage_gaps,
    non_response_reason,
    responds_to_337,
)
from patentshield.catalog.loader import Catalog
from patentshield.catalog.model import (
    COST_CATEGORY_LABELS,
    Answer,
    BasePlusPerAddedPatent,
    CostCategory,
    FixedLimit,
    FixedPerUnit,
    InsuredUnit,
    LimitRule,
    MultipleOfPremium,
    Plan,
    PremiumRule,
    Product,
    RateOnLimit,
)
from patentshield.kernel.errors import RecordError
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Money

LIST_COLUMNS = ("ID", "Ver", "Insurer", "Type", "Unit", "Plans", "337 case?", "Illustrative")
COVERAGE_COLUMNS = ("Category", "Cost item", "Cover", "Sub-limit")
ERROR_COLUMNS = ("Record", "Field", "Reason")


def _plain(number: Decimal) -> str:
    """Return a decimal without trailing zeros or exponent (``42.5``, ``90``, ``0.024``)."""
    return format(number.normalize(), "f")


def _money(amount: Money | None) -> JsonValue:
    return amount.to_json() if amount is not None else None


def unit_text(product: Product) -> str:
    """Return what one insured unit is, in words (``per package of 10 patents``)."""
    if product.insured_unit is InsuredUnit.PATENT_PACKAGE:
        return f"per package of {product.package_size} patents"
    return {
        InsuredUnit.PER_PATENT: "per patent",
        InsuredUnit.PER_COMMODITY: "per commodity",
        InsuredUnit.PER_ENTERPRISE: "per enterprise",
    }[product.insured_unit]


def premium_text(product: Product, rule: PremiumRule) -> str:
    """Return a premium rule in words."""
    if isinstance(rule, FixedPerUnit):
        return f"{rule.amount} {unit_text(product)}"
    if isinstance(rule, BasePlusPerAddedPatent):
        return (
            f"{rule.base} per policy + {rule.per_added} per patent beyond the first {rule.included}"
        )
    if isinstance(rule, RateOnLimit):
        return f"{_plain(rule.rate * 100)} % of the aggregate limit"
    return "risk-rated: set per risk and given at quote time"


def limit_text(product: Product, plan: Plan) -> str:
    """Return a plan's limit rule in words, with the amount when the premium is fixed."""
    rule = plan.limit
    if isinstance(rule, FixedLimit):
        per_claim = f"; per claim {rule.per_claim}" if rule.per_claim is not None else ""
        return f"aggregate {rule.aggregate}{per_claim}"
    text = f"aggregate {_plain(rule.aggregate)} × premium"
    if isinstance(plan.premium, FixedPerUnit):
        text += f" (= {(plan.premium.amount * rule.aggregate).rounded()} {unit_text(product)})"
    if rule.per_claim is not None:
        text += f"; per claim {_plain(rule.per_claim)} × premium"
    return text


def premium_rule_json(rule: PremiumRule) -> dict[str, JsonValue]:
    """Return a premium rule as JSON: ``{"rule": ..., <its parameters>}``."""
    if isinstance(rule, FixedPerUnit):
        return {"rule": "fixed_per_unit", "amount": rule.amount.to_json()}
    if isinstance(rule, BasePlusPerAddedPatent):
        return {
            "rule": "base_plus_per_added_patent",
            "base": rule.base.to_json(),
            "per_added": rule.per_added.to_json(),
            "included": rule.included,
        }
    if isinstance(rule, RateOnLimit):
        return {"rule": "rate_on_limit", "rate": _plain(rule.rate)}
    return {"rule": "risk_rated", "currency": rule.currency.value}


def limit_rule_json(rule: LimitRule) -> dict[str, JsonValue]:
    """Return a limit rule as JSON: multiples as decimal strings, amounts as money."""
    if isinstance(rule, MultipleOfPremium):
        per_claim = _plain(rule.per_claim) if rule.per_claim is not None else None
        return {
            "rule": "multiple_of_premium",
            "aggregate": _plain(rule.aggregate),
            "per_claim": per_claim,
        }
    return {
        "rule": "fixed",
        "aggregate": rule.aggregate.to_json(),
        "per_claim": _money(rule.per_claim),
    }


def plan_json(product: Product, plan: Plan) -> dict[str, JsonValue]:
    """Return a plan as JSON, with its rules in words."""
    return {
        "name": plan.name,
        "label": plan.label,
        "premium": premium_rule_json(plan.premium),
        "limit": limit_rule_json(plan.limit),
        "premium_text": premium_text(product, plan.premium),
        "limit_text": limit_text(product, plan),
    }


def coverage_json(product: Product) -> list[JsonValue]:
    """Return the cover per cost category: category, label, cover and sub-limit."""
    return [
        {
            "category": category.value,
            "label": COST_CATEGORY_LABELS[category],
            "cover": product.cover_for(category).value,
            "sub_limit": _money(product.sub_limits.get(category)),
        }
        for category in CostCategory
    ]


def product_summary_json(product: Product) -> dict[str, JsonValue]:
    """Return the short JSON form of a product used by ``catalog list``."""
    return {
        "id": product.id,
        "version": product.version,
        "valid_from": product.valid_from.isoformat(),
        "valid_to": product.valid_to.isoformat() if product.valid_to else None,
        "insurer": product.insurer,
        "name": product.name,
        "name_zh": product.name_zh,
        "product_type": product.product_type.value,
        "insured_unit": product.insured_unit.value,
        "package_size": product.package_size,
        "plans": [plan.name for plan in product.plans],
        "itc_counts_as_lawsuit": product.itc_counts_as_lawsuit.value,
        "responds_to_337": responds_to_337(product).value,
        "illustrative": product.illustrative,
        "illustrative_terms": list(product.illustrative_terms),
    }


def compliance_bounds_json(product: Product) -> JsonValue:
    """Return the product's compliance bounds as JSON, ``None`` when it states none."""
    bounds = product.compliance
    if bounds is None:
        return None
    return {
        "max_premium_discount": _plain(bounds.max_premium_discount),
        "max_limit_uplift": _plain(bounds.max_limit_uplift),
        "tag": bounds.tag,
        "source": bounds.source or None,
    }


def compliance_bounds_text(product: Product) -> str:
    """Return the product's compliance bounds in one line."""
    bounds = product.compliance
    if bounds is None:
        return "none: a compliance score does not move this product's terms"
    why = f"source: {bounds.source}" if bounds.tag == "S" else "J, a judgement"
    return (
        f"premium discount up to {bounds.max_premium_discount:.0%}, limit uplift up to "
        f"{bounds.max_limit_uplift:.0%} at a full score ({why})"
    )


def product_to_json(product: Product) -> dict[str, JsonValue]:
    """Return every term of a product version as JSON (``catalog show``)."""
    premium_range: JsonValue = None
    if product.premium_range is not None:
        low, high = product.premium_range
        premium_range = {"low": low.to_json(), "high": high.to_json()}
    return {
        **product_summary_json(product),
        "currency": product.currency.value,
        "plans": [plan_json(product, plan) for plan in product.plans],
        "premium_range": premium_range,
        "deductible": _money(product.deductible),
        "coinsurance": _plain(product.coinsurance),
        "sub_limits": {key.value: value.to_json() for key, value in product.sub_limits.items()},
        "coverage": coverage_json(product),
        "coverage_gaps": [category.value for category in coverage_gaps(product)],
        "responds_to_337_reason": non_response_reason(product),
        "claims_basis": product.claims_basis.value,
        "retroactive_years": product.retroactive_years,
        "exclusions": [exclusion.value for exclusion in product.exclusions],
        "counsel": product.counsel.value,
        "claim_conditions": conditions_json(product.conditions),
        "compliance": compliance_bounds_json(product),
        "territory": list(product.territory),
        "summary": product.summary,
        "sources": [
            {"ref": source.ref, "url": source.url or None, "note": source.note}
            for source in product.sources
        ],
        "claim_scope": [
            {"head": item.head, "categories": [category.value for category in item.categories]}
            for item in product.claim_scope
        ],
    }


def catalog_list_json(products: Sequence[Product]) -> list[JsonValue]:
    """Return the JSON of ``catalog list``: one summary per product."""
    return [product_summary_json(product) for product in products]


def _illustrative_cell(product: Product) -> str:
    if product.illustrative:
        return "product"
    return f"{len(product.illustrative_terms)} terms" if product.illustrative_terms else "no"


def list_rows(products: Sequence[Product]) -> list[list[str]]:
    """Return one table row per product, in :data:`LIST_COLUMNS` order."""
    return [
        [
            product.id,
            str(product.version),
            product.insurer,
            product.product_type.value.replace("_", " "),
            unit_text(product),
            ", ".join(plan.name for plan in product.plans),
            responds_to_337(product).value,
            _illustrative_cell(product),
        ]
        for product in products
    ]


def _validity(product: Product) -> str:
    if product.valid_to is None:
        return f"from {product.valid_from}, no end date known"
    return f"from {product.valid_from} to {product.valid_to} (that day excluded)"


def _coinsurance_text(product: Product) -> str:
    if product.coinsurance == 0:
        return "none: the insurer pays the whole covered loss"
    share = _plain(product.coinsurance * 100)
    return f"{share} % of each covered loss retained by the insured"


def _retroactive_text(product: Product) -> str:
    years = product.retroactive_years
    return f"; retroactive period {years} year(s)" if years is not None else ""


def term_rows(product: Product) -> list[list[str]]:
    """Return every term of a product as ``[term, value]`` rows, for ``catalog show``."""
    rows = [
        ["id / version", f"{product.id} v{product.version}"],
        ["valid", _validity(product)],
        ["insurer", product.insurer],
        ["name", f"{product.name} ({product.name_zh})"],
        ["type", product.product_type.value],
        ["insured unit", unit_text(product)],
    ]
    for plan in product.plans:
        text = f"premium {premium_text(product, plan.premium)}; limit {limit_text(product, plan)}"
        rows.append([f"plan {plan.name}", f"{plan.label}: {text}" if plan.label else text])
    if product.premium_range is not None:
        low, high = product.premium_range
        rows.append(["premium range", f"{low} to {high} {unit_text(product)}"])
    rows += [
        ["deductible", str(product.deductible) if product.deductible else "none"],
        ["coinsurance", _coinsurance_text(product)],
        ["claims basis", f"{product.claims_basis.value}{_retroactive_text(product)}"],
        ["counsel", product.counsel.value],
        ["claims conditions", conditions_text(product.conditions)],
        ["compliance score effect", compliance_bounds_text(product)],
        ["exclusions", ", ".join(e.value for e in product.exclusions) or "none listed"],
        ["territory", ", ".join(product.territory) or "not stated"],
        *([["claim scope", claim_scope_text(product)]] if product.claim_scope else []),
        ["ITC counts as lawsuit", product.itc_counts_as_lawsuit.value],
        ["responds to a 337 case", _response_text(product)],
        ["summary", product.summary],
    ]
    return rows


def claim_scope_text(product: Product) -> str:
    """Return the heads of cover in the source's words, each with the 337 categories it names."""
    parts = []
    for item in product.claim_scope:
        names = ", ".join(category.value for category in item.categories)
        parts.append(f"{item.head} ({names or 'no 337 cost category'})")
    return "; ".join(parts)


def _response_text(product: Product) -> str:
    reason = non_response_reason(product)
    answer = responds_to_337(product)
    if reason is not None:
        return f"{answer.value}: {reason}"
    if answer is Answer.UNCLEAR:
        return (
            "unclear: the wording does not say whether an ITC investigation is a covered "
            f"lawsuit; read as covered ({ARTICLE_30}); ask the insurer to confirm it in writing"
        )
    return answer.value


def coverage_rows(product: Product) -> list[list[str]]:
    """Return the cover per cost category as rows in :data:`COVERAGE_COLUMNS` order."""
    rows = []
    for category in CostCategory:
        sub_limit = product.sub_limits.get(category)
        rows.append(
            [
                category.value,
                COST_CATEGORY_LABELS[category],
                product.cover_for(category).value,
                str(sub_limit) if sub_limit is not None else "",
            ]
        )
    return rows


def source_lines(product: Product) -> list[str]:
    """Return one line per source: tag, full address (never shortened) and what it shows."""
    return [f"[{s.ref}] {s.address}" + (f" ({s.note})" if s.note else "") for s in product.sources]


def illustrative_notices(product: Product) -> tuple[str, ...]:
    """Return the lines that must accompany any output built on the product's terms."""
    lines: list[str] = []
    if product.illustrative:
        lines.append(
            f"ILLUSTRATIVE product: {product.id} is a design, not an offering any source shows"
        )
    if product.illustrative_terms:
        lines.append("ILLUSTRATIVE terms: " + "; ".join(product.illustrative_terms))
    return tuple(lines)


def error_rows(errors: Sequence[RecordError]) -> list[list[str]]:
    """Return catalog errors as rows in :data:`ERROR_COLUMNS` order."""
    return [[str(error.row), error.field, error.reason] for error in errors]


def validation_json(
    source: str, *, catalog: Catalog | None, errors: Sequence[RecordError] = ()
) -> dict[str, JsonValue]:
    """Return the result of ``catalog validate``: validity, counts and every error."""
    return {
        "file": source,
        "valid": catalog is not None,
        "product_versions": len(catalog.entries) if catalog else 0,
        "products": len(catalog.ids()) if catalog else 0,
        "errors": [
            {"row": str(error.row), "field": error.field, "reason": error.reason}
            for error in errors
        ],
    }
