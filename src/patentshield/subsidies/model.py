"""Subsidy programmes, applicants, requests and decisions as immutable values.

A :class:`Programme` is one version of a government premium-subsidy rule, valid on the days
``[valid_from, valid_to)``: who may claim (region, product types, industries, flags), how much
(a rate of the premium or of the base premium, plus uplifts) and the caps (per policy, per
applicant and year, programme budget per year). Facts about the applicant that the caller did
not give are ``None`` — "not known", which evaluation treats as *assumed eligible* and says so —
as opposed to an empty set, which means "known to hold none".

Amounts are CNY :class:`~patentshield.kernel.money.Money`; rates are Decimal shares of the
premium (``0.50`` = 50 %; ``None``: :data:`RATE_NOT_PUBLISHED`, never computing a subsidy);
uplifts are percentage points (``10`` = +10 pp).

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from patentshield.catalog.model import ProductType, Source
from patentshield.kernel.dates import Period
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Currency, Money, check_amount, parse_decimal

__all__ = [
    "RATE_NOT_PUBLISHED",
    "WHOLE_YEAR_KEY",
    "Applicant",
    "Basis",
    "Confidence",
    "Grant",
    "GrantRequest",
    "Programme",
    "Source",
    "SubsidyDecision",
    "SubsidyRequest",
    "YearCap",
    "parse_cny",
    "parse_product_type",
    "parse_region_code",
    "source_tags",
]

RATE_NOT_PUBLISHED = "rate not published"
"""How a programme file, listing and trace say that no source shows a programme's rate."""

WHOLE_YEAR_KEY = "all"
"""Ledger key of an applicant's yearly total when the programme sets no applicant-year cap."""

_REGION_CODE = re.compile(r"^\d{2}(\d{2}){0,2}$")


class Basis(StrEnum):
    """What the subsidy rate applies to."""

    PREMIUM = "premium"  # the premium actually paid (实际支付保费)
    BASE_PREMIUM = "base_premium"  # only the base premium (基础保费), Foshan Chancheng 2012


class Confidence(StrEnum):
    """How well the sources support a programme's figures (DOMAIN.md flags)."""

    VERIFIED = "V"  # rule text or figure read in the cited source
    SECONDARY = "S"  # secondary source (press, law-firm note)
    UNVERIFIED = "U"  # general knowledge, not verified
    DERIVED = "D"  # derived by arithmetic from cited figures
    JUDGEMENT = "J"  # our judgement where the sources are silent (said why in a note)


def source_tags(sources: tuple[Source, ...]) -> str:
    """Return the distinct reference tags of ``sources`` in order, e.g. ``[R79][R80]``."""
    return "".join(f"[{tag}]" for tag in dict.fromkeys(source.ref for source in sources))


def parse_region_code(value: str, *, field: str = "region_code") -> str:
    """Return a national administrative division code (prefix) of 2, 4 or 6 digits.

    >>> parse_region_code(" 440305 ")
    '440305'
    """
    code = value.strip()
    if not _REGION_CODE.match(code):
        raise InvalidInput(field, f"{value!r} is not a division code of 2, 4 or 6 digits")
    return code


def parse_product_type(value: str, *, field: str = "product_type") -> ProductType:
    """Return the :class:`ProductType` named ``value`` or raise :class:`InvalidInput`."""
    try:
        return ProductType(value.strip().lower())
    except ValueError:
        known = ", ".join(item.value for item in ProductType)
        raise InvalidInput(
            field, f"unknown product type {value!r}; expected one of {known}"
        ) from None


def parse_cny(value: object, *, field: str) -> Money:
    """Parse a non-negative, plausible CNY amount of at most two decimals (fen), naming ``field``.

    >>> parse_cny("1,500", field="premium")
    Money(amount=Decimal('1500'), currency=<Currency.CNY: 'CNY'>)
    """
    amount = Money(parse_decimal(value, field=field), Currency.CNY)
    _check_amount(amount, field)
    check_amount(amount.amount, field=field)
    return amount


def _check_amount(amount: Money, field: str) -> None:
    if amount.currency is not Currency.CNY:
        raise InvalidInput(field, f"{amount} must be in CNY, the currency of the programmes")
    if amount.is_negative():
        raise InvalidInput(field, f"{amount.amount} must not be negative")
    if amount.rounded().amount != amount.amount:
        raise InvalidInput(field, f"{amount.amount} has more than two decimals (fen)")


