"""Complainant profiles from the shipped record: history, rank, NPE flag with its basis."""

from __future__ import annotations

import pytest

from patentshield.compliance.complainants import (
    ComplainantReference,
    NpeClass,
    find_profiles,
    npe_share,
    profiles,
)
from patentshield.kernel.errors import InvalidInput, NotFound
from patentshield.usitc.published import shipped_investigations


@pytest.fixture(scope="module")
def reference() -> ComplainantReference:
    return ComplainantReference.shipped()


def test_lutron_is_a_repeat_filer_with_its_respondents_and_chinese_respondents(reference):
    (lutron,) = find_profiles(shipped_investigations(), reference, "Lutron")
    assert [case.number for case in lutron.cases] == ["337-TA-676", "337-TA-776"]
    assert (lutron.respondents(), lutron.chinese_respondents()) == (11, 3)
    assert lutron.rank == 1
    assert lutron.outcomes() == {"settled": 1, "unknown": 1}
    assert lutron.classification.category is NpeClass.PRACTISING


def test_a_patent_assertion_entity_is_flagged_with_its_basis(reference):
    (lamina,) = find_profiles(shipped_investigations(), reference, "Lamina Packaging Innovations")
    assert lamina.classification.category is NpeClass.CATEGORY_2
    assert lamina.classification.category.is_npe() is True
    assert "no packaging production" in lamina.classification.basis
    assert lamina.cases[0].respondents == 15


def test_an_unclassified_complainant_is_unknown_never_guessed(reference):
    (bic,) = find_profiles(shipped_investigations(), reference, "BIC Corporation")
    assert bic.classification.category is NpeClass.UNKNOWN
    assert bic.classification.category.is_npe() is None


def test_the_record_share_of_npe_investigations_is_counted_once_per_investigation(reference):
    flagged, total = npe_share(profiles(shipped_investigations(), reference))
    assert (flagged, total) == (10, 82)
    assert any(share.period == "2011" and share.share == 0.25 for share in reference.shares)


def test_an_unknown_or_empty_name_is_refused(reference):
    with pytest.raises(NotFound):
        find_profiles(shipped_investigations(), reference, "Nobody Such Corp")
    with pytest.raises(InvalidInput):
        find_profiles(shipped_investigations(), reference, " , ")
