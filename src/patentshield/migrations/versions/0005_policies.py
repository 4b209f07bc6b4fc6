"""Bound policies with their frozen terms.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "policies",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("quote_id", sa.String(40), nullable=False),
        sa.Column("enterprise_id", sa.String(64), nullable=False),
        sa.Column("product_id", sa.String(80), nullable=False),
        sa.Column("insurer", sa.String(200), nullable=False),
        sa.Column("plan", sa.String(40), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("retroactive_date", sa.Date(), nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("gross_premium", sa.Numeric(18, 2), nullable=False),
        sa.Column("subsidy_amount", sa.Numeric(18, 2), nullable=False),
        sa.Column("net_premium", sa.Numeric(18, 2), nullable=False),
        sa.Column("subsidy_programme", sa.String(80), nullable=True),
        sa.Column("renews", sa.String(40), nullable=True),
        sa.Column("cancelled_on", sa.Date(), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("bound_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policies")),
        sa.UniqueConstraint("number", name=op.f("uq_policies_number")),
        sa.UniqueConstraint("quote_id", name=op.f("uq_policies_quote_id")),
        sa.UniqueConstraint("renews", name=op.f("uq_policies_renews")),
    )
    op.create_index(op.f("ix_policies_enterprise_id"), "policies", ["enterprise_id"])
    op.create_index(op.f("ix_policies_product_id"), "policies", ["product_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_policies_product_id"), table_name="policies")
    op.drop_index(op.f("ix_policies_enterprise_id"), table_name="policies")
    op.drop_table("policies")
