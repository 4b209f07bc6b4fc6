"""The phase-by-phase case model: what one Section 337 case costs a named Chinese respondent.

A case walks the procedure's phases (DOMAIN.md §1.5): answer, discovery, pre-hearing (Markman,
motions), hearing, post-hearing (final initial determination), Commission review, presidential
review and, for some decided cases, appeal. All draws are vectorised over the cases of a block.

* **Default** — with ``case.default_probability`` the respondent does not appear: a small
  local-counsel cost, then an exclusion order (DOMAIN.md §0 item 3).
* **Early exits** of defended cases — settlement or consent order and withdrawal with the
  published shares [R34], spread over the first four phases by ``case.early_exit_by_phase``;
  spend is the cumulative phase spend up to the phase entered plus a uniform part of it.
* **Decisions** — a share of decided cases end by summary determination before the hearing;
  the rest are heard. No violation with ``case.no_violation_given_decided`` [R39]; a
  violation leads to an exclusion order unless the President disapproves [R48]; decided
  cases may be appealed (extra spend).
* **Defence cost** — the AIPLA median total for the amount at risk (log-log interpolation of
  the 2015 rows [R51], amount at risk = annual US sales × ``costs.years_at_risk``) × an ITC
  factor × a lognormal spread; split over the phases (``costs.phase_spend``, 60 % by the end of
  discovery) and over the legal categories (``costs.legal_split``). Co-respondents defending
  jointly share ``joint_defence.common_share`` of the legal spend.
* **Outcomes** — settlement/licence payment, IPR at the PTAB, exclusion order: lost US gross
  profit until a design-around succeeds (or for the horizon) plus its engineering/CBP cost,
  bond forfeited after the presidential review, parallel district-court damages.

Every case's cost is split over :data:`CATEGORIES`, the catalog's 13 cost categories (the same
ids and order as ``products.model.CostCategory``), in USD.

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from patentshield.risk.distributions import BoolArray, FloatArray, IntArray
from patentshield.risk.parameters import Parameters

CATEGORIES = (
    "us_counsel",
    "local_counsel",
    "experts",
    "witnesses",
    "travel",
    "ediscovery_translation",
    "agency_court_costs",
    "ipr_ptab",
    "design_around_cbp",
    "settlement_licence",
    "damages",
    "presidential_review_bond",
    "lost_us_profit",
)
"""Cost categories of a 337 defence, in the order of ``products.model.CostCategory``."""

LEGAL = CATEGORIES[:7]
INDEX = {name: position for position, name in enumerate(CATEGORIES)}
PHASES = ("answer", "discovery", "pre_hearing", "hearing")
"""Phases in which a defended case can end early."""


class Outcome(IntEnum):
    """How a respondent's case ended."""

    SETTLED = 0
    WITHDRAWN = 1
    NO_VIOLATION = 2
    VIOLATION = 3
    DISAPPROVED = 4
    DEFAULTED = 5


@dataclass(frozen=True, slots=True)
class CaseCosts:
    """Simulated cases: cost by category (cases × 13, USD), outcome, months to termination."""

    costs: FloatArray
    outcome: IntArray
    months: FloatArray
    exclusion_order: np.ndarray


def defence_cost_median(parameters: Parameters, stake_usd: FloatArray) -> FloatArray:
    """Return the AIPLA median total defence cost for each amount at risk (log-log interpolation).

    Beyond the first and last rows the cost is held at the row's value.
    """
    stakes = np.log(np.array(parameters.series("costs.aipla_total_by_stake.stakes_usd")))
    totals = np.log(np.array(parameters.series("costs.aipla_total_by_stake.totals_usd")))
    median: FloatArray = np.exp(np.interp(np.log(np.maximum(stake_usd, 1.0)), stakes, totals))
    return median


def _lognormal(rng: np.random.Generator, sigma: float, size: int) -> FloatArray:
    return rng.lognormal(0.0, sigma, size) if sigma > 0 else np.ones(size)


def _cumulative_spend(parameters: Parameters) -> tuple[FloatArray, float, float]:
    spend = parameters.group("costs.phase_spend")
    early = np.array([spend[phase] for phase in PHASES])
    starts = np.concatenate([[0.0], np.cumsum(early)[:-1]])
    decided = sum(v for k, v in spend.items() if k != "appeal")
    return np.stack([starts, early]), decided, spend["appeal"]


