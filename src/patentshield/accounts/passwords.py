"""Password hashes: argon2id (RFC 9106) through argon2-cffi, with its default parameters.

A hash records its own parameters, so hashes made under older parameters still verify and
are upgraded at the next successful login (:func:`needs_rehash`). :func:`dummy_hash` lets a
login for an unknown email spend the same time as one for a known email.

This module is pure: it imports no framework and reads no clock.
"""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id, RFC 9106 "low memory" profile (64 MiB, t=3, p=4)


def hash_password(password: str) -> str:
    """Return the argon2id hash of ``password`` (with its salt and parameters)."""
    return _hasher().hash(password)


def is_password(password: str, stored_hash: str) -> bool:
    """Tell whether ``password`` matches ``stored_hash``."""
    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Tell whether a hash was made with parameters weaker than today's."""
    return _hasher().check_needs_rehash(stored_hash)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """Return a hash to verify against when the email is unknown (same time, no oracle)."""
    return hash_password("patentshield-no-such-account")
