"""Typed settings, read from the environment (prefix ``PATENTSHIELD_``) by the entry points only.

Nothing builds a :class:`Settings` at import time: the CLI callback (and later the web app
factory) builds one and passes it down. Business parameters — subsidy rates and caps, product
terms — are versioned data shipped with their sources, never settings.

- ``PATENTSHIELD_HOME``: folder of the embedded database and files (default ``~/.patentshield``);
- ``PATENTSHIELD_DATABASE_URL``: SQLAlchemy URL; PostgreSQL in production (default: SQLite in home);
- ``PATENTSHIELD_CREATE_DB``: create the missing folder of a SQLite URL's file (default: false:
  a typo in the path is refused instead of starting an empty database; the default file in
  ``PATENTSHIELD_HOME`` always has its folder created);
- ``PATENTSHIELD_FX_USD_CNY``: CNY per USD to use on every day instead of a rate table;
- ``PATENTSHIELD_FX_FILE``: a USD/CNY table in the shipped CSV layout, instead of the shipped one
  (also ``patentshield --fx FILE``; not together with ``PATENTSHIELD_FX_USD_CNY``);
- ``PATENTSHIELD_CATALOG_FILE``: a catalog file to use instead of the shipped catalog;
- ``PATENTSHIELD_PROGRAMMES_FILE``: a subsidy-programme file to use instead of the shipped one;
- ``PATENTSHIELD_PARAMETERS_FILE``: a risk-parameter override file applied to the shipped defaults;
- ``PATENTSHIELD_TODAY``: a fixed date YYYY-MM-DD for "today" (demos, tests; default: the clock);
- ``PATENTSHIELD_ECHO_SQL``: log every SQL statement (default: false);
- ``PATENTSHIELD_LOGIN_MAX_FAILURES``: wrong passwords in a row that lock an account (default 5);
- ``PATENTSHIELD_LOGIN_LOCKOUT_MINUTES``: how long such an account stays locked (default 15);
- ``PATENTSHIELD_LOGIN_ATTEMPTS_PER_MINUTE``: login attempts allowed per client address and per
  account in any minute before the API answers 429 (default 10);
- ``PATENTSHIELD_SESSION_HOURS``: lifetime of a web session from login (default 12);
- ``PATENTSHIELD_MAX_BODY_BYTES``: largest request body the HTTP API reads (default 1 MiB).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    return Path.home() / ".patentshield"


class Settings(BaseSettings):
    """Settings of one process (CLI command or web server)."""

    model_config = SettingsConfigDict(env_prefix="PATENTSHIELD_", extra="ignore")

    home: Path = Field(default_factory=_default_home)
    database_url: str | None = None
    create_db: bool = False
    fx_usd_cny: Decimal | None = Field(default=None, gt=0)
    fx_file: Path | None = None
    catalog_file: Path | None = None
    programmes_file: Path | None = None
    parameters_file: Path | None = None
    today: date | None = None
    echo_sql: bool = False
    login_max_failures: int = Field(default=5, ge=1)
    login_lockout_minutes: int = Field(default=15, ge=1)
    login_attempts_per_minute: int = Field(default=10, ge=1)
    session_hours: int = Field(default=12, ge=1)
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    server_threads: int = Field(default=4, ge=1, le=64)
    """Threads of one server process that run request handlers (and hold database sessions).

    Handlers spend most of their time in Python, which runs one thread at a time: a few
    threads per process answer sooner under load than many (benchmarks/api_load.py, docs/api.md).
    """

    def creates_database_folder(self) -> bool:
        """Tell whether a SQLite file's missing folder may be created (the default file's is)."""
        return self.create_db or not self.database_url

    def resolved_database_url(self) -> str:
        """Return the database URL, defaulting to a SQLite file inside :attr:`home`."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'patentshield.db'}"
