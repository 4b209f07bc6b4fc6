"""Limit adequacy (He §3.3): whether a policy's limit pays for a Section 337 defence.

For an exporter of given annual US sales, the phase model simulates many 337 cases
(:func:`patentshield.risk.proceedings.simulate_respondents`; the number of Chinese co-respondents
drawn as the engine draws complaints that name at least one). A case's **defence cost** is
what the respondent spends to defend — counsel, experts, witnesses, travel, e-discovery and
translation, agency and court costs, an IPR at the PTAB — not settlements, damages or lost
profit. For each limit:

* **share covered** — the share of cases whose defence cost the per-claim limit pays in full;
* **limit for 90 %** — the 90th percentile of the defence cost: the limit that pays 90 % of
  cases in full;
* **premium for that limit** — the product's own rate on limit (premium ÷ aggregate limit)
  applied to it (J: a real insurer charges more per unit of limit for a higher layer, so this
  is a floor).

Beside the products stand two references: the CNY 100,000 that a typical domestic patent suit
costs (He §3.3) and the median 337 defence of the same exporter.

This module is pure: no I/O, no clock; random draws come from the caller's generator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, FxRate, Money
from patentshield.programme.tables import Chart, Kind, Series, Table, shown, table
from patentshield.risk.distributions import FloatArray
from patentshield.risk.exposure import draw_complaints
from patentshield.risk.parameters import Parameters
from patentshield.risk.proceedings import INDEX, LEGAL, simulate_respondents

DEFENCE = (*LEGAL, "ipr_ptab")
"""Cost categories of the defence itself (the 337 cost categories before design-around)."""

DOMESTIC_SUIT = Money(Decimal(100_000), Currency.CNY)
"""What a typical domestic patent suit costs, He §3.3."""

COVERED_SHARE = 0.9


@dataclass(frozen=True, slots=True)
class Limit:
    """A limit to judge: who holds it, its per-claim limit and premium, and what it answers."""

    name: str
    per_claim: Money
    aggregate: Money
    premium: Money | None
    answers_337: str
    note: str = ""


def defence_costs(
    parameters: Parameters, rng: np.random.Generator, *, sales_usd: float, cases: int
) -> FloatArray:
    """Return ``cases`` simulated 337 defence costs (USD) of an exporter with these sales."""
    complaints = draw_complaints(parameters, rng, np.full(4 * cases, 1.0))
    chinese = complaints.chinese[complaints.chinese > 0]
    if chinese.size < cases:
        chinese = np.concatenate([chinese, np.ones(cases - chinese.size, dtype=np.int64)])
    simulated = simulate_respondents(
        parameters,
        rng,
        sales_usd=np.full(cases, sales_usd),
        chinese_respondents=chinese[:cases],
        insured=True,
    )
    costs: FloatArray = simulated.costs[:, [INDEX[name] for name in DEFENCE]].sum(axis=1)
    return costs


def _money(value: float, currency: Currency) -> Money:
    return Money(Decimal(repr(float(value))), currency).rounded()


def judge(limit: Limit, costs_cny: FloatArray) -> dict[str, JsonValue]:
    """Return one limit's row: share of cases covered, limit for 90 %, premium for that limit."""
    currency = limit.per_claim.currency
    covered = float((costs_cny <= float(limit.per_claim.amount)).mean())
    needed = _money(float(np.quantile(costs_cny, COVERED_SHARE, method="inverted_cdf")), currency)
    premium = None
    if limit.premium is not None and limit.aggregate.amount > 0:
        premium = (needed * (limit.premium.amount / limit.aggregate.amount)).rounded()
    multiple = (
        float(limit.aggregate.amount / limit.premium.amount)
        if limit.premium is not None and limit.premium.amount > 0
        else None
    )
    return {
        "name": limit.name,
        "answers_337": limit.answers_337,
        "premium": None if limit.premium is None else limit.premium.to_json(),
        "per_claim_limit": limit.per_claim.to_json(),
        "limit_per_premium": multiple,
        "share_of_cases_covered": covered,
        "limit_for_90_percent": needed.to_json(),
        "premium_for_that_limit": None if premium is None else premium.to_json(),
        "note": limit.note,
    }


