"""The model's implied figures beside the published figures they were calibrated to.

Simulates complaints for ``years`` years (all chapters together) and one case per named Chinese
respondent, then reports, each with its Monte Carlo standard error and the published value and
source: investigations per year (mean, variance), respondents per investigation, the share of
investigations naming a Chinese respondent, the early-exit share of defended cases, the
no-violation share of decided cases, months from institution to termination, and the share
of defence spend incurred by the end of discovery.

Calibrated-by-construction figures (early exits, no violation) check the implementation; the
others (respondents, Chinese share, duration) show where the model and the publications
disagree, e.g. the shipped sample's 6.2 respondents per investigation against 4.1 [R40].

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from patentshield.risk.cases import CaseCosts, Outcome, simulate_cases
from patentshield.risk.distributions import FloatArray
from patentshield.risk.exposure import Complaints, draw_complaints, year_shock
from patentshield.risk.montecarlo import blocks
from patentshield.risk.parameters import Parameters

SALES_USD = 10_000_000.0
"""Annual US sales of the simulated respondents (scales costs only, not shares or durations)."""


@dataclass(frozen=True, slots=True)
class Check:
    """One implied figure, its standard error, and the published figure it is set beside."""

    name: str
    model: float
    std_error: float
    published: float | None
    source: str
    note: str = ""


def _mean(values: FloatArray) -> tuple[float, float]:
    if values.size < 2:
        return (float(values.mean()) if values.size else math.nan), math.nan
    return float(values.mean()), float(values.std(ddof=1) / math.sqrt(values.size))


def _complaint_checks(parameters: Parameters, complaints: Complaints, years: int) -> list[Check]:
    get = parameters.get
    per_year = np.bincount(complaints.simulation, minlength=years).astype(np.float64)
    respondents = complaints.respondents.astype(np.float64)
    naming_chinese = (complaints.chinese > 0).astype(np.float64)
    return [
        Check(
            "investigations per year (mean)",
            *_mean(per_year),
            get("frequency.new_investigations_per_year"),
            "R40/R45 Patexia 2017-2023 (calibration)",
        ),
        Check(
            "investigations per year (variance)",
            float(per_year.var(ddof=1)),
            math.nan,
            get("frequency.variance_per_year"),
            "same series",
        ),
        Check(
            "respondents per investigation",
            *_mean(respondents),
            get("respondents.published_mean"),
            "R40 1,689 / 416 (2017-2022, a lower bound)",
            "model: shifted negative binomial fitted to the shipped sample",
        ),
        Check(
            "share of investigations naming a Chinese respondent",
            *_mean(naming_chinese),
            0.414,
            "R47 yearly shares 2015-2022 (incl. HK/Macau/Taiwan where stated)",
            "model counts mainland respondents only",
        ),
    ]


def _order_checks(
    parameters: Parameters, rng: np.random.Generator, complaints: Complaints, years: int
) -> list[Check]:
    """Exclusion orders per year at the investigation level (one outcome per complaint)."""
    get = parameters.get
    u = rng.random((4, complaints.simulation.size))
    early = get("case.settlement_or_consent_order") + get("case.withdrawal")
    violation = (u[0] >= early) & (u[1] >= get("case.no_violation_given_decided"))
    order = violation & (u[2] >= get("case.disapproval_given_order"))
    general = order & (u[3] < get("case.geo_given_violation"))
    orders = np.bincount(complaints.simulation[order], minlength=years).astype(np.float64)
    geos = np.bincount(complaints.simulation[general], minlength=years).astype(np.float64)
    return [
        Check(
            "exclusion orders per year (investigations ending in an order)",
            *_mean(orders),
            get("published.exclusion_orders_per_year"),
            "R36 69 orders 2006 to Q1 2014, at 40-60 investigations a year",
            "the model's order rate follows from early exits [R34] and no violation [R39]",
        ),
        Check(
            "general exclusion orders per year",
            *_mean(geos),
            get("published.general_exclusion_orders_per_year"),
            "R29 FY2006-FY2019 average; 7.7 a year lately",
        ),
    ]


def _case_checks(parameters: Parameters, cases: CaseCosts) -> list[Check]:
    get = parameters.get
    defended = cases.outcome != Outcome.DEFAULTED
    early = np.isin(cases.outcome, [Outcome.SETTLED, Outcome.WITHDRAWN])[defended]
    decided = np.isin(cases.outcome, [Outcome.NO_VIOLATION, Outcome.VIOLATION, Outcome.DISAPPROVED])
    no_violation = cases.outcome[decided] == Outcome.NO_VIOLATION
    spend = parameters.group("costs.phase_spend")
    full = sum(v for k, v in spend.items() if k != "appeal")
    return [
        Check(
            "early-exit share of defended cases",
            *_mean(early.astype(np.float64)),
            get("published.early_exit_share"),
            "R34 FY2006-2014 (settlement, consent order, withdrawal)",
        ),
        Check(
            "no-violation share of decided cases",
            *_mean(no_violation.astype(np.float64)),
            get("published.no_violation_share"),
            "R39 Patexia 2015-2020 filings",
        ),
        Check(
            "months from institution to termination (defended cases)",
            *_mean(cases.months[defended]),
            None,
            "measured on the shipped sample: 16.5 (usitc calibrate)",
        ),
        Check(
            "months from institution to a final determination (decided)",
            *_mean(cases.months[decided]),
            get("published.months_institution_to_decision"),
            "R24 FY2009-2011 average",
        ),
        Check(
            "share of full-defence spend by the end of discovery",
            (spend["answer"] + spend["discovery"]) / full,
            0.0,
            0.6,
            "R51/R55 AIPLA through-discovery 48-67 % of total; DOMAIN 2.1 (D)",
        ),
    ]


def calibration_check(parameters: Parameters, *, years: int, seed: int) -> list[Check]:
    """Return the model's implied figures for ``years`` simulated years."""
    rng = blocks(seed, 1)[0].rng()
    shock = year_shock(parameters, rng, years)
    rate = parameters.get("frequency.new_investigations_per_year")
    complaints = draw_complaints(parameters, rng, rate * shock)
    chinese = complaints.chinese[complaints.chinese > 0]
    cases = simulate_cases(
        parameters,
        rng,
        sales_usd=np.full(int(chinese.sum()), SALES_USD),
        chinese_respondents=np.repeat(chinese, chinese),
    )
    return (
        _complaint_checks(parameters, complaints, years)
        + _order_checks(parameters, rng, complaints, years)
        + _case_checks(parameters, cases)
    )
