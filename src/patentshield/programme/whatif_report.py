"""The what-if document: each scenario's simulated years as mean, 5th and 95th percentiles.

Per scenario (and per elasticity of the sensitivity table), over the simulated years:

* ``insured_firms``, ``ip_rights_covered`` — counts;
* ``gross_premium``, ``premium_paid_by_firms`` (gross less subsidy paid), ``subsidy_paid``,
  ``budget_spent`` (the subsidy paid, which is all the budget pays for: the same figure, kept
  under the administration's name), ``subsidy_demanded`` (asked before any budget cut) and the
  ``insured_loss`` — money, ``{"amount", "currency"}`` in CNY (:func:`report.cny`);
* ``loss_ratio`` — insured loss ÷ gross premium of the year, over the years in which at least
  one firm insured; ``capital`` = VaR 99.5 % − mean of the yearly insured loss, and
  ``capital_per_premium`` = capital ÷ mean gross premium;
* ``years_over_budget`` — the share of years in which the applicants asked more than the
  budget.

Percentiles are ``inverted_cdf`` order statistics (as VaR in :mod:`patentshield.risk.measures`).

This module is pure: no I/O, no clock.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np

from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Money
from patentshield.programme.population import Population
from patentshield.programme.report import cny
from patentshield.programme.tables import (
    Chart,
    Kind,
    Series,
    Table,
    money_of,
    number_of,
    spread_cells,
    table,
)
from patentshield.programme.takeup import SENSITIVITY_FACTORS
from patentshield.programme.takeup_years import FIGURES, TAKE_UP_YEARS
from patentshield.programme.whatif import Offers, Scenario
from patentshield.risk.distributions import FloatArray
from patentshield.risk.montecarlo import BLOCK_SIMS
from patentshield.risk.serialise import MODEL_VERSION
from patentshield.subsidies.model import Programme

CAPITAL_LEVEL = 0.995
_INDEX = {name: i for i, name in enumerate(FIGURES)}


def _quantile(values: FloatArray, level: float) -> float:
    return float(np.quantile(values, level, method="inverted_cdf"))


def spread(values: FloatArray, *, money: bool = False) -> JsonValue:
    """Return ``{"mean", "p05", "p95"}`` of yearly values (money in CNY when ``money``)."""
    if values.size == 0:
        return None
    figures = (float(values.mean()), _quantile(values, 0.05), _quantile(values, 0.95))
    if money:
        return dict(zip(("mean", "p05", "p95"), (cny(v) for v in figures), strict=True))
    return dict(zip(("mean", "p05", "p95"), figures, strict=True))


def figures(years: FloatArray, budget: float) -> dict[str, JsonValue]:
    """Return one variant's figures from its ``(6, years)`` array (:data:`FIGURES` order)."""
    insured, ip_rights, gross, demanded, paid, loss = (years[_INDEX[n]] for n in FIGURES)
    written = gross > 0
    ratio = loss[written] / gross[written]
    capital = _quantile(loss, CAPITAL_LEVEL) - float(loss.mean())
    mean_gross = float(gross.mean())
    return {
        "insured_firms": spread(insured),
        "ip_rights_covered": spread(ip_rights),
        "gross_premium": spread(gross, money=True),
        "premium_paid_by_firms": spread(gross - paid, money=True),
        "subsidy_paid": spread(paid, money=True),
        "budget_spent": spread(paid, money=True),
        "subsidy_demanded": spread(demanded, money=True),
        "years_over_budget": float((demanded > budget).mean()) if math.isfinite(budget) else 0.0,
        "insured_loss": spread(loss, money=True),
        "loss_ratio": spread(ratio),
        "years_without_insured_firms": float((~written).mean()),
        "capital": cny(capital),
        "capital_per_premium": capital / mean_gross if mean_gross > 0 else None,
    }


def sensitivity_row(elasticity: float, years: FloatArray, budget: float) -> dict[str, JsonValue]:
    """Return one row of the elasticity sensitivity table."""
    row = figures(years, budget)
    keys = ("insured_firms", "subsidy_paid", "premium_paid_by_firms", "loss_ratio")
    return {"elasticity": round(elasticity, 6), **{key: row[key] for key in keys}}


@dataclass(frozen=True, slots=True)
class WhatIfRun:
    """Everything a what-if document reports: the set-up and the simulated years.

    ``years`` is ``(variants, figures, years)``: first every scenario at the elasticity, then
    the scenario ``asked`` at the elasticity × each of :data:`SENSITIVITY_FACTORS`.
    """

    programme: Programme | None
    day: date
    population: Population
    offers: Offers
    scenarios: tuple[Scenario, ...]
    asked: int
    elasticity: float
    calibrated: bool
    years: FloatArray
    seed: int
    workers: int
    warnings: tuple[str, ...]
    seconds: float