@dataclass(frozen=True, slots=True)
class YearCap:
    """A cap on what one applicant may receive from a programme in one calendar year.

    Parameters
    ----------
    key
        Stable name of the cap. Grants under the same key share one running total in the
        ledger (Shandong caps enforcement/loss and overseas liability separately).
    amount
        The cap, CNY.
    product_types
        The product types the cap covers; empty means every type the programme subsidises.
    flag
        When set, the cap applies only to applicants holding this flag (Beijing: single
        champions ≤ CNY 500,000, key-sector SMEs ≤ CNY 200,000).
    """

    key: str
    amount: Money
    product_types: frozenset[ProductType] = frozenset()
    flag: str | None = None

    def covers(self, product_type: ProductType) -> bool:
        """Tell whether the cap counts grants for ``product_type``."""
        return not self.product_types or product_type in self.product_types

    def describe(self) -> str:
        """Return the cap in words, e.g. ``CNY 200,000.00 (flag key_sector_sme)``."""
        scope = [f"flag {self.flag}"] if self.flag else []
        scope += sorted(item.value for item in self.product_types)
        return f"{self.amount} ({', '.join(scope)})" if scope else str(self.amount)


@dataclass(frozen=True, slots=True)
class Programme:
    """A version of a premium-subsidy programme, valid on the days ``[valid_from, valid_to)``.

    ``valid_to`` ``None`` means open-ended. ``rate`` is a share of the ``basis`` (``None``:
    not published, so no amount can be computed); ``uplifts``
    maps an applicant flag to extra percentage points, of which the largest matching one is
    added once. ``notes`` state what a reader must know and evaluation does not check
    (conditions of the rule left unchecked, limits of the data); every decision repeats them as
    warnings, as it does ``illustrative_terms`` (the terms no source shows).
    """

    id: str
    version: int
    valid_from: date
    valid_to: date | None
    name: str
    name_zh: str
    rule: str
    body: str
    region_code: str
    product_types: frozenset[ProductType]
    rate: Decimal | None
    basis: Basis = Basis.PREMIUM
    industries: frozenset[str] = frozenset()
    required_flags: frozenset[str] = frozenset()
    excluded_flags: frozenset[str] = frozenset()
    uplifts: dict[str, Decimal] = field(default_factory=dict)
    per_policy_cap: Money | None = None
    per_applicant_year_caps: tuple[YearCap, ...] = ()
    min_premium: Money | None = None
    annual_budget: Money | None = None
    one_per_ip_right_per_product_type: bool = False
    exclusive_of_other_bodies: bool = False
    sources: tuple[Source, ...] = ()
    flags_confidence: Confidence = Confidence.VERIFIED
    illustrative_terms: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def period(self) -> Period:
        """The half-open period of validity (open-ended as ``date.max``)."""
        return Period(self.valid_from, self.valid_to or date.max)

    def is_valid_on(self, day: date) -> bool:
        """Tell whether this version applies to a policy whose premium date is ``day``."""
        return self.period.contains(day)

    def covers_region(self, region_code: str) -> bool:
        """Tell whether the programme and the area ``region_code`` overlap.

        An applicant's 6-digit code is inside the programme when it starts with the
        programme's prefix; a shorter code (a province) contains the programmes below it.
        """
        return region_code.startswith(self.region_code) or self.region_code.startswith(region_code)

    def source_tags(self) -> str:
        """Return the distinct reference tags, e.g. ``[R79][R80]``."""
        return source_tags(self.sources)

    def describe_period(self) -> str:
        """Return the period as ``[2024-01-01, open)``."""
        end = self.valid_to.isoformat() if self.valid_to else "open"
        return f"[{self.valid_from.isoformat()}, {end})"


@dataclass(frozen=True, slots=True)
class Applicant:
    """What a subsidy check knows about the applicant; ``None`` means "not given".

    ``region_code`` is the 6-digit administrative division code of the applicant (a shorter
    prefix is accepted for anonymous checks); ``industries`` are industry tags (for Shenzhen
    the caller adds ``shenzhen_strategic`` when an industry is one of the 20 + 8 it names);
    ``flags`` are applicant flags such as ``single_champion`` or ``high_value_patents``.
    """

    id: str | None = None
    region_code: str | None = None
    industries: frozenset[str] | None = None
    flags: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if self.region_code is not None:
            parse_region_code(self.region_code)
        if self.id is not None and not self.id.strip():
            raise InvalidInput("applicant", "the applicant id must not be blank")


