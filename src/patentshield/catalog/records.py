"""The record schema of a catalog file: shape and types checked at the edge, then ``Product``.

A catalog file (YAML, described in ``docs/catalog.md``) holds one mapping per product version.
:class:`ProductRecord` checks one mapping field by field with pydantic — every problem of the
record at once, each with its path (``plans[0].premium.fixed_per_unit.amount``) — and
:func:`to_product` turns a valid record into the frozen
:class:`~patentshield.catalog.model.Product`. Amounts are written without currency and are in
the record's ``currency``. Rules that relate several fields (a rate on limit needs a fixed
limit, every cost category listed, …) live in :mod:`patentshield.catalog.checks`.

This module does no I/O: it validates values already read by the loader.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from patentshield.catalog.conditions import ClaimConditions, ClaimTrigger, SubLimitOrder
from patentshield.catalog.model import (
    Answer,
    BasePlusPerAddedPatent,
    ClaimHead,
    ClaimsBasis,
    ComplianceBounds,
    CostCategory,
    CounselRule,
    Cover,
    Exclusion,
    FixedLimit,
    FixedPerUnit,
    InsuredUnit,
    LimitRule,
    MultipleOfPremium,
    Plan,
    PremiumRule,
    Product,
    ProductType,
    RateOnLimit,
    RiskRated,
    Source,
    source_problem,
)
from patentshield.kernel.errors import RecordError
from patentshield.kernel.money import Currency, Money


def _iso_date(value: object) -> object:
    """Accept a ``date`` or ISO text only (pydantic would read an integer as a timestamp)."""
    if isinstance(value, date) or value is None:
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")


FORMER_UNIT_NAMES = {"per_product": InsuredUnit.PER_COMMODITY.value}
"""Insured-unit names of earlier catalog files, still read: ``per_product`` is a commodity."""


def _unit_name(value: object) -> object:
    return FORMER_UNIT_NAMES.get(value, value) if isinstance(value, str) else value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Unit = Annotated[InsuredUnit, BeforeValidator(_unit_name)]
Amount = Annotated[Decimal, Field(gt=0, allow_inf_nan=False)]
NonNegativeAmount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Territory = Annotated[str, StringConstraints(pattern=r"^([A-Z]{2}|worldwide|overseas)$")]
"""An ISO 3166 two-letter country code, ``overseas`` (outside China) or ``worldwide``."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FixedPerUnitRecord(_Record):
    """``{rule: fixed_per_unit, amount}``: premium per insured unit."""

    rule: Literal["fixed_per_unit"]
    amount: Amount


class BasePlusPerAddedPatentRecord(_Record):
    """``{rule: base_plus_per_added_patent, base, per_added, included}``."""

    rule: Literal["base_plus_per_added_patent"]
    base: Amount
    per_added: NonNegativeAmount
    included: int = Field(default=1, ge=0)


class RateOnLimitRecord(_Record):
    """``{rule: rate_on_limit, rate}``: premium = rate × the fixed aggregate limit."""

    rule: Literal["rate_on_limit"]
    rate: Annotated[Decimal, Field(gt=0, le=1, allow_inf_nan=False)]


class RiskRatedRecord(_Record):
    """``{rule: risk_rated}``: the premium is set per risk and given at quote time."""

    rule: Literal["risk_rated"]


class MultipleOfPremiumRecord(_Record):
    """``{rule: multiple_of_premium, aggregate, per_claim}``: limits as multiples of premium."""

    rule: Literal["multiple_of_premium"]
    aggregate: Amount
    per_claim: Amount | None = None


class FixedLimitRecord(_Record):
    """``{rule: fixed, aggregate, per_claim}``: limits as amounts."""

    rule: Literal["fixed"]
    aggregate: Amount
    per_claim: Amount | None = None


PremiumRecord = Annotated[
    FixedPerUnitRecord | BasePlusPerAddedPatentRecord | RateOnLimitRecord | RiskRatedRecord,
    Field(discriminator="rule"),
]
LimitRecord = Annotated[MultipleOfPremiumRecord | FixedLimitRecord, Field(discriminator="rule")]


class PlanRecord(_Record):
    """One plan: a name, a label, a premium rule and a limit rule."""

    name: Slug
    label: str = ""
    premium: PremiumRecord
    limit: LimitRecord


class SourceRecord(_Record):
    """A source: DOMAIN.md reference tag, address and what it shows.

    The address may be left out only for the article this project implements (``He §2``).
    """

    ref: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    note: str = ""

    @model_validator(mode="after")
    def _has_address(self) -> SourceRecord:
        problem = source_problem(self.ref, self.url)
        if problem is not None:
            raise ValueError(problem)
        return self


class ClaimHeadRecord(_Record):
    """A head of cover in the source's words and the 337 cost categories it names."""

    head: Text
    categories: list[CostCategory] = Field(default_factory=list)


class ClaimConditionsRecord(_Record):
    """The claims conditions of a wording (:mod:`patentshield.catalog.conditions`)."""

    claim_trigger: ClaimTrigger = ClaimTrigger.COMPLAINT
    sub_limit_order: SubLimitOrder = SubLimitOrder.AFTER_RETENTION
    settlement_consent: bool = True
    final_adjudication: bool = False


class ComplianceBoundsRecord(_Record):
    """How far a compliance score may move the product's premium and limits, and why."""

    max_premium_discount: Annotated[Decimal, Field(ge=0, le=Decimal("0.5"), allow_inf_nan=False)]
    max_limit_uplift: Annotated[Decimal, Field(ge=0, le=Decimal("1"), allow_inf_nan=False)]
    tag: Literal["J", "S"] = "J"
    source: str = ""

    @model_validator(mode="after")
    def _sourced(self) -> ComplianceBoundsRecord:
        if self.tag == "S" and not self.source.strip():
            raise ValueError("tag S needs the source that states the bounds")
        return self


