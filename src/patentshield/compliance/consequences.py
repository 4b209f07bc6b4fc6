"""What follows if the exporter is named in a complaint: the answer deadline and a typical cost.

* **Answer deadline.** A respondent answers the complaint and notice of investigation 20 days
  after service (19 CFR 210.13(a) [R4]), counted under 19 CFR 201.14(a) [R1] by the procedure
  engine (``procedure/deadlines.py``). The early warning assumes service on the day it runs:
  the date shows how little time a named exporter has, not a real deadline.
* **Typical cost.** The AIPLA median total cost of a patent defence at the exporter's amount
  at risk (risk parameters ``costs.aipla_total_by_stake``, log-log interpolation as in the risk
  engine), times the ITC factor (``costs.itc_factor``, tag J); the amount at risk is a year of
  US sales times ``costs.years_at_risk``. Without sales figures the second AIPLA band's stake
  (USD 5 M) is used and said so. The answer phase alone costs ``costs.phase_spend.answer`` of it.

This module is pure: today, the procedure and the parameters are arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from patentshield.kernel.dates import FederalCalendar
from patentshield.kernel.money import Currency, Money
from patentshield.procedure.deadlines import count_forward
from patentshield.procedure.steps import PeriodId, Procedure
from patentshield.risk.parameters import Parameters
from patentshield.risk.proceedings import defence_cost_median


@dataclass(frozen=True, slots=True)
class IfNamed:
    """The answer deadline if served today, and the typical defence cost with its basis."""

    served_on: date
    answer_due: date
    answer_rule: str
    stake: Money
    stake_basis: str
    typical_cost: Money
    answer_phase_cost: Money
    cost_basis: str


def _usd(value: float) -> Money:
    return Money(Decimal(repr(round(value))), Currency.USD).rounded()


def if_named(
    today: date,
    *,
    procedure: Procedure,
    parameters: Parameters,
    annual_us_sales: Money | None = None,
    calendar: FederalCalendar | None = None,
) -> IfNamed:
    """Return what follows if the exporter is served with a complaint on ``today``."""
    period = procedure.period(PeriodId.RESPONSE)
    due = count_forward(today, period.amount, calendar).due
    years = parameters.get("costs.years_at_risk")
    if annual_us_sales is not None and not annual_us_sales.is_zero():
        stake_usd = float(annual_us_sales.amount) * years
        stake_basis = f"a year of US sales x {years:g} years at risk (costs.years_at_risk)"
    else:
        stake_usd = parameters.series("costs.aipla_total_by_stake.stakes_usd")[1]
        stake_basis = "no US sales given: the AIPLA band of USD 1-10 M at risk (its centre)"
    median = float(defence_cost_median(parameters, np.array([stake_usd]))[0])
    factor = parameters.get("costs.itc_factor")
    total = median * factor
    return IfNamed(
        served_on=today,
        answer_due=due,
        answer_rule=period.citation(),
        stake=_usd(stake_usd),
        stake_basis=stake_basis,
        typical_cost=_usd(total),
        answer_phase_cost=_usd(total * parameters.get("costs.phase_spend.answer")),
        cost_basis=(
            f"AIPLA 2015 median defence cost at this stake [R51] x ITC factor {factor:g} "
            "(J): a district-court median is a lower reference for a 337 defence"
        ),
    )
