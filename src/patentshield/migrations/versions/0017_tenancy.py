"""Tenancy: who owns an enterprise, what an insurer underwrites, who a case names.

* ``enterprises.organisation_id`` — the exporter (or broker) organisation owning the profile;
  NULL for a profile the operator imported and has not assigned (the platform sees it only);
* ``organisation_products`` — the catalog products an insurer organisation underwrites;
* ``quotes.organisation_id`` — the organisation that saved a quote (an exporter sees the
  quotes it made for an applicant not in the register);
* ``case_parties`` — the enterprises and policies a case names, one row each, filled here from
  the cases' JSON documents, so that "the cases naming my enterprise" or "on my policies" is
  a query.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_cases = sa.table("cases", sa.column("id", sa.String()), sa.column("parties", sa.JSON()))
_case_parties = sa.table(
    "case_parties",
    sa.column("case_id", sa.String()),
    sa.column("position", sa.Integer()),
    sa.column("enterprise_id", sa.String()),
    sa.column("policy_number", sa.String()),
)


def _fill_case_parties() -> None:
    connection = op.get_bind()
    rows = []
    for case_id, parties in list(connection.execute(sa.select(_cases.c.id, _cases.c.parties))):
        named = list(parties.get("respondents", [])) + list(parties.get("insured_complainants", []))
        for position, party in enumerate(named):
            if party.get("enterprise") or party.get("policy"):
                rows.append(
                    {
                        "case_id": case_id,
                        "position": position,
                        "enterprise_id": party.get("enterprise"),
                        "policy_number": party.get("policy"),
                    }
                )
    if rows:
        connection.execute(_case_parties.insert(), rows)


# A table rebuild (SQLite's way to drop a column that has a foreign key) drops the old table,
# which deletes, ON DELETE CASCADE, the rows of these tables: they are kept aside meanwhile.
_ENTERPRISE_CHILDREN = (
    "enterprise_industries",
    "enterprise_flags",
    "enterprise_product_classes",
    "enterprise_patents",
    "enterprise_past_cases",
)


def upgrade() -> None:
    # ALTER TABLE … ADD COLUMN … REFERENCES: never a rebuild of a table with children.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE enterprises ADD COLUMN organisation_id VARCHAR(40) "
            "CONSTRAINT fk_enterprises_organisation REFERENCES organisations (id)"
        )
    else:
        op.add_column("enterprises", sa.Column("organisation_id", sa.String(40), nullable=True))
        op.create_foreign_key(
            "fk_enterprises_organisation",
            "enterprises",
            "organisations",
            ["organisation_id"],
            ["id"],
        )
    op.create_index("ix_enterprises_organisation_id", "enterprises", ["organisation_id"])
    op.add_column("quotes", sa.Column("organisation_id", sa.String(40), nullable=True))
    op.create_index("ix_quotes_organisation_id", "quotes", ["organisation_id"])
    op.create_table(
        "organisation_products",
        sa.Column(
            "organisation_id",
            sa.String(40),
            sa.ForeignKey("organisations.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("product_id", sa.String(80), primary_key=True),
    )
    op.create_index("ix_organisation_products_product_id", "organisation_products", ["product_id"])
    op.create_table(
        "case_parties",
        sa.Column("case_id", sa.String(40), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("enterprise_id", sa.String(64), nullable=True, index=True),
        sa.Column("policy_number", sa.String(60), nullable=True, index=True),
    )
    _fill_case_parties()


def downgrade() -> None:
    op.drop_table("case_parties")
    op.drop_index("ix_organisation_products_product_id", "organisation_products")
    op.drop_table("organisation_products")
    op.drop_index("ix_quotes_organisation_id", "quotes")
    op.drop_index("ix_enterprises_organisation_id", "enterprises")
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("organisation_id")
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in _ENTERPRISE_CHILDREN:
            op.execute(f"CREATE TEMPORARY TABLE keep_{name} AS SELECT * FROM {name}")
    with op.batch_alter_table("enterprises") as batch:
        if not sqlite:  # SQLite rebuilds the table without the column and its constraint
            batch.drop_constraint("fk_enterprises_organisation", type_="foreignkey")
        batch.drop_column("organisation_id")
    if sqlite:
        for name in _ENTERPRISE_CHILDREN:
            op.execute(f"DELETE FROM {name}")
            op.execute(f"INSERT INTO {name} SELECT * FROM keep_{name}")
            op.execute(f"DROP TABLE keep_{name}")
