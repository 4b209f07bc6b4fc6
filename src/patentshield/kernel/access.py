"""Who may do what: organisation kinds, roles, permissions and the caller of a request.

Every request or command runs for a :class:`Caller` (a user of an organisation, holding one
role) or for the local operator of the CLI (``None``, who acts as platform administrator).
What a caller may do is the permissions of its role (:data:`ROLE_PERMISSIONS`), less what its
kind of organisation may never do (:data:`NEVER_FOR_KIND`: an administration never sees a
company's case evidence, DESIGN.md section 5), narrowed to the scopes of the API token it
used, if any. Services call :func:`require` before they act; which *objects* a caller sees
(tenancy) is decided by each service on top of this.

This module is pure: it imports no framework and reads no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from patentshield.kernel.errors import Forbidden, InvalidInput


class OrganisationKind(StrEnum):
    """The kinds of organisation that use the platform."""

    EXPORTER = "exporter"
    INSURER = "insurer"
    ADMINISTRATION = "administration"
    BROKER = "broker"
    PLATFORM = "platform"


class Role(StrEnum):
    """The role a user holds in its organisation."""

    EXPORTER_ADMIN = "exporter_admin"
    EXPORTER_MEMBER = "exporter_member"
    UNDERWRITER = "underwriter"
    CLAIMS_HANDLER = "claims_handler"
    PROGRAMME_OFFICER = "programme_officer"
    AUDITOR = "auditor"
    PLATFORM_ADMIN = "platform_admin"


class Permission(StrEnum):
    """One action on one capability, written ``capability:action`` (also a token scope)."""

    CATALOG_READ = "catalog:read"
    ENTERPRISES_READ = "enterprises:read"
    ENTERPRISES_WRITE = "enterprises:write"
    QUOTES_READ = "quotes:read"
    QUOTES_WRITE = "quotes:write"
    RISK_READ = "risk:read"
    RISK_WRITE = "risk:write"
    POLICIES_READ = "policies:read"
    POLICIES_BIND = "policies:bind"
    POLICIES_WRITE = "policies:write"
    CASES_READ = "cases:read"
    CASES_WRITE = "cases:write"
    EVIDENCE_READ = "evidence:read"
    EVIDENCE_WRITE = "evidence:write"
    CLAIMS_READ = "claims:read"
    CLAIMS_NOTIFY = "claims:notify"
    CLAIMS_EXPENSE = "claims:expense"
    CLAIMS_ADJUDICATE = "claims:adjudicate"
    CLAIMS_PAY = "claims:pay"
    CLAIMS_CONSENT = "claims:consent"
    SUBSIDIES_READ = "subsidies:read"
    SUBSIDIES_APPLY = "subsidies:apply"
    SUBSIDIES_DECIDE = "subsidies:decide"
    SUBSIDIES_GRANT = "subsidies:grant"
    PROGRAMME_READ = "programme:read"
    PROGRAMME_WRITE = "programme:write"
    USITC_READ = "usitc:read"
    USITC_WRITE = "usitc:write"
    AUDIT_READ = "audit:read"
    ACCOUNTS_READ = "accounts:read"
    ACCOUNTS_WRITE = "accounts:write"


P = Permission
_READ_ALL = frozenset(p for p in P if p.value.endswith(":read"))
_EXPORTER_WORK = frozenset(
    {
        P.CATALOG_READ,
        P.ENTERPRISES_READ,
        P.ENTERPRISES_WRITE,
        P.QUOTES_READ,
        P.QUOTES_WRITE,
        P.RISK_READ,
        P.RISK_WRITE,
        P.POLICIES_READ,
        P.POLICIES_BIND,
        P.CASES_READ,
        P.CASES_WRITE,
        P.EVIDENCE_READ,
        P.EVIDENCE_WRITE,
        P.CLAIMS_READ,
        P.CLAIMS_NOTIFY,
        P.CLAIMS_EXPENSE,
        P.SUBSIDIES_READ,
        P.SUBSIDIES_APPLY,
        P.USITC_READ,
        P.ACCOUNTS_READ,
    }
)

ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.EXPORTER_ADMIN: _EXPORTER_WORK | {P.ACCOUNTS_WRITE},
    Role.EXPORTER_MEMBER: _EXPORTER_WORK,
    Role.UNDERWRITER: frozenset(
        {
            P.CATALOG_READ,
            P.ENTERPRISES_READ,
            P.QUOTES_READ,
            P.QUOTES_WRITE,
            P.RISK_READ,
            P.RISK_WRITE,
            P.POLICIES_READ,
            P.POLICIES_BIND,
            P.POLICIES_WRITE,
            P.CASES_READ,
            P.CLAIMS_READ,
            P.SUBSIDIES_READ,
            P.PROGRAMME_READ,
            P.PROGRAMME_WRITE,
            P.USITC_READ,
            P.ACCOUNTS_READ,
        }
    ),
    Role.CLAIMS_HANDLER: frozenset(
        {
            P.CATALOG_READ,
            P.ENTERPRISES_READ,
            P.QUOTES_READ,
            P.POLICIES_READ,
            P.CASES_READ,
            P.EVIDENCE_READ,
            P.CLAIMS_READ,
            P.CLAIMS_ADJUDICATE,
            P.CLAIMS_PAY,
            P.CLAIMS_CONSENT,
            P.USITC_READ,
            P.ACCOUNTS_READ,
        }
    ),
    Role.PROGRAMME_OFFICER: frozenset(
        {
            P.CATALOG_READ,
            P.ENTERPRISES_READ,
            P.SUBSIDIES_READ,
            P.SUBSIDIES_DECIDE,
            P.SUBSIDIES_GRANT,
            P.PROGRAMME_READ,
            P.USITC_READ,
            P.ACCOUNTS_READ,
        }
    ),
    Role.AUDITOR: _READ_ALL,
    Role.PLATFORM_ADMIN: frozenset(P),
}
"""What each role may do, before the limits of its organisation's kind and token scopes."""

