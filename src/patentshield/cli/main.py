"""Entry point of the ``patentshield`` command.

Builds the :class:`~patentshield.kernel.config.Settings` and the database once per invocation,
mounts each capability's Typer app, and maps the error tree to one line on stderr with exit
status 2 (bad input loses nothing: services write in one transaction that an error rolls back).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from sqlalchemy.engine import Engine
from typer.core import TyperGroup

from patentshield import __version__, migrations
from patentshield.cases import cli as case_cli
from patentshield.claims import cli as claim_cli
from patentshield.enterprises import cli as enterprise_cli
from patentshield.kernel.cli import Runtime
from patentshield.kernel.config import Settings
from patentshield.kernel.db import Database, create_engine_for
from patentshield.kernel.errors import PatentshieldError
from patentshield.policies import cli as quote_cli
from patentshield.policies import policy_cli, risk_cli
from patentshield.products import cli as catalog_cli
from patentshield.programme import cli as portfolio_cli
from patentshield.subsidies import cli as subsidy_cli
from patentshield.usitc import cli as usitc_cli


class ErrorMappingGroup(TyperGroup):
    """The root command group: maps the error tree to one stderr line and exit status 2."""

    def invoke(self, ctx: Any) -> Any:  # Any: typer vendors its own click Context type
        """Invoke the command; a :class:`PatentshieldError` exits with status 2."""
        try:
            return super().invoke(ctx)
        except PatentshieldError as error:
            typer.echo(f"error: {error.one_line()}", err=True)
            raise typer.Exit(2) from error


app = typer.Typer(
    cls=ErrorMappingGroup,
    name="patentshield",
    help=(
        "Patent insurance for Chinese exporters facing US Section 337 investigations: "
        "the insurance catalog, regional premium subsidies, quotes and coverage gaps."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _migrate_if_needed(engine: Engine) -> None:
    if not migrations.is_current(engine):
        migrations.upgrade(engine)


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
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """Set up settings and the database for the command that follows."""
    settings = Settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    engine = create_engine_for(settings.resolved_database_url(), echo=settings.echo_sql)
    database = Database(engine, prepare=_migrate_if_needed)
    ctx.obj = Runtime(settings=settings, database=database)
    ctx.call_on_close(database.dispose)


def run() -> None:
    """Run the ``patentshield`` command (console-script entry point)."""
    app()


app.add_typer(
    catalog_cli.app, name="catalog", help="Insurance products and their terms (the catalog)."
)
app.add_typer(
    enterprise_cli.app, name="enterprise", help="Exporter profiles: import, show and list."
)
app.add_typer(
    quote_cli.app,
    name="quote",
    help="Quotes: premium, limits, subsidy, net premium, coverage gaps.",
)
app.add_typer(subsidy_cli.app, name="subsidy", help="Government premium-subsidy programmes.")
app.add_typer(
    usitc_cli.app,
    name="usitc",
    help="Section 337 procedure, deadlines and schedules; USITC records, statistics, calibration.",
)
app.add_typer(
    policy_cli.app, name="policy", help="Policies in force: bind a quote, show, list, cancel."
)
app.add_typer(
    case_cli.app, name="case", help="Section 337 cases: open, show, list, tasks, advance."
)
app.add_typer(
    case_cli.evidence_app, name="evidence", help="Evidence vault: add, list, verify, export."
)
app.add_typer(
    claim_cli.app,
    name="claim",
    help="Claims: notify, expense, adjudicate, pay, show, close, reopen, outcome.",
)
app.add_typer(
    claim_cli.joint_app, name="jointdefence", help="Joint defence: create a group, allocate."
)
app.add_typer(
    risk_cli.app,
    name="risk",
    help="Risk engine: collective-risk simulation, an exporter's 337 exposure and cost.",
)
app.command("recommend", help="Rank the catalog's products for an exporter (risk engine).")(
    risk_cli.recommend
)
app.add_typer(
    portfolio_cli.app,
    name="portfolio",
    help="Portfolios: synthetic books, simulated years, tail contributions, pool-size effect.",
)
