"""Evidence records chained: ``evidence_files.sequence`` and ``record_hash``.

Each record of a case gets its number in the case (in the order the records were added) and
the SHA-256 of its fields and of the previous record's hash
(:mod:`patentshield.cases.evidence_chain`), so that an edit of a record in the database is
found by ``evidence verify``. Records already stored are chained here, oldest first.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

from datetime import UTC

import sqlalchemy as sa
from alembic import op

from patentshield.cases.evidence_chain import GENESIS, record_hash
from patentshield.cases.model import Evidence, EvidenceKind

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

TABLE = "evidence_files"

_evidence = sa.table(
    TABLE,
    sa.column("id", sa.String()),
    sa.column("case_id", sa.String()),
    sa.column("sha256", sa.String()),
    sa.column("kind", sa.String()),
    sa.column("filename", sa.String()),
    sa.column("size", sa.Integer()),
    sa.column("added_by", sa.String()),
    sa.column("added_on", sa.Date()),
    sa.column("added_at", sa.DateTime(timezone=True)),
    sa.column("note", sa.Text()),
    sa.column("sequence", sa.Integer()),
    sa.column("record_hash", sa.String()),
)


def _chain_existing_records() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_evidence).order_by(
            _evidence.c.case_id, _evidence.c.added_at, _evidence.c.added_on, _evidence.c.id
        )
    ).mappings()
    case_id, sequence, previous = None, 0, GENESIS
    for row in list(rows):
        if row["case_id"] != case_id:
            case_id, sequence, previous = row["case_id"], 0, GENESIS
        sequence += 1
        added_at = row["added_at"]
        item = Evidence(
            id=row["id"],
            case_id=row["case_id"],
            sha256=row["sha256"],
            kind=EvidenceKind(row["kind"]),
            filename=row["filename"],
            size=row["size"],
            added_by=row["added_by"],
            added_on=row["added_on"],
            added_at=added_at if added_at.tzinfo else added_at.replace(tzinfo=UTC),
            note=row["note"],
            sequence=sequence,
        )
        previous = record_hash(item, previous)
        connection.execute(
            _evidence.update()
            .where(_evidence.c.id == row["id"])
            .values(sequence=sequence, record_hash=previous)
        )


def upgrade() -> None:
    with op.batch_alter_table(TABLE) as batch:
        batch.add_column(sa.Column("sequence", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("record_hash", sa.String(64), nullable=True))
    _chain_existing_records()
    with op.batch_alter_table(TABLE) as batch:
        batch.alter_column("sequence", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("record_hash", existing_type=sa.String(64), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table(TABLE) as batch:
        batch.drop_column("record_hash")
        batch.drop_column("sequence")