ASSUMPTIONS = (
    "take-up p = participation × exp(−elasticity × self-paid share) (J); the elasticity is "
    "calibrated on Foshan Chancheng 2011 → 2012: 94 firms under full subsidy, 29 when the "
    "district paid only the base premium [R84]",
    "each firm buys one policy a year insuring all its IP rights, its group's product or the "
    "programme's default product (J)",
    "the subsidy is the programme's own evaluation for a first policy of the year; the budget "
    "is shared by rationing (pro rata after the firms bought, or first come, first served with "
    "late applicants deciding again at their unsubsidised price) (J)",
    "losses are the 337 portfolio engine's insured claims, in CNY at today's USD/CNY rate; a "
    "product that does not answer a 337 case has none (docs/model.md)",
)


def _money(amount: Money | None) -> JsonValue:
    return None if amount is None else amount.to_json()


def _terms(scenario: Scenario) -> dict[str, JsonValue]:
    programme = scenario.programme
    caps = [] if programme is None else list(programme.per_applicant_year_caps)
    return {
        "scenario": scenario.name,
        "rate": None if programme is None or programme.rate is None else str(programme.rate),
        "basis": None if programme is None else programme.basis.value,
        "applicant_year_caps": [{"key": cap.key, "amount": cap.amount.to_json()} for cap in caps],
        "per_policy_cap": None if programme is None else _money(programme.per_policy_cap),
        "budget": _money(scenario.budget),
        "rationing": scenario.rationing.value,
    }


def _population(run: WhatIfRun) -> dict[str, JsonValue]:
    products = Counter(offer.product.id for offer in run.offers.firms)
    return {
        "name": run.population.name,
        "source": run.population.source,
        "firms": run.population.size,
        "ip_rights": sum(firm.patents for firm in run.population.firms),
        "participation": run.population.participation,
        "products": dict(sorted(products.items())),
        "notes": list(run.population.notes),
    }


def whatif_document(run: WhatIfRun) -> dict[str, JsonValue]:
    """Return the document of ``patentshield programme whatif``."""
    budgets = [float(s.budget.amount) if s.budget is not None else math.inf for s in run.scenarios]
    rows = [{**_terms(s), **figures(run.years[k], budgets[k])} for k, s in enumerate(run.scenarios)]
    asked = rows[run.asked]
    count = len(run.scenarios)
    runs = sorted([(1.0, run.asked), *((f, count + i) for i, f in enumerate(SENSITIVITY_FACTORS))])
    sensitivity: list[JsonValue] = [
        sensitivity_row(run.elasticity * factor, run.years[k], budgets[run.asked])
        for factor, k in runs
    ]
    programme = run.programme
    return {
        "programme": {
            "id": programme.id if programme else None,
            "version": programme.version if programme else None,
            "name": programme.name if programme else None,
            "sources": programme.source_tags() if programme else None,
        },
        "day": run.day.isoformat(),
        "population": _population(run),
        **{key: value for key, value in asked.items() if key not in ("scenario",)},
        "scenario": asked["scenario"],
        "scenarios": rows,
        "elasticity": {
            "value": run.elasticity,
            "calibrated": run.calibrated,
            "source": "Foshan Chancheng 2011 → 2012 [R84]" if run.calibrated else "given",
            "sensitivity": sensitivity,
        },
        "years": int(run.years.shape[2]),
        "seed": run.seed,
        "workers": run.workers,
        "take_up_years": TAKE_UP_YEARS,
        "block_sims": BLOCK_SIMS,
        "model_version": MODEL_VERSION,
        "seconds": round(run.seconds, 3),
        "assumptions": list(ASSUMPTIONS),
        "warnings": list(run.warnings),
    }


def _mean(value: JsonValue) -> JsonValue:
    return spread_cells(value)[0]


def _scenario_row(row: JsonValue) -> tuple[JsonValue, ...]:
    assert isinstance(row, dict)
    return (
        row["scenario"],
        row["rate"],
        row["budget"],
        row["rationing"],
        *spread_cells(row["insured_firms"]),
        _mean(row["ip_rights_covered"]),
        _mean(row["subsidy_paid"]),
        _mean(row["premium_paid_by_firms"]),
        _mean(row["loss_ratio"]),
        row["years_over_budget"],
    )