def adequacy_view(
    limits: Sequence[Limit], costs_usd: FloatArray, fx: FxRate, *, sales_usd: float
) -> dict[str, JsonValue]:
    """Return the adequacy rows of ``limits`` and the references, for one exporter's cases."""
    costs = costs_usd * float(fx.rate)
    median = _money(float(np.median(costs)), Currency.CNY)
    return {
        "annual_us_sales": _money(sales_usd, Currency.USD).to_json(),
        "cases": int(costs.size),
        "fx_rate": fx.to_json(),
        "median_defence_cost": median.to_json(),
        "defence_cost_p90": _money(
            float(np.quantile(costs, 0.9, method="inverted_cdf")), Currency.CNY
        ).to_json(),
        "domestic_suit": {
            "cost": DOMESTIC_SUIT.to_json(),
            "source": "He §3.3",
            "share_of_337_cases_it_would_pay": float((costs <= float(DOMESTIC_SUIT.amount)).mean()),
            "median_337_defence_per_domestic_suit": float(median.amount / DOMESTIC_SUIT.amount),
        },
        "limits": [judge(limit, costs) for limit in limits],
    }


_COLUMNS = (
    ("limit of", "name", Kind.TEXT),
    ("answers 337", "answers_337", Kind.TEXT),
    ("premium", "premium", Kind.MONEY),
    ("per-claim limit", "per_claim_limit", Kind.MONEY),
    ("limit ÷ premium", "limit_per_premium", Kind.NUMBER),
    ("cases paid in full", "share_of_cases_covered", Kind.SHARE),
    ("limit for 90 %", "limit_for_90_percent", Kind.MONEY),
    ("premium for that limit", "premium_for_that_limit", Kind.MONEY),
)


def _view_table(view: dict[str, JsonValue]) -> Table:
    limits, domestic = view["limits"], view["domestic_suit"]
    assert isinstance(limits, list) and isinstance(domestic, dict)
    rows = [tuple(row[key] for _, key, _ in _COLUMNS) for row in limits if isinstance(row, dict)]
    reference = {
        "name": "typical domestic suit (He §3.3)",
        "per_claim_limit": domestic["cost"],
        "share_of_cases_covered": domestic["share_of_337_cases_it_would_pay"],
    }
    rows.append(tuple(reference.get(key) for _, key, _ in _COLUMNS))
    return table(
        f"adequacy-{view['label']}",
        f"Limit adequacy against a 337 defence: {view['label']}",
        [(heading, kind) for heading, _, kind in _COLUMNS],
        rows,
        caption=f"{view['cases']} simulated cases of an exporter with US sales of "
        f"{shown(view['annual_us_sales'], Kind.MONEY)}; median defence "
        f"{shown(view['median_defence_cost'], Kind.MONEY)}",
    )


def adequacy_tables(document: dict[str, JsonValue]) -> tuple[Table, ...]:
    """Return the adequacy table of every view of the document."""
    views = document["views"]
    assert isinstance(views, list)
    return tuple(_view_table(view) for view in views if isinstance(view, dict))


def adequacy_charts(document: dict[str, JsonValue]) -> tuple[Chart, ...]:
    """Return, per view, the share of 337 defences each limit pays in full."""
    views = document["views"]
    assert isinstance(views, list)
    charts = []
    for view in views:
        assert isinstance(view, dict) and isinstance(view["limits"], list)
        rows = [row for row in view["limits"] if isinstance(row, dict)]
        charts.append(
            Chart(
                f"covered-{view['label']}",
                f"Share of 337 defences paid in full by the limit ({view['label']})",
                tuple(str(row["name"]) for row in rows),
                (
                    Series(
                        "cases paid in full",
                        tuple(float(str(row["share_of_cases_covered"])) for row in rows),
                    ),
                ),
                ylabel="share of simulated cases",
                references=(("90 %", COVERED_SHARE),),
            )
        )
    return tuple(charts)
