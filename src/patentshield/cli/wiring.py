"""Read the settings of one ``patentshield`` invocation and build its runtime from them.

The database is opened (and migrated to the newest revision) only when a command first needs
it; the reference data are loaded on first use from the files the settings name, else from the
package: the catalog (``PATENTSHIELD_CATALOG_FILE``), the subsidy programmes
(``PATENTSHIELD_PROGRAMMES_FILE``), the risk parameters (``PATENTSHIELD_PARAMETERS_FILE``) and the
USD/CNY table (``patentshield --fx FILE`` or ``PATENTSHIELD_FX_FILE``, or one fixed rate
``PATENTSHIELD_FX_USD_CNY``; not both). Every unit of work of the runtime records its changes
in the audit log (:func:`record_audit`). A setting that cannot be read is one
:class:`~patentshield.kernel.errors.InvalidInput` naming its environment variable. The HTTP
application builds its runtime with the same functions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from patentshield.kernel.config import Settings
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.runtime import FixedClock, Reference, Runtime, SystemClock

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from patentshield.kernel.db import Database

# The modules of the reference data and of the database are imported only where a setting
# asks for them, so that a command that needs neither starts without loading them.


def read_settings(
    *, database_url: str | None = None, fx_file: Path | None = None, create_db: bool = False
) -> Settings:
    """Return the settings of the environment, with the root command's options on top.

    Raises
    ------
    InvalidInput
        When a ``PATENTSHIELD_`` variable cannot be read (named as the field), or when both a
        fixed rate (``PATENTSHIELD_FX_USD_CNY``) and a rate table (``--fx``) are given.
    """
    try:
        settings = Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = "PATENTSHIELD_" + "_".join(str(part) for part in first["loc"]).upper()
        raise InvalidInput(name, str(first["msg"])) from None
    changes = {"database_url": database_url, "fx_file": fx_file, "create_db": create_db}
    settings = settings.model_copy(update={k: v for k, v in changes.items() if v})
    if settings.fx_usd_cny is not None and settings.fx_file is not None:
        raise InvalidInput(
            "fx",
            "give one USD/CNY source: PATENTSHIELD_FX_USD_CNY (one rate) or --fx / "
            "PATENTSHIELD_FX_FILE (a table), not both",
        )
    return settings


def open_database(settings: Settings) -> Database:
    """Create the engine of ``settings`` and a database that migrates itself on first use."""
    from patentshield.kernel.db import Database, create_engine_for

    engine = create_engine_for(
        settings.resolved_database_url(),
        echo=settings.echo_sql,
        create_folder=settings.creates_database_folder(),
    )

    def migrate_if_needed(engine_: object) -> None:
        from patentshield import migrations  # Alembic loads only when a command uses the database

        if not migrations.is_current(engine):
            migrations.upgrade(engine)

    return Database(engine, prepare=migrate_if_needed)


def reference_loaders(settings: Settings) -> dict[type, Callable[[], object]]:
    """Return the loaders of the reference data that ``settings`` replace."""
    loaders: dict[type, Callable[[], object]] = {}
    if settings.catalog_file is not None:
        from patentshield.catalog.loader import Catalog, load_catalog

        path = settings.catalog_file
        loaders[Catalog] = lambda: load_catalog(path)
    if settings.programmes_file is not None:
        from patentshield.subsidies.catalog import Programmes, load_programmes

        programmes = settings.programmes_file
        loaders[Programmes] = lambda: load_programmes(programmes)
    if settings.parameters_file is not None:
        from patentshield.risk.data_files import load_parameters
        from patentshield.risk.parameters import Parameters

        overrides = settings.parameters_file
        loaders[Parameters] = lambda: load_parameters(overrides=overrides)
    if settings.fx_usd_cny is not None or settings.fx_file is not None:
        from patentshield.kernel.fx import FxTable
    if settings.fx_usd_cny is not None:
        rate = settings.fx_usd_cny
        loaders[FxTable] = lambda: FxTable.fixed_rate(rate, source="PATENTSHIELD_FX_USD_CNY")
    if settings.fx_file is not None:
        fx_file = settings.fx_file
        loaders[FxTable] = lambda: FxTable.from_csv(fx_file)
    return loaders


def record_audit(session: Session) -> None:
    """Make a unit of work's session record its changes in the audit log."""
    from patentshield.audit.recorder import record_mutations  # SQLAlchemy: only with a database

    record_mutations(session)


def build_runtime(settings: Settings) -> Runtime:
    """Return the runtime of ``settings``: nothing is opened or read until first use."""
    clock = FixedClock.on(settings.today) if settings.today is not None else SystemClock()
    return Runtime(
        settings,
        open_database=open_database,
        clock=clock,
        reference=Reference(reference_loaders(settings)),
        session_hooks=(record_audit,),
    )
