"""The model's implied figures beside the published record they should reproduce.

Simulates ``years`` years of complaints (all chapters together), the path of every
investigation (:mod:`patentshield.risk.investigations`) and whether each of its Chinese
respondents defaults (the population: uninsured), and reports, each under a stable ``key``
with its Monte Carlo standard error, the published value, the range of the record and its
source (:class:`~patentshield.risk.record.PublishedRecord`): investigations per year,
respondents per investigation, the share naming a mainland Chinese respondent, Chinese
respondents per year and the share not defending, early exits, the violation share of
contested decisions, exclusion and general exclusion orders per year, months to termination,
to an early exit and to a final determination, and the spend share by the end of discovery.

Figures are counted as the record counts them: **per investigation**, with the Commission's
determination (an order after a default is still an order). A figure lies **within** the
record when it is inside the record's range widened by three standard errors.

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from patentshield.risk.distributions import BoolArray, FloatArray, IntArray
from patentshield.risk.exposure import Complaints, draw_complaints, year_shock
from patentshield.risk.investigations import PathClass, Paths, draw_paths, path_class
from patentshield.risk.montecarlo import blocks
from patentshield.risk.parameters import Parameters
from patentshield.risk.proceedings import default_chance
from patentshield.risk.record import PublishedRecord, RecordFigure

TOLERANCE_SE = 3.0
"""A figure within this many standard errors of the record's range lies within it."""


@dataclass(frozen=True, slots=True)
class Check:
    """One implied figure, its standard error, and the record it is set beside."""

    key: str
    name: str
    model: float
    std_error: float
    published: float | None
    low: float | None
    high: float | None
    source: str

    @property
    def within(self) -> bool | None:
        """Tell whether the figure lies in the record's range (``None`` without a range)."""
        if self.low is None or self.high is None:
            return None
        slack = 0.0 if math.isnan(self.std_error) else TOLERANCE_SE * self.std_error
        return self.low - slack <= self.model <= self.high + slack


@dataclass(frozen=True, slots=True)
class Simulated:
    """What the check counts: the complaints, their paths and the Chinese respondents' defaults."""

    years: int
    complaints: Complaints
    paths: Paths
    defaulted: BoolArray


def _mean(values: FloatArray) -> tuple[float, float]:
    if values.size < 2:
        return (float(values.mean()) if values.size else math.nan), math.nan
    return float(values.mean()), float(values.std(ddof=1) / math.sqrt(values.size))


def _per_year(simulated: Simulated, weights: FloatArray) -> tuple[float, float]:
    totals = np.bincount(
        simulated.complaints.simulation, weights=weights, minlength=simulated.years
    )
    return _mean(totals.astype(np.float64))


def _check(record: RecordFigure, estimate: tuple[float, float], frequency: float) -> Check:
    low, high = record.range_for(frequency)
    return Check(record.key, record.figure, *estimate, record.value, low, high, record.source)


def _estimates(parameters: Parameters, simulated: Simulated) -> dict[str, tuple[float, float]]:
    complaints, paths = simulated.complaints, simulated.paths
    ones = np.ones(complaints.simulation.size)
    per_year = np.bincount(complaints.simulation, minlength=simulated.years).astype(np.float64)
    decided = ~paths.early
    spend = parameters.group("costs.phase_spend")
    full = sum(v for k, v in spend.items() if k != "appeal")
    return {
        "investigations_per_year": _per_year(simulated, ones),
        "investigations_per_year_variance": (float(per_year.var(ddof=1)), math.nan),
        "respondents_per_investigation": _mean(complaints.respondents.astype(np.float64)),
        "share_investigations_naming_mainland_china": _mean(
            (complaints.chinese > 0).astype(np.float64)
        ),
        "chinese_respondents_per_year": _per_year(simulated, complaints.chinese.astype(float)),
        "chinese_respondents_defaulting_share": _mean(simulated.defaulted.astype(np.float64)),
        "early_exit_share_of_investigations": _mean(paths.early.astype(np.float64)),
        "violation_share_of_contested_decisions": _mean(
            paths.violation[decided].astype(np.float64)
        ),
        "exclusion_orders_per_year": _per_year(simulated, paths.order_in_force.astype(float)),
        "general_exclusion_orders_per_year": _per_year(
            simulated, (paths.path_class == PathClass.GEO).astype(float)
        ),
        "months_institution_to_termination": _mean(paths.months),
        "months_institution_to_early_exit": _mean(paths.months[paths.early]),
        "months_institution_to_final_determination": _mean(paths.months[decided]),
        "spend_share_by_end_of_discovery": ((spend["answer"] + spend["discovery"]) / full, 0.0),
    }


def simulate_record(parameters: Parameters, *, years: int, seed: int) -> Simulated:
    """Simulate ``years`` years of investigations and their Chinese respondents' defaults."""
    rng = blocks(seed, 1)[0].rng()
    shock = year_shock(parameters, rng, years)
    rate = parameters.get("frequency.new_investigations_per_year")
    complaints = draw_complaints(parameters, rng, rate * shock, count_respondents=True)
    classes: IntArray = path_class(
        parameters, rng.random(complaints.simulation.size), complaints.chinese
    )
    paths = draw_paths(parameters, rng, classes, complaints.chinese)
    chinese = int(complaints.chinese.sum())
    defaulted = rng.random(chinese) < default_chance(parameters, insured=False)
    return Simulated(years, complaints, paths, defaulted)


def calibration_check(
    parameters: Parameters, record: PublishedRecord, *, years: int, seed: int
) -> list[Check]:
    """Return the model's implied figures for ``years`` simulated years beside ``record``."""
    simulated = simulate_record(parameters, years=years, seed=seed)
    frequency = parameters.get("frequency.new_investigations_per_year")
    estimates = _estimates(parameters, simulated)
    return [_check(record[key], estimate, frequency) for key, estimate in estimates.items()]
