"""Factories of domain values for tests (fakes, not mocks)."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

from patentshield.audit.recorder import record_mutations
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
from patentshield.enterprises.credit_code import check_character
from patentshield.enterprises.records import Findings, build_enterprise
from patentshield.enterprises.store import EnterpriseRepository
from patentshield.kernel.access import Caller
from patentshield.kernel.config import Settings
from patentshield.kernel.db import Database
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import FixedClock, Reference, Runtime

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
