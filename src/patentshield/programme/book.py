"""Read a book document (``portfolio synth`` output, or one written by hand) into engine arrays.

The document's ``products`` hold each product template's premium (USD) and terms; each policy
names its chapter, annual US sales (USD), modifier flags and product. Errors name the policy
and field. This module is pure: it works on a document already parsed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from patentshield.kernel.errors import InvalidInput
from patentshield.programme.synth import BOOK_FORMAT
from patentshield.risk.exposure import intensities
from patentshield.risk.parameters import Parameters
from patentshield.risk.portfolio import Book
from patentshield.risk.proceedings import CATEGORIES
from patentshield.risk.terms import TermsTable


def _limit(value: object) -> float:
    return math.inf if value is None else float(str(value))


def _template_arrays(template: Mapping[str, object], name: str) -> dict[str, object]:
    terms = template.get("terms")
    if not isinstance(terms, Mapping):
        raise InvalidInput(f"products.{name}.terms", "missing")
    covered = terms.get("covered")
    subs = terms.get("sub_limits_usd")
    if not isinstance(covered, list) or len(covered) != len(CATEGORIES):
        raise InvalidInput(f"products.{name}.terms.covered", f"needs {len(CATEGORIES)} entries")
    if not isinstance(subs, list) or len(subs) != len(CATEGORIES):
        raise InvalidInput(
            f"products.{name}.terms.sub_limits_usd", f"needs {len(CATEGORIES)} entries"
        )
    return {
        "premium": float(str(template.get("premium_usd"))),
        "covered": [bool(c) for c in covered],
        "sub_limits": [_limit(v) for v in subs],
        "deductible": float(str(terms.get("deductible_usd", 0.0))),
        "coinsurance": float(str(terms.get("coinsurance", 0.0))),
        "per_claim": _limit(terms.get("per_claim_limit_usd")),
        "aggregate": _limit(terms.get("aggregate_limit_usd")),
        "responds": bool(terms.get("responds", True)),
        "excluded": float(str(terms.get("excluded_share", 0.0))),
    }


def book_from_document(
    document: Mapping[str, object], parameters: Parameters
) -> tuple[Book, list[str]]:
    """Return the book's arrays and its policy ids, in file order.

    Raises
    ------
    InvalidInput
        When the document is not a book, or a figure of it is not a number (a book sent over
        HTTP is anyone's document, not only ``programme synth``'s).
    """
    try:
        return _book_arrays(document, parameters)
    except (ValueError, TypeError, OverflowError) as error:
        raise InvalidInput("book", f"a figure is not a number ({error})") from None


def _book_arrays(document: Mapping[str, object], parameters: Parameters) -> tuple[Book, list[str]]:
    if document.get("format") != BOOK_FORMAT:
        raise InvalidInput("format", f"a book file starts with format {BOOK_FORMAT!r}")
    products = document.get("products")
    policies = document.get("policies")
    if not isinstance(products, Mapping) or not isinstance(policies, Sequence) or not policies:
        raise InvalidInput("policies", "a book needs products and at least one policy")
    templates = {
        name: _template_arrays(t, name) for name, t in products.items() if isinstance(t, Mapping)
    }
    names = sorted(templates)
    index = {name: i for i, name in enumerate(names)}
    rows = [p for p in policies if isinstance(p, Mapping)]
    for row in rows:
        if row.get("product") not in index:
            raise InvalidInput(
                f"policies.{row.get('id')}.product", f"unknown product {row.get('product')!r}"
            )
    which = np.array([index[str(row["product"])] for row in rows], dtype=np.int64)

    def column(key: str) -> np.ndarray:
        return np.array([templates[n][key] for n in names])[which]

    chapter = np.array([int(str(row.get("chapter"))) for row in rows], dtype=np.int64)
    sales = np.array([float(str(row.get("annual_us_sales_usd"))) for row in rows])
    if (sales < 0).any():
        raise InvalidInput("annual_us_sales_usd", "must not be negative")
    flags = {
        k: np.array([bool(row.get(k, False)) for row in rows])
        for k in ("past_itc_case", "own_us_patents", "compliance_programme")
    }
    book = Book(
        chapter=chapter,
        sales_usd=sales,
        intensity=intensities(parameters, chapter, sales, **flags),
        premium_usd=column("premium").astype(np.float64),
        terms=TermsTable(
            covered=column("covered").astype(bool),
            sub_limits=column("sub_limits").astype(np.float64),
            deductible=column("deductible").astype(np.float64),
            coinsurance=column("coinsurance").astype(np.float64),
            per_claim_limit=column("per_claim").astype(np.float64),
            aggregate_limit=column("aggregate").astype(np.float64),
            responds=column("responds").astype(bool),
            excluded_share=column("excluded").astype(np.float64),
        ),
    )
    return book, [str(row.get("id")) for row in rows]
