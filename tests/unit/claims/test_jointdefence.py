"""Joint-defence allocation: shares add up to the invoice exactly and follow the weights."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patentshield.claims.jointdefence import AllocationRule, Member, allocate, checked_members
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Money


def members(weights: list[Decimal]) -> list[Member]:
    return [Member(f"m{i}", f"Member {i}", i % 2 == 0, w) for i, w in enumerate(weights)]


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000000"), places=2),
    st.lists(st.decimals(min_value=0, max_value=10**9, places=4), min_size=2, max_size=12).filter(
        lambda ws: sum(ws) > 0
    ),
)
def test_shares_add_up_to_the_invoice_exactly(amount: Decimal, weights: list[Decimal]):
    total = Money.of(amount, "CNY")
    shares = allocate(total, members(weights))
    assert sum(s.amount.amount for s in shares) == amount
    whole = sum(weights)
    for share, weight in zip(shares, weights, strict=True):
        exact = amount * weight / whole
        assert abs(share.amount.amount - exact) < Decimal("0.01")
        assert share.amount.amount >= 0


def test_an_equal_split_gives_the_extra_cents_to_the_first_members():
    shares = allocate(
        Money.of("100", "CNY"), checked_members(AllocationRule.EQUAL, members([Decimal(0)] * 3))
    )
    assert [s.amount for s in shares] == [
        Money.of("33.34", "CNY"),
        Money.of("33.33", "CNY"),
        Money.of("33.33", "CNY"),
    ]


def test_a_group_needs_two_distinct_members_and_usable_shares():
    with pytest.raises(InvalidInput):
        checked_members(AllocationRule.EQUAL, members([Decimal(1)]))
    with pytest.raises(InvalidInput):
        checked_members(AllocationRule.CUSTOM, members([Decimal(0), Decimal(0)]))
    with pytest.raises(InvalidInput):
        checked_members(AllocationRule.CUSTOM, members([Decimal(1), Decimal(-1)]))
