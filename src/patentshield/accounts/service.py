"""Use cases of accounts: organisations, users, unlocking and password login with lockout.

Each use case takes the :class:`~patentshield.kernel.runtime.Runtime` first, checks what its
caller may do (:func:`~patentshield.kernel.access.require`; the local operator may do all) and
runs in one unit of work. A caller other than a platform administrator sees and changes only
its own organisation; another organisation's users answer "not found".

Login (:func:`authenticate`) counts wrong passwords per account: after
``settings.login_max_failures`` in a row the account is locked for
``settings.login_lockout_minutes``, during which no password is even checked. The count is
committed even though the login fails, and the row is locked on PostgreSQL so that concurrent
guesses are all counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from patentshield.accounts import store
from patentshield.accounts.credentials import new_id
from patentshield.accounts.model import (
    Organisation,
    User,
    check_password,
    check_role,
    normalise_email,
    organisation_name,
    product_ids,
    region_code,
)
from patentshield.accounts.passwords import dummy_hash, hash_password, is_password, needs_rehash
from patentshield.kernel.access import Caller, OrganisationKind, Permission, Role, require
from patentshield.kernel.errors import Conflict, Forbidden, NotFound, Unauthenticated
from patentshield.kernel.runtime import Runtime

__all__ = [
    "authenticate",
    "create_organisation",
    "create_user",
    "is_visible",
    "list_organisations",
    "list_users",
    "set_organisation_products",
    "unlock_user",
]

LOGIN_REFUSED = "wrong email or password, or the account is locked; try again later"


def _sees_all(caller: Caller | None) -> bool:
    return caller is None or caller.is_platform


def is_visible(caller: Caller | None, organisation_id: str) -> bool:
    """Tell whether ``caller`` sees the records of organisation ``organisation_id``."""
    return caller is None or caller.is_platform or caller.organisation_id == organisation_id


def _visible_organisation(
    session: Session, caller: Caller | None, key: str
) -> store.OrganisationRow:
    row = store.find_organisation(session, key)
    if row is None or not is_visible(caller, row.id):
        raise NotFound(f"no organisation {key!r}", field="organisation")
    return row


def _require_platform(caller: Caller | None, action: str) -> None:
    require(caller, Permission.ACCOUNTS_WRITE)
    if not _sees_all(caller):
        raise Forbidden(Permission.ACCOUNTS_WRITE.value, f"only the platform {action}")


def create_organisation(
    runtime: Runtime,
    *,
    kind: OrganisationKind,
    name: str,
    region: str | None = None,
    products: Sequence[str] = (),
) -> Organisation:
    """Create an organisation (platform administrators and the operator only).

    ``products`` are the catalog products an insurer underwrites (it sees their quotes,
    policies, cases and claims).

    Raises
    ------
    InvalidInput
        For an empty name, a bad region code or products given to another kind.
    Conflict
        When an organisation of that name exists.
    """
    _require_platform(runtime.caller, "creates organisations")
    underwritten = frozenset(product_ids(list(products), kind))
    clean = organisation_name(name)
    row = store.OrganisationRow(
        id=new_id("org"),
        kind=kind.value,
        name=clean,
        name_key=clean.casefold(),
        region=region_code(region, kind),
        created_at=runtime.clock.now(),
    )
    try:
        with runtime.unit_of_work() as session:
            session.add(row)
            session.flush()
            store.set_products(session, row.id, underwritten)
    except IntegrityError:
        raise Conflict(f"an organisation named {clean!r} exists", field="name") from None
    return store.organisation_of(row, underwritten)


def set_organisation_products(
    runtime: Runtime,
    organisation: str,
    *,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
) -> Organisation:
    """Add and remove catalog products an insurer underwrites (platform only).

    Raises
    ------
    NotFound
        For an unknown organisation.
    InvalidInput
        For products given to an organisation that is not an insurer, or a bad product id.
    """
    _require_platform(runtime.caller, "changes what an insurer underwrites")
    with runtime.unit_of_work() as session:
        row = _visible_organisation(session, runtime.caller, organisation)
        kind = OrganisationKind(row.kind)
        added = frozenset(product_ids(list(add), kind))
        removed = frozenset(product_ids(list(remove), kind))
        products = (store.products_of(session, row.id) | added) - removed
        store.set_products(session, row.id, products)
        return store.organisation_of(row, products)


def list_organisations(runtime: Runtime) -> Sequence[Organisation]:
    """Return the organisations the caller sees (all for the platform), by name."""
    require(runtime.caller, Permission.ACCOUNTS_READ)
    query = select(store.OrganisationRow).order_by(store.OrganisationRow.name_key)
    if not _sees_all(runtime.caller):
        assert runtime.caller is not None
        query = query.where(store.OrganisationRow.id == runtime.caller.organisation_id)
    with runtime.unit_of_work() as session:
        return [
            store.organisation_of(row, store.products_of(session, row.id))
            for row in session.scalars(query)
        ]


def create_user(
    runtime: Runtime, *, organisation: str, email: str, role: Role, password: str
) -> User:
    """Create a user of ``organisation`` (its id or name) with an argon2id password hash.

    Raises
    ------
    InvalidInput
        For a bad email, a role the organisation's kind cannot give or a short password.
    NotFound
        For an organisation the caller does not see.
    Conflict
        When the email is taken (in any case).
    """
    require(runtime.caller, Permission.ACCOUNTS_WRITE)
    clean_email = normalise_email(email)
    check_password(password)
    try:
        with runtime.unit_of_work() as session:
            owner = _visible_organisation(session, runtime.caller, organisation)
            check_role(OrganisationKind(owner.kind), role)
            row = store.UserRow(
                id=new_id("usr"),
                organisation_id=owner.id,
                email=clean_email,
                role=role.value,
                password_hash=hash_password(password),
                failed_logins=0,
                locked_until=None,
                disabled=False,
                created_at=runtime.clock.now(),
                last_login_at=None,
            )
            session.add(row)
            session.flush()
    except IntegrityError:
        raise Conflict(f"a user with email {clean_email!r} exists", field="email") from None
    return store.user_of(row)


def list_users(runtime: Runtime, organisation: str | None = None) -> Sequence[User]:
    """Return the users the caller sees, of one organisation if given, by email."""
    require(runtime.caller, Permission.ACCOUNTS_READ)
    query = select(store.UserRow).order_by(store.UserRow.email)
    with runtime.unit_of_work() as session:
        if organisation is not None:
            owner = _visible_organisation(session, runtime.caller, organisation)
            query = query.where(store.UserRow.organisation_id == owner.id)
        elif not _sees_all(runtime.caller):
            assert runtime.caller is not None
            query = query.where(store.UserRow.organisation_id == runtime.caller.organisation_id)
        return [store.user_of(row) for row in session.scalars(query)]


def unlock_user(runtime: Runtime, email: str) -> User:
    """Lift a lockout and reset the count of wrong passwords."""
    require(runtime.caller, Permission.ACCOUNTS_WRITE)
    with runtime.unit_of_work() as session:
        row = _visible_user(session, runtime.caller, normalise_email(email))
        row.failed_logins = 0
        row.locked_until = None
        return store.user_of(row)


def _visible_user(session: Session, caller: Caller | None, email: str) -> store.UserRow:
    row = store.find_user(session, email, lock=True)
    if row is None or not is_visible(caller, row.organisation_id):
        raise NotFound(f"no user {email!r}", field="email")
    return row


def authenticate(runtime: Runtime, email: str, password: str) -> Caller:
    """Return the caller a correct email and password sign in as.

    Raises
    ------
    Unauthenticated
        With one message for every failure (unknown email, wrong password, locked or disabled
        account), so that a guesser learns nothing about which accounts exist.
    """
    with runtime.unit_of_work() as session:
        caller = _attempt_login(runtime, session, email.strip().lower(), password)
    if caller is None:
        raise Unauthenticated(LOGIN_REFUSED)
    return caller


def _attempt_login(runtime: Runtime, session: Session, email: str, password: str) -> Caller | None:
    now = runtime.clock.now()
    row = store.find_user(session, email, lock=True)
    if row is None:
        is_password(password, dummy_hash())  # spend the same time as for a known email
        return None
    user = store.user_of(row)
    if user.disabled or user.is_locked(now):
        return None
    if not is_password(password, row.password_hash):
        row.failed_logins += 1
        if row.failed_logins >= runtime.settings.login_max_failures:
            row.failed_logins = 0
            row.locked_until = now + timedelta(minutes=runtime.settings.login_lockout_minutes)
        return None
    if row.failed_logins or row.locked_until is not None:
        row.failed_logins, row.locked_until = 0, None
    if needs_rehash(row.password_hash):
        row.password_hash = hash_password(password)
    row.last_login_at = now
    organisation = session.get(store.OrganisationRow, row.organisation_id)
    assert organisation is not None  # foreign key
    return store.caller_of(session, row, organisation, None)
