"""One error tree for the whole platform, with stable codes.

Every error the domain or a service raises is a :class:`PatentshieldError`. Each class has a
stable ``code`` (also the translation key of the message) and, where it applies, the
``field`` the error is about. Edges (CLI, HTTP) map the tree once: the CLI prints one line to
stderr and exits with status 2.

The tree::

    PatentshieldError                 code "error"
    ├── NotFound                      code "not_found"          (field = what was looked up)
    ├── InvalidInput                  code "invalid_input"      (field + reason)
    │   └── InvalidRecords            code "invalid_records"    (all errors of an import)
    ├── CurrencyMismatch              code "currency_mismatch"
    ├── RuleViolation                 code "rule_violation"     (a business rule forbids it)
    ├── InvalidTransition             code "invalid_transition" (a state machine refused a move)
    ├── Conflict                      code "conflict"           (concurrent or duplicate write)
    ├── ExternalDataError             code "external_data"      (a feed or file we read is bad)
    ├── Unavailable                   code "unavailable"        (the database cannot be used)
    ├── Unauthenticated               code "unauthenticated"    (no, wrong, expired or revoked)
    │   └── RateLimited               code "rate_limited"       (too many attempts; retry later)
    └── Forbidden                     code "forbidden"          (field = the permission missing)

``message`` is English: the CLI prints it and the HTTP API answers it. An error a web form
can meet also carries a ``message_id`` (``refusal.<what>``, a message id of the web catalogs)
and the ``params`` that fill it (amounts, dates, names: the web formats them in the reader's
locale), so the page shows the reason in its own language; without an id the page shows
``message``.

This module is pure: it imports nothing from the rest of the package.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class PatentshieldError(Exception):
    """Base of every error raised on purpose by patentshield."""

    code = "error"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        message_id: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.message_id = message_id
        self.params: Mapping[str, object] = dict(params or {})

    def one_line(self) -> str:
        """Return the error as a single line: ``code: field: message``."""
        parts = [self.code]
        if self.field:
            parts.append(self.field)
        parts.append(self.message.replace("\n", " "))
        return ": ".join(parts)

    def to_dict(self) -> dict[str, str | None]:
        """Return the JSON shape used by the edges: ``{code, field, message}``."""
        return {"code": self.code, "field": self.field, "message": self.message}


class NotFound(PatentshieldError):
    """A record asked for by its identifier does not exist."""

    code = "not_found"


class InvalidInput(PatentshieldError):
    """A value given at an edge is malformed or out of range; names the field and the reason."""

    code = "invalid_input"

    def __init__(
        self,
        field: str,
        reason: str,
        *,
        message_id: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(reason, field=field, message_id=message_id, params=params)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class RecordError:
    """One problem found in one record of an import: where, which field and why.

    ``message_id`` and ``params`` are those of the :class:`InvalidInput` it came from, if any.
    """

    row: int | str
    field: str
    reason: str
    message_id: str | None = dataclasses.field(default=None, compare=False)
    params: Mapping[str, object] = dataclasses.field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, row: int | str, path: str, problem: InvalidInput) -> RecordError:
        """Return the problem ``problem`` of field ``path`` in ``row``, keeping its message id."""
        return cls(row, path, problem.reason, problem.message_id, problem.params)

    def __str__(self) -> str:
        return f"row {self.row}: {self.field}: {self.reason}"


class InvalidRecords(InvalidInput):
    """An import found errors; all of them are listed and nothing was written."""

    code = "invalid_records"

    def __init__(self, source: str, errors: Sequence[RecordError]) -> None:
        first = errors[0] if errors else RecordError(0, "file", "no records")
        summary = f"{len(errors)} error(s) in {source}; first: {first}; nothing was written"
        super().__init__(str(first.field), summary)
        self.source = source
        self.errors = tuple(errors)


class CurrencyMismatch(PatentshieldError):
    """Two amounts in different currencies were combined without an exchange rate."""

    code = "currency_mismatch"


class RuleViolation(PatentshieldError):
    """A business rule forbids the request (for example a product not on sale that day)."""

    code = "rule_violation"


class InvalidTransition(PatentshieldError):
    """A state machine refused a move that its transition table does not allow."""

    code = "invalid_transition"


class Conflict(PatentshieldError):
    """A write clashed with another one (duplicate key, concurrent update)."""

    code = "conflict"


class ExternalDataError(PatentshieldError):
    """A file or feed read from outside is malformed."""

    code = "external_data"


class Unavailable(PatentshieldError):
    """The database cannot be reached, opened or written (down, missing, read-only)."""

    code = "unavailable"


class Unauthenticated(PatentshieldError):
    """No credential was given, or it is wrong, expired, revoked or its account locked."""

    code = "unauthenticated"


class RateLimited(Unauthenticated):
    """Too many attempts in a short time; ``retry_after`` says in how many seconds to retry."""

    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Forbidden(PatentshieldError):
    """The caller is known but its role (or token scope) does not allow the action."""

    code = "forbidden"

    def __init__(self, permission: str, reason: str) -> None:
        super().__init__(reason, field=permission)
