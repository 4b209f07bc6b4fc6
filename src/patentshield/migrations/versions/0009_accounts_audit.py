"""Accounts and the audit log: organisations, users, tokens, sessions, audit chain, idempotency.

Revision ID: 0009
Revises: 0007
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def _moment(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _user_fk(table: str) -> sa.ForeignKeyConstraint:
    name = op.f(f"fk_{table}_user_id_users")
    return sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=name)


def _accounts() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("region", sa.String(6), nullable=True),
        _moment("created_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("name_key", name=op.f("uq_organisations_name_key")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("organisation_id", sa.String(40), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("role", sa.String(30), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        _moment("locked_until", nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        _moment("created_at"),
        _moment("last_login_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_users_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_index(op.f("ix_users_organisation_id"), "users", ["organisation_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("user_id", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=True),
        _moment("created_at"),
        _moment("expires_at"),
        _moment("revoked_at", nullable=True),
        _moment("last_used_at", nullable=True),
        _user_fk("api_tokens"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("digest", name=op.f("uq_api_tokens_digest")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"])
    op.create_table(
        "web_sessions",
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("user_id", sa.String(40), nullable=False),
        sa.Column("csrf_secret", sa.String(64), nullable=False),
        _moment("created_at"),
        _moment("expires_at"),
        _user_fk("web_sessions"),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_web_sessions")),
    )
    op.create_index(op.f("ix_web_sessions_user_id"), "web_sessions", ["user_id"])


def _audit() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("sequence", sa.Integer(), autoincrement=False, nullable=False),
        _moment("at"),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("organisation_id", sa.String(40), nullable=True),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("object_type", sa.String(80), nullable=False),
        sa.Column("object_id", sa.String(400), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("previous", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("sequence", name=op.f("pk_audit_entries")),
    )
    op.create_index(op.f("ix_audit_entries_organisation_id"), "audit_entries", ["organisation_id"])
    head = op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.bulk_insert(head, [{"id": 1, "sequence": 0, "hash": GENESIS}])
    op.create_table(
        "idempotency_keys",
        sa.Column("scope", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("body", sa.JSON(), nullable=True),
        _moment("created_at"),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_idempotency_keys")),
    )


def upgrade() -> None:
    _accounts()
    _audit()


def downgrade() -> None:
    op.drop_table("idempotency_keys")
    op.drop_table("audit_chain_head")
    op.drop_index(op.f("ix_audit_entries_organisation_id"), table_name="audit_entries")
    op.drop_table("audit_entries")
    for table, index in (
        ("web_sessions", "user_id"),
        ("api_tokens", "user_id"),
        ("users", "organisation_id"),
    ):
        op.drop_index(op.f(f"ix_{table}_{index}"), table_name=table)
        op.drop_table(table)
    op.drop_table("organisations")
