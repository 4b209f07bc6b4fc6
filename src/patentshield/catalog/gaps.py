"""Coverage-gap report: what a product would really pay in a Section 337 defence.

For each of the 13 cost categories of a 337 case (DOMAIN.md §2.3) the report gives the cover
as worded in the product and the *effective* cover for an exporter named as a respondent,
after three questions a wording answers before any category does:

1. Does the product respond to a claim *against* the insured at all? Enforcement and
   infringement-loss insurance pay to enforce the insured's own patents; they do not defend
   a 337 complaint (DOMAIN.md §4.1).
2. Does its territory include the United States?
3. Does an ITC administrative investigation count as a covered "lawsuit" (诉讼)? The Beijing
   wording says 诉讼 and the only paid overseas claim was a US court suit; DOMAIN.md §7 item 7
   calls this the most important open question of the catalog. ``no`` removes every category;
   ``unclear`` turns "covered" into "unclear for an ITC case".

The three questions are answered by :mod:`patentshield.catalog.coverage`; this module turns
the answers into effective cover per category. A category is a *gap* when its effective cover
is not ``covered``.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from patentshield.catalog.coverage import ARTICLE_30, non_response_reason, responds_to_337
from patentshield.catalog.model import (
    COST_CATEGORY_LABELS,
    Answer,
    CostCategory,
    Cover,
    Exclusion,
    Product,
)


@dataclass(frozen=True, slots=True)
class GapRow:
    """One cost category: cover as worded, effective cover in a 337 case, and why."""

    category: CostCategory
    label: str
    worded: Cover
    effective: Cover
    reason: str
    sub_limit: str | None = None


@dataclass(frozen=True, slots=True)
class GapReport:
    """The coverage-gap report of one product against a Section 337 defence."""

    rows: tuple[GapRow, ...]
    responds_to_337: Answer
    warnings: tuple[str, ...]

    @property
    def gaps(self) -> tuple[CostCategory, ...]:
        """Categories whose effective cover is not ``covered``."""
        return tuple(row.category for row in self.rows if row.effective is not Cover.COVERED)


def _row(product: Product, category: CostCategory, blocker: str | None) -> GapRow:
    worded = product.cover_for(category)
    sub_limit = product.sub_limits.get(category)
    limit_text = str(sub_limit) if sub_limit is not None else None
    label = COST_CATEGORY_LABELS[category]
    if blocker is not None:
        return GapRow(category, label, worded, Cover.NOT_COVERED, blocker, limit_text)
    if worded is Cover.COVERED and product.itc_counts_as_lawsuit is Answer.UNCLEAR:
        reason = "covered for lawsuits; unclear whether an ITC investigation counts as one"
        return GapRow(category, label, worded, Cover.UNCLEAR, reason, limit_text)
    reasons = {
        Cover.COVERED: "covered by the wording",
        Cover.NOT_COVERED: "not covered by the wording",
        Cover.UNCLEAR: "the wording is silent or ambiguous",
    }
    return GapRow(category, label, worded, worded, reasons[worded], limit_text)


def _warnings(product: Product, blocker: str | None) -> list[str]:
    warnings: list[str] = []
    if blocker is not None:
        warnings.append(f"{product.id} does not defend a 337 case: {blocker}")
    if product.territory == () and blocker is None:
        warnings.append(f"{product.id}: territory not stated; check that the US is covered")
    if product.itc_counts_as_lawsuit is Answer.UNCLEAR and blocker is None:
        warnings.append(
            f"{product.id}: ask the insurer ({product.insurer}) to confirm in writing that an ITC "
            "Section 337 investigation counts as a covered lawsuit (DOMAIN.md §7 item 7); until "
            f"then it is read as covered ({ARTICLE_30}), as claims are adjudicated"
        )
    if Exclusion.WILFUL_INFRINGEMENT in product.exclusions:
        warnings.append(
            "wilful infringement is excluded: keep R&D records and search reports that show "
            "independent development"
        )
    if Exclusion.KNOWN_DISPUTES in product.exclusions:
        warnings.append("disputes known before inception are excluded: buy before a complaint")
    return warnings


def coverage_gap_report(product: Product) -> GapReport:
    """Return the coverage-gap report of ``product`` against the 337 cost categories."""
    blocker = non_response_reason(product)
    rows = tuple(_row(product, category, blocker) for category in CostCategory)
    warnings = tuple(_warnings(product, blocker))
    return GapReport(rows=rows, responds_to_337=responds_to_337(product), warnings=warnings)
