from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.kernel.errors import CurrencyMismatch, InvalidInput
from patentshield.kernel.money import (
    Currency,
    FxRate,
    Money,
    money_max,
    money_min,
    money_sum,
    parse_amount,
    parse_currency,
    parse_decimal,
    parse_fx_rate,
)

amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4, allow_nan=False
)
currencies = st.sampled_from(list(Currency))


def test_money_is_built_from_text_and_keeps_the_exact_decimal():
    assert Money.of("0.10", "CNY") + Money.of("0.20", "CNY") == Money.of("0.30", "CNY")


def test_a_float_is_refused_as_an_amount():
    with pytest.raises(TypeError):
        Money(0.1, Currency.CNY)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as error:
        parse_decimal(0.1, field="premium")
    assert error.value.field == "premium"


def test_mixing_currencies_is_an_error():
    with pytest.raises(CurrencyMismatch):
        _ = Money.of(1, "CNY") + Money.of(1, "USD")
    with pytest.raises(CurrencyMismatch):
        _ = Money.of(1, "CNY") < Money.of(1, "USD")


def test_rounding_is_half_up_to_the_minor_unit():
    assert Money.of("0.125", "CNY").rounded().amount == Decimal("0.13")
    assert Money.of("-0.125", "CNY").rounded().amount == Decimal("-0.13")
    assert Money.of("2.004", "USD").rounded().amount == Decimal("2.00")


def test_an_unknown_currency_names_the_field():
    with pytest.raises(InvalidInput) as error:
        parse_currency("EUR")
    assert error.value.field == "currency"
    assert "EUR" in error.value.reason


def test_malformed_numbers_are_refused_with_the_field_named():
    for text in ["abc", "", "1e", "NaN", "Infinity"]:
        with pytest.raises(InvalidInput) as error:
            parse_decimal(text, field="premium")
        assert error.value.field == "premium"


def test_thousands_separators_are_accepted_in_amounts():
    assert parse_decimal("1,440,000", field="x") == Decimal("1440000")


def test_json_carries_the_amount_as_a_rounded_string():
    assert Money.of("1440000", "CNY").to_json() == {"amount": "1440000.00", "currency": "CNY"}


def test_a_rate_converts_both_ways_between_its_currencies():
    rate = FxRate(Currency.USD, Currency.CNY, Decimal("7.1884"), date(2024, 12, 31))
    assert rate.convert(Money.of(100, "USD")) == Money.of("718.84", "CNY")
    assert rate.convert(Money.of("718.84", "CNY")).rounded() == Money.of("100.00", "USD")


def test_a_rate_must_be_positive_and_between_two_currencies():
    with pytest.raises(InvalidInput):
        FxRate(Currency.USD, Currency.CNY, Decimal("0"), date(2024, 1, 1))
    with pytest.raises(InvalidInput):
        FxRate(Currency.USD, Currency.USD, Decimal("1"), date(2024, 1, 1))


def test_min_max_and_sum_work_within_one_currency():
    a, b = Money.of(1, "CNY"), Money.of(2, "CNY")
    assert money_min(a, b) == a
    assert money_max(a, b) == b
    assert money_sum([a, b], Currency.CNY) == Money.of(3, "CNY")
    assert money_sum([], Currency.USD) == Money.zero(Currency.USD)


@given(amounts, amounts, currencies)
def test_addition_is_commutative_and_subtraction_undoes_it(a, b, currency):
    x, y = Money(a, currency), Money(b, currency)
    assert x + y == y + x
    assert (x + y) - y == x


@given(amounts, amounts, amounts, currencies)
def test_addition_is_associative(a, b, c, currency):
    x, y, z = Money(a, currency), Money(b, currency), Money(c, currency)
    assert (x + y) + z == x + (y + z)


@given(amounts, currencies)
def test_rounding_moves_an_amount_by_at_most_half_a_minor_unit(a, currency):
    money = Money(a, currency)
    assert abs(money.rounded().amount - money.amount) <= Decimal("0.005")
    assert money.rounded().rounded() == money.rounded()


@given(amounts, st.integers(min_value=-1000, max_value=1000), currencies)
def test_multiplying_by_an_integer_equals_repeated_addition(a, n, currency):
    money = Money(a, currency)
    repeated = money_sum([money] * abs(n), currency)
    assert money * n == (repeated if n >= 0 else -repeated)


@pytest.mark.parametrize("text", ["1,5", "12,34,5", "1,0000", ",100", "1__000", "1_0", "1,000_000"])
def test_misplaced_thousands_separators_are_refused_not_dropped(text):
    with pytest.raises(InvalidInput) as error:
        parse_decimal(text, field="premium")
    assert error.value.field == "premium"
    assert "not a number" in error.value.reason


@pytest.mark.parametrize(
    ("text", "number"),
    [("1,440,000", "1440000"), ("1_440_000.5", "1440000.5"), ("-12.50", "-12.50"), (".5", "0.5")],
)
def test_well_formed_numbers_are_read_exactly(text, number):
    assert parse_decimal(text, field="x") == Decimal(number)


@pytest.mark.parametrize("text", ["1e400", "1E5", "9" * 5000, "1" + "0" * 40])
def test_exponents_and_endless_digits_are_one_clear_error(text):
    with pytest.raises(InvalidInput) as error:
        parse_decimal(text, field="premium")
    assert error.value.field == "premium"
    assert len(error.value.one_line()) < 200


def test_an_amount_beyond_the_plausible_or_with_fractions_of_a_cent_is_refused():
    with pytest.raises(InvalidInput, match="implausible"):
        parse_amount("9,999,999,999,999,999.99", field="amount")
    with pytest.raises(InvalidInput, match="decimals"):
        parse_amount("10.005", field="amount")
    with pytest.raises(InvalidInput, match="negative"):
        parse_amount("-1000", field="amount")
    assert parse_amount("10.50", field="amount") == Decimal("10.50")


def test_an_exchange_rate_too_small_to_store_is_refused():
    with pytest.raises(InvalidInput, match="smallest rate") as error:
        parse_fx_rate("0.000000004")
    assert error.value.field == "fx_rate"
    with pytest.raises(InvalidInput, match="decimals"):
        parse_fx_rate("7.123456789")
    assert parse_fx_rate("7.1884") == Decimal("7.1884")
