"""Typed settings, read from the environment (prefix ``PATENTSHIELD_``) by the entry points only.

Nothing builds a :class:`Settings` at import time: the CLI callback (and later the web app
factory) builds one and passes it down. Business parameters — subsidy rates and caps, product
terms — are versioned data shipped with their sources, never settings.

- ``PATENTSHIELD_HOME``: folder of the embedded database and files (default ``~/.patentshield``);
- ``PATENTSHIELD_DATABASE_URL``: SQLAlchemy URL; PostgreSQL in production (default: SQLite in home);
- ``PATENTSHIELD_FX_USD_CNY``: CNY per USD to use instead of the shipped rate table (default: none);
- ``PATENTSHIELD_ECHO_SQL``: log every SQL statement (default: false).
"""

from __future__ import annotations

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
    fx_usd_cny: Decimal | None = Field(default=None, gt=0)
    echo_sql: bool = False

    def resolved_database_url(self) -> str:
        """Return the database URL, defaulting to a SQLite file inside :attr:`home`."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'patentshield.db'}"
