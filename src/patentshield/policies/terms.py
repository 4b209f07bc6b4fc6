"""The terms of a policy in force, frozen from its product version when the quote is bound.

A catalog product may get a new version after a policy is sold; the policy keeps the terms it
was sold with. :class:`PolicyTerms` holds what claims adjudication needs — limits as priced
in the quote, deductible, coinsurance, sub-limits, cover per cost category, whether an ITC
investigation counts as a covered proceeding, claims basis, retroactive years, exclusions,
counsel rule, the notice period and the claims conditions (claim trigger, order of terms,
consent to settle, final-adjudication clause; :mod:`patentshield.catalog.conditions`) — and
round-trips through JSON (:func:`terms_to_json`,
:func:`terms_from_json`), which is how it is stored.

Terms frozen before the claims conditions were recorded load with
:data:`~patentshield.catalog.conditions.LEGACY_CONDITIONS`, the way they were adjudicated.

The notice period is not in any retrievable Chinese wording (DOMAIN.md §4.2, §7 item 7): it is
a parameter of the binding, ``DEFAULT_NOTICE_DAYS`` unless the insurer states another.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from patentshield.catalog.conditions import (
    ClaimConditions,
    conditions_from_json,
    conditions_json,
)
from patentshield.catalog.coverage import ENFORCEMENT_TYPES, enforces_in_337, responds_to_337
from patentshield.catalog.model import (
    Answer,
    ClaimsBasis,
    CostCategory,
    CounselRule,
    Cover,
    Exclusion,
    Product,
    ProductType,
)
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, Money

DEFAULT_NOTICE_DAYS = 30
"""Days after the insured learns of a claim within which it must notify the insurer.

No Chinese wording retrieved states a notice deadline (DOMAIN.md §4.2 "gap"); 30 days is an
assumption, stated on every policy, that the binding may replace with the insurer's figure.
"""

MAX_NOTICE_DAYS = 365


@dataclass(frozen=True, slots=True)
class PolicyTerms:
    """The frozen terms of one policy (amounts in the policy currency)."""

    product_id: str
    product_version: int
    product_name: str
    insurer: str
    product_type: ProductType
    currency: Currency
    per_claim_limit: Money
    aggregate_limit: Money
    deductible: Money | None
    coinsurance: Decimal
    sub_limits: dict[CostCategory, Money]
    coverage: dict[CostCategory, Cover]
    itc_counts_as_lawsuit: Answer
    responds_to_337: Answer
    claims_basis: ClaimsBasis
    retroactive_years: int | None
    exclusions: tuple[Exclusion, ...]
    counsel: CounselRule
    notice_days: int
    illustrative_terms: tuple[str, ...] = ()
    conditions: ClaimConditions = ClaimConditions()
    enforces_in_337: Answer = Answer.NO

    def cover_for(self, category: CostCategory) -> Cover:
        """Return whether ``category`` is covered (categories not listed are not)."""
        return self.coverage.get(category, Cover.NOT_COVERED)


def checked_notice_days(days: int) -> int:
    """Return ``days`` when it is a plausible notice period; raise :class:`InvalidInput`."""
    if not 1 <= days <= MAX_NOTICE_DAYS:
        raise InvalidInput("notice_days", f"must be 1 to {MAX_NOTICE_DAYS} days, got {days}")
    return days


def freeze_terms(
    product: Product,
    *,
    per_claim_limit: Money,
    aggregate_limit: Money,
    notice_days: int = DEFAULT_NOTICE_DAYS,
) -> PolicyTerms:
    """Freeze ``product``'s terms with the limits priced in the quote."""
    return PolicyTerms(
        product_id=product.id,
        product_version=product.version,
        product_name=product.name,
        insurer=product.insurer,
        product_type=product.product_type,
        currency=product.currency,
        per_claim_limit=per_claim_limit,
        aggregate_limit=aggregate_limit,
        deductible=product.deductible,
        coinsurance=product.coinsurance,
        sub_limits=dict(product.sub_limits),
        coverage={category: product.cover_for(category) for category in CostCategory},
        itc_counts_as_lawsuit=product.itc_counts_as_lawsuit,
        responds_to_337=responds_to_337(product),
        claims_basis=product.claims_basis,
        retroactive_years=product.retroactive_years,
        exclusions=product.exclusions,
        counsel=product.counsel,
        notice_days=checked_notice_days(notice_days),
        illustrative_terms=product.illustrative_terms,
        conditions=product.conditions,
        enforces_in_337=enforces_in_337(product),
    )


