"""Secrets of tokens and sessions: how they are made, and the only form in which they are stored.

A secret is 32 random bytes from the operating system (``secrets``), written URL-safe; the
database keeps only its SHA-256 digest, so a copy of the database lets no one sign in. A
personal API token carries the prefix ``ps_`` so that secret scanners and people recognise it.

This module is pure: it imports no framework and reads no clock.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_PREFIX = "ps_"
SECRET_BYTES = 32


def new_secret(prefix: str = "") -> str:
    """Return a new random secret (32 bytes, URL-safe base64) with ``prefix``."""
    return prefix + secrets.token_urlsafe(SECRET_BYTES)


def secret_digest(secret: str) -> str:
    """Return the SHA-256 digest (hex) under which a secret is stored.

    >>> secret_digest("ps_example")[:16]
    'fd1213ca422162af'
    """
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_id(prefix: str) -> str:
    """Return a new identifier such as ``usr_3f9c0a1b2c3d4e5f`` (random, not guessable)."""
    return f"{prefix}_{secrets.token_hex(8)}"


def same_secret(given: str, expected: str) -> bool:
    """Compare two secrets in constant time (for CSRF tokens)."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
