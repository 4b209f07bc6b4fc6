"""Factories of domain values for tests (fakes, not mocks)."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import yaml

from patentshield.audit.recorder import record_mutations
from patentshield.catalog.gaps import coverage_gap_report
from patentshield.catalog.model import (
    Answer,
    BasePlusPerAddedPatent,
    ClaimsBasis,
    CostCategory,
    CounselRule,
    Cover,
    Exclusion,
    FixedLimit,
    FixedPerUnit,
    InsuredUnit,
    MultipleOfPremium,
    Plan,
    Product,
    ProductType,
    RiskRated,
)
from patentshield.catalog.premium import Pricing, price_plan
from patentshield.enterprises.credit_code import check_character
from patentshield.enterprises.records import Findings, build_enterprise
from patentshield.enterprises.store import EnterpriseRepository
from patentshield.kernel.access import Caller
from patentshield.kernel.config import Settings
from patentshield.kernel.db import Database
from patentshield.kernel.money import Currency, FxRate, Money
from patentshield.kernel.runtime import FixedClock, Reference, Runtime
from patentshield.quotes.assembly import ApplicantFacts, assemble_quote
from patentshield.quotes.model import Quote
from patentshield.subsidies.catalog import Programmes, find_programme
from patentshield.subsidies.choice import SubsidyOutcome
from patentshield.subsidies.model import (
    Applicant,
    Programme,
    Source,
    SubsidyRequest,
    YearCap,
    parse_cny,
)

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
"""The moment a test runtime's clock is stopped at, unless a test gives another."""


def runtime_of(
    database: Database,
    *,
    now: datetime = NOW,
    loaders: Mapping[type, Callable[[], object]] | None = None,
    caller: Caller | None = None,
    settings: Settings | None = None,
) -> Runtime:
    """A runtime on ``database`` with its clock stopped at ``now``, recording the audit log.

    ``loaders`` replaces reference data by kind, e.g. ``{Catalog: lambda: my_catalog}``;
    ``caller`` is the user it acts for (``None``: the CLI's operator).
    """
    return Runtime(
        settings or Settings(),
        database=database,
        clock=FixedClock(now),
        reference=Reference(loaders),
        caller=caller,
        session_hooks=(record_mutations,),
    )


def cny(amount: str | int) -> Money:
    return Money.of(amount, "CNY")


def usd(amount: str | int) -> Money:
    return Money.of(amount, "USD")


def product(**changes: object) -> Product:
    """An overseas-liability product covering counsel and settlements; override any field."""
    fields: dict[str, object] = {
        "id": "test-overseas-liability",
        "version": 1,
        "valid_from": date(2020, 1, 1),
        "valid_to": None,
        "insurer": "Test Insurer",
        "name": "Test overseas IP infringement liability",
        "name_zh": "测试海外知识产权侵权责任保险",
        "product_type": ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY,
        "insured_unit": InsuredUnit.PER_ENTERPRISE,
        "plans": (Plan("standard", FixedPerUnit(cny(50_000)), MultipleOfPremium(Decimal("40"))),),
        "coverage": {
            CostCategory.US_COUNSEL: Cover.COVERED,
            CostCategory.SETTLEMENT_LICENCE: Cover.COVERED,
            CostCategory.EXPERTS: Cover.UNCLEAR,
        },
        "itc_counts_as_lawsuit": Answer.YES,
        "claims_basis": ClaimsBasis.CLAIMS_MADE,
        "counsel": CounselRule.PRIOR_CONSENT,
        "territory": ("US",),
        "exclusions": (Exclusion.WILFUL_INFRINGEMENT,),
    }
    fields.update(changes)
    return Product(**fields)  # type: ignore[arg-type]


def picc_like() -> Product:
    return product(
        id="test-picc",
        product_type=ProductType.PATENT_ENFORCEMENT,
        insured_unit=InsuredUnit.PER_PATENT,
        plans=(
            Plan(
                "standard",
                BasePlusPerAddedPatent(cny(2000), cny(200)),
                MultipleOfPremium(Decimal("15")),
            ),
            Plan(
                "enhanced",
                BasePlusPerAddedPatent(cny(4000), cny(400)),
                MultipleOfPremium(Decimal("30")),
            ),
        ),
    )


def risk_rated(**changes: object) -> Product:
    return product(
        id="test-risk-rated",
        plans=(Plan("standard", RiskRated(), FixedLimit(cny(5_000_000), cny(2_000_000))),),
        **changes,
    )


