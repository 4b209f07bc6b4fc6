"""Entry point of the ``patentshield`` command.

The root command knows each capability's command group by name, module and one-line help
(:data:`DOORS`) and imports a group only when it is asked for, so ``patentshield --help`` and a
quick command load neither NumPy, Matplotlib, Dask nor the services of other capabilities.
The root callback builds one :class:`~patentshield.kernel.runtime.Runtime` per invocation
(settings, a database opened on first use, the clock and the reference data) and the root
group maps the error tree to one line on stderr with exit status 2 (bad input loses nothing:
services write in one transaction that an error rolls back).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from patentshield import __version__
from patentshield.kernel.errors import InvalidInput, PatentshieldError

if TYPE_CHECKING:  # typer vendors click; its types are needed for the overrides only
    from typer._click import Command, Context


@dataclass(frozen=True, slots=True)
class Door:
    """A command group (or one command) of a capability, imported on first use."""

    module: str
    attribute: str
    help: str
    hidden: bool = False

    def load(self, name: str) -> Command:
        """Import the capability's Typer app (or command function) as a click command."""
        target = getattr(importlib.import_module(self.module), self.attribute)
        if isinstance(target, typer.Typer):
            command = typer.main.get_command(target)
        else:
            single = typer.Typer(add_completion=False)
            single.command(name, help=self.help)(_as_command(target))
            command = typer.main.get_command(single)
        command.name = name
        command.help = command.help or self.help
        command.short_help = self.help
        command.hidden = self.hidden
        return command

    def stub(self, name: str) -> Command:
        """Return a stand-in that carries the help text, for the root ``--help`` listing."""
        single = typer.Typer(add_completion=False)
        single.command(name, help=self.help, short_help=self.help, hidden=self.hidden)(_stub)
        return typer.main.get_command(single)


def _stub() -> None:  # pragma: no cover - never invoked: resolve_command loads the real one
    """Stand in for a command group in the root help."""


def _as_command(target: object) -> Callable[..., Any]:
    if not callable(target):  # pragma: no cover - wiring error
        raise TypeError(f"{target!r} is neither a Typer app nor a command function")
    return target


DOORS: dict[str, Door] = {
    "catalog": Door(
        "patentshield.catalog.cli", "app", "Insurance products and their terms (the catalog)."
    ),
    "enterprise": Door(
        "patentshield.enterprises.cli", "app", "Exporter profiles: import, show and list."
    ),
    "quote": Door(
        "patentshield.quotes.cli", "app", "Quotes: premium, limits, subsidy, net premium, gaps."
    ),
    "subsidy": Door(
        "patentshield.subsidies.cli",
        "app",
        "Government premium-subsidy programmes, grants, pilot regions and milestones.",
    ),
    "procedure": Door(
        "patentshield.procedure.cli", "app", "The Section 337 clock: deadlines, schedules, steps."
    ),
    "usitc": Door(
        "patentshield.cli.aliases",
        "usitc_app",
        "USITC records: import feeds, statistics, charts, the risk engine's calibration.",
    ),
    "policy": Door(
        "patentshield.policies.cli", "app", "Policies in force: bind a quote, show, list, cancel."
    ),
    "case": Door(
        "patentshield.cases.cli", "app", "Section 337 cases: open, show, list, tasks, advance."
    ),
    "evidence": Door(
        "patentshield.cases.cli", "evidence_app", "Evidence vault: add, list, verify, export."
    ),
    "claim": Door(
        "patentshield.claims.cli",
        "app",
        "Claims: notify, expense, adjudicate, pay, show, close, reopen, outcome.",
    ),
    "jointdefence": Door(
        "patentshield.claims.joint_cli", "joint_app", "Joint defence: create a group, allocate."
    ),
    "risk": Door(
        "patentshield.assessment.cli",
        "app",
        "Risk engine: collective-risk simulation, an exporter's 337 exposure and cost.",
    ),
    "recommend": Door(
        "patentshield.assessment.cli",
        "recommend",
        "Rank the catalog's products for an exporter (risk engine).",
    ),
    "watch": Door(
        "patentshield.compliance.cli",
        "app",
        "337 early warning: match products, run the watch, alerts, complainants, US patents.",
    ),
    "compliance": Door(
        "patentshield.compliance.programme_cli",
        "app",
        "Compliance programme: controls, score, FTO opinions, insurers' service providers.",
    ),
    "programme": Door(
        "patentshield.programme.cli",
        "app",
        "Insurers' and administrations' views: books, simulated years, pool-size effect.",
    ),
    "portfolio": Door(
        "patentshield.programme.cli", "app", "Former name of `programme`.", hidden=True
    ),
    "org": Door(
        "patentshield.accounts.cli", "org_app", "Organisations: create and list (exporters, …)."
    ),
    "user": Door("patentshield.accounts.cli", "user_app", "Users: create, list, unlock."),
    "token": Door(
        "patentshield.accounts.cli", "token_app", "Personal API tokens: create, list, revoke."
    ),
    "audit": Door("patentshield.audit.cli", "app", "The hash-chained audit log: verify, export."),
    "db": Door(
        "patentshield.maintenance.cli",
        "app",
        "The installation: backup and restore (vault included), check.",
    ),
    "serve": Door("patentshield.api.cli", "serve", "Serve the HTTP API (FastAPI, uvicorn)."),
}
"""Every command group of ``patentshield``, by name."""


