"""Saved quotes.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quotes",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("quote_date", sa.Date(), nullable=False),
        sa.Column("enterprise_id", sa.String(64), nullable=True),
        sa.Column("product_id", sa.String(80), nullable=False),
        sa.Column("product_version", sa.Integer(), nullable=False),
        sa.Column("plan", sa.String(40), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("gross_premium", sa.Numeric(18, 2), nullable=False),
        sa.Column("subsidy_amount", sa.Numeric(18, 2), nullable=False),
        sa.Column("net_premium", sa.Numeric(18, 2), nullable=False),
        sa.Column("aggregate_limit", sa.Numeric(18, 2), nullable=False),
        sa.Column("subsidy_programme_id", sa.String(80), nullable=True),
        sa.Column("fx_rate", sa.Numeric(18, 8), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
    )
    op.create_index(op.f("ix_quotes_enterprise_id"), "quotes", ["enterprise_id"])
    op.create_index(op.f("ix_quotes_product_id"), "quotes", ["product_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_quotes_product_id"), table_name="quotes")
    op.drop_index(op.f("ix_quotes_enterprise_id"), table_name="quotes")
    op.drop_table("quotes")
