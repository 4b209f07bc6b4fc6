"""The shipped sample: institutions.csv and determinations.csv become investigation records."""

import csv
import hashlib
from datetime import date
from importlib import resources

import pytest

from patentshield.usitc.feed_values import RowProblem
from patentshield.usitc.parse_shipped import (
    determination_text_outcome,
    parse_institution,
    parse_parties,
)
from patentshield.usitc.published import (
    domain_figures,
    published_figures,
    read_rows,
    shipped_investigations,
)
from patentshield.usitc.records import (
    Completeness,
    DataSource,
    OrderType,
    Outcome,
    PartyRole,
)

COPIES = {
    "published_stats.csv": "7286ced914ebca04cf788264c355897cfbd6d85a6f3bbb7be545a03a37cdbb8e",
    "institutions.csv": "c32abf0b07aca48cdaaa27c315daf5814241cdc5a28467f3e0a8b6e60bab34d3",
    "determinations.csv": "39eb0cb7a0cd9b0df7fc00bc5a17a37b73dd392597278d0ae55ccf57d79fa699",
}


@pytest.mark.parametrize(("name", "digest"), COPIES.items())
def test_the_shipped_copies_match_the_checksums_in_provenance(name, digest):
    data = resources.files("patentshield.usitc").joinpath("data", name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == digest
    provenance = resources.files("patentshield.usitc").joinpath("data", "PROVENANCE.md")
    assert f"{digest}  {name}" in provenance.read_text("utf-8")


def test_every_institutions_row_becomes_a_shipped_investigation():
    records = shipped_investigations()
    assert len(records) == len(read_rows("institutions.csv")) == 82
    assert {record.source for record in records} == {DataSource.SHIPPED}
    assert len({record.number for record in records}) == 82


def test_complete_respondent_lists_agree_with_the_stated_counts():
    rows = {row["inv_no"]: row for row in read_rows("institutions.csv")}
    checked = 0
    for record in shipped_investigations():
        row = rows[record.number]
        if record.respondents_complete is not Completeness.YES:
            continue
        countries = record.respondent_countries()
        assert countries is not None
        assert sum(countries.values()) == int(row["n_respondents"])
        assert countries["China"] == int(row["n_respondents_china"])
        assert countries["Hong Kong"] == int(row["n_respondents_hk"])
        assert countries["Taiwan"] == int(row["n_respondents_tw"])
        checked += 1
    assert checked == 56


def test_counts_only_rows_count_from_the_stated_numbers_not_the_names():
    record = next(r for r in shipped_investigations() if r.number == "337-TA-894")
    assert record.respondents_complete is Completeness.COUNTS_ONLY
    assert record.respondents() == ()
    assert record.respondent_count() == 22
    assert record.names_respondent_from(frozenset({"China"})) is True


def test_partial_and_missing_lists_do_not_count_for_respondent_statistics():
    partial = next(r for r in shipped_investigations() if r.number == "337-TA-604")
    assert partial.respondents_complete is Completeness.PARTIAL
    assert len(partial.respondents()) == 14
    assert partial.respondent_count() is None
    assert partial.names_respondent_from(frozenset({"China"})) is None


def test_the_latest_determination_gives_outcome_orders_and_dates():
    records = {r.number: r for r in shipped_investigations()}
    ink = records["337-TA-1216"]
    assert ink.outcome is Outcome.VIOLATION
    assert ink.order_types() == {OrderType.GEO}
    assert ink.dates.final_determination == date(2022, 1, 11)
    assert records["337-TA-1010"].outcome is Outcome.SETTLED
    assert records["337-TA-1010"].dates.final_determination is None
    assert records["337-TA-1010"].dates.terminated == date(2017, 12, 22)
    assert records["337-TA-602"].dates.final_determination is None  # the year only is known
    assert records["337-TA-1480"].outcome is Outcome.UNKNOWN


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("violation", Outcome.VIOLATION),
        ("violation (23 defaulting respondents; 1 terminated by settlement)", Outcome.DEFAULT),
        ("no violation (economic prong of domestic industry not met)", Outcome.NO_VIOLATION),
        ("terminated (consent order)", Outcome.SETTLED),
        ("settled", Outcome.SETTLED),
        ("terminated (complaint withdrawn)", Outcome.WITHDRAWN),
        ("terminated (joint motion)", Outcome.TERMINATED_OTHER),
    ],
)
def test_determination_sentences_are_read_as_outcomes(text, outcome):
    assert determination_text_outcome(text) is outcome


def test_the_year_column_dates_an_investigation_without_a_release_date():
    record = next(r for r in shipped_investigations() if r.number == "337-TA-944")
    assert record.dates.instituted is None
    assert record.year() == 2015


def test_a_party_without_three_parts_is_refused():
    with pytest.raises(RowProblem, match="Name | City, State | Country"):
        parse_parties("Acme Corp | China", PartyRole.RESPONDENT, "respondents")


def test_a_counts_only_row_with_too_few_respondents_is_refused():
    row = next(
        csv.DictReader(
            resources.files("patentshield.usitc")
            .joinpath("data", "institutions.csv")
            .read_text("utf-8")
            .splitlines()
        )
    )
    row.update(respondents_complete="counts_only", n_respondents="1", n_respondents_china="3")
    with pytest.raises(RowProblem, match="less than the respondents by country"):
        parse_institution(row, 1, None)


def test_published_and_domain_figures_load_with_their_sources():
    assert len(published_figures()) == 85
    assert all(figure.source.startswith("http") for figure in published_figures())
    for figure in domain_figures():
        # Only the article this project implements (He §n, a printed work) has no address.
        assert figure.tag and (figure.url.startswith("http") or figure.tag.startswith("He §"))
