"""Unified social credit codes (统一社会信用代码, GB 32100-2015): normalise and validate them.

A code has 18 characters from the alphabet ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (the 31 digits
and capitals left once I, O, Z, S and V are taken out); each character is worth its position in
that alphabet (0–30). The first 17 characters carry the registration authority (1), the entity
type (1), the administrative division code of the registering office (6) and the organisation
code (9); the 18th is a check character::

    check = 31 − (Σ value(cᵢ) × wᵢ  mod 31),   31 → 0
    wᵢ = 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28   (3ⁱ mod 31)

Because 31 is prime and no weight is 0 mod 31, changing any single character changes the
check, so every one-character typo is caught.

>>> check_character("91350100M000100Y4")
'3'
>>> validate_credit_code(" 91350100m000100y43 ")
'91350100M000100Y43'
>>> is_valid_credit_code("91350100M000100Y44")
False
>>> division_code("91350100M000100Y43")
'350100'

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from patentshield.kernel.errors import InvalidInput

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters a code may use, in value order (GB 32100-2015, table 1)."""

WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
"""Weights of the first 17 characters in the check sum (3ⁱ mod 31)."""

LENGTH = 18

_VALUES = {character: value for value, character in enumerate(ALPHABET)}
_NEVER_USED = "IOZSV"


def normalise_credit_code(text: str) -> str:
    """Return ``text`` without surrounding blanks and in capitals (codes are case-blind)."""
    return text.strip().upper()


def _first_bad_character(code: str) -> str | None:
    for position, character in enumerate(code, start=1):
        if character not in _VALUES:
            hint = " (I, O, Z, S and V are never used)" if character in _NEVER_USED else ""
            return f"character {character!r} at position {position} is not allowed{hint}"
    return None


def check_character(first17: str) -> str:
    """Return the check character for the first 17 characters of a code.

    Parameters
    ----------
    first17
        The 17 leading characters, already normalised (capitals, from :data:`ALPHABET`).

    Raises
    ------
    InvalidInput
        When ``first17`` is not 17 characters of the alphabet.
    """
    if len(first17) != LENGTH - 1:
        raise InvalidInput("credit_code", f"need 17 characters to compute a check, got {first17!r}")
    problem = _first_bad_character(first17)
    if problem is not None:
        raise InvalidInput("credit_code", problem)
    total = sum(_VALUES[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(text: str, *, field: str = "credit_code") -> str:
    """Return the normalised code, or raise :class:`InvalidInput` saying what is wrong.

    The reason names the expected check character when only the check fails, so that a typist
    can tell a typo in the code from a wrong last character.
    """
    code = normalise_credit_code(text)
    if len(code) != LENGTH:
        raise InvalidInput(
            field,
            f"{code!r} has {len(code)} characters; a code has 18",
            message_id="refusal.credit_code_length",
            params={"code": code, "length": len(code)},
        )
    problem = _first_bad_character(code)
    if problem is not None:
        raise InvalidInput(field, f"{code!r}: {problem}")
    expected = check_character(code[:-1])
    if code[-1] != expected:
        raise InvalidInput(
            field,
            f"{code!r} fails the GB 32100-2015 check: last character is {code[-1]!r}, "
            f"expected {expected!r}",
            message_id="refusal.credit_code_check",
            params={"code": code, "last": code[-1], "expected": expected},
        )
    return code


def is_valid_credit_code(text: str) -> bool:
    """Tell whether ``text`` is a well-formed code whose check character is right."""
    try:
        validate_credit_code(text)
    except InvalidInput:
        return False
    return True


def division_code(code: str) -> str:
    """Return the 6-digit administrative division code embedded in a valid code (chars 3–8).

    It names the office that registered the entity, which is usually — not always — where the
    entity is today.
    """
    return code[2:8]
