"""Money: a Decimal amount with an ISO 4217 currency, and explicit exchange rates.

Rules (STYLE.md rule 8):

* amounts are :class:`~decimal.Decimal`, never float; a float given to :class:`Money` is refused;
* adding, subtracting or comparing amounts in different currencies raises
  :class:`~patentshield.kernel.errors.CurrencyMismatch`; conversion needs an :class:`FxRate`;
* rounding to the currency's minor unit (ROUND_HALF_UP) happens only through
  :meth:`Money.rounded`, called at named points (quote, subsidy, ledger entry).

>>> premium = Money.of("16000", "CNY")
>>> (premium * 90).rounded()
Money(amount=Decimal('1440000.00'), currency=<Currency.CNY: 'CNY'>)
>>> rate = FxRate(Currency.USD, Currency.CNY, Decimal("7.1884"), date(2024, 12, 31))
>>> rate.convert(Money.of("1000", "USD")).rounded().amount
Decimal('7188.40')

This module is pure: no I/O, no clock, no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from patentshield.kernel.errors import CurrencyMismatch, InvalidInput


class Currency(StrEnum):
    """ISO 4217 currencies the platform handles."""

    CNY = "CNY"
    USD = "USD"

    @property
    def minor_unit(self) -> Decimal:
        """Smallest unit of the currency (fen, cent)."""
        return Decimal("0.01")


def parse_currency(value: str, *, field: str = "currency") -> Currency:
    """Return the :class:`Currency` for an ISO code, or raise :class:`InvalidInput`."""
    try:
        return Currency(value.strip().upper())
    except ValueError:
        known = ", ".join(c.value for c in Currency)
        raise InvalidInput(field, f"unknown currency {value!r}; expected one of {known}") from None


def parse_decimal(value: object, *, field: str) -> Decimal:
    """Parse a decimal amount given as text or int (never float); raise :class:`InvalidInput`."""
    if isinstance(value, bool | float):
        raise InvalidInput(field, f"{value!r} must be given as text or an integer, not a float")
    if isinstance(value, Decimal):
        number = value
    else:
        text = str(value).strip().replace(",", "").replace("_", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise InvalidInput(field, f"{value!r} is not a number") from None
    if not number.is_finite():
        raise InvalidInput(field, f"{value!r} is not a finite number")
    return number


@dataclass(frozen=True, slots=True, order=False)
class Money:
    """An amount of money in one currency.

    Parameters
    ----------
    amount
        The amount, a Decimal (not rounded until :meth:`rounded` is called).
    currency
        The ISO 4217 currency.
    """

    amount: Decimal
    currency: Currency

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError(f"Money amount must be Decimal, got {type(self.amount).__name__}")
        if not self.amount.is_finite():
            raise InvalidInput("amount", f"{self.amount} is not a finite amount")

    @classmethod
    def of(cls, amount: str | int | Decimal, currency: str | Currency) -> Money:
        """Build money from text or an integer and a currency code."""
        field = "amount"
        return cls(parse_decimal(amount, field=field), parse_currency(str(currency)))

    @classmethod
    def zero(cls, currency: Currency) -> Money:
        """Return zero in ``currency``."""
        return cls(Decimal("0"), currency)

    def _same(self, other: Money) -> None:
        if self.currency is not other.currency:
            raise CurrencyMismatch(
                f"cannot combine {self.currency} and {other.currency} without an exchange rate"
            )

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int):
            raise TypeError("money can only be multiplied by a Decimal or an int")
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.amount >= other.amount

    def is_zero(self) -> bool:
        """Tell whether the amount is zero."""
        return self.amount == 0

    def is_negative(self) -> bool:
        """Tell whether the amount is below zero."""
        return self.amount < 0

    def rounded(self) -> Money:
        """Round to the currency's minor unit, half up: the only rounding point."""
        quantum = self.currency.minor_unit
        return Money(self.amount.quantize(quantum, rounding=ROUND_HALF_UP), self.currency)

    def to_json(self) -> dict[str, str]:
        """Return the JSON shape ``{"amount": "123.45", "currency": "CNY"}`` (rounded)."""
        return {"amount": str(self.rounded().amount), "currency": self.currency.value}

    def __str__(self) -> str:
        return f"{self.currency.value} {self.rounded().amount:,}"


def money_min(first: Money, *others: Money) -> Money:
    """Return the smallest of amounts in one currency."""
    smallest = first
    for other in others:
        if other < smallest:
            smallest = other
    return smallest


def money_max(first: Money, *others: Money) -> Money:
    """Return the largest of amounts in one currency."""
    largest = first
    for other in others:
        if other > largest:
            largest = other
    return largest


def money_sum(amounts: list[Money], currency: Currency) -> Money:
    """Add amounts of one currency; an empty list sums to zero in ``currency``."""
    total = Money.zero(currency)
    for amount in amounts:
        total = total + amount
    return total


@dataclass(frozen=True, slots=True)
class FxRate:
    """An exchange rate: one unit of ``base`` is worth ``rate`` units of ``quote`` on ``as_of``.

    Parameters
    ----------
    base, quote
        The two currencies; ``rate`` is quote per base (USD/CNY 7.1884 means 1 USD = 7.1884 CNY).
    rate
        A positive Decimal.
    as_of
        The day the rate was fixed.
    source
        Where the rate comes from (a central-parity publication, a user's input).
    """

    base: Currency
    quote: Currency
    rate: Decimal
    as_of: date
    source: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.rate, Decimal) or not self.rate.is_finite() or self.rate <= 0:
            raise InvalidInput("fx_rate", f"exchange rate must be a positive Decimal: {self.rate}")
        if self.base is self.quote:
            raise InvalidInput("fx_rate", "an exchange rate needs two different currencies")

    def convert(self, money: Money) -> Money:
        """Convert ``money`` (in either currency of the pair) into the other currency, unrounded."""
        if money.currency is self.base:
            return Money(money.amount * self.rate, self.quote)
        if money.currency is self.quote:
            return Money(money.amount / self.rate, self.base)
        raise CurrencyMismatch(
            f"rate {self.base}/{self.quote} cannot convert an amount in {money.currency}"
        )

    def to_json(self) -> dict[str, str]:
        """Return the JSON shape of the rate."""
        return {
            "base": self.base.value,
            "quote": self.quote.value,
            "rate": str(self.rate),
            "as_of": self.as_of.isoformat(),
            "source": self.source,
        }
