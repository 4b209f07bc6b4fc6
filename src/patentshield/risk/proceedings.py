"""The respondent level: what one Section 337 case costs a named Chinese respondent.

Every respondent lives through its investigation's path (:mod:`patentshield.risk.investigations`,
drawn once per investigation and shared by its co-respondents) and chooses, conditioned on that
path and on being insured:

* **default** — it does not appear, with ``respondents.default_probability`` (29 of the 74
  Chinese respondents of 2024 did not defend: He §5 citing Wu 2024), times
  ``respondents.insured_default_factor`` when insured (the article's thesis: insured firms
  defend; the size of the effect is a judgement). It pays local advice; if the investigation
  goes to a final determination an exclusion order follows on its goods (1337(g),
  DOMAIN.md §0 item 3); an investigation that ends early ends its part too;
* otherwise it follows the path: in a **settled** investigation it settles (a licence payment)
  or, with ``respondents.consent_order_share``, takes a **consent order** (it stops importing
  the accused goods until a design-around succeeds); in a **withdrawn** one its case ends; in a
  **decided** one it litigates and is found in violation on the merits when the path says so
  (an order unless the President disapproves [R48]); decided cases may be appealed.

* **Defence cost** — the AIPLA median total for the amount at risk (log-log interpolation of
  the 2015 rows [R51], amount at risk = annual US sales × ``costs.years_at_risk``) × an ITC
  factor × a lognormal spread; spent as the case runs (``costs.phase_spend``: answer 0–2
  months, discovery to 7, pre-hearing to 8.5, hearing to 9.5, then post-hearing and Commission
  review up to the final determination; 60 % by the end of discovery) and split over the legal
  categories (``costs.legal_split``). Co-respondents defending jointly share
  ``joint_defence.common_share`` of the legal spend.
* **Outcomes** — settlement/licence payment, IPR at the PTAB, exclusion or consent order: lost
  US gross profit until a design-around succeeds (or for the horizon) plus its engineering/CBP
  cost, bond forfeited after the presidential review, parallel district-court damages.

Every case's cost is split over :data:`CATEGORIES`, the catalog's 13 cost categories (the same
ids and order as ``catalog.model.CostCategory``), in USD.

This module is pure: no I/O, no clock, no global random state.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from patentshield.risk.distributions import BoolArray, FloatArray, IntArray
from patentshield.risk.investigations import PathClass, Paths, draw_paths, path_class
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
"""Cost categories of a 337 defence, in the order of ``catalog.model.CostCategory``."""

LEGAL = CATEGORIES[:7]
INDEX = {name: position for position, name in enumerate(CATEGORIES)}
PHASES = ("answer", "discovery", "pre_hearing", "hearing")
"""Phases before the hearing ends, each with a fixed length (``durations_months``)."""


class RespondentOutcome(IntEnum):
    """How a respondent's case ended."""

    SETTLED = 0
    WITHDRAWN = 1
    NO_VIOLATION = 2
    VIOLATION = 3
    DISAPPROVED = 4
    DEFAULTED = 5
    CONSENT_ORDER = 6


@dataclass(frozen=True, slots=True)
class CaseCosts:
    """Simulated cases: cost by category (cases × 13, USD), outcome, months to termination."""

    costs: FloatArray
    outcome: IntArray
    months: FloatArray
    exclusion_order: BoolArray


def default_chance(parameters: Parameters, *, insured: bool, compliant: bool = False) -> float:
    """Return the chance a Chinese respondent does not defend (insured or not, compliant or not).

    A compliant firm's chance is lowered by ``compliance.default_factor``.

    >>> from patentshield.risk.data_files import load_parameters
    >>> parameters = load_parameters()
    >>> default_chance(parameters, insured=True) < default_chance(parameters, insured=False)
    True
    >>> default_chance(parameters, insured=False, compliant=True) < default_chance(
    ...     parameters, insured=False
    ... )
    True
    """
    chance = parameters.get("respondents.default_probability")
    if insured:
        chance *= parameters.get("respondents.insured_default_factor")
    if compliant:
        chance *= parameters.get("compliance.default_factor")
    return min(chance, 1.0)


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


def _spread(
    rng: np.random.Generator, median: FloatArray | float, sigma: float, where: BoolArray
) -> FloatArray:
    """Return ``median × lognormal(0, sigma)`` on the rows of ``where`` and 0 elsewhere.

    Only those rows are drawn, so an amount few cases pay costs few draws.
    """
    rows = np.flatnonzero(where)
    amounts = np.zeros(where.size)
    base = median[rows] if isinstance(median, np.ndarray) else median
    amounts[rows] = base * _lognormal(rng, sigma, rows.size)
    return amounts


