"""Claims: ledger, adjudications, payments, policy accounts, joint defence, case outcomes.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _money(name: str) -> sa.Column[Decimal]:
    return sa.Column(name, sa.Numeric(18, 2), nullable=False)


def _case_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["case_id"], ["cases.id"], name=op.f(f"fk_{table}_case_id_cases")
    )


def _claim_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["claim_id"], ["claims.id"], name=op.f(f"fk_{table}_claim_id_claims")
    )


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("case_id", sa.String(40), nullable=False),
        sa.Column("policy_number", sa.String(60), nullable=False),
        sa.Column("respondent", sa.String(200), nullable=False),
        sa.Column("notified_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("notice_reasons", sa.JSON(), nullable=False),
        sa.Column("first_accused_sale", sa.Date(), nullable=True),
        sa.Column("dispute_known_on", sa.Date(), nullable=True),
        sa.Column("reopened", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        _money("adjudicated"),
        _money("paid"),
        sa.Column("adjudication_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _case_fk("claims"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sa.UniqueConstraint("case_id", "respondent", name=op.f("uq_claims_case_id")),
    )
    op.create_index(op.f("ix_claims_case_id"), "claims", ["case_id"])
    op.create_index(op.f("ix_claims_policy_number"), "claims", ["policy_number"])
    op.create_table(
        "claim_expenses",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("invoice_number", sa.String(120), nullable=False),
        sa.Column("vendor", sa.String(200), nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("phase", sa.String(30), nullable=False),
        sa.Column("invoice_date", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        _money("amount"),
        sa.Column("fx_rate", sa.Numeric(18, 8), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("attachment", sa.String(64), nullable=True),
        sa.Column("own_staff", sa.Boolean(), nullable=False),
        sa.Column("joint_allocation", sa.String(40), nullable=True),
        _claim_fk("claim_expenses"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_expenses")),
        sa.UniqueConstraint("claim_id", "invoice_number", name=op.f("uq_claim_expenses_claim_id")),
    )
    op.create_index(op.f("ix_claim_expenses_claim_id"), "claim_expenses", ["claim_id"])
    op.create_table(
        "claim_adjudications",
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        _money("claimed"),
        _money("eligible"),
        _money("payable"),
        sa.Column("document", sa.JSON(), nullable=False),
        _claim_fk("claim_adjudications"),
        sa.PrimaryKeyConstraint("claim_id", "version", name=op.f("pk_claim_adjudications")),
    )
    op.create_table(
        "claim_payments",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("idempotency_key", sa.String(200), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        _money("amount"),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _claim_fk("claim_payments"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_payments")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_claim_payments_idempotency_key")),
    )
    op.create_index(op.f("ix_claim_payments_claim_id"), "claim_payments", ["claim_id"])
    op.create_table(
        "policy_claim_accounts",
        sa.Column("policy_number", sa.String(60), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        _money("adjudicated"),
        _money("paid"),
        sa.PrimaryKeyConstraint("policy_number", name=op.f("pk_policy_claim_accounts")),
    )
    op.create_table(
        "joint_defence_groups",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("case_id", sa.String(40), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("rule", sa.String(20), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _case_fk("joint_defence_groups"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_joint_defence_groups")),
        sa.UniqueConstraint("case_id", "name", name=op.f("uq_joint_defence_groups_case_id")),
    )
    op.create_index(op.f("ix_joint_defence_groups_case_id"), "joint_defence_groups", ["case_id"])
    op.create_table(
        "joint_defence_allocations",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("group_id", sa.String(40), nullable=False),
        sa.Column("invoice_number", sa.String(120), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        _money("amount"),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["joint_defence_groups.id"],
            name=op.f("fk_joint_defence_allocations_group_id_joint_defence_groups"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_joint_defence_allocations")),
        sa.UniqueConstraint(
            "group_id", "invoice_number", name=op.f("uq_joint_defence_allocations_group_id")
        ),
    )
    op.create_index(
        op.f("ix_joint_defence_allocations_group_id"), "joint_defence_allocations", ["group_id"]
    )
    op.create_table(
        "case_outcomes",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("case_id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("orders", sa.JSON(), nullable=False),
        sa.Column("wilful_infringement", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _case_fk("case_outcomes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_outcomes")),
    )
    op.create_index(op.f("ix_case_outcomes_case_id"), "case_outcomes", ["case_id"])


def downgrade() -> None:
    for table, indexes in (
        ("case_outcomes", ("case_id",)),
        ("joint_defence_allocations", ("group_id",)),
        ("joint_defence_groups", ("case_id",)),
        ("policy_claim_accounts", ()),
        ("claim_payments", ("claim_id",)),
        ("claim_adjudications", ()),
        ("claim_expenses", ("claim_id",)),
        ("claims", ("policy_number", "case_id")),
    ):
        for column in indexes:
            op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        op.drop_table(table)