def _exit_phase(parameters: Parameters, draw: FloatArray) -> IntArray:
    """Return the phase of an early exit (0-3), or 4 for a decided case."""
    early = parameters.get("case.settlement_or_consent_order") + parameters.get("case.withdrawal")
    split = np.array([parameters.get(f"case.early_exit_by_phase.{p}") for p in PHASES])
    edges = np.cumsum(split) * early
    return np.searchsorted(edges, draw, side="right").astype(np.int64)


def _months(
    parameters: Parameters, phase: IntArray, within: FloatArray, decision: FloatArray
) -> FloatArray:
    lengths = np.array([parameters.get(f"durations_months.{p}") for p in PHASES])
    starts = np.concatenate([[0.0], np.cumsum(lengths)])
    clipped = np.minimum(phase, 3)
    early = starts[clipped] + within * lengths[clipped]
    return np.where(phase < 4, early, decision)


@dataclass(frozen=True, slots=True)
class Paths:
    """How each case runs: its early-exit phase (4 = decided) and what happened (masks)."""

    phase: IntArray
    defaulted: BoolArray
    settled: BoolArray
    decided: BoolArray
    summary: BoolArray
    violation: BoolArray
    disapproved: BoolArray
    appealed: BoolArray

    @property
    def order(self) -> BoolArray:
        """Cases ending in an exclusion order (a violation not disapproved, or a default)."""
        mask: BoolArray = (self.violation & ~self.disapproved) | self.defaulted
        return mask

    def outcome(self) -> IntArray:
        """Return each case's :class:`Outcome`."""
        chosen = np.select(
            [self.defaulted, self.settled, self.phase < 4, self.disapproved, self.violation],
            [
                Outcome.DEFAULTED,
                Outcome.SETTLED,
                Outcome.WITHDRAWN,
                Outcome.DISAPPROVED,
                Outcome.VIOLATION,
            ],
            default=Outcome.NO_VIOLATION,
        )
        return chosen.astype(np.int64)


def draw_paths(parameters: Parameters, u: FloatArray) -> Paths:
    """Return the cases' paths from the uniform draws ``u[0..6]``."""
    get = parameters.get
    settlement, withdrawal = get("case.settlement_or_consent_order"), get("case.withdrawal")
    defaulted = u[0] < get("case.default_probability")
    phase = _exit_phase(parameters, u[1])
    early = phase < 4
    decided = ~defaulted & ~early
    violation = decided & (u[4] >= get("case.no_violation_given_decided"))
    return Paths(
        phase=phase,
        defaulted=defaulted,
        settled=~defaulted & early & (u[2] < settlement / (settlement + withdrawal)),
        decided=decided,
        summary=decided & (u[3] < get("case.summary_determination_share")),
        violation=violation,
        disapproved=violation & (u[5] < get("case.disapproval_given_order")),
        appealed=decided & (u[6] < get("case.appeal_given_decided")),
    )


def legal_spend(
    parameters: Parameters,
    rng: np.random.Generator,
    paths: Paths,
    u: FloatArray,
    *,
    sales_usd: FloatArray,
    chinese_respondents: IntArray,
) -> FloatArray:
    """Return each case's legal spend (USD): AIPLA total × phase share × joint-defence share."""
    get = parameters.get
    spend_table, decided_spend, appeal_spend = _cumulative_spend(parameters)
    clipped = np.minimum(paths.phase, 3)
    fraction = spend_table[0][clipped] + u[7] * spend_table[1][clipped]
    summary_spend = spend_table[0][3] + get("costs.phase_spend.commission_review")
    fraction = np.where(
        paths.decided, np.where(paths.summary, summary_spend, decided_spend), fraction
    )
    fraction = fraction + np.where(paths.appealed, appeal_spend, 0.0)
    stake = sales_usd * get("costs.years_at_risk")
    total = defence_cost_median(parameters, stake) * get("costs.itc_factor")
    total = total * _lognormal(rng, get("costs.cost_sigma"), sales_usd.size)
    group = np.maximum(chinese_respondents, 1)
    joined = (u[8] < get("joint_defence.join_probability")) & (group > 1)
    common = get("joint_defence.common_share")
    sharing = np.where(joined, 1.0 - common + common / group, 1.0)
    spend: FloatArray = np.where(paths.defaulted, 0.0, total * fraction * sharing)
    return spend