def spent_by(parameters: Parameters, months: FloatArray, decision: FloatArray) -> FloatArray:
    """Return the share of a full defence spent ``months`` after institution.

    Each phase spends its share evenly over its length; after the hearing the post-hearing and
    Commission-review shares are spent evenly until the final determination (``decision``),
    and nothing more after it.
    """
    spend = parameters.group("costs.phase_spend")
    lengths = [parameters.get(f"durations_months.{phase}") for phase in PHASES]
    knots = np.concatenate([[0.0], np.cumsum(lengths)])
    shares = np.concatenate([[0.0], np.cumsum([spend[phase] for phase in PHASES])])
    before = np.interp(months, knots, shares)
    rest = spend["post_hearing"] + spend["commission_review"]
    after_hearing = np.clip((months - knots[-1]) / np.maximum(decision - knots[-1], 1e-9), 0.0, 1.0)
    share: FloatArray = np.where(months < knots[-1], before, shares[-1] + rest * after_hearing)
    return share


@dataclass(frozen=True, slots=True)
class Choices:
    """What each respondent did on its investigation's path (masks, one entry per case)."""

    defaulted: BoolArray
    settled: BoolArray
    consent: BoolArray
    withdrawn: BoolArray
    litigated: BoolArray
    violation: BoolArray
    disapproved: BoolArray
    default_order: BoolArray

    @property
    def order(self) -> BoolArray:
        """Cases ending in an exclusion order on the respondent's goods."""
        mask: BoolArray = self.violation | self.default_order
        return mask

    def outcome(self) -> IntArray:
        """Return each case's :class:`RespondentOutcome`."""
        chosen = np.select(
            [
                self.defaulted,
                self.settled,
                self.consent,
                self.withdrawn,
                self.disapproved,
                self.violation,
            ],
            [
                RespondentOutcome.DEFAULTED,
                RespondentOutcome.SETTLED,
                RespondentOutcome.CONSENT_ORDER,
                RespondentOutcome.WITHDRAWN,
                RespondentOutcome.DISAPPROVED,
                RespondentOutcome.VIOLATION,
            ],
            default=RespondentOutcome.NO_VIOLATION,
        )
        return chosen.astype(np.int64)


def choose(parameters: Parameters, paths: Paths, defaulted: BoolArray, u: FloatArray) -> Choices:
    """Return the respondents' choices on their paths (``u`` uniform, one per case)."""
    appeared = ~defaulted
    settled_path = appeared & (paths.path_class == PathClass.SETTLED)
    consent = settled_path & (u < parameters.get("respondents.consent_order_share"))
    litigated = appeared & ~paths.early
    found = litigated & paths.violation
    return Choices(
        defaulted=defaulted,
        settled=settled_path & ~consent,
        consent=consent,
        withdrawn=appeared & (paths.path_class == PathClass.WITHDRAWN),
        litigated=litigated,
        violation=found & ~paths.disapproved,
        disapproved=found & paths.disapproved,
        default_order=defaulted & ~paths.early & ~paths.disapproved,
    )


def legal_spend(
    parameters: Parameters,
    rng: np.random.Generator,
    paths: Paths,
    choices: Choices,
    *,
    sales_usd: FloatArray,
) -> FloatArray:
    """Return each case's legal spend (USD): AIPLA total × share spent × joint-defence share."""
    get = parameters.get
    spend = parameters.group("costs.phase_spend")
    full = sum(v for k, v in spend.items() if k != "appeal")
    # A summary determination comes before the hearing: spend through pre-hearing, then review.
    summary = sum(spend[phase] for phase in PHASES[:3]) + spend["commission_review"]
    decided = np.where(paths.summary, summary, full)
    decided = decided + np.where(paths.appealed, spend["appeal"], 0.0)
    fraction = np.where(
        choices.litigated, decided, spent_by(parameters, paths.months, paths.decision_months)
    )
    stake = sales_usd * get("costs.years_at_risk")
    median = defence_cost_median(parameters, stake) * get("costs.itc_factor")
    total = _spread(rng, median, get("costs.cost_sigma"), ~choices.defaulted)
    group = np.maximum(paths.chinese, 1)
    common = get("joint_defence.common_share")
    sharing = np.where(paths.joint & (group > 1), 1.0 - common + common / group, 1.0)
    legal: FloatArray = total * fraction * sharing
    return legal


