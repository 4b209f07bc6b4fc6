"""Claims rules: the notice's claim-date facts and late-notice fault, settlement consent,
outcomes per respondent and the finality of a district court's judgment.

* ``claims``: ``first_demand_on``, ``named_by_amendment_on``, ``served_on`` (the dates a claim
  may be made on, by the policy's trigger) and ``late_notice_fault`` (PRC Insurance Law
  art. 21); existing claims have none of them, as before.
* ``claim_expenses``: ``insurer_consent_on``, the insurer's consent to a settlement or licence
  payment; existing invoices have none (their policies' frozen terms, without claims
  conditions, need none).
* ``case_outcomes``: ``respondent`` (an outcome of one respondent's part; existing outcomes are
  the whole investigation's) and ``final`` (a district court's judgment no longer appealable).

Revision ID: 0012
Revises: 0010 (re-pointed at merge after 0011)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None

CLAIM_COLUMNS = (
    ("first_demand_on", sa.Date()),
    ("named_by_amendment_on", sa.Date()),
    ("served_on", sa.Date()),
    ("late_notice_fault", sa.String(20)),
)


def upgrade() -> None:
    with op.batch_alter_table("claims") as claims:
        for name, kind in CLAIM_COLUMNS:
            claims.add_column(sa.Column(name, kind, nullable=True))
    with op.batch_alter_table("claim_expenses") as expenses:
        expenses.add_column(sa.Column("insurer_consent_on", sa.Date(), nullable=True))
    with op.batch_alter_table("case_outcomes") as outcomes:
        outcomes.add_column(sa.Column("respondent", sa.String(200), nullable=True))
        outcomes.add_column(sa.Column("final", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_outcomes") as outcomes:
        outcomes.drop_column("final")
        outcomes.drop_column("respondent")
    with op.batch_alter_table("claim_expenses") as expenses:
        expenses.drop_column("insurer_consent_on")
    with op.batch_alter_table("claims") as claims:
        for name, _kind in reversed(CLAIM_COLUMNS):
            claims.drop_column(name)
