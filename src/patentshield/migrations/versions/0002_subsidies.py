"""Subsidy grant ledger and per-programme/applicant year accounts.

Revision ID: 0002
Revises: '0001'
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _create_grants()
    _create_accounts()
    _create_ip_right_claims()


def _create_grants() -> None:
    op.create_table(
        "subsidy_grants",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("idempotency_key", sa.String(200), nullable=False),
        sa.Column("request_fingerprint", sa.String(64), nullable=False),
        sa.Column("programme_id", sa.String(80), nullable=False),
        sa.Column("programme_version", sa.Integer(), nullable=False),
        sa.Column("applicant_id", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("premium_date", sa.Date(), nullable=False),
        sa.Column("product_type", sa.String(60), nullable=False),
        sa.Column("year_cap_key", sa.String(80), nullable=False),
        sa.Column("reference", sa.String(120), nullable=False),
        sa.Column("ip_rights", sa.Text(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("premium", sa.Numeric(18, 2), nullable=False),
        sa.Column("amount", sa.Numeric(18, 2), nullable=False),
        sa.Column("explanation", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subsidy_grants")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_subsidy_grants_idempotency_key")),
    )
    op.create_index(op.f("ix_subsidy_grants_programme_id"), "subsidy_grants", ["programme_id"])
    op.create_index(op.f("ix_subsidy_grants_applicant_id"), "subsidy_grants", ["applicant_id"])


def _create_accounts() -> None:
    op.create_table(
        "subsidy_programme_accounts",
        sa.Column("programme_id", sa.String(80), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("granted_total", sa.Numeric(18, 2), nullable=False),
        sa.Column("grant_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("programme_id", "year", name=op.f("pk_subsidy_programme_accounts")),
    )
    op.create_table(
        "subsidy_applicant_accounts",
        sa.Column("programme_id", sa.String(80), nullable=False),
        sa.Column("applicant_id", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("year_cap_key", sa.String(80), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("granted_total", sa.Numeric(18, 2), nullable=False),
        sa.Column("grant_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "programme_id",
            "applicant_id",
            "year",
            "year_cap_key",
            name=op.f("pk_subsidy_applicant_accounts"),
        ),
    )


def _create_ip_right_claims() -> None:
    op.create_table(
        "subsidy_ip_right_claims",
        sa.Column("programme_id", sa.String(80), nullable=False),
        sa.Column("product_type", sa.String(60), nullable=False),
        sa.Column("ip_right", sa.String(120), nullable=False),
        sa.Column("grant_id", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint(
            "programme_id", "product_type", "ip_right", name=op.f("pk_subsidy_ip_right_claims")
        ),
        sa.ForeignKeyConstraint(
            ["grant_id"],
            ["subsidy_grants.id"],
            name=op.f("fk_subsidy_ip_right_claims_grant_id_subsidy_grants"),
        ),
    )


def downgrade() -> None:
    op.drop_table("subsidy_ip_right_claims")
    op.drop_table("subsidy_applicant_accounts")
    op.drop_table("subsidy_programme_accounts")
    op.drop_index(op.f("ix_subsidy_grants_applicant_id"), table_name="subsidy_grants")
    op.drop_index(op.f("ix_subsidy_grants_programme_id"), table_name="subsidy_grants")
    op.drop_table("subsidy_grants")
