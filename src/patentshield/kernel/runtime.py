"""What one command or request works with: settings, database, clock and reference data.

An entry point (the CLI's root callback, the HTTP application factory, a test) builds one
:class:`Runtime` and hands it to the services, which take everything from it instead of
reaching for globals:

* the **database**, opened on first use, so a command that needs none (``catalog list``)
  never loads a driver;
* the **clock** (:class:`Clock`): services read today and now from it, never from
  ``date.today()``; :class:`FixedClock` pins both for demos and tests;
* the **reference data** (:class:`Reference`): the catalog, the subsidy programmes, the risk
  parameters, the exchange-rate table — each kind loaded once, on first use, by the loader the
  entry point registered, or by the kind's own ``shipped()`` class method. An insurer can run
  every service on its own catalog or parameter file, and a test on a fake, without patching;
* the **caller** (:class:`~patentshield.kernel.access.Caller`): the user a request runs for.
  ``None`` is the local operator of the CLI, who acts as platform administrator (whoever can
  run the command on the server can read its database anyway). The HTTP application keeps one
  runtime per process and derives one per request with :meth:`Runtime.for_caller`.

:meth:`Runtime.unit_of_work` opens a transaction that knows who acts (``session.info``) and
runs the session hooks the entry point registered — the audit log's recorder, which appends
an entry for every insert, update and delete without any service asking for it.

This module imports no framework; it knows the kinds of reference data only by type.
"""

from __future__ import annotations

import copy
import getpass
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from patentshield.kernel.progress import NoProgress, ProgressReporter

if TYPE_CHECKING:  # a runtime opens the database (SQLAlchemy) only on first use
    from sqlalchemy.orm import Session

    from patentshield.kernel.access import Caller
    from patentshield.kernel.config import Settings
    from patentshield.kernel.db import Database

R = TypeVar("R")


class Clock(Protocol):
    """Where services read the current day and time."""

    def today(self) -> date:
        """Return today's date (a legal or business date)."""
        ...

    def now(self) -> datetime:
        """Return the current time, UTC-aware (for audit timestamps)."""
        ...


@dataclass(frozen=True, slots=True)
class SystemClock:
    """The machine's clock."""

    def today(self) -> date:
        """Return the machine's local date."""
        return date.today()

    def now(self) -> datetime:
        """Return the machine's time in UTC."""
        return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class FixedClock:
    """A stopped clock (``PATENTSHIELD_TODAY``, tests): always the same moment, UTC-aware.

    >>> FixedClock.on(date(2026, 7, 2)).now().isoformat()
    '2026-07-02T12:00:00+00:00'
    """

    moment: datetime

    def __post_init__(self) -> None:
        if self.moment.tzinfo is None:
            raise ValueError("a fixed clock needs a timezone-aware moment")

    @classmethod
    def on(cls, day: date) -> FixedClock:
        """Return a clock stopped at noon UTC of ``day``."""
        return cls(datetime(day.year, day.month, day.day, 12, tzinfo=UTC))

    def today(self) -> date:
        """Return the day of the fixed moment (in UTC)."""
        return self.moment.astimezone(UTC).date()

    def now(self) -> datetime:
        """Return the fixed moment."""
        return self.moment


class Reference:
    """The reference data of one runtime, each kind loaded once on first use.

    ``loaders`` maps a kind (a class such as the catalog) to a function returning its value;
    a kind without a loader is loaded by its ``shipped()`` class method.

    >>> class Table:
    ...     def __init__(self, name: str) -> None:
    ...         self.name = name
    ...     @classmethod
    ...     def shipped(cls) -> "Table":
    ...         return cls("shipped")
    >>> Reference().get(Table).name, Reference({Table: lambda: Table("mine")}).get(Table).name
    ('shipped', 'mine')
    """

    def __init__(self, loaders: Mapping[type, Callable[[], object]] | None = None) -> None:
        self._loaders = dict(loaders or {})
        self._loaded: dict[type, object] = {}
        self._lock = threading.RLock()

    def get(self, kind: type[R]) -> R:
        """Return the value of ``kind``, loading it on first use."""
        with self._lock:
            if kind not in self._loaded:
                self._loaded[kind] = self._load(kind)
            return cast(R, self._loaded[kind])

    def _load(self, kind: type[R]) -> R:
        loader = self._loaders.get(kind) or getattr(kind, "shipped", None)
        if loader is None:  # pragma: no cover - wiring error
            raise LookupError(f"no loader for {kind.__name__} and it has no shipped() method")
        value = loader()
        if not isinstance(value, kind):  # pragma: no cover - wiring error
            raise TypeError(f"the loader of {kind.__name__} returned {type(value).__name__}")
        return value


