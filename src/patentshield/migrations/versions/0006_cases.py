"""Section 337 cases: moves, duties done, counsel consent and evidence metadata.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("state", sa.String(40), nullable=False),
        sa.Column("complaint_filed", sa.Date(), nullable=False),
        sa.Column("learned_on", sa.Date(), nullable=False),
        sa.Column("instituted", sa.Date(), nullable=True),
        sa.Column("served", sa.Date(), nullable=True),
        sa.Column("hearing", sa.Date(), nullable=True),
        sa.Column("target", sa.Date(), nullable=True),
        sa.Column("final_id_served", sa.Date(), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("number", name=op.f("uq_cases_number")),
    )
    op.create_table(
        "case_transitions",
        sa.Column("case_id", sa.String(40), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("from_state", sa.String(40), nullable=True),
        sa.Column("to_state", sa.String(40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_transitions_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_id", "sequence", name=op.f("pk_case_transitions")),
    )
    op.create_table(
        "case_duties",
        sa.Column("case_id", sa.String(40), nullable=False),
        sa.Column("code", sa.String(120), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_duties_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_id", "code", name=op.f("pk_case_duties")),
    )
    op.create_table(
        "case_counsel",
        sa.Column("case_id", sa.String(40), nullable=False),
        sa.Column("respondent", sa.String(200), nullable=False),
        sa.Column("firm", sa.String(200), nullable=False),
        sa.Column("consented_on", sa.Date(), nullable=False),
        sa.Column("panel", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_counsel_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_id", "respondent", name=op.f("pk_case_counsel")),
    )
    op.create_table(
        "evidence_files",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("case_id", sa.String(40), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(200), nullable=False),
        sa.Column("added_on", sa.Date(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_evidence_files_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
        sa.UniqueConstraint("case_id", "sha256", name=op.f("uq_evidence_files_case_id")),
    )
    op.create_index(op.f("ix_evidence_files_case_id"), "evidence_files", ["case_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_evidence_files_case_id"), table_name="evidence_files")
    op.drop_table("evidence_files")
    op.drop_table("case_counsel")
    op.drop_table("case_duties")
    op.drop_table("case_transitions")
    op.drop_table("cases")
