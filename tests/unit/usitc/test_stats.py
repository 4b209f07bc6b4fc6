"""Statistics over investigations: shares with their n, groups, and never double counting."""

from datetime import date
from pathlib import Path

import pytest

from patentshield.usitc.feed import parse_feed
from patentshield.usitc.published import shipped_investigations
from patentshield.usitc.records import (
    Completeness,
    DataSource,
    FeedLayout,
    Investigation,
    InvestigationDates,
    IpRight,
    OrderType,
    Outcome,
    Party,
    PartyRole,
    RecordKind,
    RemedialOrder,
)
from patentshield.usitc.respondent_stats import CountryGroup, Determination
from patentshield.usitc.stats import (
    DAYS_PER_MONTH,
    OVERALL,
    GroupBy,
    GroupStatistics,
    merge_sources,
    statistics_by,
    summarise,
)


def record(
    number: str,
    *,
    countries: tuple[str, ...] = (),
    outcome: Outcome = Outcome.ACTIVE,
    instituted: date | None = date(2022, 3, 1),
    filed: date | None = date(2022, 1, 30),
    terminated: date | None = None,
    hts: tuple[str, ...] = (),
    patent: bool | None = True,
    orders: tuple[OrderType, ...] = (),
    source: DataSource = DataSource.IMPORTED,
    kind: RecordKind = RecordKind.INVESTIGATION,
) -> Investigation:
    respondents = tuple(
        Party(PartyRole.RESPONDENT, f"{number} respondent {i}", place)
        for i, place in enumerate(countries)
    )
    rights = () if patent is None else ((IpRight("Patent"),) if patent else (IpRight("Trademark"),))
    return Investigation(
        number=number,
        kind=kind,
        source=source,
        layout=FeedLayout.IDS_TITLE_CASE,
        outcome=outcome,
        dates=InvestigationDates(
            complaint_filed=filed, instituted=instituted, terminated=terminated
        ),
        parties=(Party(PartyRole.COMPLAINANT, "Complainant Inc.", "United States"), *respondents),
        respondents_complete=Completeness.YES if countries else Completeness.NONE,
        ip_rights=rights,
        hts_numbers=hts,
        orders=tuple(RemedialOrder(kind_, kind_.value) for kind_ in orders),
    )


RECORDS = [
    record(
        "337-TA-1",
        countries=("China", "China", "United States"),
        outcome=Outcome.SETTLED,
        terminated=date(2023, 3, 1),
        hts=("8517.62.00",),
    ),
    record(
        "337-TA-2",
        countries=("Taiwan",),
        outcome=Outcome.VIOLATION,
        instituted=date(2023, 5, 1),
        filed=date(2023, 4, 1),
        terminated=date(2024, 11, 1),
        hts=("8517.62.00", "9405.40.00"),
        orders=(OrderType.LEO, OrderType.CDO),
    ),
    record(
        "337-TA-3",
        patent=False,
        outcome=Outcome.DEFAULT,
        terminated=date(2022, 9, 1),
        orders=(OrderType.GEO,),
    ),
    record("337-TA-4", countries=("Japan", "Germany"), patent=None, instituted=None, filed=None),
    record("337-9999", countries=("China",), kind=RecordKind.PREINSTITUTION),
]


def _overall(records=RECORDS, by=GroupBy.YEAR):
    groups = statistics_by(records, by)
    assert groups[0].key == OVERALL
    return groups[0]


def test_preinstitution_complaints_are_not_investigations():
    assert _overall().investigations == 4


def test_each_share_is_computed_over_the_investigations_where_the_fact_is_known():
    overall = _overall()
    assert (overall.patent_based.count, overall.patent_based.n) == (2, 3)
    assert (overall.naming_chinese.count, overall.naming_chinese.n) == (1, 3)
    assert (overall.naming_greater_china.count, overall.naming_greater_china.n) == (2, 3)
    assert overall.naming_chinese.value == pytest.approx(1 / 3)


def test_respondents_per_investigation_has_mean_median_distribution_and_n():
    overall = _overall()
    assert (overall.respondents.n, overall.respondents.mean, overall.respondents.median) == (
        3,
        2.0,
        2.0,
    )
    assert overall.respondents_distribution == ((1, 1), (2, 1), (3, 1))


def test_durations_are_in_days_and_months_over_known_dates_only():
    overall = _overall()
    assert overall.days_complaint_to_institution.n == 3
    assert overall.days_complaint_to_institution.median == 30.0
    months = overall.months_institution_to_termination
    assert months.n == 3
    assert months.maximum == pytest.approx(550 / DAYS_PER_MONTH)
    assert overall.months_institution_to_final_determination.n == 0


def test_outcome_shares_are_over_investigations_that_ended():
    outcomes = dict(_overall().outcomes)
    assert outcomes[Outcome.SETTLED].n == 3
    assert outcomes[Outcome.SETTLED].value == pytest.approx(1 / 3)
    assert outcomes[Outcome.WITHDRAWN].count == 0


def test_remedial_orders_count_investigations_with_each_order_type():
    orders = dict(_overall().orders)
    assert (orders[OrderType.LEO].count, orders[OrderType.GEO].count, orders[OrderType.LEO].n) == (
        1,
        1,
        4,
    )


