"""Exposure: complaint rates per chapter, naming probabilities and the modifiers."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patentshield.risk.data_files import load_parameters
from patentshield.risk.exposure import (
    ClassExposure,
    ExposureProfile,
    chapter_rate,
    draw_complaints,
    naming_intensity,
)
from patentshield.risk.simulate import simulate_enterprise
from patentshield.risk.terms import CoverTerms


@pytest.fixture(scope="module")
def parameters():
    return load_parameters()


def test_chapter_rates_add_up_to_the_published_yearly_count(parameters):
    listed = [30, 39, 84, 85, 90, 94, 95]
    total = sum(chapter_rate(parameters, c).complaints_per_year for c in listed)
    other = parameters.get("frequency.product_class_share.other")
    expected = parameters.get("frequency.new_investigations_per_year") * (1 - other)
    assert total == pytest.approx(expected)


def test_complaints_name_the_calibrated_number_of_chinese_respondents(parameters):
    complaints = draw_complaints(
        parameters, np.random.default_rng(3), np.full(50_000, 4.0), count_respondents=True
    )
    r, p = parameters.get("respondents.shifted_nb_r"), parameters.get("respondents.shifted_nb_p")
    mean_k = 1 + r * (1 - p) / p
    alpha = parameters.get("respondents.chinese_share_alpha")
    beta = parameters.get("respondents.chinese_share_beta")
    k = complaints.respondents
    assert abs(k.mean() - mean_k) < 4 * k.std() / np.sqrt(k.size)
    n = complaints.chinese
    assert abs(n.mean() - mean_k * alpha / (alpha + beta)) < 4 * n.std() / np.sqrt(n.size)
    assert (n <= k).all() and (k >= 1).all()
    variance_k = r * (1 - p) / p**2
    assert k.var() == pytest.approx(variance_k, rel=0.05)


def test_drawing_chinese_respondents_by_thinning_keeps_their_beta_binomial_law(parameters):
    rng = np.random.default_rng(8)
    thinned = draw_complaints(parameters, rng, np.full(100_000, 4.0)).chinese
    assert draw_complaints(parameters, rng, np.full(3, 4.0)).respondents.size == 0
    r, p = parameters.get("respondents.shifted_nb_r"), parameters.get("respondents.shifted_nb_p")
    alpha = parameters.get("respondents.chinese_share_alpha")
    beta = parameters.get("respondents.chinese_share_beta")
    k = 1 + rng.negative_binomial(r, p, thinned.size)
    direct = rng.binomial(k, rng.beta(alpha, beta, k.size))
    for measure in (lambda x: x, lambda x: x > 0, lambda x: x >= 3):
        a, b = measure(thinned).astype(float), measure(direct).astype(float)
        spread = np.sqrt(a.var() / a.size + b.var() / b.size)
        assert abs(a.mean() - b.mean()) < 5 * spread


def test_the_chance_of_being_named_grows_with_us_sales_and_with_a_past_case(parameters):
    small = ExposureProfile((ClassExposure("desks", 94, 2_000_000.0),))
    large = ExposureProfile((ClassExposure("desks", 94, 40_000_000.0),))
    repeat = ExposureProfile((ClassExposure("desks", 94, 2_000_000.0),), past_itc_case=True)
    item_small, item_large = small.classes[0], large.classes[0]
    assert naming_intensity(parameters, large, item_large) == pytest.approx(
        20 * naming_intensity(parameters, small, item_small)
    )
    assert naming_intensity(parameters, repeat, item_small) == pytest.approx(
        1.5 * naming_intensity(parameters, small, item_small)
    )
    p_small = (simulate_enterprise(parameters, small, years=100_000, seed=1).named_cases > 0).mean()
    p_large = (simulate_enterprise(parameters, large, years=100_000, seed=1).named_cases > 0).mean()
    assert p_large > 10 * p_small > 0


def test_an_exporters_years_do_not_depend_on_the_thread_count(parameters):
    profile = ExposureProfile(
        (ClassExposure("lights", 94, 30_000_000.0), ClassExposure("chips", 85, 50_000_000.0))
    )
    one = simulate_enterprise(parameters, profile, years=140_000, seed=5, threads=1)
    two = simulate_enterprise(parameters, profile, years=140_000, seed=5, threads=2)
    assert np.array_equal(one.cost, two.cost)
    assert np.array_equal(one.named_cases, two.named_cases)
    assert one.cost.sum() > 0


@settings(max_examples=25, deadline=None)
@given(
    covered=st.lists(st.booleans(), min_size=13, max_size=13),
    deductible=st.floats(0, 500_000),
    coinsurance=st.floats(0, 1),
    per_claim=st.floats(1, 5_000_000),
    aggregate=st.floats(1, 8_000_000),
    seed=st.integers(0, 10_000),
)
def test_simulated_years_never_pay_above_the_limits_or_the_cost(
    parameters, covered, deductible, coinsurance, per_claim, aggregate, seed
):
    profile = ExposureProfile((ClassExposure("vapes", 85, 3_000_000_000.0),))
    terms = CoverTerms(
        covered=tuple(covered),
        deductible=deductible,
        coinsurance=coinsurance,
        per_claim_limit=per_claim,
        aggregate_limit=aggregate,
    )
    years = simulate_enterprise(parameters, profile, years=300, seed=seed, policies=(terms,))
    paid = years.insured[0]
    assert (paid >= 0).all()
    assert (paid <= aggregate * (1 + 1e-9)).all()
    assert (paid <= years.cost_when_insured + 1e-6).all()
    assert years.named_cases.sum() > 0
