"""What a product's cover means for a Section 337 defence: its gaps and whether it responds.

A product's ``coverage`` states, per cost category of a 337 case (DOMAIN.md §2.3), whether the
wording pays that *kind* of cost in the proceedings the product answers. Whether the product
answers a 337 complaint against the insured at all is a separate question, decided before any
category (the same three questions the coverage-gap report of a quote asks):

1. Is it a defensive *patent* product? Trademark and copyright insurance concern other rights
   and never answer a patent 337 case (He §2); enforcement, infringement-loss, credit,
   guarantee, agency liability, application, transaction, technology and overseas
   rights-protection insurance do not answer a claim *against* the insured (DOMAIN.md §4.1).
2. Does its territory include the United States (``US``, ``overseas`` or ``worldwide``; an
   empty territory means "not stated" and does not rule it out)?
3. Does an ITC administrative investigation count as a covered "lawsuit" (诉讼)? DOMAIN.md §7
   item 7: the Beijing wording says 诉讼 and the only paid overseas claim was a US court suit.

**Unclear wording is read for the insured.** PRC Insurance Law art. 30: where a standard term
of an insurance contract is open to two readings, it is read in favour of the insured. So a
wording ``unclear`` on the ITC question *responds* (unless an exclusion applies), and a cost
category it is ``unclear`` on is *covered*: :func:`is_read_as_covered` is the one rule that
pricing, recommendation (:mod:`patentshield.assessment.exposure`) and adjudication
(:mod:`patentshield.claims.adjudicate`) use, so no premium is charged for cover that claims
then refuse. The answer stays ``unclear`` in every output, with this reading beside it.

An insured **complainant** (Chinese firms file 337 complaints too) is answered by an
enforcement product instead (:data:`ENFORCEMENT_TYPES`, :func:`enforcement_reason`): it pays
the insured's costs of asserting its own patent, in a territory that includes the United States.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from patentshield.catalog.model import (
    NON_PATENT_TYPES,
    Answer,
    CostCategory,
    Cover,
    Product,
    ProductType,
)

DEFENSIVE_TYPES = frozenset(
    {
        ProductType.PATENT_INFRINGEMENT_LIABILITY,
        ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY,
        ProductType.OVERSEAS_IP_DISPUTE_LEGAL_EXPENSE,
        ProductType.IP_COMPREHENSIVE,
        ProductType.PATENT_INTENSIVE_PRODUCT_LIABILITY,  # with patent infringement liability
    }
)
"""Product types that answer third-party infringement claims against the insured."""

ENFORCEMENT_TYPES = frozenset(
    {
        ProductType.PATENT_ENFORCEMENT,
        ProductType.OVERSEAS_IP_RIGHTS_PROTECTION,
        ProductType.IP_COMPREHENSIVE,
    }
)
"""Product types that pay the insured's costs of enforcing its own patent (DOMAIN.md §4.1)."""

US_TERRITORIES = frozenset({"US", "worldwide", "overseas"})
"""Territory entries that include the United States."""

ARTICLE_30 = (
    "PRC Insurance Law art. 30: an ambiguous standard term is read in favour of the insured"
)
"""The rule every reading of an ``unclear`` term cites."""


def is_read_as_covered(answer: Answer | Cover) -> bool:
    """Tell whether a worded answer or cover counts as cover: yes, and unclear (art. 30)."""
    return answer in (Answer.YES, Answer.UNCLEAR, Cover.COVERED, Cover.UNCLEAR)


def categories_with(product: Product, cover: Cover) -> tuple[CostCategory, ...]:
    """Return the cost categories whose worded cover is ``cover``, in category order."""
    return tuple(category for category in CostCategory if product.cover_for(category) is cover)


def coverage_gaps(product: Product) -> tuple[CostCategory, ...]:
    """Return the cost categories the wording does not clearly cover (not covered or unclear)."""
    return tuple(
        category for category in CostCategory if product.cover_for(category) is not Cover.COVERED
    )


def is_defensive(product: Product) -> bool:
    """Tell whether the product answers infringement claims brought against the insured."""
    return product.product_type in DEFENSIVE_TYPES


def non_response_reason(product: Product) -> str | None:
    """Return why the product cannot respond to a 337 case against the insured, or ``None``."""
    if product.product_type in NON_PATENT_TYPES:
        return (
            f"a {product.product_type} policy insures {product.product_type} rights, not "
            "patents: it does not answer a patent 337 complaint against the insured"
        )
    if not is_defensive(product):
        return (
            f"a {product.product_type} policy pays for the insured's own patents or risks; "
            "it does not answer a 337 complaint against the insured"
        )
    return _us_problem(product)


def _us_problem(product: Product) -> str | None:
    """Return why a patent product cannot answer a US ITC case (territory, wording), or None."""
    if product.territory and not US_TERRITORIES & set(product.territory):
        return f"territory {', '.join(product.territory)} does not include the United States"
    if product.itc_counts_as_lawsuit is Answer.NO:
        return "the wording covers lawsuits and an ITC investigation does not count as one"
    return None


def enforcement_reason(product: Product) -> str | None:
    """Return why the product cannot pay an insured complainant's 337 case, or ``None``."""
    if product.product_type not in ENFORCEMENT_TYPES:
        return (
            f"a {product.product_type} policy does not pay the insured's costs of enforcing "
            "its own patent"
        )
    return _us_problem(product)


def enforces_in_337(product: Product) -> Answer:
    """Tell whether the product pays an insured complainant's 337 case (like the defence)."""
    if enforcement_reason(product) is not None:
        return Answer.NO
    return product.itc_counts_as_lawsuit


def responds_to_337(product: Product) -> Answer:
    """Tell whether the product responds to a 337 investigation against the insured.

    ``no`` when :func:`non_response_reason` gives a reason; otherwise the wording's answer to
    "does an ITC investigation count as a covered lawsuit?" (``yes`` or ``unclear``).
    """
    if non_response_reason(product) is not None:
        return Answer.NO
    return product.itc_counts_as_lawsuit
