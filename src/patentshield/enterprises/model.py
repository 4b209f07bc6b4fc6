"""The exporter profile: who the enterprise is, what it sells in the US, its patents and history.

An :class:`Enterprise` is an immutable value built by the importer (which checks every field)
and returned by the repository. Product classes carry annual US sales in USD as
:class:`~patentshield.kernel.money.Money`; the risk model reads them by HTS chapter. Applicant
flags and industry tags are what subsidy programmes test (DOMAIN.md §4.3).

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NewType

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Currency, Money, money_sum

EnterpriseId = NewType("EnterpriseId", str)
"""A short slug chosen by the user, e.g. ``sz-led-lighting``."""


class PatentJurisdiction(StrEnum):
    """Where a patent was granted."""

    CN = "CN"
    US = "US"


class PatentKind(StrEnum):
    """Kinds of patent (Chinese law has three; a US design patent maps to ``design``)."""

    INVENTION = "invention"  # 发明专利 / US utility patent
    UTILITY_MODEL = "utility_model"  # 实用新型
    DESIGN = "design"  # 外观设计 / US design patent


class CaseRole(StrEnum):
    """The enterprise's side in a past US case: ITC parties vs district-court parties."""

    RESPONDENT = "respondent"  # 被申请人 (ITC)
    COMPLAINANT = "complainant"  # 申请人 (ITC)
    DEFENDANT = "defendant"  # 被告 (court)
    PLAINTIFF = "plaintiff"  # 原告 (court)

    def is_itc_role(self) -> bool:
        """Tell whether the role is a party name used in Section 337 investigations."""
        return self in (CaseRole.RESPONDENT, CaseRole.COMPLAINANT)


class ApplicantFlag(StrEnum):
    """Facts about an applicant that subsidy programmes test (DOMAIN.md §4.3)."""

    SINGLE_CHAMPION = "single_champion"  # 制造业单项冠军
    SPECIALISED_SME = "specialised_sme"  # 专精特新
    KEY_SECTOR_SME = "key_sector_sme"  # 重点领域中小企业 (Beijing patent pilot)
    HIGH_VALUE_PATENTS = "high_value_patents"  # 高价值专利 (Shandong +10 pp)
    BELT_AND_ROAD_MARKETS = "belt_and_road_markets"  # 一带一路 target markets (Shandong)
    NO_ILLEGAL_RECORD_2Y = "no_illegal_record_2y"  # 两年内无违法记录 (Beijing)
    EXPORT_ORIENTED = "export_oriented"  # 外向型企业
    CROSS_BORDER_ECOMMERCE_SELLER = "cross_border_ecommerce_seller"  # 跨境电商卖家 (Dongguan)
    FIRST_APPLICATION = "first_application"  # 首次投保 (Beijing patent pilot)


class ImportOutcome(StrEnum):
    """What saving one imported profile did."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class DivisionLevel(StrEnum):
    """Levels of the national administrative division codes (行政区划代码)."""

    PROVINCE = "province"  # 省级: provinces, autonomous regions, SARs, Taiwan
    MUNICIPALITY = "municipality"  # 直辖市: provincial level and a city at once
    PREFECTURE = "prefecture"  # 地级市 and other prefecture-level divisions
    COUNTY = "county"  # 县级: districts, counties, county-level cities


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division: its 6-digit code, level and names."""

    code: str
    level: DivisionLevel
    name: str
    name_zh: str


@dataclass(frozen=True, slots=True)
class Region:
    """Where an enterprise is: a division code and the listed divisions containing it.

    ``divisions`` runs from the province down to the most specific division in the shipped
    table. A code that the table does not list keeps the divisions above it that it does list
    (then :attr:`is_listed` is false).
    """

    code: str
    divisions: tuple[Division, ...]

    @property
    def is_listed(self) -> bool:
        """Tell whether the code itself is in the shipped table."""
        return bool(self.divisions) and self.divisions[-1].code == self.code

    def _at(self, *levels: DivisionLevel) -> Division | None:
        return next((d for d in self.divisions if d.level in levels), None)

    @property
    def province(self) -> Division | None:
        """The provincial-level division (a municipality counts)."""
        return self._at(DivisionLevel.PROVINCE, DivisionLevel.MUNICIPALITY)

    @property
    def city(self) -> Division | None:
        """The prefecture-level city, or the municipality itself."""
        return self._at(DivisionLevel.PREFECTURE, DivisionLevel.MUNICIPALITY)

    @property
    def district(self) -> Division | None:
        """The county-level division (district, county or county-level city)."""
        return self._at(DivisionLevel.COUNTY)

    @property
    def name(self) -> str:
        """English name, most specific first: ``Bao'an, Shenzhen, Guangdong``."""
        return ", ".join(d.name for d in reversed(self.divisions))

    @property
    def name_zh(self) -> str:
        """Chinese name, province first: ``广东省深圳市宝安区``."""
        return "".join(d.name_zh for d in self.divisions)

    def is_within(self, prefix: str) -> bool:
        """Tell whether the region lies in the division whose code starts with ``prefix``.

        Subsidy programmes name their region by a code prefix (``4403`` is Shenzhen).
        """
        return self.code.startswith(prefix)


