"""Organisations, users, API tokens and web sessions as values, and the checks of their fields.

Every check raises :class:`~patentshield.kernel.errors.InvalidInput` naming the field and the
reason, so an edge can refuse bad input in one line before anything is written.

This module is pure: it imports no framework and reads no clock (``now`` is a parameter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from patentshield.kernel.access import OrganisationKind, Permission, Role, can_hold
from patentshield.kernel.errors import InvalidInput

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
MAX_NAME_LENGTH = 200
MAX_EMAIL_LENGTH = 254
_REGION = re.compile(r"\d{6}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DAYS = re.compile(r"(\d{1,4})d")


@dataclass(frozen=True, slots=True)
class Organisation:
    """An exporter, insurer, administration, broker or the platform itself."""

    id: str
    kind: OrganisationKind
    name: str
    region: str | None
    created_at: datetime
    products: tuple[str, ...] = ()
    """The catalog products an insurer underwrites (sorted); empty for other kinds."""


@dataclass(frozen=True, slots=True)
class User:
    """A person of one organisation, holding one role; the password hash is never shown."""

    id: str
    organisation_id: str
    email: str
    role: Role
    failed_logins: int
    locked_until: datetime | None
    disabled: bool
    created_at: datetime

    def is_locked(self, now: datetime) -> bool:
        """Tell whether the account is locked at ``now`` after repeated wrong passwords."""
        return self.locked_until is not None and self.locked_until > now


@dataclass(frozen=True, slots=True)
class ApiToken:
    """A personal API token as listed: its secret is shown once at creation, never again."""

    id: str
    user_id: str
    email: str
    name: str
    scopes: frozenset[Permission] | None
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None

    def is_active(self, now: datetime) -> bool:
        """Tell whether the token may be used at ``now`` (not revoked, not expired)."""
        return self.revoked_at is None and self.expires_at > now


@dataclass(frozen=True, slots=True)
class IssuedSecret:
    """A token or session just created, with the secret the holder must keep."""

    id: str
    secret: str
    expires_at: datetime


def organisation_name(value: str) -> str:
    """Return a trimmed organisation name, or raise naming the field ``name``."""
    name = value.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise InvalidInput("name", f"must have 1 to {MAX_NAME_LENGTH} characters")
    return name


def region_code(value: str | None, kind: OrganisationKind) -> str | None:
    """Return a region code of six digits (GB/T 2260), required of an administration.

    >>> region_code(" 440300 ", OrganisationKind.ADMINISTRATION)
    '440300'
    """
    if value is None or not value.strip():
        if kind is OrganisationKind.ADMINISTRATION:
            raise InvalidInput("region", "an administration needs its six-digit region code")
        return None
    code = value.strip()
    if not _REGION.fullmatch(code):
        raise InvalidInput("region", f"{code!r} is not a six-digit region code (e.g. 440300)")
    return code


MAX_PRODUCT_ID_LENGTH = 80


def product_ids(values: tuple[str, ...] | list[str], kind: OrganisationKind) -> tuple[str, ...]:
    """Return the catalog product ids an organisation of ``kind`` underwrites, sorted.

    Only an insurer underwrites products; an id is 1 to 80 characters without blanks.

    >>> product_ids([" gd-337-b ", "gd-337-a"], OrganisationKind.INSURER)
    ('gd-337-a', 'gd-337-b')
    """
    cleaned = sorted({value.strip() for value in values})
    if cleaned and kind is not OrganisationKind.INSURER:
        raise InvalidInput("product", f"only an insurer underwrites products, not a {kind.value}")
    for value in cleaned:
        if not value or len(value) > MAX_PRODUCT_ID_LENGTH or any(c.isspace() for c in value):
            raise InvalidInput("product", f"{value!r} is not a catalog product id")
    return tuple(cleaned)


def normalise_email(value: str) -> str:
    """Return the email in lower case (emails are unique whatever their case).

    >>> normalise_email(" Li.Wei@Example.CN ")
    'li.wei@example.cn'
    """
    email = value.strip().lower()
    if len(email) > MAX_EMAIL_LENGTH or not _EMAIL.fullmatch(email):
        raise InvalidInput("email", f"{value.strip()!r} is not an email address")
    return email


def check_role(kind: OrganisationKind, role: Role) -> Role:
    """Return ``role`` if an organisation of ``kind`` may give it, else raise on ``role``."""
    if not can_hold(kind, role):
        raise InvalidInput("role", f"an organisation of kind {kind.value} cannot give {role.value}")
    return role


def check_password(password: str) -> str:
    """Return the password if it is long enough, else raise naming the field ``password``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("password", f"must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput("password", f"must have at most {MAX_PASSWORD_LENGTH} characters")
    return password


def token_expiry(value: str, now: datetime) -> datetime:
    """Return when a token given ``--expires`` expires: ``90d`` from ``now``, or a date.

    A date means the token works until the start of that day (UTC).

    >>> now = datetime(2026, 3, 1, 9, tzinfo=UTC)
    >>> token_expiry("90d", now).isoformat(), token_expiry("2027-01-01", now).isoformat()
    ('2026-05-30T09:00:00+00:00', '2027-01-01T00:00:00+00:00')
    """
    text = value.strip().lower()
    days = _DAYS.fullmatch(text)
    if days is not None:
        expires = now + timedelta(days=int(days.group(1)))
    else:
        try:
            expires = datetime.combine(date.fromisoformat(text), time(), tzinfo=UTC)
        except ValueError:
            reason = f"{value!r} is neither a date nor a count of days like 90d"
            raise InvalidInput("expires", reason) from None
    if expires <= now:
        raise InvalidInput("expires", "must be in the future")
    return expires