@dataclass(frozen=True, slots=True)
class SubsidyRequest:
    """Everything :func:`~patentshield.subsidies.evaluate.evaluate` needs for one policy.

    ``granted_this_year`` is what this programme already granted this applicant in the year of
    ``day`` under the cap that applies; ``budget_used_this_year`` what the programme granted
    everyone that year; ``already_subsidised`` the (IP right, product type) pairs this
    programme subsidised before; ``other_bodies_granted`` what other granting bodies paid for
    this policy. ``None`` means "not given" and is assumed to be nothing.
    """

    programme: Programme
    product_type: ProductType
    premium: Money
    day: date
    applicant: Applicant = field(default_factory=Applicant)
    base_premium: Money | None = None
    granted_this_year: Money | None = None
    budget_used_this_year: Money | None = None
    ip_rights: tuple[str, ...] = ()
    already_subsidised: frozenset[tuple[str, ProductType]] = frozenset()
    other_bodies_granted: tuple[tuple[str, Money], ...] | None = None

    def __post_init__(self) -> None:
        _check_amount(self.premium, "premium")
        amounts = {
            "base_premium": self.base_premium,
            "granted_this_year": self.granted_this_year,
            "budget_used_this_year": self.budget_used_this_year,
        }
        for name, amount in amounts.items():
            if amount is not None:
                _check_amount(amount, name)
        for _body, granted in self.other_bodies_granted or ():
            _check_amount(granted, "other_bodies_granted")
        if self.base_premium is not None and self.base_premium > self.premium:
            raise InvalidInput("base_premium", "the base premium cannot exceed the premium")
        if any(not right.strip() for right in self.ip_rights):
            raise InvalidInput("ip_rights", "an IP right must not be blank")


@dataclass(frozen=True, slots=True)
class SubsidyDecision:
    """The outcome of evaluating one request: the amount, rounded to the fen, and its trace.

    ``refusals`` repeats the eligibility checks that failed; ``year_cap_key`` names the
    applicant-year total the amount counts against in the ledger; ``subsidised_ip_rights`` the
    rights the subsidy uses (one subsidy per right and product type, where the programme has
    that rule). ``rate_published`` false: no source shows the rate, so the amount is zero.
    """

    amount: Money
    programme_id: str
    programme_version: int
    eligible: bool
    explanation: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    refusals: tuple[str, ...] = ()
    year_cap_key: str = WHOLE_YEAR_KEY
    subsidised_ip_rights: tuple[str, ...] = ()
    rate_published: bool = True


@dataclass(frozen=True, slots=True)
class GrantRequest:
    """A request to record a subsidy grant for one policy in the ledger.

    The applicant must have an id: the ledger keeps running totals per applicant and year.
    ``reference`` names the policy or quote the premium belongs to.
    """

    programme_id: str
    applicant: Applicant
    product_type: ProductType
    premium: Money
    day: date
    reference: str
    base_premium: Money | None = None
    ip_rights: tuple[str, ...] = ()
    other_bodies_granted: tuple[tuple[str, Money], ...] | None = None

    def __post_init__(self) -> None:
        if self.applicant.id is None:
            raise InvalidInput("applicant", "a grant needs the applicant's id")
        if not self.reference.strip():
            raise InvalidInput("reference", "a grant needs the policy or quote reference")
        if len(set(self.ip_rights)) != len(self.ip_rights):
            raise InvalidInput("ip_rights", "an IP right is listed twice")

    @property
    def applicant_id(self) -> str:
        """The applicant's id (checked to be present)."""
        return self.applicant.id or ""

    def fingerprint(self) -> str:
        """Return a SHA-256 digest of the request, to tell a replay from a different request."""
        facts = {
            "programme": self.programme_id,
            "applicant": [
                self.applicant.id,
                self.applicant.region_code,
                _sorted_or_none(self.applicant.industries),
                _sorted_or_none(self.applicant.flags),
            ],
            "product_type": self.product_type.value,
            "premium": str(self.premium.amount),
            "base_premium": str(self.base_premium.amount) if self.base_premium else None,
            "day": self.day.isoformat(),
            "reference": self.reference,
            "ip_rights": sorted(self.ip_rights),
            "other_bodies": None
            if self.other_bodies_granted is None
            else sorted([body, str(money.amount)] for body, money in self.other_bodies_granted),
        }
        text = json.dumps(facts, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _sorted_or_none(values: frozenset[str] | None) -> list[str] | None:
    return None if values is None else sorted(values)


@dataclass(frozen=True, slots=True)
class Grant:
    """A subsidy recorded in the ledger: what was granted, to whom, for which policy and why."""

    id: str
    idempotency_key: str
    programme_id: str
    programme_version: int
    applicant_id: str
    year: int
    day: date
    product_type: ProductType
    reference: str
    ip_rights: tuple[str, ...]
    premium: Money
    amount: Money
    year_cap_key: str
    created_at: datetime
    explanation: tuple[str, ...]
    warnings: tuple[str, ...] = ()
