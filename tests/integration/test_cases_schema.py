"""Migrations 0005+ create exactly the tables of the policy, case and claim stores."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from patentshield import migrations
from patentshield.cases import store as case_store
from patentshield.claims import joint_store, ledger_store, outcome_store
from patentshield.claims import store as claim_store
from patentshield.kernel.db import Base, Database
from patentshield.policies import store as policy_store
from tests.integration.test_usitc_schema import _tables

CLAIM_TABLES = {
    "claims",
    "claim_status_events",
    "claim_expenses",
    "claim_adjudications",
    "claim_payments",
    "policy_claim_accounts",
    "joint_defence_groups",
    "joint_defence_allocations",
    "case_outcomes",
}
TABLES = CLAIM_TABLES | {
    "policies",
    "cases",
    "case_transitions",
    "case_duties",
    "case_counsel",
    "evidence_files",
}


def test_the_migrated_schema_matches_the_new_store_tables(database: Database):
    assert policy_store.PolicyRow.__tablename__ in Base.metadata.tables
    assert case_store.CaseRow.__tablename__ in Base.metadata.tables
    assert claim_store.ClaimRow.__tablename__ in Base.metadata.tables
    assert ledger_store.ExpenseRow.__tablename__ in Base.metadata.tables
    assert joint_store.JointGroupRow.__tablename__ in Base.metadata.tables
    assert outcome_store.OutcomeRow.__tablename__ in Base.metadata.tables
    assert set(inspect(database.engine).get_table_names()) >= TABLES
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert [d for d in differences if TABLES & set(_tables(d))] == []


def test_the_new_migrations_downgrade_and_upgrade_again(database: Database):
    migrations.downgrade(database.engine, "0004")
    assert not TABLES & set(inspect(database.engine).get_table_names())
    migrations.upgrade(database.engine)
    assert set(inspect(database.engine).get_table_names()) >= TABLES
