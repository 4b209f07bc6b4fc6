"""An exporter's years simulated once, before any policy, then paid under any terms."""

import math

import numpy as np
import pytest

from patentshield.risk.data_files import load_parameters
from patentshield.risk.exposure import ClassExposure, ExposureProfile
from patentshield.risk.montecarlo import blocks
from patentshield.risk.proceedings import CATEGORIES
from patentshield.risk.simulate import simulate_block_years, simulate_enterprise, simulate_years
from patentshield.risk.terms import CoverTerms

PROFILE = ExposureProfile(
    (ClassExposure("vapes", 85, 3_000_000_000.0), ClassExposure("lamps", 94, 900_000_000.0))
)
YEARS = 140_000  # three blocks, the last one short
LEGAL_ONLY = CoverTerms(
    covered=(True,) * 7 + (False,) * (len(CATEGORIES) - 7),
    deductible=50_000.0,
    coinsurance=0.2,
    per_claim_limit=1_500_000.0,
    aggregate_limit=2_000_000.0,
)
EVERYTHING = CoverTerms(covered=(True,) * len(CATEGORIES), aggregate_limit=5_000_000.0)


@pytest.fixture(scope="module")
def parameters():
    return load_parameters()


@pytest.fixture(scope="module")
def simulated(parameters):
    return simulate_years(parameters, PROFILE, years=YEARS, seed=7)


def test_joined_years_pay_what_each_block_paid_on_its_own(parameters, simulated):
    # The previous engine applied the terms block by block; joining the blocks first changes
    # no year's payment and no count, and category sums only by rounding.
    joined = simulated.under((LEGAL_ONLY, EVERYTHING))
    per_block = [
        simulate_block_years(parameters, PROFILE, block).under((LEGAL_ONLY, EVERYTHING))
        for block in blocks(7, YEARS)
    ]
    assert np.array_equal(joined.insured, np.concatenate([b.insured for b in per_block], axis=1))
    assert np.array_equal(joined.cost, np.concatenate([b.cost for b in per_block]))
    assert np.array_equal(joined.limit_exhausted, sum(b.limit_exhausted for b in per_block))
    by_category = sum(b.insured_by_category for b in per_block)
    assert np.allclose(joined.insured_by_category, by_category, rtol=1e-12)
    assert joined.insured[0].sum() > 0 and joined.limit_exhausted[0] > 0


def test_a_policy_pays_the_same_years_alone_or_beside_others(simulated):
    together = simulated.under((LEGAL_ONLY, EVERYTHING))
    alone = simulated.under((EVERYTHING,))
    assert np.array_equal(together.insured[1], alone.insured[0])
    assert np.array_equal(together.cost_when_insured, alone.cost_when_insured)
    assert simulated.under(()).insured.shape == (0, YEARS)


def test_simulating_under_policies_is_paying_them_on_the_simulated_years(parameters, simulated):
    direct = simulate_enterprise(
        parameters, PROFILE, years=YEARS, seed=7, policies=(LEGAL_ONLY,), threads=2
    )
    kept = simulated.under((LEGAL_ONLY,))
    assert np.array_equal(direct.insured, kept.insured)
    assert np.array_equal(direct.named_cases, kept.named_cases)
    assert direct.months_sum == kept.months_sum


def test_the_kept_cases_are_those_of_the_exporter_as_an_insured(simulated):
    assert simulated.years == YEARS
    assert simulated.costs.shape == (simulated.year.size, len(CATEGORIES))
    assert simulated.exclusion_draw.size == simulated.year.size
    yearly = np.bincount(simulated.year, weights=simulated.costs.sum(axis=1), minlength=YEARS)
    assert np.allclose(yearly, simulated.base.cost_when_insured)
    unlimited = simulated.under((CoverTerms(covered=(True,) * len(CATEGORIES)),))
    assert math.isclose(
        unlimited.insured[0].sum(), simulated.base.cost_when_insured.sum(), rel_tol=1e-12
    )