class ProductRecord(_Record):
    """One product version as written in a catalog file."""

    id: Slug
    version: int = Field(ge=1)
    valid_from: IsoDate
    valid_to: IsoDate | None = None
    insurer: Text
    name: Text
    name_zh: Text
    product_type: ProductType
    insured_unit: Unit
    package_size: int | None = Field(default=None, ge=1)
    currency: Currency = Currency.CNY
    plans: list[PlanRecord] = Field(min_length=1)
    premium_range: tuple[Amount, Amount] | None = None
    deductible: NonNegativeAmount | None = None
    coinsurance: Annotated[Decimal, Field(allow_inf_nan=False)] = Decimal("0")
    sub_limits: dict[CostCategory, Amount] = Field(default_factory=dict)
    coverage: dict[CostCategory, Cover]
    itc_counts_as_lawsuit: Answer
    claims_basis: ClaimsBasis
    retroactive_years: int | None = Field(default=None, ge=0)
    exclusions: list[Exclusion] = Field(default_factory=list)
    counsel: CounselRule
    territory: list[Territory] = Field(default_factory=list)
    summary: str = ""
    sources: list[SourceRecord] = Field(min_length=1)
    claim_scope: list[ClaimHeadRecord] = Field(default_factory=list)
    illustrative: bool = False
    illustrative_terms: list[Text] = Field(default_factory=list)
    claim_conditions: ClaimConditionsRecord = Field(default_factory=ClaimConditionsRecord)
    compliance: ComplianceBoundsRecord | None = None


class CatalogFileRecord(_Record):
    """The whole file: an optional title and date, and the list of product records."""

    title: str = ""
    as_of: IsoDate | None = None
    products: list[object] = Field(min_length=1)


def error_path(location: Sequence[int | str]) -> str:
    """Return a pydantic error location as a field path, e.g. ``plans[0].premium``."""
    path = ""
    for part in location:
        if part == "[key]":  # pydantic marks an invalid mapping key this way
            continue
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path or "record"


def validation_errors(row: str, error: ValidationError) -> list[RecordError]:
    """Return each problem pydantic found as a :class:`RecordError` of ``row`` with its path."""
    return [
        RecordError(row, error_path(item["loc"]), item["msg"].removeprefix("Value error, "))
        for item in error.errors()
    ]


def _premium_rule(record: PremiumRecord, currency: Currency) -> PremiumRule:
    if isinstance(record, FixedPerUnitRecord):
        return FixedPerUnit(Money(record.amount, currency))
    if isinstance(record, BasePlusPerAddedPatentRecord):
        return BasePlusPerAddedPatent(
            Money(record.base, currency), Money(record.per_added, currency), record.included
        )
    if isinstance(record, RateOnLimitRecord):
        return RateOnLimit(record.rate)
    return RiskRated(currency)


def _limit_rule(record: LimitRecord, currency: Currency) -> LimitRule:
    if isinstance(record, MultipleOfPremiumRecord):
        return MultipleOfPremium(record.aggregate, record.per_claim)
    per_claim = Money(record.per_claim, currency) if record.per_claim is not None else None
    return FixedLimit(Money(record.aggregate, currency), per_claim)


def _plan(record: PlanRecord, currency: Currency) -> Plan:
    return Plan(
        name=record.name,
        premium=_premium_rule(record.premium, currency),
        limit=_limit_rule(record.limit, currency),
        label=record.label,
    )


def _money(amount: Decimal | None, currency: Currency) -> Money | None:
    return Money(amount, currency) if amount is not None else None


def to_product(record: ProductRecord) -> Product:
    """Return the :class:`Product` a validated record describes (amounts in its currency)."""
    currency = record.currency
    premium_range = None
    if record.premium_range is not None:
        low, high = record.premium_range
        premium_range = (Money(low, currency), Money(high, currency))
    return Product(
        id=record.id,
        version=record.version,
        valid_from=record.valid_from,
        valid_to=record.valid_to,
        insurer=record.insurer,
        name=record.name,
        name_zh=record.name_zh,
        product_type=record.product_type,
        insured_unit=record.insured_unit,
        plans=tuple(_plan(plan, currency) for plan in record.plans),
        coverage=dict(record.coverage),
        itc_counts_as_lawsuit=record.itc_counts_as_lawsuit,
        claims_basis=record.claims_basis,
        counsel=record.counsel,
        currency=currency,
        package_size=record.package_size,
        premium_range=premium_range,
        deductible=_money(record.deductible, currency),
        coinsurance=record.coinsurance,
        sub_limits={key: Money(value, currency) for key, value in record.sub_limits.items()},
        retroactive_years=record.retroactive_years,
        exclusions=tuple(record.exclusions),
        territory=tuple(record.territory),
        summary=record.summary.strip(),
        sources=tuple(Source(s.ref, s.url or "", s.note) for s in record.sources),
        claim_scope=tuple(
            ClaimHead(head.head, tuple(head.categories)) for head in record.claim_scope
        ),
        illustrative=record.illustrative,
        illustrative_terms=tuple(record.illustrative_terms),
        conditions=ClaimConditions(**record.claim_conditions.model_dump()),
        compliance=_compliance(record.compliance),
    )


def _compliance(record: ComplianceBoundsRecord | None) -> ComplianceBounds | None:
    if record is None:
        return None
    return ComplianceBounds(
        record.max_premium_discount, record.max_limit_uplift, record.tag, record.source.strip()
    )
