"""An exporter's simulated 337 risk, and what a product would pay for it (pure assembly).

:func:`assess_policy` prices a product plan for the exporter — at its tariff, at a premium
given by the caller, or, for a risk-rated plan without a premium, at the engine's indicated
premium — reads its terms for the engine, and applies them to the exporter's simulated years,
once as they are and once without an aggregate limit (for the limit that would cover 99 % of
years). The years are simulated once and kept (:class:`Simulation`, :mod:`.years_cache`).
What the exporter still bears is its cost *as an insured* (insured respondents default less,
:mod:`patentshield.risk.simulate`) minus what the policy pays. Risk-rated plans whose limit is
a multiple of the premium are solved by fixed-point iteration on those same years (common
random numbers): premium → limit → indicated premium.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from patentshield.assessment.exposure import Reading, TermsReading, money_from_usd, policy_terms
from patentshield.assessment.recommend import Candidate, Recommendation
from patentshield.assessment.years_cache import YearsCache
from patentshield.catalog.model import MultipleOfPremium, Product, RiskRated
from patentshield.catalog.premium import Pricing, price_plan
from patentshield.enterprises.model import Enterprise
from patentshield.kernel.errors import RuleViolation
from patentshield.kernel.money import FxRate, Money
from patentshield.risk.distributions import FloatArray
from patentshield.risk.exposure import ExposureProfile
from patentshield.risk.measures import Estimate
from patentshield.risk.montecarlo import block_count
from patentshield.risk.parameters import Parameters
from patentshield.risk.pricing import Price, exhaustion_chance, limit_covering, price
from patentshield.risk.simulate import SimulatedYears, YearResults
from patentshield.risk.terms import CoverTerms

COVER_SHARE = 0.99
"""Share of simulated years the suggested limit pays in full."""

MAX_ITERATIONS = 40


@dataclass(frozen=True, slots=True)
class Simulation:
    """How to simulate: parameters, the exporter, years, seed, threads, and where years are kept.

    The exporter's years are simulated once, on first use, and kept in ``cache`` (the
    runtime's :class:`YearsCache`, else one of the simulation's own); every :meth:`run`
    applies its policies' terms to those same years (common random numbers).
    """

    parameters: Parameters
    profile: ExposureProfile
    years: int
    seed: int
    threads: int = 1
    on_block: Callable[[int], None] | None = field(default=None, compare=False)
    cache: YearsCache = field(default_factory=YearsCache, compare=False, repr=False)

    def simulated(self) -> SimulatedYears:
        """Return the exporter's simulated years, simulating them only when not yet kept.

        ``on_block`` is told of each block of years simulated (progress; never changes a
        result).
        """
        return self.cache.years(
            self.parameters,
            self.profile,
            years=self.years,
            seed=self.seed,
            threads=self.threads,
            on_block=self.on_block,
        )

    def run(self, policies: tuple[CoverTerms, ...]) -> YearResults:
        """Return the exporter's years under ``policies`` (the same years every call)."""
        return self.simulated().under(policies)

    @property
    def blocks(self) -> int:
        """How many blocks of years a run takes (the total of its progress)."""
        return block_count(self.years)


@dataclass(frozen=True, slots=True)
class PolicyAssessment:
    """A product plan priced for an exporter and its simulated payments (engine unit USD)."""

    product: Product
    pricing: Pricing
    premium_basis: str
    reading: TermsReading
    price: Price
    insured: FloatArray
    retained: FloatArray
    insured_by_category: FloatArray
    uncovered_by_category: FloatArray
    exhaustion: Estimate
    limit_covering: float
    results: YearResults


def _unlimited(terms: CoverTerms) -> CoverTerms:
    return replace(terms, aggregate_limit=math.inf, per_claim_limit=math.inf)


def _priced(product: Product, plan: str | None, units: int, premium: Money | None) -> Pricing:
    return price_plan(product, plan, units, negotiated=premium)


