"""Invoices voided or corrected with their history: ``claim_expenses.voided_on`` and
``claim_invoice_changes``.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claim_expenses") as batch:
        batch.add_column(sa.Column("voided_on", sa.Date(), nullable=True))
    op.create_table(
        "claim_invoice_changes",
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("expense_id", sa.String(40), nullable=False),
        sa.Column("invoice_number", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name="fk_claim_invoice_changes_claim_id_claims"
        ),
        sa.ForeignKeyConstraint(
            ["expense_id"],
            ["claim_expenses.id"],
            name="fk_claim_invoice_changes_expense_id_claim_expenses",
        ),
        sa.PrimaryKeyConstraint("claim_id", "sequence", name="pk_claim_invoice_changes"),
    )
    op.create_index("ix_claim_invoice_changes_expense_id", "claim_invoice_changes", ["expense_id"])


def downgrade() -> None:
    op.drop_index("ix_claim_invoice_changes_expense_id", table_name="claim_invoice_changes")
    op.drop_table("claim_invoice_changes")
    with op.batch_alter_table("claim_expenses") as batch:
        batch.drop_column("voided_on")
