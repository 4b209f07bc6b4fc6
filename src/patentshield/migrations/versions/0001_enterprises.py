"""Enterprise profiles, product classes, patents and past US cases.

Revision ID: 0001
Revises: None

Hand-written for SQLite and PostgreSQL; mirrors ``patentshield.enterprises.store`` (a test
compares the two). Constraint names follow ``kernel.db.NAMING_CONVENTION``.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_PARENT = "enterprises"


def _owner() -> sa.Column[str]:
    return sa.Column("enterprise_id", sa.String(64), nullable=False)


def _owner_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["enterprise_id"],
        [f"{_PARENT}.id"],
        name=f"fk_{table}_enterprise_id_{_PARENT}",
        ondelete="CASCADE",
    )


def _child_table(table: str, *columns: sa.Column[Any], unique: tuple[str, ...] = ()) -> None:
    constraints: list[sa.Constraint] = [
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        _owner_key(table),
    ]
    if unique:
        constraints.append(sa.UniqueConstraint(*unique, name=f"uq_{table}_{unique[0]}"))
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _owner(),
        sa.Column("position", sa.Integer(), nullable=False),
        *columns,
        *constraints,
    )
    op.create_index(f"ix_{table}_enterprise_id", table, ["enterprise_id"])


def _tag_table(table: str, column: str, length: int) -> None:
    op.create_table(
        table,
        _owner(),
        sa.Column(column, sa.String(length), nullable=False),
        sa.PrimaryKeyConstraint("enterprise_id", column, name=f"pk_{table}"),
        _owner_key(table),
    )


def upgrade() -> None:
    op.create_table(
        _PARENT,
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_zh", sa.String(200), nullable=True),
        sa.Column("credit_code", sa.String(18), nullable=False),
        sa.Column("region_code", sa.String(6), nullable=False),
        sa.Column("has_compliance_programme", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_enterprises"),
        sa.UniqueConstraint("credit_code", name="uq_enterprises_credit_code"),
    )
    _tag_table("enterprise_industries", "industry", 64)
    _tag_table("enterprise_flags", "flag", 40)
    _child_table(
        "enterprise_product_classes",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("hts_codes", sa.Text(), nullable=False),
        sa.Column("annual_us_sales", sa.Numeric(18, 2), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
    )
    _child_table(
        "enterprise_patents",
        sa.Column("jurisdiction", sa.String(2), nullable=False),
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("expiry", sa.Date(), nullable=True),
        sa.Column("high_value", sa.Boolean(), nullable=False),
        unique=("enterprise_id", "jurisdiction", "number"),
    )
    _child_table(
        "enterprise_past_cases",
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    for table in ("enterprise_past_cases", "enterprise_patents", "enterprise_product_classes"):
        op.drop_index(f"ix_{table}_enterprise_id", table_name=table)
        op.drop_table(table)
    op.drop_table("enterprise_flags")
    op.drop_table("enterprise_industries")
    op.drop_table(_PARENT)