def terms_to_json(terms: PolicyTerms) -> dict[str, JsonValue]:
    """Return the JSON snapshot of ``terms``."""
    return {
        "product_id": terms.product_id,
        "product_version": terms.product_version,
        "product_name": terms.product_name,
        "insurer": terms.insurer,
        "product_type": terms.product_type.value,
        "currency": terms.currency.value,
        "per_claim_limit": terms.per_claim_limit.to_json(),
        "aggregate_limit": terms.aggregate_limit.to_json(),
        "deductible": terms.deductible.to_json() if terms.deductible else None,
        "coinsurance": str(terms.coinsurance),
        "sub_limits": {category.value: m.to_json() for category, m in terms.sub_limits.items()},
        "coverage": {category.value: cover.value for category, cover in terms.coverage.items()},
        "itc_counts_as_lawsuit": terms.itc_counts_as_lawsuit.value,
        "responds_to_337": terms.responds_to_337.value,
        "claims_basis": terms.claims_basis.value,
        "retroactive_years": terms.retroactive_years,
        "exclusions": [exclusion.value for exclusion in terms.exclusions],
        "counsel": terms.counsel.value,
        "notice_days": terms.notice_days,
        "illustrative_terms": list(terms.illustrative_terms),
        "conditions": conditions_json(terms.conditions),
        "enforces_in_337": terms.enforces_in_337.value,
    }


def _mapping(value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise InvalidInput("terms", f"{value!r} is not a mapping")
    return {str(key): item for key, item in value.items()}


def _list(value: object) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput("terms", f"{value!r} is not a list")
    return list(value)


def terms_from_json(document: dict[str, JsonValue]) -> PolicyTerms:
    """Rebuild terms from their JSON snapshot (the inverse of :func:`terms_to_json`)."""
    deductible = document.get("deductible")
    retro = document.get("retroactive_years")
    exclusions = _list(document.get("exclusions"))
    illustrative = _list(document.get("illustrative_terms"))
    return PolicyTerms(
        product_id=str(document["product_id"]),
        product_version=int(str(document["product_version"])),
        product_name=str(document["product_name"]),
        insurer=str(document["insurer"]),
        product_type=ProductType(str(document["product_type"])),
        currency=Currency(str(document["currency"])),
        per_claim_limit=Money.from_json(document["per_claim_limit"], field="terms"),
        aggregate_limit=Money.from_json(document["aggregate_limit"], field="terms"),
        deductible=Money.from_json(deductible, field="terms") if deductible is not None else None,
        coinsurance=Decimal(str(document["coinsurance"])),
        sub_limits={
            CostCategory(key): Money.from_json(value, field="terms")
            for key, value in _mapping(document["sub_limits"]).items()
        },
        coverage={
            CostCategory(key): Cover(str(value))
            for key, value in _mapping(document["coverage"]).items()
        },
        itc_counts_as_lawsuit=Answer(str(document["itc_counts_as_lawsuit"])),
        responds_to_337=Answer(str(document["responds_to_337"])),
        claims_basis=ClaimsBasis(str(document["claims_basis"])),
        retroactive_years=int(str(retro)) if retro is not None else None,
        exclusions=tuple(Exclusion(str(item)) for item in exclusions),
        counsel=CounselRule(str(document["counsel"])),
        notice_days=int(str(document["notice_days"])),
        illustrative_terms=tuple(str(item) for item in illustrative),
        conditions=_conditions(document.get("conditions")),
        enforces_in_337=_enforces(document),
    )


def _enforces(document: dict[str, JsonValue]) -> Answer:
    """Return the frozen answer for an insured complainant; derive it for older terms.

    Terms frozen before it was recorded keep no territory: an enforcement type answers as its
    ITC wording does.
    """
    if "enforces_in_337" in document:
        return Answer(str(document["enforces_in_337"]))
    if ProductType(str(document["product_type"])) not in ENFORCEMENT_TYPES:
        return Answer.NO
    return Answer(str(document["itc_counts_as_lawsuit"]))


def _conditions(value: object) -> ClaimConditions:
    try:
        return conditions_from_json(value)
    except (KeyError, ValueError) as error:
        raise InvalidInput("terms", f"claims conditions: {error}") from None
