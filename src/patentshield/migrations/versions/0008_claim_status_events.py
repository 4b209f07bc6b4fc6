"""Claims: the status history (every move of a claim's status, numbered per claim).

Each existing claim gets its current status as its first event, dated on its notice and
recorded at its creation (the moves before this revision were not kept).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BACKFILL = (
    "INSERT INTO claim_status_events "
    "(claim_id, sequence, from_status, to_status, day, reason, recorded_at) "
    "SELECT id, 1, NULL, status, notified_on, "
    "'status when the history began (migration 0008)', created_at FROM claims"
)


def upgrade() -> None:
    op.create_table(
        "claim_status_events",
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(20), nullable=True),
        sa.Column("to_status", sa.String(20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_status_events_claim_id_claims")
        ),
        sa.PrimaryKeyConstraint("claim_id", "sequence", name=op.f("pk_claim_status_events")),
    )
    op.execute(BACKFILL)


def downgrade() -> None:
    op.drop_table("claim_status_events")
