"""Accounts on SQLite and PostgreSQL: organisations, users, login lockout, tokens and sessions."""

from datetime import timedelta

import pytest

from patentshield.accounts import service
from patentshield.accounts.session_service import destroy_session, open_session, resolve_session
from patentshield.accounts.token_service import (
    create_token,
    list_tokens,
    resolve_token,
    revoke_token,
)
from patentshield.kernel.access import OrganisationKind, Permission, Role
from patentshield.kernel.config import Settings
from patentshield.kernel.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from patentshield.kernel.runtime import FixedClock
from tests.factories import NOW, runtime_of
from tests.integration.accounts_setup import PASSWORD, exporter_and_insurer, signed_in, user


@pytest.fixture
def people(runtime):
    exporter_and_insurer(runtime)
    return runtime


def test_an_email_is_unique_whatever_its_case(people):
    with pytest.raises(Conflict) as raised:
        user(people, "Shenzhen LED Co", "ADMIN@led.cn", Role.EXPORTER_MEMBER)
    assert raised.value.field == "email"


def test_an_organisation_name_is_unique_whatever_its_case(people):
    with pytest.raises(Conflict):
        service.create_organisation(people, kind=OrganisationKind.BROKER, name="shenzhen led co")


def test_a_role_the_organisation_cannot_give_writes_nothing(people):
    with pytest.raises(InvalidInput) as raised:
        user(people, "Ping An Test", "x@insurer.cn", Role.EXPORTER_ADMIN)
    assert raised.value.field == "role"
    assert "x@insurer.cn" not in {u.email for u in service.list_users(people)}


def test_a_user_signs_in_as_its_organisation_and_role(people):
    caller = service.authenticate(people, " Admin@LED.cn ", PASSWORD)
    assert caller.email == "admin@led.cn"
    assert caller.role is Role.EXPORTER_ADMIN
    assert caller.organisation_kind is OrganisationKind.EXPORTER
    assert caller.region == "440300"


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_password(database):
    settings = Settings(login_max_failures=3, login_lockout_minutes=15)
    runtime = runtime_of(database, settings=settings)
    exporter_and_insurer(runtime)
    for _ in range(3):
        with pytest.raises(Unauthenticated):
            service.authenticate(runtime, "member@led.cn", "wrong password!!")
    with pytest.raises(Unauthenticated):
        service.authenticate(runtime, "member@led.cn", PASSWORD)
    later = runtime_of(database, settings=settings, now=NOW + timedelta(minutes=16))
    assert service.authenticate(later, "member@led.cn", PASSWORD).email == "member@led.cn"


def test_an_unlocked_account_signs_in_at_once(database):
    runtime = runtime_of(database, settings=Settings(login_max_failures=2))
    exporter_and_insurer(runtime)
    for _ in range(2):
        with pytest.raises(Unauthenticated):
            service.authenticate(runtime, "member@led.cn", "wrong password!!")
    assert service.unlock_user(runtime, "member@led.cn").locked_until is None
    assert service.authenticate(runtime, "member@led.cn", PASSWORD).role is Role.EXPORTER_MEMBER


def test_an_unknown_email_gets_the_same_answer_as_a_wrong_password(people):
    with pytest.raises(Unauthenticated) as unknown:
        service.authenticate(people, "nobody@led.cn", PASSWORD)
    with pytest.raises(Unauthenticated) as wrong:
        service.authenticate(people, "admin@led.cn", "not the password")
    assert unknown.value.message == wrong.value.message


def test_a_member_sees_only_its_own_organisation_and_cannot_create_users(people):
    member = signed_in(people, "member@led.cn")
    assert [o.name for o in service.list_organisations(member)] == ["Shenzhen LED Co"]
    assert {u.email for u in service.list_users(member)} == {"admin@led.cn", "member@led.cn"}
    with pytest.raises(Forbidden):
        user(member, "Shenzhen LED Co", "new@led.cn", Role.EXPORTER_MEMBER)


def test_an_exporter_admin_adds_users_to_its_own_organisation_only(people):
    admin = signed_in(people, "admin@led.cn")
    assert user(admin, "Shenzhen LED Co", "new@led.cn", Role.EXPORTER_MEMBER).email
    with pytest.raises(NotFound):
        user(admin, "Ping An Test", "spy@insurer.cn", Role.AUDITOR)


def test_a_token_resolves_to_its_user_with_its_scopes_until_it_expires(people):
    issued = create_token(
        people,
        email="claims@insurer.cn",
        scopes=frozenset({Permission.CLAIMS_READ}),
        expires_at=NOW + timedelta(days=1),
    )
    caller = resolve_token(people, issued.secret)
    assert caller.email == "claims@insurer.cn"
    assert caller.permissions == {Permission.CLAIMS_READ}
    later = people.for_caller(None)
    later.clock = FixedClock(NOW + timedelta(days=1))
    with pytest.raises(Unauthenticated, match="expired"):
        resolve_token(later, issued.secret)


def test_a_revoked_token_stops_working_at_once(people):
    issued = create_token(people, email="admin@led.cn", expires_at=NOW + timedelta(days=90))
    assert resolve_token(people, issued.secret).email == "admin@led.cn"
    assert revoke_token(people, issued.id).revoked_at == NOW
    with pytest.raises(Unauthenticated):
        resolve_token(people, issued.secret)


def test_a_token_cannot_carry_a_scope_its_role_lacks_nor_widen_the_token_used(people):
    with pytest.raises(InvalidInput) as raised:
        create_token(
            people,
            email="member@led.cn",
            scopes=frozenset({Permission.CLAIMS_PAY}),
            expires_at=NOW + timedelta(days=1),
        )
    assert raised.value.field == "scope"
    narrow = create_token(
        people,
        email="member@led.cn",
        scopes=frozenset({Permission.QUOTES_READ}),
        expires_at=NOW + timedelta(days=1),
    )
    as_token = people.for_caller(resolve_token(people, narrow.secret))
    wider = create_token(as_token, expires_at=NOW + timedelta(days=1))
    assert resolve_token(people, wider.secret).permissions == {Permission.QUOTES_READ}


def test_a_user_lists_and_revokes_only_its_own_tokens(people):
    mine = create_token(people, email="member@led.cn", expires_at=NOW + timedelta(days=1))
    theirs = create_token(people, email="admin@led.cn", expires_at=NOW + timedelta(days=1))
    member = signed_in(people, "member@led.cn")
    assert [token.id for token in list_tokens(member)] == [mine.id]
    with pytest.raises(NotFound):
        revoke_token(member, theirs.id)
    assert len(list_tokens(people)) == 2


def test_a_session_resolves_until_logout(people):
    caller = service.authenticate(people, "admin@led.cn", PASSWORD)
    opened = open_session(people, caller)
    resolved = resolve_session(people, opened.cookie.secret)
    assert resolved.caller == caller and resolved.csrf_secret == opened.csrf_secret
    destroy_session(people, opened.cookie.secret)
    with pytest.raises(Unauthenticated):
        resolve_session(people, opened.cookie.secret)


def test_a_session_expires_after_its_hours(people):
    caller = service.authenticate(people, "admin@led.cn", PASSWORD)
    opened = open_session(people, caller)
    later = people.for_caller(None)
    later.clock = FixedClock(NOW + timedelta(hours=people.settings.session_hours))
    with pytest.raises(Unauthenticated, match="expired"):
        resolve_session(later, opened.cookie.secret)
