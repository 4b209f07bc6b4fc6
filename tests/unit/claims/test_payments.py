"""Payments never exceed what was adjudicated, whatever is requested in whatever order."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.claims.payments import payment_amount
from patentshield.kernel.errors import InvalidInput, RuleViolation
from patentshield.kernel.money import Money

AMOUNT = st.decimals(min_value=Decimal("-10"), max_value=Decimal("5000000"), places=2)


@given(AMOUNT.filter(lambda a: a >= 0), st.lists(st.one_of(st.none(), AMOUNT), max_size=20))
def test_the_payments_of_a_claim_never_exceed_its_adjudicated_amount(adjudicated, requests):
    total = Money.of(adjudicated, "CNY")
    paid = Money.of("0", "CNY")
    for request in requests:
        try:
            paying = payment_amount(total, paid, Money.of(request, "CNY") if request else None)
        except (RuleViolation, InvalidInput):  # beyond the outstanding, or not above zero
            continue
        assert paying.amount > 0
        paid = paid + paying
        assert paid <= total


def test_a_payment_in_another_currency_is_refused():
    with pytest.raises(InvalidInput):
        payment_amount(Money.of("10", "CNY"), Money.of("0", "CNY"), Money.of("1", "USD"))


def test_a_negative_payment_is_refused_for_being_negative_not_for_being_too_much():
    with pytest.raises(InvalidInput) as error:
        payment_amount(Money.of("5000", "CNY"), Money.of("0", "CNY"), Money.of("-1000", "CNY"))
    assert error.value.field == "amount"
    assert "above zero" in error.value.reason
    assert "more than" not in error.value.reason
