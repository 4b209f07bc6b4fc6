"""The subsidy application's state machine: its table, its guards and its decisions."""

from datetime import UTC, date, datetime

import pytest

from patentshield.catalog.model import ProductType
from patentshield.kernel.errors import InvalidInput, InvalidTransition
from patentshield.kernel.money import Money
from patentshield.subsidies.applications import (
    STATUS_LABELS,
    TRANSITIONS,
    Application,
    ApplicationStatus,
    Decision,
    check_move,
    is_replay,
    move,
)

AT = datetime(2026, 3, 2, 10, tzinfo=UTC)
S = ApplicationStatus


def submitted() -> Application:
    return Application(
        id="a1",
        programme_id="shenzhen",
        enterprise_id="sz-led-lighting",
        region_code="440306",
        reference="PS-2026-1",
        quote_id=None,
        policy_id="p-1",
        product_type=ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY,
        premium=Money.of("400000", "CNY"),
        premium_date=date(2026, 3, 1),
        status=S.SUBMITTED,
        organisation_id="org-a",
        submitted_by="admin@a.cn",
        submitted_at=AT,
    )


def test_a_submitted_application_may_be_approved_rejected_or_withdrawn_and_nothing_else():
    assert TRANSITIONS[S.SUBMITTED] == {S.APPROVED, S.REJECTED, S.WITHDRAWN}
    assert all(TRANSITIONS[status] == frozenset() for status in S if status is not S.SUBMITTED)


@pytest.mark.parametrize("done", [S.APPROVED, S.REJECTED, S.WITHDRAWN])
@pytest.mark.parametrize("target", list(S))
def test_a_decided_or_withdrawn_application_moves_no_more(done, target):
    decided = move(submitted(), done, Decision("officer@sz.gov.cn", AT, reason="why"))
    with pytest.raises(InvalidTransition, match="allowed: none"):
        check_move(decided, target)


def test_an_approval_records_who_when_the_grant_and_the_key():
    grant = Money.of("200000", "CNY")
    approved = move(
        submitted(),
        S.APPROVED,
        Decision("officer@sz.gov.cn", AT, "", grant_id="g1", amount=grant, key="k1"),
    )
    assert approved.status is S.APPROVED and approved.decided_by == "officer@sz.gov.cn"
    assert (approved.grant_id, approved.amount, approved.decided_at) == ("g1", grant, AT)
    assert is_replay(approved, S.APPROVED, "k1")
    assert not is_replay(approved, S.APPROVED, "k2")
    assert not is_replay(approved, S.REJECTED, "k1")


def test_a_rejection_needs_a_reason_that_the_applicant_then_reads():
    with pytest.raises(InvalidInput) as missing:
        move(submitted(), S.REJECTED, Decision("officer@sz.gov.cn", AT, reason="  "))
    assert missing.value.field == "reason"
    rejected = move(submitted(), S.REJECTED, Decision("o", AT, reason=" budget used up "))
    assert rejected.reason == "budget used up" and rejected.grant_id is None


def test_a_withdrawal_needs_no_reason():
    assert move(submitted(), S.WITHDRAWN, Decision("admin@a.cn", AT)).status is S.WITHDRAWN


def test_every_status_has_an_english_and_a_chinese_label():
    assert set(STATUS_LABELS) == set(S)
    assert all(status.label and status.label_zh != status.label for status in S)
    assert S.REJECTED.label_zh == "已驳回"