class RootGroup(TyperGroup):
    """The root group: imports a capability's commands on first use; maps errors to exit 2."""

    def list_commands(self, ctx: Context) -> list[str]:
        """Return the command names in the order of :data:`DOORS`."""
        return list(dict.fromkeys([*DOORS, *super().list_commands(ctx)]))

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        """Return the loaded command, or a help-only stand-in that imports nothing."""
        loaded = self.commands.get(cmd_name)
        if loaded is not None:
            return loaded
        door = DOORS.get(cmd_name)
        return door.stub(cmd_name) if door is not None else None

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        """Import the command group named by ``args[0]`` before click resolves it."""
        name = args[0] if args else None
        if name in DOORS and name not in self.commands:
            self.add_command(DOORS[name].load(name), name)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Context) -> Any:
        """Invoke the command; a :class:`PatentshieldError` exits with status 2.

        So does a failure of the database (down, missing, read-only, a value refused): one
        line without the URL's password or the statement's parameters; and an option or
        argument that Typer cannot read (``--units abc``, a missing argument): one line
        naming it, instead of a usage box.
        """
        try:
            return super().invoke(ctx)
        except PatentshieldError as error:
            _refuse(error)
        except NoArgsIsHelpError:
            raise
        except UsageError as error:  # a value Typer could not read: one line too
            _refuse(_usage_error(error))
        except Exception as error:
            known = _database_failure(ctx, error)
            if known is None:
                raise
            _refuse(known)


def _usage_error(error: UsageError) -> InvalidInput:
    """Word an option or argument Typer could not read as one line naming it."""
    parameter = getattr(error, "param", None)
    field = getattr(parameter, "name", None) or "command"
    return InvalidInput(str(field), " ".join(error.format_message().split()))


def _refuse(error: PatentshieldError) -> NoReturn:
    typer.echo(f"error: {error.one_line()}", err=True)
    raise typer.Exit(2) from error


def _database_failure(ctx: Context, error: Exception) -> PatentshieldError | None:
    """Word a SQLAlchemy error as one line (SQLAlchemy is loaded only if a command used it)."""
    if "sqlalchemy" not in sys.modules:
        return None
    from patentshield.kernel.db import database_error
    from patentshield.kernel.runtime import Runtime

    obj = ctx.find_root().obj
    url = obj.settings.resolved_database_url() if isinstance(obj, Runtime) else "sqlite://"
    return database_error(error, url)


app = typer.Typer(
    cls=RootGroup,
    name="patentshield",
    help=(
        "Patent insurance for Chinese exporters facing US Section 337 investigations: "
        "the catalog, subsidies, quotes, risk, policies, cases and claims."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"patentshield {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            envvar="PATENTSHIELD_DATABASE_URL",
            help="SQLAlchemy URL of the database (default: SQLite file in PATENTSHIELD_HOME).",
        ),
    ] = None,
    fx_file: Annotated[
        Path | None,
        typer.Option(
            "--fx",
            envvar="PATENTSHIELD_FX_FILE",
            help="USD/CNY rate table (CSV as_of,rate,source) instead of the shipped fixings.",
        ),
    ] = None,
    create_db: Annotated[
        bool,
        typer.Option(
            "--create-db",
            envvar="PATENTSHIELD_CREATE_DB",
            help="Create the missing folder of the SQLite file the URL names (else refused).",
        ),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """Set up the runtime (settings, database, clock, reference data) for the command."""
    # Imported here, not at the top: `patentshield --help` never runs this callback, and
    # pydantic-settings, Rich and the holiday tables would double its start-up time.
    from patentshield.cli.wiring import build_runtime, read_settings
    from patentshield.kernel.cli import bind_runtime

    settings = read_settings(database_url=database_url, fx_file=fx_file, create_db=create_db)
    runtime = build_runtime(settings)
    bind_runtime(ctx, runtime)
    ctx.call_on_close(runtime.close)


def run() -> None:
    """Run the ``patentshield`` command (console-script entry point)."""
    app()
