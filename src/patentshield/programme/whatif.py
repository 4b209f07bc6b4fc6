"""A subsidy what-if: the scenarios, what each firm would be offered, and the engine's inputs.

Scenarios (:func:`scenarios`): the programme **as today** (its rate, caps and annual budget),
the subsidy **withdrawn**, and, when a rate, cap or budget is given, the programme
**changed** that way. A budget is rationed pro rata or first come, first served
(:class:`Rationing`; :mod:`patentshield.programme.takeup_years`).

Each firm is offered one policy (:func:`offers`): its group's catalog product, else the
programme's default product (:func:`default_product`: the first product on sale that day of
a type the programme subsidises, preferring one that answers a 337 case and has a tariff),
priced by the product's tariff for the firm's IP rights (one per patent, per package of
patents, or one for the enterprise; a risk-rated plan at the synthetic book's rate on limit).
A firm insures all its IP rights (J). The version on sale on the what-if's day is used, else
the nearest one, and the document says so.

Each scenario's subsidy per firm is the programme's own evaluation
(:func:`patentshield.subsidies.evaluate.evaluate`: eligibility, rate, per-policy and
applicant-year caps, rounded to the fen) for a first policy of the year; the budget is left to
the rationing, which sees every applicant of the year at once.

This module is pure: no I/O, no clock.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

import numpy as np

from patentshield.assessment.exposure import Reading, TermsReading, policy_terms
from patentshield.catalog.coverage import non_response_reason
from patentshield.catalog.loader import Catalog
from patentshield.catalog.model import InsuredUnit, Product, RiskRated
from patentshield.catalog.premium import Pricing
from patentshield.kernel.errors import InvalidInput, NotFound
from patentshield.kernel.money import Currency, FxRate, Money, parse_decimal
from patentshield.programme.population import Firm, Population
from patentshield.programme.synth import book_pricing
from patentshield.programme.takeup import self_paid_share, thresholds
from patentshield.programme.takeup_years import TakeUpInputs, Variant
from patentshield.risk.parameters import Parameters
from patentshield.subsidies.evaluate import evaluate
from patentshield.subsidies.model import (
    Applicant,
    Programme,
    SubsidyRequest,
    YearCap,
    parse_cny,
)


class Rationing(StrEnum):
    """How an oversubscribed budget is shared."""

    PRO_RATA = "pro-rata"
    FIRST_COME = "first-come"


@dataclass(frozen=True, slots=True)
class Scenario:
    """One set of subsidy terms: the programme version (``None``: withdrawn) and its budget."""

    name: str
    programme: Programme | None
    budget: Money | None
    rationing: Rationing

    @property
    def first_come(self) -> bool:
        """Tell whether the budget goes first come, first served."""
        return self.rationing is Rationing.FIRST_COME


@dataclass(frozen=True, slots=True)
class Changes:
    """What a what-if changes in the programme (``None``: as today)."""

    rate: Decimal | None = None
    cap: Money | None = None
    budget: Money | None = None
    rationing: Rationing = Rationing.PRO_RATA

    def __post_init__(self) -> None:
        if self.rate is not None and not Decimal(0) <= self.rate <= Decimal(1):
            raise InvalidInput("rate", f"must be a share between 0 and 1, got {self.rate}")

    @classmethod
    def of_text(
        cls,
        *,
        rate: str | None = None,
        cap: str | None = None,
        budget: str | None = None,
        rationing: Rationing = Rationing.PRO_RATA,
    ) -> Changes:
        """Return the changes given as text (CLI options, API fields); errors name the field."""
        return cls(
            rate=None if rate is None else parse_decimal(rate, field="rate"),
            cap=None if cap is None else parse_cny(cap, field="cap"),
            budget=None if budget is None else parse_cny(budget, field="budget"),
            rationing=rationing,
        )

    @property
    def any(self) -> bool:
        """Tell whether a rate, cap or budget is changed."""
        return (self.rate, self.cap, self.budget) != (None, None, None)


def scenarios(programme: Programme, changes: Changes) -> tuple[Scenario, ...]:
    """Return the scenarios of a what-if: as today, withdrawn, and changed when asked.

    ``cap`` replaces every per-applicant-year cap by one cap of that amount.
    """
    today = Scenario("as today", programme, programme.annual_budget, changes.rationing)
    withdrawn = Scenario("withdrawn", None, None, changes.rationing)
    if not changes.any:
        return today, withdrawn
    changed = programme
    if changes.rate is not None:
        changed = replace(changed, rate=changes.rate)
    if changes.cap is not None:
        changed = replace(changed, per_applicant_year_caps=(YearCap("what_if", changes.cap),))
    budget = changes.budget if changes.budget is not None else programme.annual_budget
    return today, withdrawn, Scenario("changed", changed, budget, changes.rationing)


def default_product(programme: Programme, catalog: Catalog, day: date) -> Product:
    """Return the product a firm without one is offered under ``programme`` on ``day``."""
    on_sale = [p for p in catalog.products(day) if p.product_type in programme.product_types]
    candidates = on_sale or [
        p for p in catalog.products() if p.product_type in programme.product_types
    ]
    if not candidates:
        raise NotFound(
            f"no catalog product of the types {programme.id} subsidises", field="product"
        )

    def rank(product: Product) -> tuple[bool, bool]:
        risk_rated = isinstance(product.plans[0].premium, RiskRated)
        return non_response_reason(product) is not None, risk_rated

    return sorted(candidates, key=rank)[0]


def product_version(catalog: Catalog, product_id: str, day: date) -> tuple[Product, str | None]:
    """Return the version on sale on ``day``, else the latest, with a note when not on sale."""
    try:
        return catalog.get(product_id, on=day), None
    except NotFound as error:
        if error.field != "date":
            raise NotFound(error.message, field="product") from None
    product = catalog.get(product_id)
    return product, (
        f"{product.id} v{product.version} is on sale from {product.valid_from}, not on {day}: "
        "its terms stand for the product the firms were offered (J)"
    )


def units_for(product: Product, patents: int) -> int:
    """Return the units that insure all of a firm's ``patents`` under ``product``."""
    if product.insured_unit is InsuredUnit.PER_PATENT:
        return patents
    if product.insured_unit is InsuredUnit.PATENT_PACKAGE and product.package_size:
        return math.ceil(patents / product.package_size)
    return 1


