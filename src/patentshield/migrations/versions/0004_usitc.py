"""Imported USITC Section 337 investigations, their parties and raw rows.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _create_investigations()
    _create_parties()
    _create_raw_rows()
    _create_imports()


def _create_investigations() -> None:
    op.create_table(
        "usitc_investigations",
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("layout", sa.String(20), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("docket", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("complaint_filed", sa.Date(), nullable=True),
        sa.Column("instituted", sa.Date(), nullable=True),
        sa.Column("terminated", sa.Date(), nullable=True),
        sa.Column("final_determination", sa.Date(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("first_imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_usitc_investigations")),
    )


def _create_parties() -> None:
    op.create_table(
        "usitc_parties",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("investigation_number", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("disposition", sa.Text(), nullable=True),
        sa.Column("disposition_kind", sa.String(20), nullable=True),
        sa.Column("disposition_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["investigation_number"],
            ["usitc_investigations.number"],
            name=op.f("fk_usitc_parties_investigation_number_usitc_investigations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_usitc_parties")),
    )
    op.create_index(
        op.f("ix_usitc_parties_investigation_number"), "usitc_parties", ["investigation_number"]
    )
    op.create_index(op.f("ix_usitc_parties_country"), "usitc_parties", ["country"])


def _create_raw_rows() -> None:
    op.create_table(
        "usitc_raw_rows",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("investigation_number", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("layout", sa.String(20), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["investigation_number"],
            ["usitc_investigations.number"],
            name=op.f("fk_usitc_raw_rows_investigation_number_usitc_investigations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_usitc_raw_rows")),
    )
    op.create_index(
        op.f("ix_usitc_raw_rows_investigation_number"), "usitc_raw_rows", ["investigation_number"]
    )


def _create_imports() -> None:
    op.create_table(
        "usitc_imports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("layouts", sa.String(80), nullable=False),
        sa.Column("feed_date", sa.Date(), nullable=True),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("rejections", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_usitc_imports")),
    )


def downgrade() -> None:
    op.drop_table("usitc_imports")
    op.drop_index(op.f("ix_usitc_raw_rows_investigation_number"), table_name="usitc_raw_rows")
    op.drop_table("usitc_raw_rows")
    op.drop_index(op.f("ix_usitc_parties_country"), table_name="usitc_parties")
    op.drop_index(op.f("ix_usitc_parties_investigation_number"), table_name="usitc_parties")
    op.drop_table("usitc_parties")
    op.drop_table("usitc_investigations")