@dataclass(frozen=True, slots=True)
class Industry:
    """An industry tag of the shipped vocabulary."""

    id: str
    name: str
    name_zh: str
    shenzhen_strategic: bool
    note: str = ""


@dataclass(frozen=True, slots=True)
class ProductClass:
    """A class of goods the enterprise sells in the US, with its HTS codes and sales."""

    name: str
    hts_codes: tuple[str, ...]
    annual_us_sales: Money

    def __post_init__(self) -> None:
        if self.annual_us_sales.currency is not Currency.USD:
            raise InvalidInput("annual_us_sales", "annual US sales are counted in USD")
        if self.annual_us_sales.is_negative():
            raise InvalidInput("annual_us_sales", "annual US sales cannot be negative")


@dataclass(frozen=True, slots=True)
class Patent:
    """A patent the enterprise owns."""

    jurisdiction: PatentJurisdiction
    number: str
    kind: PatentKind
    title: str
    expiry: date | None = None
    high_value: bool = False

    def is_in_force(self, day: date) -> bool:
        """Tell whether the patent is in force on ``day`` (an unknown expiry counts as yes)."""
        return self.expiry is None or day < self.expiry


@dataclass(frozen=True, slots=True)
class PastCase:
    """A past US case the enterprise took part in (ITC investigation or court suit)."""

    number: str
    year: int
    role: CaseRole
    outcome: str = ""


@dataclass(frozen=True, slots=True)
class Enterprise:
    """An exporter's profile.

    Parameters
    ----------
    id
        The user's slug for the enterprise.
    name, name_zh
        Registered name in English and (optionally) in Chinese.
    credit_code
        Unified social credit code, validated (GB 32100-2015).
    region
        Where the enterprise is registered.
    product_classes, patents, past_cases
        In the order given by the user.
    has_compliance_programme
        Whether the enterprise runs an IP compliance programme.
    industries
        Tags from the shipped industry vocabulary.
    flags
        Applicant facts that subsidy programmes test.
    """

    id: EnterpriseId
    name: str
    credit_code: str
    region: Region
    name_zh: str | None = None
    product_classes: tuple[ProductClass, ...] = ()
    patents: tuple[Patent, ...] = ()
    past_cases: tuple[PastCase, ...] = ()
    has_compliance_programme: bool = False
    industries: frozenset[str] = field(default_factory=frozenset)
    flags: frozenset[ApplicantFlag] = field(default_factory=frozenset)

    def total_us_sales(self) -> Money:
        """Return the annual US sales of all product classes, in USD (zero when none)."""
        return money_sum([p.annual_us_sales for p in self.product_classes], Currency.USD)

    def patent_numbers(self) -> tuple[str, ...]:
        """Return the numbers of the enterprise's patents, in the order given."""
        return tuple(p.number for p in self.patents)

    def hts_codes(self) -> tuple[str, ...]:
        """Return every HTS code of every product class, without repeats, in order."""
        return tuple(dict.fromkeys(c for p in self.product_classes for c in p.hts_codes))

    def hts_chapters(self) -> tuple[int, ...]:
        """Return the HTS chapters the enterprise sells in, sorted."""
        return tuple(sorted({int(code[:2]) for code in self.hts_codes()}))

    def has_flag(self, flag: ApplicantFlag) -> bool:
        """Tell whether the enterprise carries ``flag``."""
        return flag in self.flags

    def has_itc_history(self) -> bool:
        """Tell whether the enterprise was a party to a past Section 337 investigation."""
        return any(case.role.is_itc_role() for case in self.past_cases)
