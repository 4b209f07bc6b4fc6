"""The access model: roles per organisation kind, permissions, token scopes, require."""

import pytest

from patentshield.kernel.access import (
    ROLE_PERMISSIONS,
    ROLES_OF_KIND,
    Caller,
    OrganisationKind,
    Permission,
    Role,
    can_hold,
    parse_permissions,
    require,
)
from patentshield.kernel.errors import Forbidden, InvalidInput


def caller(role: Role, kind: OrganisationKind, scopes=None) -> Caller:
    return Caller("usr_1", "a@example.cn", "org_1", kind, role, "440300", scopes)


def test_every_role_has_permissions_and_every_kind_can_give_some_role():
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert set(ROLES_OF_KIND) == set(OrganisationKind)
    assert all(ROLES_OF_KIND[kind] for kind in OrganisationKind)


def test_an_insurer_cannot_give_the_exporter_admin_role_but_an_exporter_can():
    assert not can_hold(OrganisationKind.INSURER, Role.EXPORTER_ADMIN)
    assert can_hold(OrganisationKind.EXPORTER, Role.EXPORTER_ADMIN)


def test_the_auditor_only_reads():
    permissions = ROLE_PERMISSIONS[Role.AUDITOR]
    assert Permission.AUDIT_READ in permissions
    assert all(permission.value.endswith(":read") for permission in permissions)


def test_a_claims_handler_pays_and_an_exporter_notifies_but_not_the_other_way_round():
    handler = caller(Role.CLAIMS_HANDLER, OrganisationKind.INSURER)
    exporter = caller(Role.EXPORTER_ADMIN, OrganisationKind.EXPORTER)
    assert handler.can(Permission.CLAIMS_PAY) and not handler.can(Permission.CLAIMS_NOTIFY)
    assert exporter.can(Permission.CLAIMS_NOTIFY) and not exporter.can(Permission.CLAIMS_PAY)


def test_an_administration_auditor_never_reads_case_evidence():
    assert caller(Role.AUDITOR, OrganisationKind.INSURER).can(Permission.EVIDENCE_READ)
    assert not caller(Role.AUDITOR, OrganisationKind.ADMINISTRATION).can(Permission.EVIDENCE_READ)


def test_token_scopes_narrow_the_role_and_never_widen_it():
    scoped = caller(
        Role.EXPORTER_MEMBER,
        OrganisationKind.EXPORTER,
        frozenset({Permission.QUOTES_READ, Permission.CLAIMS_PAY}),
    )
    assert scoped.permissions == {Permission.QUOTES_READ}


def test_require_raises_forbidden_naming_the_permission_and_lets_the_operator_through():
    member = caller(Role.EXPORTER_MEMBER, OrganisationKind.EXPORTER)
    with pytest.raises(Forbidden) as raised:
        require(member, Permission.ACCOUNTS_WRITE)
    assert raised.value.code == "forbidden"
    assert raised.value.field == "accounts:write"
    require(None, Permission.ACCOUNTS_WRITE)
    require(caller(Role.PLATFORM_ADMIN, OrganisationKind.PLATFORM), Permission.CLAIMS_PAY)


def test_permissions_are_parsed_by_name_and_an_unknown_one_is_refused():
    assert parse_permissions(["quotes:read", " claims:pay"]) == {
        Permission.QUOTES_READ,
        Permission.CLAIMS_PAY,
    }
    with pytest.raises(InvalidInput, match="quotes:delete"):
        parse_permissions(["quotes:delete"])


def test_the_permissions_table_of_the_api_guide_is_the_one_in_the_code():
    from pathlib import Path

    page = (Path(__file__).resolve().parents[3] / "docs" / "api.md").read_text("utf-8")
    for permission in Permission:
        cells = ["✓" if permission in ROLE_PERMISSIONS[role] else "" for role in Role]
        assert f"| `{permission.value}` | " + " | ".join(cells) + " |" in page
