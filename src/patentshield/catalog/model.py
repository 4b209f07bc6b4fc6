"""Products of the catalog: insurance products with their terms, as immutable values.

A product is a versioned, date-effective record (``id``, ``version``, ``valid_from``,
``valid_to``) describing what it insures (unit), how its premium and limits are set (one or
more *plans*), the deductible, coinsurance and sub-limits, and — the question exporters cannot
answer from a wording — whether it covers each cost category of a Section 337 defence and
whether an ITC administrative investigation counts as a covered "lawsuit" (诉讼), the open
question of DOMAIN.md §7 item 7.

Terms that no source shows are marked *illustrative*: ``Product.illustrative_terms`` names
them and every output built on them must say so.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from patentshield.catalog.conditions import ClaimConditions
from patentshield.kernel.money import Currency, Money


class ProductType(StrEnum):
    """Kinds of Chinese IP insurance (DOMAIN.md §4.1; the last five from He §2)."""

    PATENT_ENFORCEMENT = "patent_enforcement"  # 专利执行保险
    PATENT_INFRINGEMENT_LOSS = "patent_infringement_loss"  # 专利被侵权损失保险
    PATENT_INFRINGEMENT_LIABILITY = "patent_infringement_liability"  # 专利侵权责任保险
    OVERSEAS_IP_INFRINGEMENT_LIABILITY = (
        "overseas_ip_infringement_liability"  # 海外知识产权侵权责任保险
    )
    OVERSEAS_IP_DISPUTE_LEGAL_EXPENSE = (
        "overseas_ip_dispute_legal_expense"  # 知识产权海外纠纷法律费用保险
    )
    PATENT_LICENSING_CREDIT = "patent_licensing_credit"  # 专利许可信用保险
    IP_PLEDGE_LOAN_GUARANTEE = "ip_pledge_loan_guarantee"  # 知识产权质押融资保证保险
    PATENT_AGENCY_PROFESSIONAL_LIABILITY = (
        "patent_agency_professional_liability"  # 专利代理职业责任保险
    )
    IP_COMPREHENSIVE = "ip_comprehensive"  # 知识产权综合保险
    PCT_APPLICATION = "pct_application"  # PCT 专利申请费用保险
    PLANT_VARIETY = "plant_variety"  # 植物新品种权保险
    IP_TRANSACTION = "ip_transaction"  # 知识产权交易(开放许可)保险
    TECHNOLOGY_COMPREHENSIVE = "technology_comprehensive"  # 科技综合保险(含知识产权保护)
    PATENT_INTENSIVE_PRODUCT_LIABILITY = (
        "patent_intensive_product_liability"  # 专利密集型产品责任保险
    )
    TRADEMARK = "trademark"  # 商标保险
    COPYRIGHT = "copyright"  # 著作权(版权)保险
    OVERSEAS_IP_RIGHTS_PROTECTION = "overseas_ip_rights_protection"  # 海外知识产权维权保险


NON_PATENT_TYPES = frozenset({ProductType.TRADEMARK, ProductType.COPYRIGHT})
"""Product types that insure rights other than patents: none answers a patent 337 case."""


class CostCategory(StrEnum):
    """Cost categories of a Section 337 case (DOMAIN.md §2.3); the risk engine uses the same."""

    US_COUNSEL = "us_counsel"
    LOCAL_COUNSEL = "local_counsel"
    EXPERTS = "experts"
    WITNESSES = "witnesses"
    TRAVEL = "travel"
    EDISCOVERY_TRANSLATION = "ediscovery_translation"
    AGENCY_COURT_COSTS = "agency_court_costs"
    IPR_PTAB = "ipr_ptab"
    DESIGN_AROUND_CBP = "design_around_cbp"
    SETTLEMENT_LICENCE = "settlement_licence"
    DAMAGES = "damages"
    PRESIDENTIAL_REVIEW_BOND = "presidential_review_bond"
    LOST_US_PROFIT = "lost_us_profit"


COST_CATEGORY_LABELS: dict[CostCategory, str] = {
    CostCategory.US_COUNSEL: "US counsel (ITC bar)",
    CostCategory.LOCAL_COUNSEL: "Local (Chinese) counsel and coordination",
    CostCategory.EXPERTS: "External expert witnesses",
    CostCategory.WITNESSES: "Witness attendance",
    CostCategory.TRAVEL: "Travel and lodging",
    CostCategory.EDISCOVERY_TRANSLATION: "E-discovery and translation",
    CostCategory.AGENCY_COURT_COSTS: "Agency and court costs",
    CostCategory.IPR_PTAB: "IPR at the PTAB",
    CostCategory.DESIGN_AROUND_CBP: "Design-around and CBP ruling",
    CostCategory.SETTLEMENT_LICENCE: "Settlement or licence payments",
    CostCategory.DAMAGES: "Damages (parallel district court)",
    CostCategory.PRESIDENTIAL_REVIEW_BOND: "Bond during presidential review",
    CostCategory.LOST_US_PROFIT: "Lost US profit after an exclusion order",
}


class Cover(StrEnum):
    """Whether a product pays for a cost category."""

    COVERED = "covered"
    NOT_COVERED = "not_covered"
    UNCLEAR = "unclear"


class Answer(StrEnum):
    """A yes / no / unclear answer read from a wording."""

    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"


class InsuredUnit(StrEnum):
    """What one unit of cover insures (DOMAIN.md §4.2, [R97]).

    The 2012 Beijing pilot let a firm insure each patent, each commodity or the whole
    enterprise (He §2): a *commodity* is one product class of the enterprise profile (an HTS
    line), insured with all its patents.
    """

    PER_PATENT = "per_patent"
    PER_COMMODITY = "per_commodity"
    PER_ENTERPRISE = "per_enterprise"
    PATENT_PACKAGE = "patent_package"


class ClaimsBasis(StrEnum):
    """What triggers cover: a claim first made in the period, or an event occurring in it."""

    CLAIMS_MADE = "claims_made"  # 索赔发生制
    OCCURRENCE = "occurrence"  # 事故发生制


class Exclusion(StrEnum):
    """Exclusions seen in Chinese and US wordings (DOMAIN.md §4.2)."""

    KNOWN_DISPUTES = "known_disputes"
    WILFUL_INFRINGEMENT = "wilful_infringement"
    INSURED_OWN_STAFF_AS_EXPERTS = "insured_own_staff_as_experts"
    DESIGN_PATENTS = "design_patents"
    LICENCE_BREACH = "licence_breach"
    INSURED_VERSUS_INSURED = "insured_versus_insured"
    GOVERNMENT_SUITS = "government_suits"
    ANTITRUST = "antitrust"
    PENDING_OR_EXPIRED_PATENTS = "pending_or_expired_patents"


class CounselRule(StrEnum):
    """How the insured may choose defence counsel."""

    FREE_CHOICE = "free_choice"
    PRIOR_CONSENT = "prior_consent"
    PANEL_ONLY = "panel_only"
    PANEL_OR_CONSENT = "panel_or_consent"


# --- premium rules -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FixedPerUnit:
    """Premium = ``amount`` × number of insured units."""

    amount: Money


@dataclass(frozen=True, slots=True)
class BasePlusPerAddedPatent:
    """Premium = ``base`` per policy + ``per_added`` for each patent beyond ``included``."""

    base: Money
    per_added: Money
    included: int = 1


@dataclass(frozen=True, slots=True)
class RateOnLimit:
    """Premium = ``rate`` × the aggregate limit (the limit rule must then be fixed)."""

    rate: Decimal


@dataclass(frozen=True, slots=True)
class RiskRated:
    """Premium set per risk: by the risk engine, or negotiated and given at quote time."""

    currency: Currency = Currency.CNY


PremiumRule = FixedPerUnit | BasePlusPerAddedPatent | RateOnLimit | RiskRated


# --- limit rules ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MultipleOfPremium:
    """Aggregate limit = ``aggregate`` × premium; per-claim limit likewise when given."""

    aggregate: Decimal
    per_claim: Decimal | None = None


@dataclass(frozen=True, slots=True)
class FixedLimit:
    """Fixed aggregate limit (per policy period) and optional per-claim limit."""

    aggregate: Money
    per_claim: Money | None = None


LimitRule = MultipleOfPremium | FixedLimit


@dataclass(frozen=True, slots=True)
class Plan:
    """One purchasable variant of a product: its premium rule and limit rule."""

    name: str
    premium: PremiumRule
    limit: LimitRule
    label: str = ""


ARTICLE_REF = "He §2"
"""Reference tag of §2 of the article this project implements (a printed work: no address)."""

ARTICLE = (
    "He, \"Patent insurance is beneficial for China's foreign trade enterprises to deal with "
    'the IP barriers of the US", §2'
)
"""The article this project implements, as cited where :data:`ARTICLE_REF` is the tag."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where terms come from: a DOMAIN.md reference tag and its address.

    Only the article (:data:`ARTICLE_REF`) is cited without an address (``url`` empty).
    """

    ref: str
    url: str
    note: str = ""

    @property
    def address(self) -> str:
        """Return where to read the source: its address, or the article's citation."""
        return self.url or (ARTICLE if self.ref == ARTICLE_REF else "")