def risk_rated_pricing(
    simulation: Simulation,
    product: Product,
    read: Callable[[Pricing], TermsReading],
    *,
    plan: str | None,
    units: int,
    fx: FxRate,
) -> Pricing:
    """Return the pricing at the engine's indicated premium (fixed point for premium limits).

    Raises
    ------
    RuleViolation
        When the product pays nothing for the exporter's simulated cases (field ``premium``).
    """
    currency = product.currency
    premium = Money(Decimal(1), currency)
    is_multiple = isinstance(product.plan(plan).limit, MultipleOfPremium)
    for _ in range(MAX_ITERATIONS if is_multiple else 1):
        pricing = _priced(product, plan, units, premium)
        results = simulation.run((read(pricing).terms,))
        indicated = price(simulation.parameters, results.insured[0]).indicated_premium
        new_premium = money_from_usd(indicated, currency, fx)
        if new_premium.amount <= 0:
            raise RuleViolation(
                f"{product.id} pays nothing for a Section 337 case of this exporter under the "
                "model, so the engine cannot rate it; give --premium",
                field="premium",
            )
        if abs(new_premium.amount - premium.amount) <= Decimal("0.01"):
            break
        premium = new_premium
    return _priced(product, plan, units, new_premium)


def engine_pricing(
    simulation: Simulation,
    product: Product,
    *,
    plan: str | None,
    units: int,
    fx: FxRate,
    reading: Reading = Reading.FAVOURABLE,
) -> Pricing:
    """Return the pricing of a risk-rated plan at the engine's indicated premium."""

    def read(pricing: Pricing) -> TermsReading:
        return policy_terms(product, pricing, fx, simulation.parameters, reading=reading)

    return risk_rated_pricing(simulation, product, read, plan=plan, units=units, fx=fx)


def assess_policy(
    simulation: Simulation,
    product: Product,
    *,
    plan: str | None,
    units: int,
    premium: Money | None,
    fx: FxRate,
    reading: Reading,
) -> PolicyAssessment:
    """Price ``product`` for the exporter and simulate what it pays."""

    def read(pricing: Pricing) -> TermsReading:
        return policy_terms(product, pricing, fx, simulation.parameters, reading=reading)

    rule = product.plan(plan).premium if _has_plan(product, plan) else None
    if isinstance(rule, RiskRated) and premium is None:
        pricing = risk_rated_pricing(simulation, product, read, plan=plan, units=units, fx=fx)
        basis = "risk-rated: the engine's indicated premium"
    else:
        pricing = _priced(product, plan, units, premium)
        basis = "negotiated" if premium is not None else "tariff"
    terms = read(pricing)
    results = simulation.run((terms.terms, _unlimited(terms.terms)))
    insured = results.insured[0]
    return PolicyAssessment(
        product=product,
        pricing=pricing,
        premium_basis=basis,
        reading=terms,
        price=price(simulation.parameters, insured),
        insured=insured,
        retained=results.cost_when_insured - insured,
        insured_by_category=results.insured_by_category[0] / simulation.years,
        uncovered_by_category=results.uncovered_by_category[0] / simulation.years,
        exhaustion=exhaustion_chance(int(results.limit_exhausted[0]), simulation.years),
        limit_covering=limit_covering(results.insured[1], COVER_SHARE),
        results=results,
    )


def _has_plan(product: Product, plan: str | None) -> bool:
    try:
        product.plan(plan)
    except KeyError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class RiskReport:
    """An exporter's simulated years and, when a product was given, its assessment."""

    enterprise: Enterprise
    simulation: Simulation
    results: YearResults
    assessment: PolicyAssessment | None
    fx: FxRate
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RecommendationReport:
    """The ranked products for an exporter, those left out and the simulation behind them."""

    enterprise: Enterprise
    simulation: Simulation
    results: YearResults
    baseline_tvar_usd: float
    ranked: list[Recommendation]
    left_out: list[Candidate]
    fx: FxRate
    warnings: tuple[str, ...]