def simulate_cases(
    parameters: Parameters,
    rng: np.random.Generator,
    *,
    sales_usd: FloatArray,
    chinese_respondents: IntArray,
) -> CaseCosts:
    """Simulate one case per entry of ``sales_usd`` (the named class's annual US sales)."""
    n = sales_usd.size
    get = parameters.get
    u = rng.random((12, n))
    paths = draw_paths(parameters, u)
    legal = legal_spend(
        parameters, rng, paths, u, sales_usd=sales_usd, chinese_respondents=chinese_respondents
    )
    costs = np.zeros((n, len(CATEGORIES)))
    for name in LEGAL:
        costs[:, INDEX[name]] = legal * get(f"costs.legal_split.{name}")
    costs[:, INDEX["local_counsel"]] += np.where(
        paths.defaulted, get("costs.default_cost_usd"), 0.0
    )
    _outcome_costs(parameters, rng, costs, u, sales_usd=sales_usd, paths=paths)
    decision_months = rng.triangular(
        get("durations_months.decision_min"),
        get("durations_months.decision_mode"),
        get("durations_months.decision_max"),
        n,
    )
    months = _months(parameters, np.where(paths.defaulted, 1, paths.phase), u[7], decision_months)
    return CaseCosts(costs, paths.outcome(), months, paths.order)


def _outcome_costs(
    parameters: Parameters,
    rng: np.random.Generator,
    costs: FloatArray,
    u: FloatArray,
    *,
    sales_usd: FloatArray,
    paths: Paths,
) -> None:
    """Add IPR, settlement, lost profit and design-around, bond and damages, in place."""
    get = parameters.get
    n = sales_usd.size
    ipr = ~paths.defaulted & (paths.phase > 0) & (u[10] < get("costs.ipr_probability"))
    ipr_cost = get("costs.ipr_cost_usd") * _lognormal(rng, 0.4, n)
    costs[:, INDEX["ipr_ptab"]] = np.where(ipr, ipr_cost, 0.0)
    settlement = get("costs.settlement_royalty_rate") * sales_usd * get("costs.settlement_years")
    settlement = settlement * _lognormal(rng, get("costs.settlement_sigma"), n)
    costs[:, INDEX["settlement_licence"]] = np.where(paths.settled, settlement, 0.0)
    lost_us_profit_and_design_around(parameters, rng, costs, paths.order, sales_usd)
    bond = get("costs.bond_rate") * sales_usd * get("durations_months.presidential_review") / 12
    bonded = paths.violation & ~paths.disapproved
    costs[:, INDEX["presidential_review_bond"]] = np.where(bonded, bond, 0.0)
    chance = get("costs.parallel_suit_probability") * get("costs.damages_given_violation")
    damages = get("costs.damages_royalty_rate") * sales_usd * get("costs.damages_years")
    damages = damages * _lognormal(rng, get("costs.damages_sigma"), n)
    costs[:, INDEX["damages"]] = np.where(paths.order & (u[11] < chance), damages, 0.0)


def lost_us_profit_and_design_around(
    parameters: Parameters,
    rng: np.random.Generator,
    costs: FloatArray,
    excluded: np.ndarray,
    sales_usd: FloatArray,
) -> None:
    """Add lost US gross profit and design-around cost for the excluded rows, in place.

    The design-around succeeds with ``costs.design_around_success`` after a uniform number of
    months; otherwise sales are lost for ``costs.exclusion_horizon_months``.
    """
    get = parameters.get
    n = sales_usd.size
    succeeds = rng.random(n) < get("costs.design_around_success")
    months = np.where(
        succeeds,
        rng.uniform(
            get("costs.design_around_months_min"), get("costs.design_around_months_max"), n
        ),
        get("costs.exclusion_horizon_months"),
    )
    lost = sales_usd / 12 * months * get("costs.gross_margin")
    costs[:, INDEX["lost_us_profit"]] += np.where(excluded, lost, 0.0)
    engineering = get("costs.design_around_cost_usd") * _lognormal(rng, 0.5, n)
    costs[:, INDEX["design_around_cbp"]] += np.where(excluded, engineering, 0.0)
