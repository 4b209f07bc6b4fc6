"""The insurer's written consents to settlements, recorded on the claim by its claims handler.

* ``claim_settlement_consents`` — one row per consent (numbered per claim): counterparty, day,
  maximum in the policy currency, terms, who consented and when it was recorded
  (:mod:`patentshield.claims.settlement_store`);
* ``claim_expenses.insurer_consent_on`` (``0012``) goes: a date typed on the invoice by whoever
  filed it is no consent of the insurer. An invoice that carried one is paid after this
  revision only once the insurer records its consent (``patentshield claim
  consent-settlement``); the downgrade brings the column back empty.

Revision ID: 0020
Revises: 0019
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

TABLE = "claim_settlement_consents"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("claim_id", sa.String(40), sa.ForeignKey("claims.id"), primary_key=True),
        sa.Column("sequence", sa.Integer(), primary_key=True),
        sa.Column("counterparty", sa.String(200), nullable=False),
        sa.Column("consented_on", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("maximum", sa.Numeric(18, 2), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("consented_by", sa.String(254), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("claim_expenses") as expenses:
        expenses.drop_column("insurer_consent_on")


def downgrade() -> None:
    with op.batch_alter_table("claim_expenses") as expenses:
        expenses.add_column(sa.Column("insurer_consent_on", sa.Date(), nullable=True))
    op.drop_table(TABLE)
