"""Subsidy applications: an exporter applies on a quote or policy, an administration decides.

One row per application (``subsidy_applications``) with its status (submitted, approved,
rejected, withdrawn), its decision and the grant an approval recorded
(:mod:`patentshield.subsidies.applications`).

Revision ID: 0019
Revises: 0017
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

TABLE = "subsidy_applications"
INDEXED = ("programme_id", "enterprise_id", "region_code", "reference", "status")


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("programme_id", sa.String(80), nullable=False),
        sa.Column("enterprise_id", sa.String(64), nullable=False),
        sa.Column("region_code", sa.String(6), nullable=False),
        sa.Column("reference", sa.String(120), nullable=False),
        sa.Column("quote_id", sa.String(40), nullable=True),
        sa.Column("policy_id", sa.String(40), nullable=True),
        sa.Column("product_type", sa.String(60), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("premium", sa.Numeric(18, 2), nullable=False),
        sa.Column("premium_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("organisation_id", sa.String(40), nullable=True),
        sa.Column("submitted_by", sa.String(254), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(254), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("grant_id", sa.String(32), nullable=True),
        sa.Column("amount", sa.Numeric(18, 2), nullable=True),
        sa.Column("decision_key", sa.String(200), nullable=True),
    )
    for name in INDEXED:
        op.create_index(f"ix_{TABLE}_{name}", TABLE, [name])


def downgrade() -> None:
    for name in INDEXED:
        op.drop_index(f"ix_{TABLE}_{name}", TABLE)
    op.drop_table(TABLE)
