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

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from patentshield.kernel.errors import CurrencyMismatch, InvalidInput
from patentshield.kernel.limits import (
    MAX_AMOUNT,
    MAX_FX_RATE,
    MAX_NUMBER_DIGITS,
    MIN_FX_RATE,
    MONEY_DECIMAL_PLACES,
    RATE_DECIMAL_PLACES,
)


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


_NUMBER = re.compile(
    r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:_[0-9]{3})+|[0-9]*)(?:\.[0-9]*)?", re.ASCII
)
"""A plain decimal number: digits, thousands separators only in groups of three, a point."""


def parse_decimal(value: object, *, field: str) -> Decimal:
    """Parse a decimal amount given as text or int (never float); raise :class:`InvalidInput`.

    Text must be a plain decimal number: ``1440000``, ``1,440,000`` or ``1_440_000`` (every
    group after the first of exactly three digits), ``-12.5``; no exponent, at most
    :data:`~patentshield.kernel.limits.MAX_NUMBER_DIGITS` digits.

    >>> parse_decimal("1,440,000.50", field="premium")
    Decimal('1440000.50')
    >>> parse_decimal("1,5", field="premium")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    patentshield.kernel.errors.InvalidInput: '1,5' is not a number (thousands separators ...)
    """
    if isinstance(value, bool | float):
        raise InvalidInput(field, f"{value!r} must be given as text or an integer, not a float")
    number = value if isinstance(value, Decimal) else _plain_number(str(value), field=field)
    if not number.is_finite():
        raise InvalidInput(field, f"{value!r} is not a finite number")
    if len(number.as_tuple().digits) > MAX_NUMBER_DIGITS:
        raise InvalidInput(field, f"{_shown(value)} has more than {MAX_NUMBER_DIGITS} digits")
    return number


def _shown(value: object) -> str:
    text = repr(str(value)) if not isinstance(value, Decimal) else str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _plain_number(text: str, *, field: str) -> Decimal:
    stripped = text.strip()
    if len(stripped) > 4 * MAX_NUMBER_DIGITS or not any(c.isdigit() for c in stripped):
        raise InvalidInput(
            field,
            f"{_shown(text)} is not a number",
            message_id="refusal.not_a_number",
            params={"value": text.strip()},
        )
    if _NUMBER.fullmatch(stripped) is None:
        hint = " (thousands separators group three digits: 1,234,567.89)" if "," in text else ""
        if "e" in stripped.lower():
            hint = " (write it out in full: no exponent)"
        raise InvalidInput(
            field,
            f"{_shown(text)} is not a number{hint}",
            message_id="refusal.not_a_number",
            params={"value": stripped},
        )
    return Decimal(stripped.replace(",", "").replace("_", ""))


def check_amount(amount: Decimal, *, field: str, allow_negative: bool = False) -> Decimal:
    """Return ``amount`` if a user may give it as money, else raise :class:`InvalidInput`.

    It must have at most two decimal places and lie within ±
    :data:`~patentshield.kernel.limits.MAX_AMOUNT` (not below zero unless allowed).

    >>> check_amount(Decimal("9999999999999999.99"), field="amount")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    patentshield.kernel.errors.InvalidInput: 9999999999999999.99 is implausible: more than ...
    """
    if abs(amount) > MAX_AMOUNT:
        raise InvalidInput(field, f"{amount} is implausible: more than {MAX_AMOUNT:,}")
    if amount != amount.quantize(Decimal(1).scaleb(-MONEY_DECIMAL_PLACES)):
        raise InvalidInput(field, f"{amount} has more than {MONEY_DECIMAL_PLACES} decimals")
    if amount < 0 and not allow_negative:
        raise InvalidInput(
            field, f"{amount} is negative", message_id="refusal.negative", params={"value": amount}
        )
    return amount


def parse_amount(value: object, *, field: str, allow_negative: bool = False) -> Decimal:
    """Parse an amount of money given by a user (:func:`parse_decimal`, :func:`check_amount`)."""
    return check_amount(
        parse_decimal(value, field=field), field=field, allow_negative=allow_negative
    )


def parse_money(amount: object, currency: str, *, field: str = "amount") -> Money:
    """Parse an amount and its ISO currency given by a user (:func:`parse_amount`).

    >>> parse_money("1,500.00", "cny")
    Money(amount=Decimal('1500.00'), currency=<Currency.CNY: 'CNY'>)
    """
    return Money(parse_amount(amount, field=field), parse_currency(currency))


def check_fx_rate(rate: Decimal, *, field: str = "fx_rate") -> Decimal:
    """Return ``rate`` if it is a usable exchange rate, else raise :class:`InvalidInput`.

    It must lie within :data:`~patentshield.kernel.limits.MIN_FX_RATE` and
    :data:`~patentshield.kernel.limits.MAX_FX_RATE` and have at most eight decimals (what
    the rate column stores): a rate that would be stored as something else is refused.

    >>> check_fx_rate(Decimal("0.000000004"))
    Traceback (most recent call last):
    ...
    patentshield.kernel.errors.InvalidInput: 4E-9 is below the smallest rate, 0.0001
    """
    if rate <= 0:
        raise InvalidInput(field, f"{rate} must be positive")
    if rate < MIN_FX_RATE:
        raise InvalidInput(field, f"{rate} is below the smallest rate, {MIN_FX_RATE}")
    if rate > MAX_FX_RATE:
        raise InvalidInput(field, f"{rate} is above the largest rate, {MAX_FX_RATE}")
    if rate != rate.quantize(Decimal(1).scaleb(-RATE_DECIMAL_PLACES)):
        raise InvalidInput(field, f"{rate} has more than {RATE_DECIMAL_PLACES} decimals")
    return rate


def parse_fx_rate(value: object, *, field: str = "fx_rate") -> Decimal:
    """Parse an exchange rate given by a user (:func:`parse_decimal`, :func:`check_fx_rate`)."""
    return check_fx_rate(parse_decimal(value, field=field), field=field)


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

    @classmethod
    def from_json(cls, value: object, *, field: str = "amount") -> Money:
        """Read the JSON shape of :meth:`to_json` back; anything else is :class:`InvalidInput`.

        >>> Money.from_json({"amount": "1440000.00", "currency": "CNY"})
        Money(amount=Decimal('1440000.00'), currency=<Currency.CNY: 'CNY'>)
        """
        if not isinstance(value, dict) or set(value) != {"amount", "currency"}:
            raise InvalidInput(field, f"{value!r} is not an amount {{amount, currency}}")
        amount, currency = value["amount"], value["currency"]
        if not isinstance(amount, str | int) or not isinstance(currency, str):
            raise InvalidInput(field, f"{value!r}: the amount is text, the currency a code")
        return cls(parse_decimal(amount, field=field), parse_currency(currency, field=field))

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