def register_enterprises(
    runtime: Runtime,
    ids: Sequence[str],
    *,
    region: str = "440305",
    industries: Sequence[str] = ("ultra_hd_display",),
) -> None:
    """Register exporters with these ids (valid credit codes, one product class) in ``runtime``.

    The default industry is one of Shenzhen's strategic clusters (its programme requires one).
    """
    findings = Findings()
    with runtime.unit_of_work() as session:
        repository = EnterpriseRepository(session)
        for number, enterprise_id in enumerate(ids, start=1):
            first17 = f"914403005{zlib.crc32(enterprise_id.encode()) % 10**8:08d}"
            record = {
                "id": enterprise_id,
                "name": f"Exporter {enterprise_id}",
                "credit_code": first17 + check_character(first17),
                "region": region,
                "industries": list(industries),
                "product_classes": [
                    {"name": "LED lamps", "hts": ["9405.42"], "annual_us_sales_usd": "1000000"}
                ],
            }
            enterprise = build_enterprise(
                record, row=number, findings=findings, today=runtime.clock.today()
            )
            assert enterprise is not None, findings.errors
            repository.save(enterprise, now=runtime.clock.now())


# Catalog records and files (the loader and runtime tests): one valid record, changed per test.


def catalog_record(**changes: object) -> dict[str, object]:
    """A valid overseas-liability record; ``changes`` replace or add fields."""
    fields: dict[str, object] = {
        "id": "demo-liability",
        "version": 1,
        "valid_from": "2024-01-01",
        "valid_to": None,
        "insurer": "Demo Insurer",
        "name": "Demo overseas liability",
        "name_zh": "演示海外侵权责任保险",
        "product_type": "overseas_ip_infringement_liability",
        "insured_unit": "per_enterprise",
        "plans": [plan_record()],
        "coverage": {category.value: "unclear" for category in CostCategory},
        "itc_counts_as_lawsuit": "unclear",
        "claims_basis": "claims_made",
        "counsel": "prior_consent",
        "sources": [{"ref": "R86", "url": "http://www.chinaiptoday.com/post.html?id=1817"}],
    }
    fields.update(changes)
    return fields


def plan_record(**changes: object) -> dict[str, object]:
    """A valid plan: CNY 50,000 per unit, aggregate limit 40 × premium."""
    fields: dict[str, object] = {
        "name": "standard",
        "premium": {"rule": "fixed_per_unit", "amount": 50000},
        "limit": {"rule": "multiple_of_premium", "aggregate": 40},
    }
    fields.update(changes)
    return fields


def write_catalog(path: Path, *records: dict[str, object]) -> Path:
    """Write ``records`` as a catalog file at ``path`` and return the path."""
    path.write_text(yaml.safe_dump({"products": list(records)}, allow_unicode=True), "utf-8")
    return path


# Subsidy programmes and requests (the subsidy rule tests).

SUBSIDY_DAY = date(2024, 6, 1)
"""The day the subsidies tests evaluate on, unless a test gives another."""


def shipped_programme(programme_id: str, day: date = SUBSIDY_DAY) -> Programme:
    """Return the shipped programme version in force on ``day``."""
    return find_programme(programme_id, day, Programmes.shipped())


def synthetic_programme(**changes: object) -> Programme:
    """Return a plain programme (50 % of premium, region 4403) with ``changes`` applied."""
    base = Programme(
        id="test-programme",
        version=1,
        valid_from=date(2024, 1, 1),
        valid_to=date(2025, 1, 1),
        name="Test programme",
        name_zh="测试",
        rule="test rule",
        body="Test body",
        region_code="4403",
        product_types=frozenset({ProductType.PATENT_ENFORCEMENT}),
        rate=Decimal("0.50"),
        sources=(Source("R0", "https://example.invalid/rule"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def year_cap(
    key: str, amount: int, *, flag: str | None = None, types: tuple[ProductType, ...] = ()
) -> YearCap:
    """Return an applicant-year cap."""
    return YearCap(key, parse_cny(str(amount), field="cap"), frozenset(types), flag)


def subsidy_request(
    programme: Programme,
    premium: int | str,
    *,
    product_type: ProductType = ProductType.PATENT_ENFORCEMENT,
    day: date = SUBSIDY_DAY,
    **changes: object,
) -> SubsidyRequest:
    """Return a request for ``premium`` CNY under ``programme`` with ``changes`` applied."""
    base = SubsidyRequest(
        programme=programme,
        product_type=product_type,
        premium=parse_cny(str(premium), field="premium"),
        day=day,
        applicant=Applicant(),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# Quotes priced and assembled (the pure quote tests).

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
