"""Migration 0008 gives every claim already recorded its current status as its first event;
claims and outcomes recorded before 0012 load without its facts."""

from datetime import date

from sqlalchemy import text

from patentshield import migrations
from patentshield.claims.model import ClaimStatus
from patentshield.claims.outcome_store import OutcomeRepository, OutcomeRow
from patentshield.claims.store import ClaimRepository
from patentshield.kernel.db import Database

CASE = (
    "INSERT INTO cases (id, number, title, state, complaint_filed, learned_on, opened_at, parties)"
    " VALUES ('c-1', '337-TA-9000', 'Certain widgets', 'served', '2026-03-16', '2026-04-16',"
    " '2026-04-16 10:00:00+00:00', '{}')"
)
CLAIM = (
    "INSERT INTO claims (id, case_id, policy_number, respondent, notified_on, status,"
    " notice_reasons, reopened, currency, adjudicated, paid, adjudication_version, created_at)"
    " VALUES ('cl-1', 'c-1', 'PS-1', 'sz', '2026-04-28', 'closed', '[]', 0, 'CNY', 10, 10, 1,"
    " '2026-04-28 09:00:00+00:00')"
)


def test_a_claim_recorded_before_0008_gets_its_status_as_first_event(database: Database):
    migrations.downgrade(database.engine, "0007")
    with database.engine.begin() as connection:
        connection.execute(text(CASE))
        connection.execute(text(CLAIM))
    migrations.upgrade(database.engine)
    with database.unit_of_work() as session:
        (event,) = ClaimRepository(session).history("cl-1")
    assert (event.sequence, event.from_status, event.to_status) == (1, None, ClaimStatus.CLOSED)
    assert event.day == date(2026, 4, 28)
    assert event.reason == "status when the history began (migration 0008)"
    assert event.recorded_at.isoformat() == "2026-04-28T09:00:00+00:00"


OUTCOME = (
    "INSERT INTO case_outcomes (id, case_id, kind, day, orders, wilful_infringement, note,"
    " created_at) VALUES ('oc-1', 'c-1', 'settlement', '2026-08-06', '[]', false, '',"
    " '2026-08-06 09:00:00+00:00')"
)


def test_claims_and_outcomes_recorded_before_0012_load_without_its_facts(database: Database):
    migrations.downgrade(database.engine, "0010")
    with database.engine.begin() as connection:
        connection.execute(text(CASE))
        connection.execute(text(CLAIM))
        connection.execute(text(OUTCOME))
    migrations.upgrade(database.engine)
    with database.unit_of_work() as session:
        claim = ClaimRepository(session).get("cl-1")
        assert (claim.first_demand_on, claim.served_on, claim.late_notice_fault) == (None,) * 3
        assert OutcomeRepository(session).wilful_finding("c-1", "sz") is None
        row = session.get(OutcomeRow, "oc-1")
        assert row is not None and row.respondent is None  # the whole investigation's
