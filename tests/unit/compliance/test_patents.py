"""The PatentsView importer reads good rows and refuses bad ones, each with file, line, reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from patentshield.compliance.expiry import patent_expiry
from patentshield.compliance.patents import parse_patentsview
from patentshield.kernel.errors import ExternalDataError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "patentsview"


def _files() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in FIXTURES.glob("*.tsv")}


def test_good_rows_are_read_with_their_filing_date_assignee_and_cpc():
    parsed = parse_patentsview(_files())
    desk = parsed.patents["9000001"]
    assert (desk.filed, desk.assignees, desk.cpc) == (
        date(2018, 3, 1),
        ("Acme Desk Inc.",),
        ("A47B9/00",),
    )
    assert desk.expiry().last_day == date(2038, 2, 28)


def test_every_bad_row_is_refused_with_its_file_line_field_and_reason():
    refused = {(str(e.row), e.field) for e in parse_patentsview(_files()).rejected}
    assert refused == {
        ("g_patent.tsv:3", "patent_id"),
        ("g_patent.tsv:4", "patent_type"),
        ("g_patent.tsv:5", "patent_date"),
        ("g_application.tsv:3", "filing_date"),  # filed after the grant
        ("g_application.tsv:4", "patent_id"),  # not in g_patent.tsv
        ("g_assignee_disambiguated.tsv:3", "disambig_assignee_organization"),
        ("g_cpc_current.tsv:3", "cpc_group"),
    }


def test_a_file_without_the_columns_is_not_a_patentsview_table():
    with pytest.raises(ExternalDataError, match="no column patent_title"):
        parse_patentsview(
            {"g_patent.tsv": b"patent_id\tpatent_type\tpatent_date\n1\tutility\t2020-01-01\n"}
        )


def test_an_unknown_table_or_a_missing_g_patent_is_refused():
    with pytest.raises(ExternalDataError, match="no g_patent.tsv"):
        parse_patentsview({"g_application.tsv": b""})
    with pytest.raises(ExternalDataError, match="g_other.tsv is not a PatentsView table"):
        parse_patentsview({"g_patent.tsv": b"", "g_other.tsv": b""})


def test_a_utility_patent_runs_twenty_years_from_filing_plus_its_adjustment():
    expiry = patent_expiry(
        "utility", granted=date(2020, 2, 4), filed=date(2018, 3, 1), adjustment_days=100
    )
    assert expiry.last_day == date(2038, 6, 8)
    assert "PTA" in expiry.rule


def test_an_old_utility_patent_gets_the_longer_of_seventeen_and_twenty_years():
    expiry = patent_expiry("utility", granted=date(1995, 1, 3), filed=date(1990, 1, 4))
    assert expiry.last_day == date(2012, 1, 2)  # 17 years from grant beats 20 from filing


def test_a_reissue_or_an_unknown_filing_date_has_no_expiry():
    assert (
        patent_expiry("reissue", granted=date(2010, 1, 1), filed=date(2008, 1, 1)).last_day is None
    )
    assert (
        patent_expiry("utility", granted=date(2010, 1, 1), filed=None).is_in_force(date(2020, 1, 1))
        is None
    )