def _sensitivity_row(row: JsonValue) -> tuple[JsonValue, ...]:
    assert isinstance(row, dict)
    paid, by_firms = _mean(row["subsidy_paid"]), _mean(row["premium_paid_by_firms"])
    return (row["elasticity"], *spread_cells(row["insured_firms"]), paid, by_firms)


def whatif_tables(document: Mapping[str, JsonValue]) -> tuple[Table, ...]:
    """Return the what-if's tables: the scenarios side by side, and the elasticity sensitivity."""
    rows, elasticity = document["scenarios"], document["elasticity"]
    assert isinstance(rows, list) and isinstance(elasticity, dict)
    assert isinstance(elasticity["sensitivity"], list)
    scenario_rows = [_scenario_row(row) for row in rows]
    sensitivity_rows = [_sensitivity_row(row) for row in elasticity["sensitivity"]]
    population = document["population"]
    assert isinstance(population, dict)
    caption = (
        f"{population['firms']} firms, {document['years']} years, seed {document['seed']}, "
        f"elasticity {float(str(elasticity['value'])):.2f} ({elasticity['source']})"
    )
    return (
        table(
            "scenarios",
            f"Subsidy what-if: {_programme_name(document)}",
            [
                ("scenario", Kind.TEXT),
                ("rate", Kind.SHARE),
                ("budget", Kind.MONEY),
                ("rationing", Kind.TEXT),
                ("insured firms", Kind.COUNT),
                ("p05", Kind.COUNT),
                ("p95", Kind.COUNT),
                ("IP rights", Kind.COUNT),
                ("subsidy paid", Kind.MONEY),
                ("paid by firms", Kind.MONEY),
                ("loss ratio", Kind.SHARE),
                ("years over budget", Kind.SHARE),
            ],
            scenario_rows,
            caption=caption,
        ),
        table(
            "sensitivity",
            f"Take-up elasticity: scenario {document['scenario']!r} at other elasticities",
            [
                ("elasticity", Kind.NUMBER),
                ("insured firms", Kind.COUNT),
                ("p05", Kind.COUNT),
                ("p95", Kind.COUNT),
                ("subsidy paid", Kind.MONEY),
                ("paid by firms", Kind.MONEY),
            ],
            sensitivity_rows,
        ),
    )


def _programme_name(document: Mapping[str, JsonValue]) -> str:
    programme = document["programme"]
    assert isinstance(programme, dict)
    return f"{programme['id']} v{programme['version']} on {document['day']}"


def _spread_floats(value: JsonValue, *, money: bool = False) -> tuple[float, float, float]:
    def number(cell: JsonValue) -> float:
        if money:
            amount = money_of(cell)
            return float(amount.amount) if amount is not None else 0.0
        return number_of(cell) or 0.0

    mean, low, high = spread_cells(value)
    return number(mean), number(low), number(high)


def whatif_charts(document: Mapping[str, JsonValue]) -> tuple[Chart, ...]:
    """Return the what-if's charts: take-up and money by scenario, take-up by elasticity."""
    scenarios = document["scenarios"]
    assert isinstance(scenarios, list)
    rows = [row for row in scenarios if isinstance(row, dict)]
    names = tuple(str(row["scenario"]) for row in rows)
    firms = [_spread_floats(row["insured_firms"]) for row in rows]
    paid = [_spread_floats(row["subsidy_paid"], money=True)[0] for row in rows]
    by_firms = [_spread_floats(row["premium_paid_by_firms"], money=True)[0] for row in rows]
    elasticity = document["elasticity"]
    assert isinstance(elasticity, dict) and isinstance(elasticity["sensitivity"], list)
    sensitivity = [row for row in elasticity["sensitivity"] if isinstance(row, dict)]
    curve = [_spread_floats(row["insured_firms"]) for row in sensitivity]
    return (
        Chart(
            "take-up",
            "Insured firms a year by scenario (mean, whiskers 5th-95th percentile)",
            names,
            (Series("insured firms", *map(tuple, zip(*firms, strict=True))),),
            ylabel="firms",
        ),
        Chart(
            "premium",
            "Who pays the premium, by scenario (mean a year, CNY)",
            names,
            (Series("subsidy paid", tuple(paid)), Series("paid by firms", tuple(by_firms))),
            ylabel="CNY a year",
        ),
        Chart(
            "elasticity",
            f"Insured firms at other take-up elasticities (scenario {document['scenario']})",
            tuple(f"{float(str(row['elasticity'])):.2f}" for row in sensitivity),
            (Series("insured firms", *map(tuple, zip(*curve, strict=True))),),
            ylabel="firms",
            xlabel="take-up elasticity",
            line=True,
        ),
    )
