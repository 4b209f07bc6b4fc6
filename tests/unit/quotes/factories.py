"""Builders of quotes for the pure quote tests: a catalog product priced and assembled."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from patentshield.catalog.gaps import coverage_gap_report
from patentshield.catalog.model import InsuredUnit, Plan, Product, RiskRated
from patentshield.catalog.premium import Pricing, price_plan
from patentshield.kernel.money import Currency, FxRate, Money
from patentshield.quotes.assembly import ApplicantFacts, assemble_quote
from patentshield.quotes.model import Quote
from patentshield.subsidies.model import SubsidyOutcome

CREATED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
FX = FxRate(Currency.USD, Currency.CNY, Decimal("7.1884"), date(2025, 12, 31), "test fixing")
NO_SUBSIDY = SubsidyOutcome(Money.zero(Currency.CNY), None, None, ("no programme",))


def units_for(product: Product, wanted: int) -> int:
    """Return ``wanted`` units, or 1 where the product insures the whole enterprise."""
    return 1 if product.insured_unit is InsuredUnit.PER_ENTERPRISE else wanted


def pricing_of(product: Product, plan: Plan, units: int, premium: int = 100_000) -> Pricing:
    """Price ``plan``: at its tariff, or at ``premium`` when the plan is risk-rated."""
    negotiated = None
    if isinstance(plan.premium, RiskRated):
        negotiated = Money(Decimal(premium), product.currency)
    return price_plan(product, plan.name, units_for(product, units), negotiated=negotiated)


def quote_of(
    product: Product,
    pricing: Pricing,
    *,
    subsidy: SubsidyOutcome = NO_SUBSIDY,
    facts: ApplicantFacts | None = None,
    fx: FxRate = FX,
    fx_warnings: tuple[str, ...] = (),
    created_at: datetime = CREATED,
) -> Quote:
    """Assemble the quote of ``pricing`` on the product's first day."""
    return assemble_quote(
        quote_id="q-test",
        created_at=created_at,
        day=product.valid_from,
        product=product,
        pricing=pricing,
        subsidy=subsidy,
        fx=(fx, fx_warnings),
        gaps=coverage_gap_report(product),
        facts=facts or ApplicantFacts(),
    )
