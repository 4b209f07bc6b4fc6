"""Synthetic books: seeded, realistic mix, and readable back into engine arrays."""

from datetime import date

import numpy as np
import pytest

from patentshield.catalog.loader import load_catalog
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.fx import FxTable
from patentshield.programme.book import book_from_document
from patentshield.programme.synth import synthetic_book
from patentshield.risk.data_files import load_parameters

DAY = date(2026, 3, 1)


@pytest.fixture(scope="module")
def document():
    return book(2_000, 7)


def book(policies, seed):
    return synthetic_book(
        policies=policies,
        seed=seed,
        products=load_catalog().products(DAY),
        fx=FxTable.shipped().usd_cny(DAY)[0],
        parameters=load_parameters(),
    )


def test_the_same_seed_gives_the_same_book_and_another_seed_another(document):
    assert book(2_000, 7) == document
    assert book(2_000, 8)["policies"] != document["policies"]


def test_the_book_uses_only_products_that_respond_to_a_337_case(document):
    assert "chancheng-package-10-c" not in document["products"]
    assert {p["product"] for p in document["policies"]} <= set(document["products"])


def test_sales_are_mostly_small_with_a_long_tail(document):
    sales = np.array([p["annual_us_sales_usd"] for p in document["policies"]])
    assert 1e6 < np.median(sales) < 4e6
    assert sales.max() > 20 * np.median(sales)


def test_a_book_document_becomes_engine_arrays(document):
    engine_book, ids = book_from_document(document, load_parameters())
    assert engine_book.size == 2_000 and ids[0] == "p000001"
    assert engine_book.terms.covered.shape == (2_000, 13)
    assert (engine_book.intensity > 0).all() and (engine_book.intensity <= 1).all()
    assert (engine_book.premium_usd > 0).all()


def test_a_book_naming_an_unknown_product_is_refused(document):
    broken = dict(document, policies=[dict(document["policies"][0], product="nope")])
    with pytest.raises(InvalidInput) as caught:
        book_from_document(broken, load_parameters())
    assert caught.value.field == "policies.p000001.product"
