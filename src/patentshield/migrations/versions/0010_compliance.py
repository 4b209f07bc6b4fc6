"""Compliance watch: imported US patents, watch lists, runs and alerts.

Revision ID: 0010
Revises: 0007 (re-pointed at merge after 0008 and 0009)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "compliance_patents",
        sa.Column("number", sa.String(12), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("granted", sa.Date(), nullable=False),
        sa.Column("filed", sa.Date(), nullable=True),
        sa.Column("adjustment_days", sa.Integer(), nullable=False),
        sa.Column("withdrawn", sa.Integer(), nullable=False),
        sa.Column("assignees", sa.JSON(), nullable=False),
        sa.Column("cpc", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_compliance_patents")),
    )
    op.create_table(
        "compliance_watch_lists",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("enterprise_id", sa.String(64), nullable=False),
        sa.Column("assignees", sa.JSON(), nullable=False),
        sa.Column("cpc", sa.JSON(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliance_watch_lists")),
    )
    op.create_index(
        op.f("ix_compliance_watch_lists_enterprise_id"),
        "compliance_watch_lists",
        ["enterprise_id"],
    )
    _create_runs_and_alerts()


def _create_runs_and_alerts() -> None:
    op.create_table(
        "compliance_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("enterprise_id", sa.String(64), nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("products", sa.Integer(), nullable=False),
        sa.Column("found", sa.Integer(), nullable=False),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliance_runs")),
    )
    op.create_index(op.f("ix_compliance_runs_enterprise_id"), "compliance_runs", ["enterprise_id"])
    op.create_table(
        "compliance_alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("enterprise_id", sa.String(64), nullable=False),
        sa.Column("product", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("subject", sa.String(40), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("expires", sa.Date(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["compliance_runs.id"],
            name=op.f("fk_compliance_alerts_run_id_compliance_runs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliance_alerts")),
        sa.UniqueConstraint(
            "enterprise_id", "product", "kind", "subject", name="uq_compliance_alert"
        ),
    )
    op.create_index(
        op.f("ix_compliance_alerts_enterprise_id"), "compliance_alerts", ["enterprise_id"]
    )


def downgrade() -> None:
    op.drop_table("compliance_alerts")
    op.drop_table("compliance_runs")
    op.drop_table("compliance_watch_lists")
    op.drop_table("compliance_patents")
