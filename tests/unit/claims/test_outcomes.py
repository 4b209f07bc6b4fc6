"""Issue 9 items 7 and 8: outcomes per respondent (19 CFR 210.21: each respondent may settle,
consent or default on its own), wilfulness as a district court's finding, not the ITC's, and a
consent order told apart from a settlement (210.21(c))."""

import pytest

from patentshield.claims.outcomes import (
    PER_RESPONDENT,
    STATE_OF_OUTCOME,
    Order,
    OutcomeFacts,
    OutcomeKind,
    check_orders,
)
from patentshield.kernel.errors import InvalidInput
from patentshield.procedure.workflow import CaseState

K = OutcomeKind


@pytest.mark.parametrize("kind", sorted(PER_RESPONDENT))
def test_210_21_a_respondent_may_settle_consent_default_or_be_judged_on_its_own(kind):
    orders = (Order.LEO,) if kind is K.DEFAULT else ()
    wilful = kind is K.DISTRICT_COURT_JUDGMENT
    check_orders(kind, OutcomeFacts(orders, wilful=wilful, respondent="sz"))


@pytest.mark.parametrize("kind", [K.VIOLATION, K.NO_VIOLATION, K.APPEAL])
def test_the_commissions_determinations_are_for_the_whole_investigation(kind):
    orders = (Order.LEO,) if kind is K.VIOLATION else ()
    with pytest.raises(InvalidInput) as raised:
        check_orders(kind, OutcomeFacts(orders, respondent="sz"))
    assert raised.value.field == "respondent"


def test_wilfulness_is_not_an_itc_finding_but_a_district_courts_against_one_respondent():
    with pytest.raises(InvalidInput) as raised:
        check_orders(K.VIOLATION, OutcomeFacts((Order.LEO,), wilful=True))
    assert raised.value.field == "wilful" and "not an ITC finding" in raised.value.message
    with pytest.raises(InvalidInput) as raised:
        check_orders(K.DISTRICT_COURT_JUDGMENT, OutcomeFacts(wilful=True))
    assert raised.value.field == "respondent"
    with pytest.raises(InvalidInput) as raised:
        check_orders(K.SETTLEMENT, OutcomeFacts(final=True))
    assert raised.value.field == "final"
    check_orders(K.DISTRICT_COURT_JUDGMENT, OutcomeFacts(wilful=True, final=True, respondent="sz"))
    assert STATE_OF_OUTCOME[K.DISTRICT_COURT_JUDGMENT] is None  # it moves no case


def test_210_21_c_a_consent_order_is_not_a_settlement():
    assert STATE_OF_OUTCOME[K.CONSENT_ORDER] is CaseState.CONSENT_ORDER
    assert STATE_OF_OUTCOME[K.SETTLEMENT] is CaseState.TERMINATED