def source_problem(ref: str, url: str | None) -> str | None:
    """Return why a source cannot be used (no address, and not the article), or ``None``."""
    if url or ref.strip() == ARTICLE_REF:
        return None
    return f"source {ref!r} needs an address (url); only {ARTICLE_REF} is cited without one"


@dataclass(frozen=True, slots=True)
class ClaimHead:
    """A head of cover in the source's own words and the 337 cost categories it names.

    ``categories`` is empty when the head pays no cost of a Section 337 defence.
    """

    head: str
    categories: tuple[CostCategory, ...] = ()


@dataclass(frozen=True, slots=True)
class ComplianceBounds:
    """How far a compliance score may move a product's terms (issue 12 item 5).

    A score ``s`` between 0 and 1 takes ``s × max_premium_discount`` off the tariff premium and
    adds ``s × max_limit_uplift`` to the limits, so neither ever exceeds its bound. ``tag`` is
    ``J`` (a judgement) when no source states the figures, ``S`` when ``source`` does.
    """

    max_premium_discount: Decimal
    max_limit_uplift: Decimal
    tag: str = "J"
    source: str = ""


@dataclass(frozen=True, slots=True)
class Product:
    """A version of an insurance product, valid on the days ``[valid_from, valid_to)``."""

    id: str
    version: int
    valid_from: date
    valid_to: date | None
    insurer: str
    name: str
    name_zh: str
    product_type: ProductType
    insured_unit: InsuredUnit
    plans: tuple[Plan, ...]
    coverage: dict[CostCategory, Cover]
    itc_counts_as_lawsuit: Answer
    claims_basis: ClaimsBasis
    counsel: CounselRule
    currency: Currency = Currency.CNY
    package_size: int | None = None
    premium_range: tuple[Money, Money] | None = None
    deductible: Money | None = None
    coinsurance: Decimal = Decimal("0")
    sub_limits: dict[CostCategory, Money] = field(default_factory=dict)
    retroactive_years: int | None = None
    exclusions: tuple[Exclusion, ...] = ()
    territory: tuple[str, ...] = ()
    summary: str = ""
    sources: tuple[Source, ...] = ()
    claim_scope: tuple[ClaimHead, ...] = ()
    illustrative: bool = False
    illustrative_terms: tuple[str, ...] = ()
    conditions: ClaimConditions = field(default_factory=ClaimConditions)
    compliance: ComplianceBounds | None = None

    def is_valid_on(self, day: date) -> bool:
        """Tell whether this version is on sale on ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    def plan(self, name: str | None) -> Plan:
        """Return the plan called ``name`` (the only plan when ``name`` is ``None``)."""
        if name is None:
            return self.plans[0]
        for plan in self.plans:
            if plan.name == name:
                return plan
        raise KeyError(name)

    def cover_for(self, category: CostCategory) -> Cover:
        """Return whether ``category`` is covered (categories not listed are not covered)."""
        return self.coverage.get(category, Cover.NOT_COVERED)