ACTOR_KEY = "patentshield.actor"
"""Key of the :class:`Actor` in ``session.info`` of a runtime's unit of work."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts in a unit of work, as the audit log records it.

    ``name`` is the user's email, or ``cli:<os user>`` for the local operator; ``organisation_id``
    is ``None`` for the operator (the platform).
    """

    name: str
    organisation_id: str | None
    clock: Clock


SessionHook = Callable[["Session"], None]
"""Called with every session a runtime's unit of work opens (e.g. to record the audit log)."""


def operator_name() -> str:
    """Return the audit name of the local operator of the CLI: ``cli:<os user>``."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "cli:unknown"


class _DatabaseSlot:
    """The database of a runtime and of every runtime derived from it, opened once."""

    def __init__(
        self,
        settings: Settings,
        database: Database | None,
        open_database: Callable[[Settings], Database] | None,
    ) -> None:
        if database is None and open_database is None:
            raise ValueError("a runtime needs a database or a way to open one")
        self._settings = settings
        self._database = database
        self._open_database = open_database
        self._lock = threading.Lock()

    def get(self) -> Database:
        with self._lock:
            if self._database is None:
                assert self._open_database is not None
                self._database = self._open_database(self._settings)
            return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()


class Runtime:
    """Settings, database, clock, reference data and caller of one command or request."""

    def __init__(
        self,
        settings: Settings,
        *,
        database: Database | None = None,
        open_database: Callable[[Settings], Database] | None = None,
        clock: Clock | None = None,
        reference: Reference | None = None,
        caller: Caller | None = None,
        session_hooks: Sequence[SessionHook] = (),
        operator: str | None = None,
        progress: ProgressReporter | None = None,
    ) -> None:
        self.settings = settings
        self.progress: ProgressReporter = progress or NoProgress()
        self.clock: Clock = clock or SystemClock()
        self.reference = reference or Reference()
        self.caller = caller
        self.operator = operator
        self.session_hooks = tuple(session_hooks)
        self._slot = _DatabaseSlot(settings, database, open_database)

    @property
    def database(self) -> Database:
        """Return the database, opening it on first use."""
        return self._slot.get()

    @property
    def actor(self) -> Actor:
        """Return who acts: the caller's email, else the operator (``cli:<os user>``).

        An entry point names its operator for work done before anyone is authenticated (the
        HTTP API's logins count wrong passwords as ``api:anonymous``).
        """
        if self.caller is None:
            return Actor(self.operator or operator_name(), None, self.clock)
        return Actor(self.caller.email, self.caller.organisation_id, self.clock)

    def for_caller(self, caller: Caller | None) -> Runtime:
        """Return a runtime for ``caller`` on the same settings, database, clock and data."""
        derived = copy.copy(self)  # shares the database slot, the clock and the reference data
        derived.caller = caller
        return derived

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """Open a session that knows who acts and commits on success, rolls back on error.

        The session hooks (the audit recorder) run on the session before it is handed out.
        """
        with self.database.unit_of_work() as session:
            session.info[ACTOR_KEY] = self.actor
            for hook in self.session_hooks:
                hook(session)
            yield session

    def close(self) -> None:
        """Close the database's pooled connections, if it was opened."""
        self._slot.close()