def simulate_cases(
    parameters: Parameters,
    rng: np.random.Generator,
    paths: Paths,
    *,
    sales_usd: FloatArray,
    defaulted: BoolArray,
) -> CaseCosts:
    """Simulate one case per entry of ``sales_usd`` (the named class's annual US sales).

    ``paths`` holds each case's investigation path (shared by co-respondents) and
    ``defaulted`` which respondents do not defend (see :func:`default_chance`).
    """
    n = sales_usd.size
    get = parameters.get
    u = rng.random((4, n))
    choices = choose(parameters, paths, defaulted, u[0])
    legal = legal_spend(parameters, rng, paths, choices, sales_usd=sales_usd)
    costs = np.zeros((n, len(CATEGORIES)))
    split = np.array([get(f"costs.legal_split.{name}") for name in LEGAL])
    costs[:, : len(LEGAL)] = legal[:, None] * split  # LEGAL are the first categories
    costs[:, INDEX["local_counsel"]] += np.where(defaulted, get("costs.default_cost_usd"), 0.0)
    _outcome_costs(parameters, rng, costs, u, sales_usd=sales_usd, paths=paths, choices=choices)
    answer = get("durations_months.answer")
    default_months = answer + u[1] * get("durations_months.discovery")
    months = np.where(defaulted, np.minimum(default_months, paths.months), paths.months)
    return CaseCosts(costs, choices.outcome(), months, choices.order)


def simulate_respondents(
    parameters: Parameters,
    rng: np.random.Generator,
    *,
    sales_usd: FloatArray,
    chinese_respondents: IntArray,
    insured: bool,
) -> CaseCosts:
    """Simulate one respondent per entry of ``sales_usd``, each in an investigation of its own.

    The investigation's path is drawn here for each entry (``chinese_respondents`` Chinese
    co-respondents in it); for analyses that need one defence per case — limit adequacy, claims
    development — rather than a book's correlated co-respondents
    (:mod:`patentshield.risk.portfolio`).
    """
    classes = path_class(parameters, rng.random(sales_usd.size), chinese_respondents)
    paths = draw_paths(parameters, rng, classes, chinese_respondents)
    defaulted = rng.random(sales_usd.size) < default_chance(parameters, insured=insured)
    return simulate_cases(parameters, rng, paths, sales_usd=sales_usd, defaulted=defaulted)


def _outcome_costs(
    parameters: Parameters,
    rng: np.random.Generator,
    costs: FloatArray,
    u: FloatArray,
    *,
    sales_usd: FloatArray,
    paths: Paths,
    choices: Choices,
) -> None:
    """Add IPR, settlement, lost profit and design-around, bond and damages, in place."""
    get = parameters.get
    past_answer = choices.litigated | (paths.months > get("durations_months.answer"))
    ipr = ~choices.defaulted & past_answer & (u[2] < get("costs.ipr_probability"))
    costs[:, INDEX["ipr_ptab"]] = _spread(rng, get("costs.ipr_cost_usd"), 0.4, ipr)
    settlement = get("costs.settlement_royalty_rate") * sales_usd * get("costs.settlement_years")
    costs[:, INDEX["settlement_licence"]] = _spread(
        rng, settlement, get("costs.settlement_sigma"), choices.settled
    )
    excluded = choices.order | choices.consent
    lost_us_profit_and_design_around(parameters, rng, costs, excluded, sales_usd)
    bond = get("costs.bond_rate") * sales_usd * get("durations_months.presidential_review") / 12
    costs[:, INDEX["presidential_review_bond"]] = np.where(choices.violation, bond, 0.0)
    chance = get("costs.parallel_suit_probability") * get("costs.damages_given_violation")
    damages = get("costs.damages_royalty_rate") * sales_usd * get("costs.damages_years")
    costs[:, INDEX["damages"]] = _spread(
        rng, damages, get("costs.damages_sigma"), choices.order & (u[3] < chance)
    )


def lost_us_profit_and_design_around(
    parameters: Parameters,
    rng: np.random.Generator,
    costs: FloatArray,
    excluded: BoolArray,
    sales_usd: FloatArray,
) -> None:
    """Add lost US gross profit and design-around cost for the excluded rows, in place.

    The design-around succeeds with ``costs.design_around_success`` after a uniform number of
    months; otherwise sales are lost for ``costs.exclusion_horizon_months``. Only the excluded
    rows are drawn.
    """
    get = parameters.get
    rows = np.flatnonzero(excluded)
    n = rows.size
    succeeds = rng.random(n) < get("costs.design_around_success")
    months = np.where(
        succeeds,
        rng.uniform(
            get("costs.design_around_months_min"), get("costs.design_around_months_max"), n
        ),
        get("costs.exclusion_horizon_months"),
    )
    costs[rows, INDEX["lost_us_profit"]] += (
        sales_usd[rows] / 12 * months * get("costs.gross_margin")
    )
    engineering = get("costs.design_around_cost_usd") * _lognormal(rng, 0.5, n)
    costs[rows, INDEX["design_around_cbp"]] += engineering
