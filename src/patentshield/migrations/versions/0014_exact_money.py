"""Exact money on SQLite: money and rate columns hold integer units, not 53-bit floats.

SQLite stored ``NUMERIC(18, 2)`` values as REAL, so amounts beyond about 10¹³ lost their cents
(90,071,992,547,409.93 read back as .94). From this revision every such column holds an integer
number of units of its last decimal place (fen or cents; 10⁻⁸ for exchange rates), which
``kernel.db.ExactNumeric`` writes and reads; the declared type stays ``NUMERIC(p, s)``.
Upgrading multiplies the stored values by ``10**scale`` and rounds (the REAL values are exact
to the cent below 2⁵³ / 100, so nothing more is lost); downgrading divides them back.
PostgreSQL already stores ``NUMERIC`` exactly: nothing changes there.

Revision ID: 0014
Revises: 0010 (re-pointed at merge)
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None

EXACT_COLUMNS: dict[str, tuple[tuple[str, int], ...]] = {
    "claim_adjudications": (("claimed", 2), ("eligible", 2), ("payable", 2)),
    "claim_expenses": (("amount", 2), ("fx_rate", 8)),
    "claim_payments": (("amount", 2),),
    "claims": (("adjudicated", 2), ("paid", 2)),
    "enterprise_product_classes": (("annual_us_sales", 2),),
    "joint_defence_allocations": (("amount", 2),),
    "policies": (("gross_premium", 2), ("subsidy_amount", 2), ("net_premium", 2)),
    "policy_claim_accounts": (("adjudicated", 2), ("paid", 2)),
    "quotes": (
        ("gross_premium", 2),
        ("subsidy_amount", 2),
        ("net_premium", 2),
        ("aggregate_limit", 2),
        ("fx_rate", 8),
    ),
    "subsidy_applicant_accounts": (("granted_total", 2),),
    "subsidy_grants": (("premium", 2), ("amount", 2)),
    "subsidy_programme_accounts": (("granted_total", 2),),
}
"""Every exact-decimal column of the schema at this revision, with its scale."""


def _convert(expression: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, columns in EXACT_COLUMNS.items():
        assignments = ", ".join(
            f"{column} = {expression.format(column=column, factor=10**scale)}"
            for column, scale in columns
        )
        op.execute(f"UPDATE {table} SET {assignments}")  # noqa: S608 - fixed names


def upgrade() -> None:
    _convert("CAST(ROUND({column} * {factor}) AS INTEGER)")


def downgrade() -> None:
    _convert("{column} / {factor}.0")
