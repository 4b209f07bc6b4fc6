"""Compliance programme: declared controls and freedom-to-operate opinions.

``compliance_controls`` keeps every declaration of a control (the latest on or before a day
counts, :mod:`patentshield.compliance.score`); ``compliance_fto_opinions`` the FTO opinions,
their document in the evidence vault by SHA-256, linked to the enterprise's product classes and
the US patents reviewed. The enterprises' ``has_compliance_programme`` flag stays: it stands
for an enterprise that has declared no control yet.

Revision ID: 0018
Revises: 0016 (re-chained at merge)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "compliance_controls",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("enterprise_id", sa.String(64), nullable=False),
        sa.Column("control", sa.String(40), nullable=False),
        sa.Column("in_place", sa.Boolean(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliance_controls")),
    )
    op.create_index(
        op.f("ix_compliance_controls_enterprise_id"), "compliance_controls", ["enterprise_id"]
    )
    op.create_table(
        "compliance_fto_opinions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("enterprise_id", sa.String(64), nullable=False),
        sa.Column("counsel", sa.String(500), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("patents", sa.JSON(), nullable=False),
        sa.Column("products", sa.JSON(), nullable=False),
        sa.Column("conclusion", sa.String(40), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compliance_fto_opinions")),
        sa.UniqueConstraint("enterprise_id", "sha256", name="uq_compliance_fto_opinion"),
    )
    op.create_index(
        op.f("ix_compliance_fto_opinions_enterprise_id"),
        "compliance_fto_opinions",
        ["enterprise_id"],
    )
    op.create_index(
        op.f("ix_compliance_fto_opinions_sha256"), "compliance_fto_opinions", ["sha256"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_compliance_fto_opinions_sha256"), "compliance_fto_opinions")
    op.drop_index(op.f("ix_compliance_fto_opinions_enterprise_id"), "compliance_fto_opinions")
    op.drop_table("compliance_fto_opinions")
    op.drop_index(op.f("ix_compliance_controls_enterprise_id"), "compliance_controls")
    op.drop_table("compliance_controls")
