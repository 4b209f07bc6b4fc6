"""Field checks of accounts: emails, region codes, roles, passwords, token expiry, secrets."""

from datetime import UTC, datetime

import pytest

from patentshield.accounts.credentials import TOKEN_PREFIX, new_secret, secret_digest
from patentshield.accounts.model import (
    check_password,
    check_role,
    normalise_email,
    region_code,
    token_expiry,
)
from patentshield.accounts.passwords import hash_password, is_password
from patentshield.kernel.access import OrganisationKind, Role
from patentshield.kernel.errors import InvalidInput

NOW = datetime(2026, 3, 1, 9, tzinfo=UTC)


@pytest.mark.parametrize("email", ["", "no-at-sign", "two@@example.cn", "a b@example.cn"])
def test_a_malformed_email_is_refused_naming_the_field(email):
    with pytest.raises(InvalidInput) as raised:
        normalise_email(email)
    assert raised.value.field == "email"


@pytest.mark.parametrize("code", ["44030", "4403000", "abcdef"])
def test_a_region_code_must_have_six_digits(code):
    with pytest.raises(InvalidInput, match="six-digit"):
        region_code(code, OrganisationKind.EXPORTER)


def test_an_administration_needs_a_region_and_an_exporter_does_not():
    assert region_code(None, OrganisationKind.EXPORTER) is None
    with pytest.raises(InvalidInput) as raised:
        region_code(None, OrganisationKind.ADMINISTRATION)
    assert raised.value.field == "region"


def test_a_role_the_kind_cannot_give_is_refused():
    with pytest.raises(InvalidInput) as raised:
        check_role(OrganisationKind.ADMINISTRATION, Role.UNDERWRITER)
    assert raised.value.field == "role"


@pytest.mark.parametrize("password", ["", "short", "x" * 11])
def test_an_empty_or_short_password_is_refused(password):
    with pytest.raises(InvalidInput, match="at least 12"):
        check_password(password)


@pytest.mark.parametrize("value", ["yesterday", "2025-01-01", "0d", "-5d"])
def test_a_token_expiry_must_be_a_future_date_or_a_count_of_days(value):
    with pytest.raises(InvalidInput) as raised:
        token_expiry(value, NOW)
    assert raised.value.field == "expires"


def test_a_token_secret_has_the_prefix_and_only_its_digest_is_kept():
    secret = new_secret(TOKEN_PREFIX)
    assert secret.startswith("ps_") and len(secret) >= 40
    assert secret_digest(secret) != secret and len(secret_digest(secret)) == 64
    assert new_secret(TOKEN_PREFIX) != secret


def test_a_password_hash_is_argon2id_and_verifies_only_the_right_password():
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert is_password("correct horse battery", stored)
    assert not is_password("wrong horse battery", stored)
    assert not is_password("anything", "not a hash")
