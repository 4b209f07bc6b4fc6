"""A compliant firm defaults less and leaves its cases early more, by named parameters only."""

import numpy as np
import pytest

from patentshield.risk.data_files import load_parameters
from patentshield.risk.exposure import ClassExposure, ExposureProfile
from patentshield.risk.proceedings import RespondentOutcome, default_chance
from patentshield.risk.simulate import simulate_enterprise

EARLY = [RespondentOutcome.SETTLED, RespondentOutcome.CONSENT_ORDER, RespondentOutcome.WITHDRAWN]


@pytest.fixture(scope="module")
def parameters():
    return load_parameters()


def shares(parameters, compliant: bool) -> tuple[float, float]:
    profile = ExposureProfile(
        (ClassExposure("lights", 94, 2_000_000_000.0),),
        compliance_programme=compliant,
        compliant=compliant,
    )
    outcomes = simulate_enterprise(parameters, profile, years=100_000, seed=3).outcomes
    named = outcomes.sum()
    defended = named - outcomes[RespondentOutcome.DEFAULTED]
    early = outcomes[EARLY].sum() / defended
    return float(outcomes[RespondentOutcome.DEFAULTED] / named), float(early)


def test_the_compliance_parameters_are_named_judgements(parameters):
    assert parameters.get("compliance.compliant_score") == 0.6
    assert parameters.get("compliance.default_factor") == 0.5
    assert parameters.get("compliance.early_exit_factor") == 1.2


def test_a_compliant_firms_chance_of_default_is_scaled_by_its_factor(parameters):
    plain = default_chance(parameters, insured=False)
    assert default_chance(parameters, insured=False, compliant=True) == pytest.approx(plain * 0.5)


def test_the_programme_flag_alone_changes_no_default_and_no_early_exit(parameters):
    profile = ExposureProfile(
        (ClassExposure("lights", 94, 2_000_000_000.0),), compliance_programme=True
    )
    flagged = simulate_enterprise(parameters, profile, years=20_000, seed=3).outcomes
    named = flagged.sum()
    assert flagged[RespondentOutcome.DEFAULTED] / named == pytest.approx(0.392, abs=0.03)


def test_a_compliant_firm_defaults_half_as_often_and_exits_early_a_fifth_more(parameters):
    default, early = shares(parameters, compliant=False)
    compliant_default, compliant_early = shares(parameters, compliant=True)
    assert compliant_default / default == pytest.approx(0.5, rel=0.1)
    assert compliant_early / early == pytest.approx(1.2, rel=0.04)
    assert np.isfinite([default, early]).all()
