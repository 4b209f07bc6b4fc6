"""Business rules of a catalog beyond field types: one product's terms, and versions of an id.

Rules checked (each failure names the record and the field):

* a limit that is a multiple of the premium needs a premium that does not depend on the limit,
  and a rate on limit needs a fixed limit (otherwise premium and limit define each other);
* a per-claim limit is not above the aggregate limit; plan names are unique;
* a fixed premium per unit lies inside ``premium_range`` when one is given, ``low <= high``;
* a ``base_plus_per_added_patent`` premium counts patents, so the unit is ``per_patent``;
* a ``patent_package`` product states ``package_size``, and only such a product does;
* coinsurance (the share of a covered loss RETAINED by the insured) is in ``[0, 1)``;
* every one of the 13 cost categories is listed in ``coverage``; a sub-limit is only set on a
  covered category;
* a head of cover of ``claim_scope`` is given once, and a cost category it names is not
  ``not_covered`` (the wording's own words and the coverage agree);
* ``valid_to`` is after ``valid_from``; two versions of one id never overlap in time and
  never share a version number;
* an illustrative product names the terms no source shows;
* the claims conditions fit the wording: a final-adjudication clause governs the
  wilful-infringement exclusion, so it needs that exclusion; a claim trigger other than the
  complaint is a claims-made term (an occurrence policy dates the claim by the complaint).

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date

from patentshield.catalog.conditions import ClaimTrigger
from patentshield.catalog.model import (
    BasePlusPerAddedPatent,
    ClaimsBasis,
    CostCategory,
    Cover,
    Exclusion,
    FixedLimit,
    FixedPerUnit,
    InsuredUnit,
    MultipleOfPremium,
    Plan,
    Product,
    RateOnLimit,
)
from patentshield.kernel.dates import Period
from patentshield.kernel.errors import RecordError

Problem = tuple[str, str]
"""A problem in one product: the field path and the reason."""


def record_label(product_id: str, version: object) -> str:
    """Return how errors name a record: ``id v2`` (or the id alone when no version is known)."""
    return f"{product_id} v{version}" if isinstance(version, int) else product_id


def _plan_problems(index: int, plan: Plan) -> Iterator[Problem]:
    where = f"plans[{index}]"
    premium, limit = plan.premium, plan.limit
    if isinstance(premium, RateOnLimit) and not isinstance(limit, FixedLimit):
        yield (
            f"{where}.limit",
            "a limit that is a multiple of the premium needs a premium that does not depend "
            "on the limit; a rate_on_limit premium needs a fixed limit",
        )
    if isinstance(limit, MultipleOfPremium):
        above = limit.per_claim is not None and limit.per_claim > limit.aggregate
    else:
        above = limit.per_claim is not None and limit.per_claim > limit.aggregate
    if above:
        yield f"{where}.limit.per_claim", "the per-claim limit is above the aggregate limit"


def _pricing_problems(product: Product) -> Iterator[Problem]:
    names = [plan.name for plan in product.plans]
    for name in sorted({name for name in names if names.count(name) > 1}):
        yield "plans", f"plan name {name!r} is used twice"
    for index, plan in enumerate(product.plans):
        yield from _plan_problems(index, plan)
        counts_patents = isinstance(plan.premium, BasePlusPerAddedPatent)
        if counts_patents and product.insured_unit is not InsuredUnit.PER_PATENT:
            yield (
                f"plans[{index}].premium",
                "base_plus_per_added_patent counts patents: insured_unit must be per_patent",
            )
    yield from _range_problems(product)


def _range_problems(product: Product) -> Iterator[Problem]:
    if product.premium_range is None:
        return
    low, high = product.premium_range
    if low > high:
        yield "premium_range", f"low end {low} is above high end {high}"
        return
    for index, plan in enumerate(product.plans):
        rule = plan.premium
        if isinstance(rule, FixedPerUnit) and not low <= rule.amount <= high:
            yield (
                f"plans[{index}].premium.amount",
                f"premium {rule.amount} is outside premium_range {low}–{high}",
            )


def _unit_problems(product: Product) -> Iterator[Problem]:
    is_package = product.insured_unit is InsuredUnit.PATENT_PACKAGE
    if is_package and product.package_size is None:
        yield "package_size", "a patent_package product needs package_size (patents per package)"
    if not is_package and product.package_size is not None:
        yield "package_size", "only a patent_package product has a package size"


def _term_problems(product: Product) -> Iterator[Problem]:
    if product.valid_to is not None and product.valid_to <= product.valid_from:
        yield "valid_to", f"{product.valid_to} is not after valid_from {product.valid_from}"
    if not 0 <= product.coinsurance < 1:
        yield (
            "coinsurance",
            f"{product.coinsurance} is not in [0, 1): it is the share of each covered loss "
            "retained by the insured (0.2 = the insurer pays 80 %)",
        )
    if product.illustrative and not product.illustrative_terms:
        yield "illustrative_terms", "an illustrative product must name the terms no source shows"


def _coverage_problems(product: Product) -> Iterator[Problem]:
    missing = [category.value for category in CostCategory if category not in product.coverage]
    if missing:
        yield (
            "coverage",
            f"missing cost categories: {', '.join(missing)} (list all {len(CostCategory)}: "
            "covered, not_covered or unclear)",
        )
    for category in product.sub_limits:
        if product.coverage.get(category) is not Cover.COVERED:
            yield f"sub_limits.{category.value}", "a sub-limit on a category that is not covered"


def _claim_scope_problems(product: Product) -> Iterator[Problem]:
    heads = [item.head for item in product.claim_scope]
    for head in sorted({head for head in heads if heads.count(head) > 1}):
        yield "claim_scope", f"head of cover {head!r} is given twice"
    for index, item in enumerate(product.claim_scope):
        for category in item.categories:
            if product.cover_for(category) is Cover.NOT_COVERED:
                yield (
                    f"claim_scope[{index}].categories",
                    f"{item.head!r} names {category.value}, which coverage says is not_covered",
                )


def _condition_problems(product: Product) -> Iterator[Problem]:
    conditions = product.conditions
    wilful = Exclusion.WILFUL_INFRINGEMENT in product.exclusions
    if conditions.final_adjudication and not wilful:
        yield (
            "claim_conditions.final_adjudication",
            "a final-adjudication clause governs the wilful_infringement exclusion, which the "
            "product does not list",
        )
    occurrence = product.claims_basis is ClaimsBasis.OCCURRENCE
    if occurrence and conditions.claim_trigger is not ClaimTrigger.COMPLAINT:
        yield (
            "claim_conditions.claim_trigger",
            f"{conditions.claim_trigger.value} is a claims-made trigger; an occurrence policy "
            "dates the claim by the complaint",
        )


def product_problems(product: Product) -> list[Problem]:
    """Return every rule one product version breaks, as ``(field, reason)`` pairs."""
    return [
        *_pricing_problems(product),
        *_unit_problems(product),
        *_term_problems(product),
        *_coverage_problems(product),
        *_claim_scope_problems(product),
        *_condition_problems(product),
    ]


def _window(product: Product) -> Period | None:
    """Return the validity window, or ``None`` when it is malformed (reported elsewhere)."""
    end = product.valid_to or date.max
    return Period(product.valid_from, end) if product.valid_from < end else None


def _version_problems(versions: Sequence[Product]) -> Iterator[RecordError]:
    seen: set[int] = set()
    for product in versions:
        label = record_label(product.id, product.version)
        if product.version in seen:
            yield RecordError(label, "version", f"version {product.version} is given twice")
        seen.add(product.version)
    for index, later in enumerate(versions):
        for earlier in versions[:index]:
            first, second = _window(earlier), _window(later)
            if first is not None and second is not None and first.overlaps(second):
                yield RecordError(
                    record_label(later.id, later.version),
                    "valid_from",
                    f"validity overlaps version {earlier.version} "
                    f"({earlier.valid_from} to {earlier.valid_to or 'open end'})",
                )


def catalog_problems(products: Sequence[Product]) -> list[RecordError]:
    """Return the rules broken between versions of one id: duplicates and overlapping windows."""
    by_id: dict[str, list[Product]] = defaultdict(list)
    for product in products:
        by_id[product.id].append(product)
    return [error for versions in by_id.values() for error in _version_problems(versions)]