ROLES_OF_KIND: Mapping[OrganisationKind, frozenset[Role]] = {
    OrganisationKind.EXPORTER: frozenset({Role.EXPORTER_ADMIN, Role.EXPORTER_MEMBER, Role.AUDITOR}),
    OrganisationKind.INSURER: frozenset({Role.UNDERWRITER, Role.CLAIMS_HANDLER, Role.AUDITOR}),
    OrganisationKind.ADMINISTRATION: frozenset({Role.PROGRAMME_OFFICER, Role.AUDITOR}),
    # A broker's staff prepare quotes and follow policies for the exporters it places.
    OrganisationKind.BROKER: frozenset({Role.EXPORTER_MEMBER, Role.AUDITOR}),
    OrganisationKind.PLATFORM: frozenset({Role.PLATFORM_ADMIN, Role.AUDITOR}),
}
"""Which roles a user of each kind of organisation may hold."""

NEVER_FOR_KIND: Mapping[OrganisationKind, frozenset[Permission]] = {
    # An administration sees applications, grants and aggregates, never a company's case
    # evidence (DESIGN.md section 5), whatever role its users hold.
    OrganisationKind.ADMINISTRATION: frozenset({P.EVIDENCE_READ, P.EVIDENCE_WRITE}),
}
"""Permissions no user of a kind of organisation ever has."""


def can_hold(kind: OrganisationKind, role: Role) -> bool:
    """Tell whether a user of an organisation of ``kind`` may hold ``role``.

    >>> can_hold(OrganisationKind.INSURER, Role.EXPORTER_ADMIN)
    False
    """
    return role in ROLES_OF_KIND[kind]


def role_permissions(kind: OrganisationKind, role: Role) -> frozenset[Permission]:
    """Return what a user of an organisation of ``kind`` holding ``role`` may do."""
    return ROLE_PERMISSIONS[role] - NEVER_FOR_KIND.get(kind, frozenset())


def parse_permissions(values: Iterable[str], field: str = "scope") -> frozenset[Permission]:
    """Return the permissions named by ``values`` (``quotes:read`` …).

    Raises
    ------
    InvalidInput
        Naming the first unknown permission.
    """
    known = {p.value: p for p in Permission}
    found: set[Permission] = set()
    for value in values:
        permission = known.get(value.strip())
        if permission is None:
            raise InvalidInput(field, f"unknown permission {value!r} (e.g. 'quotes:read')")
        found.add(permission)
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Caller:
    """The user a request runs for, with its organisation, role and token scopes.

    ``scopes`` is ``None`` for a session (the role's permissions) and the token's scopes for
    a request authenticated by an API token. ``underwrites`` names the catalog products an
    insurer organisation underwrites (``organisation_products``), loaded with the caller so
    that tenancy decisions (:mod:`patentshield.kernel.tenancy`) need no database.
    """

    user_id: str
    email: str
    organisation_id: str
    organisation_kind: OrganisationKind
    role: Role
    region: str | None = None
    scopes: frozenset[Permission] | None = None
    underwrites: frozenset[str] = frozenset()

    @property
    def permissions(self) -> frozenset[Permission]:
        """Return what this caller may do."""
        held = role_permissions(self.organisation_kind, self.role)
        return held if self.scopes is None else held & self.scopes

    @property
    def is_platform(self) -> bool:
        """Tell whether the caller administers the platform (sees every organisation)."""
        return self.role is Role.PLATFORM_ADMIN

    def can(self, permission: Permission) -> bool:
        """Tell whether the caller may do ``permission``."""
        return permission in self.permissions


def require(caller: Caller | None, permission: Permission) -> None:
    """Raise :class:`Forbidden` unless ``caller`` may do ``permission``.

    ``None`` is the local operator of the CLI, who may do everything.
    """
    if caller is not None and not caller.can(permission):
        raise Forbidden(permission.value, f"the role {caller.role.value} may not do {permission}")