@dataclass(frozen=True, slots=True)
class Offer:
    """What one firm is offered: the product version, its pricing and its engine terms."""

    product: Product
    pricing: Pricing
    terms: TermsReading

    @property
    def gross(self) -> Money:
        """The gross premium, rounded to the fen."""
        return self.pricing.gross_premium.rounded()


@dataclass(frozen=True, slots=True)
class Offers:
    """Every firm's offer (in population order) and the notes made choosing them."""

    firms: tuple[Offer, ...]
    notes: tuple[str, ...]

    def gross_cny(self) -> np.ndarray:
        """Return each firm's gross premium as CNY floats (the engine's unit here)."""
        return np.array([float(offer.gross.amount) for offer in self.firms])


@dataclass(frozen=True, slots=True)
class Market:
    """Where offers are made: the catalog, the day, the USD/CNY rate and the engine's parameters."""

    catalog: Catalog
    day: date
    fx: FxRate
    parameters: Parameters


def offers(
    population: Population, default: Product, market: Market, *, everyone: bool = False
) -> Offers:
    """Return the offer of every firm of ``population`` (priced once per product and units).

    A firm is offered its group's product, else ``default``; with ``everyone`` every firm is
    offered ``default``.
    """
    cache: dict[tuple[str, str | None, int], Offer] = {}
    notes: dict[str, None] = {}
    chosen: list[Offer] = []
    for firm in population.firms:
        product, note = (default, None)
        if firm.product_id is not None and not everyone:
            product, note = product_version(market.catalog, firm.product_id, market.day)
        if note:
            notes[note] = None
        key = (product.id, firm.plan, units_for(product, firm.patents))
        if key not in cache:
            pricing = book_pricing(product, firm.plan, key[2])
            if pricing.gross_premium.currency is not Currency.CNY:
                raise InvalidInput("product", f"{product.id} is not priced in CNY")
            terms = policy_terms(
                product, pricing, market.fx, market.parameters, reading=Reading.FAVOURABLE
            )
            cache[key] = Offer(product, pricing, terms)
        chosen.append(cache[key])
    return Offers(tuple(chosen), tuple(notes))


def _applicant(firm: Firm) -> Applicant:
    return Applicant(
        id=firm.id, region_code=firm.region_code, industries=firm.industries, flags=firm.flags
    )


def subsidies(
    scenario: Scenario, population: Population, chosen: Offers, *, day: date
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Return each firm's subsidy (CNY floats) under ``scenario``, and the evaluation warnings.

    Firms with the same offer and facts share one evaluation.
    """
    if scenario.programme is None:
        return np.zeros(population.size), ()
    programme = replace(scenario.programme, annual_budget=None)
    cache: dict[tuple[object, ...], Decimal] = {}
    warnings: dict[str, None] = {}
    amounts = []
    for firm, offer in zip(population.firms, chosen.firms, strict=True):
        facts = (
            offer.product.product_type,
            offer.gross,
            offer.pricing.base_premium,
            firm.region_code,
        )
        key = (*facts, firm.industries, firm.flags)
        if key not in cache:
            base = offer.pricing.base_premium
            decision = evaluate(
                SubsidyRequest(
                    programme=programme,
                    product_type=offer.product.product_type,
                    premium=offer.gross,
                    day=day,
                    applicant=_applicant(firm),
                    base_premium=base.rounded() if base is not None else None,
                )
            )
            cache[key] = decision.amount.amount if decision.eligible else Decimal(0)
            warnings.update(dict.fromkeys(decision.warnings))
        amounts.append(float(cache[key]))
    return np.array(amounts), tuple(warnings)


def variant(
    subsidy: np.ndarray,
    gross: np.ndarray,
    scenario: Scenario,
    *,
    elasticity: float,
    participation: float,
) -> Variant:
    """Return the engine's arrays for one scenario at one elasticity."""
    share = self_paid_share(gross, subsidy)
    return Variant(
        subsidy=subsidy,
        threshold=thresholds(share, elasticity=elasticity, participation=participation),
        fallback=thresholds(
            np.ones_like(gross), elasticity=elasticity, participation=participation
        ),
        budget=float(scenario.budget.amount) if scenario.budget is not None else math.inf,
        first_come=scenario.first_come,
    )


def take_up_inputs(
    gross: np.ndarray, ip_rights: Sequence[int], variants: Sequence[Variant]
) -> TakeUpInputs:
    """Return the engine's inputs: per-firm gross premium and IP rights, and the variants."""
    return TakeUpInputs(gross, np.array(ip_rights, dtype=np.float64), tuple(variants))
