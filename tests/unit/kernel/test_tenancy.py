"""The tenancy rules: what each kind of caller sees, as a pure decision."""

import pytest

from patentshield.kernel.access import Caller, OrganisationKind, Role
from patentshield.kernel.tenancy import (
    EVERYTHING,
    Reach,
    owner_for_new_enterprise,
    region_prefix,
    scope_of,
)

K = OrganisationKind


def caller(kind: OrganisationKind, role: Role, region: str | None = None, **more) -> Caller:
    return Caller("u1", "u@x.cn", "org-1", kind, role, region=region, **more)


@pytest.mark.parametrize(
    ("code", "prefix"),
    [("440000", "44"), ("440300", "4403"), ("440604", "440604"), ("110000", "11")],
)
def test_a_region_holds_every_code_under_it(code, prefix):
    assert region_prefix(code) == prefix


def test_the_operator_and_a_platform_administrator_see_everything():
    assert scope_of(None) is EVERYTHING
    assert scope_of(caller(K.PLATFORM, Role.PLATFORM_ADMIN)).everything


def test_exporters_and_brokers_see_what_their_organisation_owns():
    for kind, role in ((K.EXPORTER, Role.EXPORTER_MEMBER), (K.BROKER, Role.EXPORTER_MEMBER)):
        scope = scope_of(caller(kind, role))
        assert (scope.reach, scope.organisation_id) == (Reach.OWNER, "org-1")
        assert owner_for_new_enterprise(caller(kind, role)) == "org-1"


def test_an_insurer_sees_the_products_it_underwrites():
    scope = scope_of(caller(K.INSURER, Role.UNDERWRITER, underwrites=frozenset({"p1"})))
    assert (scope.reach, scope.products) == (Reach.UNDERWRITER, frozenset({"p1"}))
    assert owner_for_new_enterprise(caller(K.INSURER, Role.UNDERWRITER)) is None


def test_an_administration_sees_its_region_and_never_cases():
    scope = scope_of(caller(K.ADMINISTRATION, Role.PROGRAMME_OFFICER, "440300"))
    assert scope.reach is Reach.REGION and not scope.sees_cases
    assert scope.covers_region("440306") and scope.covers_region("4403")
    assert not scope.covers_region("440604") and not scope.covers_region("44")


def test_the_platform_owns_no_enterprise_it_creates():
    assert owner_for_new_enterprise(None) is None
    assert owner_for_new_enterprise(caller(K.PLATFORM, Role.PLATFORM_ADMIN)) is None