def test_groups_by_year_are_in_order_with_unknown_last():
    assert [group.key for group in statistics_by(RECORDS, GroupBy.YEAR)] == [
        "all",
        "2022",
        "2023",
        "unknown",
    ]


def test_an_investigation_counts_in_each_hts_chapter_it_names():
    groups = {group.key: group for group in statistics_by(RECORDS, GroupBy.HTS)}
    assert groups["85"].investigations == 2
    assert groups["94"].investigations == 1
    assert groups["unknown"].investigations == 2


def test_country_groups_are_ordered_by_size_then_name_with_unknown_last():
    more = [*RECORDS, record("337-TA-5", countries=("Japan",))]
    keys = [group.key for group in statistics_by(more, GroupBy.COUNTRY)]
    assert keys == ["all", "Japan", "China", "Germany", "Taiwan", "United States", "unknown"]
    groups = {group.key: group for group in statistics_by(more, GroupBy.COUNTRY)}
    assert groups["Japan"].investigations == 2
    assert groups["China"].naming_chinese.value == 1.0


def test_merging_sources_counts_a_number_once_and_prefers_the_imported_record():
    imported = [record("337-TA-1", countries=("China",))]
    shipped = [
        record("337-TA-1", countries=("Japan",), source=DataSource.SHIPPED),
        record("337-TA-7", countries=("Japan",), source=DataSource.SHIPPED),
    ]
    merged = merge_sources(imported, shipped)
    assert [(r.number, r.source) for r in merged] == [
        ("337-TA-1", DataSource.IMPORTED),
        ("337-TA-7", DataSource.SHIPPED),
    ]
    assert _overall(merged).investigations == 2


def test_empty_input_gives_zero_investigations_and_no_figures():
    overall = _overall([])
    assert overall.investigations == 0
    assert overall.respondents.mean is None
    assert overall.naming_chinese.value is None


def test_summaries_of_one_value_have_no_standard_deviation():
    assert summarise([4.0]).stdev is None
    assert summarise([]).n == 0


def test_the_shipped_sample_reproduces_the_documented_figures():
    overall = _overall(list(shipped_investigations()))
    assert overall.investigations == 82
    assert overall.respondents.n == 58
    assert overall.respondents.mean == pytest.approx(358 / 58)
    assert overall.respondents.median == 4.0
    assert (overall.naming_chinese.count, overall.naming_chinese.n) == (20, 58)
    assert (overall.naming_greater_china.count, overall.naming_greater_china.n) == (27, 58)


def test_the_shipped_rows_of_2017_to_2022_average_the_documented_respondents():
    window = [r for r in shipped_investigations() if 2017 <= (r.year() or 0) <= 2022]
    overall = _overall(window)
    assert (overall.respondents.n, overall.respondents.mean) == (25, pytest.approx(121 / 25))


FEED_2024 = Path(__file__).resolve().parents[2] / "fixtures" / "usitc" / "ids_2024_respondents.json"


def _by_year(path: Path) -> dict[str, GroupStatistics]:
    records = parse_feed(path.read_bytes(), source=str(path)).investigations
    return {group.key: group for group in statistics_by(records, GroupBy.YEAR)}


def test_an_imported_feed_reproduces_74_chinese_respondents_of_whom_608_percent_defended():
    china, *_ = (g for g in _by_year(FEED_2024)["2024"].respondents_by_country)
    assert china.group is CountryGroup.CHINA
    assert (china.respondents, china.defended, china.defaulted) == (74, 45, 29)
    assert round(100 * china.defended / china.known, 1) == 60.8  # He §5 citing Wu 2024


def test_respondents_are_counted_by_country_group_with_each_ones_disposition():
    counts = {c.group: c for c in _by_year(FEED_2024)["2024"].respondents_by_country}
    assert counts[CountryGroup.HONG_KONG].respondents == 3
    assert counts[CountryGroup.TAIWAN].respondents == 3
    assert counts[CountryGroup.OTHERS].respondents == 11  # United States and Japan
    assert counts[CountryGroup.ALL].respondents == 74 + 3 + 3 + 11
    china = counts[CountryGroup.CHINA]
    assert china.count("consent_order") == 8 and china.count("withdrawn") == 5
    assert china.count("not_known") == 0


def test_a_default_based_violation_is_a_violation_beside_the_finer_outcome_classes():
    year = _by_year(FEED_2024)["2024"]
    outcomes = {outcome: share.count for outcome, share in year.outcomes}
    assert (outcomes[Outcome.DEFAULT], outcomes[Outcome.VIOLATION]) == (4, 3)
    determinations = {kind: share for kind, share in year.determinations}
    assert (
        determinations[Determination.VIOLATION].count,
        determinations[Determination.VIOLATION].n,
    ) == (7, 12)
    assert determinations[Determination.NONE].count == 4  # settled, consent order, withdrawn


def test_stated_counts_count_respondents_but_no_dispositions():
    overall = _overall(list(shipped_investigations()))
    china = next(c for c in overall.respondents_by_country if c.group is CountryGroup.CHINA)
    assert china.respondents == 64  # the shipped complete lists' mainland respondents
    assert china.known == 0 and china.count("not_known") == 64
