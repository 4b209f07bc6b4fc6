"""The calibration: moment fits, the parameter file's shape, data vs published fallbacks."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.usitc.calibrate import MODEL_VERSION, CalibrationInputs, build_calibration
from patentshield.usitc.feed import parse_feed
from patentshield.usitc.fits import (
    beta_by_moments,
    beta_for_naming,
    shifted_negative_binomial,
    weibull_by_moments,
)
from patentshield.usitc.published import domain_figures, published_figures, shipped_investigations
from patentshield.usitc.records import (
    Completeness,
    DataSource,
    FeedLayout,
    Investigation,
    InvestigationDates,
    Outcome,
    Party,
    PartyRole,
    RecordKind,
)

TODAY = date(2026, 11, 25)


def inputs(records, selection="shipped") -> CalibrationInputs:
    return CalibrationInputs(
        records=records,
        selection=selection,
        generated_on=TODAY,
        package_version="test",
        published=published_figures(),
        figures=domain_figures(),
    )


def imported(number: int, year: int, respondents: int, outcome: Outcome, chapter: str):
    parties = tuple(
        Party(PartyRole.RESPONDENT, f"R{number}-{i}", "China" if i % 3 == 0 else "Japan")
        for i in range(respondents)
    )
    instituted = date(year, 6, 1)
    return Investigation(
        number=f"337-TA-{number}",
        kind=RecordKind.INVESTIGATION,
        source=DataSource.IMPORTED,
        layout=FeedLayout.IDS_TITLE_CASE,
        outcome=outcome,
        dates=InvestigationDates(instituted=instituted, terminated=date(year + 1, 6, 1)),
        parties=parties,
        respondents_complete=Completeness.YES,
        hts_numbers=(f"{chapter}17.62.0050",),
    )


FEED = [
    imported(1000 + i, 2016 + i % 10, 1 + i % 7, list(Outcome)[i % 6], "85" if i % 4 else "94")
    for i in range(120)
]


def parameters(document: object) -> Iterator[dict]:
    """Yield every parameter (a dict with a ``value``) found in the document."""
    if isinstance(document, dict):
        if "value" in document and "unit" in document:
            yield document
            return
        for item in document.values():
            yield from parameters(item)


@given(
    st.floats(min_value=1.1, max_value=50),
    st.floats(min_value=1.01, max_value=20),
)
def test_the_shifted_negative_binomial_returns_the_moments_it_was_fitted_to(mean, ratio):
    variance = (mean - 1) * ratio
    fit = shifted_negative_binomial(mean, variance)
    assert fit is not None
    assert fit.mean() == pytest.approx(mean)
    assert fit.variance() == pytest.approx(variance)


def test_no_negative_binomial_fits_data_without_over_dispersion():
    assert shifted_negative_binomial(4.0, 2.5) is None
    assert shifted_negative_binomial(1.0, 2.0) is None


def test_draws_from_the_fitted_negative_binomial_match_its_mean_and_variance():
    fit = shifted_negative_binomial(4.1, 12.0)
    assert fit is not None
    rng = np.random.default_rng(20261125)
    draws = fit.shift + rng.negative_binomial(n=fit.r, p=fit.p, size=200_000)
    standard_error = np.sqrt(12.0 / draws.size)
    assert abs(draws.mean() - 4.1) < 4 * standard_error
    assert draws.var() == pytest.approx(12.0, rel=0.05)
    assert draws.min() >= 1


@given(st.floats(min_value=0.02, max_value=0.98), st.floats(min_value=0.01, max_value=0.99))
def test_the_beta_fit_returns_the_moments_it_was_fitted_to(mean, fraction):
    variance = mean * (1 - mean) * fraction
    fit = beta_by_moments(mean, variance)
    assert fit is not None
    assert fit.mean() == pytest.approx(mean)
    assert fit.variance() == pytest.approx(variance)


def test_no_beta_has_a_variance_above_mean_times_one_minus_mean():
    assert beta_by_moments(0.5, 0.3) is None
    assert beta_by_moments(1.0, 0.01) is None


def test_every_parameter_has_value_unit_sample_size_data_and_sources():
    document = build_calibration(inputs(list(shipped_investigations())))
    found = list(parameters(document))
    assert len(found) > 30
    for parameter in found:
        assert set(parameter) >= {"value", "unit", "n", "data", "sources"}
        assert parameter["data"]
        if (
            parameter["value"] is not None
            and parameter["data"] != "residual of the published product mix"
        ):
            assert parameter["sources"], parameter


def test_the_file_names_its_model_version_and_what_it_was_generated_from():
    document: Any = build_calibration(inputs(list(shipped_investigations())))
    assert document["model_version"] == MODEL_VERSION
    generated = document["generated_from"]
    assert generated["generated_on"] == "2026-11-25"
    assert (generated["investigations"], generated["imported"], generated["shipped"]) == (82, 0, 82)


def test_the_shipped_sample_never_sets_the_frequency_published_counts_do():
    document: Any = build_calibration(inputs(list(shipped_investigations())))
    frequency = document["frequency"]["new_investigations_per_year"]
    assert frequency["value"] == pytest.approx((76 + 59 + 59 + 70 + 74 + 78 + 50) / 7, abs=1e-4)
    assert frequency["n"] == 7
    classes = document["frequency"]["by_product_class"]
    assert classes["computer_telecom"]["share"] == pytest.approx(0.34)
    assert sum(c["share"] for c in classes.values()) == pytest.approx(1.0)


def test_early_exit_is_the_usitc_fy2006_2014_share_weighted_by_terminations():
    terminated = [26, 29, 34, 35, 45, 49, 47, 63, 42]
    settled = [0.46, 0.37, 0.35, 0.45, 0.51, 0.57, 0.40, 0.40, 0.47]
    withdrawn = [0.08, 0.10, 0.15, 0.09, 0.04, 0.08, 0.13, 0.27, 0.10]
    weight = sum(terminated)
    document: Any = build_calibration(inputs(list(shipped_investigations())))
    pre = document["exit_probabilities"]["pre_decision"]
    expected_settled = sum(s * t for s, t in zip(settled, terminated, strict=True)) / weight
    expected_withdrawn = sum(w * t for w, t in zip(withdrawn, terminated, strict=True)) / weight
    assert pre["settlement_or_consent_order"]["value"] == pytest.approx(expected_settled, abs=1e-5)
    assert pre["withdrawal"]["value"] == pytest.approx(expected_withdrawn, abs=1e-5)
    assert 0.5 <= pre["total"]["value"] <= 0.6
    assert pre["total"]["n"] == 370
    assert pre["default"]["value"] is None


def test_violation_among_contested_decisions_comes_from_counts_of_decisions_not_r39():
    document: Any = build_calibration(inputs(list(shipped_investigations())))
    decision = document["exit_probabilities"]["decision"]
    contested = decision["violation_given_contested"]
    assert (contested["value"], contested["n"]) == (pytest.approx(24 / 51, abs=1e-5), 51)
    assert contested["sources"][0].startswith("R42")
    r39 = decision["no_violation_share_of_terminations"]
    assert (r39["value"], r39["n"]) == (0.14, 253) and "not used" in r39["note"]


def test_the_geo_share_of_orders_comes_from_one_fiscal_years_counts_not_the_models_own():
    document: Any = build_calibration(inputs(list(shipped_investigations())))
    geo = document["exit_probabilities"]["remedy"]["geo_share_of_orders"]
    assert (geo["value"], geo["n"]) == (pytest.approx(5 / 15, abs=1e-5), 15)
    assert "FY2019" in geo["data"]


def test_chinese_respondents_not_defending_come_from_he_section_5_without_a_feed():
    document: Any = build_calibration(inputs(list(shipped_investigations())))
    default = document["exit_probabilities"]["respondent"]["chinese_default"]
    assert (default["value"], default["n"]) == (pytest.approx(29 / 74, abs=1e-5), 74)
    assert default["sources"] == ["He §5"]


def test_early_exit_months_are_a_weibull_fitted_to_the_termination_dates_of_early_exits():
    durations: Any = build_calibration(inputs(list(shipped_investigations())))["durations"]
    early = durations["months_institution_to_early_exit"]
    assert early["family"] == "weibull" and early["shape"]["n"] == 4
    fit = weibull_by_moments(7.9097, 54.5725)  # 2.1, 2.8, 8.7 and 18.1 months
    assert fit is not None
    assert early["shape"]["value"] == pytest.approx(fit.shape, rel=1e-4)
    assert early["scale"]["value"] == pytest.approx(fit.scale, rel=1e-4)


def test_respondents_and_chinese_share_come_from_the_loaded_sample_with_the_published_beside():
    document: Any = build_calibration(inputs(list(shipped_investigations())))
    respondents = document["respondents_per_investigation"]
    assert respondents["mean"]["value"] == pytest.approx(358 / 58, abs=1e-4)
    assert respondents["mean"]["n"] == 58
    assert respondents["mean"]["published_mean"] == 4.1
    distribution = respondents["distribution"]
    assert distribution["family"] == "shifted_negative_binomial"
    fitted = shifted_negative_binomial(
        respondents["mean"]["value"], respondents["variance"]["value"]
    )
    assert fitted is not None
    assert distribution["r"]["value"] == pytest.approx(fitted.r, rel=1e-5)
    chinese = document["chinese_share"]
    assert chinese["investigations_naming_chinese_loaded"]["mainland"]["value"] == pytest.approx(
        20 / 58, abs=1e-5
    )
    assert chinese["investigations_naming_chinese"]["mean"]["n"] == 8
    assert chinese["investigations_naming_chinese"]["distribution"]["family"] == "beta"


def test_published_figures_fill_in_when_too_few_records_are_loaded():
    document: Any = build_calibration(inputs([], selection="imported"))
    respondents = document["respondents_per_investigation"]
    assert respondents["mean"]["value"] == 4.1
    assert respondents["distribution"]["family"] == "shifted_poisson"
    assert respondents["variance"]["value"] is None
    assert document["chinese_share"]["respondent_share"]["mean"]["value"] is None
    assert document["generated_from"]["years"] is None


def test_an_imported_feed_covering_ten_years_sets_frequency_classes_and_exits():
    document: Any = build_calibration(inputs(FEED, selection="imported"))
    frequency = document["frequency"]["new_investigations_per_year"]
    assert (frequency["value"], frequency["n"]) == (12.0, 10)
    assert "imported" in frequency["data"]
    classes = document["frequency"]["by_product_class"]
    assert set(classes) == {"hts_85", "hts_94"}
    assert classes["hts_94"]["value"] == pytest.approx(12.0 * 30 / 120)
    pre = document["exit_probabilities"]["pre_decision"]
    decided = [r for r in FEED if r.outcome.is_decided()]
    settled = sum(r.outcome is Outcome.SETTLED for r in decided) / len(decided)
    assert pre["settlement_or_consent_order"]["value"] == pytest.approx(settled, abs=1e-5)
    assert pre["default"]["value"] is not None
    assert pre["total"]["sources"][0].startswith("USITC IDS")


def test_measured_durations_stand_beside_the_published_rules():
    durations: Any = build_calibration(inputs(FEED, selection="imported"))["durations"]
    assert durations["days_complaint_to_institution"]["value"] == 30.0
    assert durations["months_institution_to_termination"]["value"] == pytest.approx(
        365 / (365.25 / 12), abs=1e-3
    )
    triangular = durations["months_institution_to_final_determination"]
    assert (
        triangular["min"]["value"],
        triangular["mode"]["value"],
        triangular["max"]["value"],
    ) == (12.0, 16.0, 20.0)
    assert triangular["published_average"]["value"] == pytest.approx(
        (17.9 + 18.4 + 13.7) / 3, abs=1e-4
    )


def test_without_a_feed_respondents_come_from_the_complete_lists_not_the_lower_bound():
    document: Any = build_calibration(inputs(list(shipped_investigations())))
    respondents = document["respondents_per_investigation"]
    distribution = respondents["distribution"]
    r, p = distribution["r"]["value"], distribution["p"]["value"]
    assert 1 + r * (1 - p) / p == pytest.approx(358 / 58, rel=1e-4)
    assert respondents["mean"]["published_mean"] == 4.1  # R40, a lower bound, kept beside


def test_the_chinese_share_is_fitted_so_the_model_names_as_many_chinese_as_the_lists():
    document: Any = build_calibration(inputs(list(shipped_investigations())))
    share = document["chinese_share"]["respondent_share"]
    assert share["chinese_per_investigation"]["value"] == pytest.approx(64 / 58, abs=1e-5)
    assert share["naming"]["value"] == pytest.approx(20 / 58, abs=1e-5)
    distribution = document["respondents_per_investigation"]["distribution"]
    r, p = distribution["r"]["value"], distribution["p"]["value"]
    alpha = share["distribution"]["alpha"]["value"]
    beta = share["distribution"]["beta"]["value"]
    rng = np.random.default_rng(1)
    respondents = 1 + rng.negative_binomial(r, p, 400_000)
    chinese = rng.binomial(respondents, rng.beta(alpha, beta, respondents.size))
    assert chinese.mean() == pytest.approx(64 / 58, abs=4 * chinese.std() / np.sqrt(chinese.size))
    naming = (chinese > 0).mean()
    assert naming == pytest.approx(20 / 58, abs=4 * np.sqrt(naming * (1 - naming) / chinese.size))


@given(
    st.floats(min_value=0.2, max_value=3.0),
    st.floats(min_value=0.05, max_value=0.6),
    st.floats(min_value=1.5, max_value=8.0),
)
def test_the_naming_fit_returns_the_figures_it_was_fitted_to_or_none(chinese, naming, mean):
    count = shifted_negative_binomial(mean, (mean - 1) * 3)
    assert count is not None
    fit = beta_for_naming(chinese, naming, count)
    if fit is not None:
        assert fit.mean() * count.mean() == pytest.approx(chinese, rel=1e-6)


@given(st.floats(min_value=0.5, max_value=40), st.floats(min_value=0.05, max_value=4))
def test_the_weibull_fit_returns_the_moments_it_was_fitted_to(mean, variation):
    variance = (mean * variation) ** 2
    fit = weibull_by_moments(mean, variance)
    assert fit is not None
    assert fit.mean() == pytest.approx(mean, rel=1e-6)
    assert fit.variance() == pytest.approx(variance, rel=1e-4)


def test_an_imported_feed_sets_the_respondent_distribution_by_its_own_moments():
    document: Any = build_calibration(inputs(FEED, selection="imported"))
    respondents = document["respondents_per_investigation"]
    distribution = respondents["distribution"]
    assert distribution["family"] == "shifted_negative_binomial"
    r, p = distribution["r"]["value"], distribution["p"]["value"]
    assert 1 + r * (1 - p) / p == pytest.approx(respondents["mean"]["value"], rel=1e-4)


def test_an_imported_feed_sets_the_chinese_default_share_from_respondent_dispositions():
    path = Path(__file__).resolve().parents[2] / "fixtures" / "usitc" / "ids_2024_respondents.json"
    feed = parse_feed(path.read_bytes(), source=str(path)).investigations
    document: Any = build_calibration(inputs(list(feed), selection="imported"))
    default = document["exit_probabilities"]["respondent"]["chinese_default"]
    assert (default["value"], default["n"]) == (pytest.approx(30 / 77, abs=1e-5), 77)
    assert "imported" in default["data"]
