"""Tables and repository of organisations, users, API tokens and web sessions (migration ``0009``).

Tokens and sessions are stored only as the SHA-256 digest of their secret. A user's email is
stored in lower case under a unique constraint, so it is unique whatever its case. The
repository returns the values of :mod:`patentshield.accounts.model`, never rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from patentshield.accounts.model import ApiToken, Organisation, User
from patentshield.kernel.access import Caller, OrganisationKind, Permission, Role
from patentshield.kernel.db import Base, as_utc, lock_rows_supported


class OrganisationRow(Base):
    """An organisation using the platform."""

    __tablename__ = "organisations"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    region: Mapped[str | None] = mapped_column(String(6))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OrganisationProductRow(Base):
    """A catalog product an insurer organisation underwrites (migration ``0017``).

    Catalog insurer names are free text, so the link between an insurer organisation and the
    products whose quotes, policies, cases and claims it sees is explicit.
    """

    __tablename__ = "organisation_products"

    organisation_id: Mapped[str] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    )
    product_id: Mapped[str] = mapped_column(String(80), primary_key=True, index=True)


class UserRow(Base):
    """A user of one organisation."""

    __tablename__ = "users"
    __table_args__ = {"info": {"audit_ignore": frozenset({"last_login_at"})}}

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[str] = mapped_column(String(30))
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    disabled: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class TokenRow(Base):
    """A personal API token, stored as the digest of its secret."""

    __tablename__ = "api_tokens"
    # the time of last use is bookkeeping, not a change anyone made: not audited
    __table_args__ = {"info": {"audit_ignore": frozenset({"last_used_at"})}}

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SessionRow(Base):
    """A web session, stored as the digest of its cookie, with its CSRF secret."""

    __tablename__ = "web_sessions"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def organisation_of(row: OrganisationRow, products: frozenset[str] = frozenset()) -> Organisation:
    """Return the organisation of a row, with the products it underwrites if given."""
    return Organisation(
        row.id,
        OrganisationKind(row.kind),
        row.name,
        row.region,
        as_utc(row.created_at),
        tuple(sorted(products)),
    )


def user_of(row: UserRow) -> User:
    """Return the user of a row (without its password hash)."""
    return User(
        id=row.id,
        organisation_id=row.organisation_id,
        email=row.email,
        role=Role(row.role),
        failed_logins=row.failed_logins,
        locked_until=as_utc(row.locked_until) if row.locked_until else None,
        disabled=row.disabled,
        created_at=as_utc(row.created_at),
    )


def scopes_of(values: list[str] | None) -> frozenset[Permission] | None:
    """Return stored scopes as permissions (``None``: all of the role's)."""
    return None if values is None else frozenset(Permission(value) for value in values)


def token_of(row: TokenRow, email: str) -> ApiToken:
    """Return the listed form of a token row."""
    return ApiToken(
        id=row.id,
        user_id=row.user_id,
        email=email,
        name=row.name,
        scopes=scopes_of(row.scopes),
        created_at=as_utc(row.created_at),
        expires_at=as_utc(row.expires_at),
        revoked_at=as_utc(row.revoked_at) if row.revoked_at else None,
        last_used_at=as_utc(row.last_used_at) if row.last_used_at else None,
    )


def products_of(session: Session, organisation_id: str) -> frozenset[str]:
    """Return the ids of the catalog products an organisation underwrites."""
    query = select(OrganisationProductRow.product_id).where(
        OrganisationProductRow.organisation_id == organisation_id
    )
    return frozenset(session.scalars(query))


def set_products(session: Session, organisation_id: str, products: frozenset[str]) -> None:
    """Make ``products`` the catalog products an organisation underwrites."""
    held = products_of(session, organisation_id)
    for product_id in held - products:
        row = session.get(OrganisationProductRow, (organisation_id, product_id))
        session.delete(row)
    for product_id in sorted(products - held):
        session.add(OrganisationProductRow(organisation_id=organisation_id, product_id=product_id))
    session.flush()


def caller_of(
    session: Session,
    user: UserRow,
    organisation: OrganisationRow,
    scopes: frozenset[Permission] | None,
) -> Caller:
    """Return the caller a user of an organisation acts as, with the products it underwrites.

    Only insurers underwrite products (the service refuses them to other kinds), so the look-up
    is skipped for every other organisation: one query less on each of their requests.
    """
    kind = OrganisationKind(organisation.kind)
    underwrites = (
        products_of(session, organisation.id) if kind is OrganisationKind.INSURER else frozenset()
    )
    return Caller(
        user_id=user.id,
        email=user.email,
        organisation_id=organisation.id,
        organisation_kind=kind,
        role=Role(user.role),
        region=organisation.region,
        scopes=scopes,
        underwrites=underwrites,
    )


def find_organisation(session: Session, key: str) -> OrganisationRow | None:
    """Return the organisation whose id is ``key``, or whose name is ``key`` in any case."""
    found = session.get(OrganisationRow, key)
    if found is not None:
        return found
    query = select(OrganisationRow).where(OrganisationRow.name_key == key.strip().casefold())
    return session.scalars(query).first()


def find_user(session: Session, email: str, *, lock: bool = False) -> UserRow | None:
    """Return the user with ``email`` (already in lower case), locked for update if asked."""
    query = select(UserRow).where(UserRow.email == email)
    if lock and lock_rows_supported(session):
        query = query.with_for_update()
    return session.scalars(query).first()


def user_with_organisation(
    session: Session, user_id: str
) -> tuple[UserRow, OrganisationRow] | None:
    """Return a user and its organisation by the user's id."""
    query = (
        select(UserRow, OrganisationRow)
        .join(OrganisationRow, UserRow.organisation_id == OrganisationRow.id)
        .where(UserRow.id == user_id)
    )
    found = session.execute(query).first()
    return None if found is None else (found[0], found[1])


CredentialRow = TypeVar("CredentialRow", TokenRow, SessionRow)


def credential_with_owner(
    session: Session, kind: type[CredentialRow], digest: str
) -> tuple[CredentialRow, UserRow, OrganisationRow] | None:
    """Return a token or session by its digest with its user and organisation, in one query."""
    query = (
        select(kind, UserRow, OrganisationRow)
        .join(UserRow, kind.user_id == UserRow.id)
        .join(OrganisationRow, UserRow.organisation_id == OrganisationRow.id)
        .where(kind.digest == digest)
    )
    found = session.execute(query).first()
    return None if found is None else (found[0], found[1], found[2])
