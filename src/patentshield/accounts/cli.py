"""``patentshield org``, ``user`` and ``token``: bootstrap organisations, users and API tokens.

A thin adapter over the accounts services. The local operator of the CLI acts as platform
administrator. A password is read from standard input (``--password-stdin``), never from the
command line, where it would land in the shell history and the process list; a token's secret
is printed once, when it is made.
"""

from __future__ import annotations

from typing import Annotated

import typer

from patentshield.accounts import service
from patentshield.accounts import token_service as tokens
from patentshield.accounts.model import Organisation, token_expiry
from patentshield.accounts.serialise import (
    ORGANISATION_COLUMNS,
    TOKEN_COLUMNS,
    USER_COLUMNS,
    issued_json,
    organisation_json,
    organisation_row,
    token_json,
    token_row,
    user_json,
    user_row,
)
from patentshield.kernel.access import OrganisationKind, Role, parse_permissions
from patentshield.kernel.cli import FormatOption, OutputFormat, emit, now, print_table, runtime
from patentshield.kernel.errors import InvalidInput

org_app = typer.Typer(no_args_is_help=True, add_completion=False)
user_app = typer.Typer(no_args_is_help=True, add_completion=False)
token_app = typer.Typer(no_args_is_help=True, add_completion=False)

OrganisationOption = Annotated[str, typer.Option("--org", help="Organisation id or name.")]


@org_app.command("create")
def org_create(
    ctx: typer.Context,
    kind: Annotated[OrganisationKind, typer.Option(help="Kind of organisation.")],
    name: Annotated[str, typer.Option(help="Name (unique, whatever its case).")],
    region: Annotated[
        str | None,
        typer.Option(help="Six-digit region code, e.g. 440300 (required of an administration)."),
    ] = None,
    product: Annotated[
        list[str] | None,
        typer.Option(help="Catalog product an insurer underwrites (repeatable)."),
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Create an organisation."""
    made = service.create_organisation(
        runtime(ctx), kind=kind, name=name, region=region, products=product or ()
    )
    _emit_organisation(fmt, made)


def _emit_organisation(fmt: OutputFormat, made: Organisation) -> None:
    def table() -> None:
        print_table("Organisation", ORGANISATION_COLUMNS, [organisation_row(made)])
        if made.products:
            typer.echo(f"underwrites: {', '.join(made.products)}")

    emit(fmt, organisation_json(made), table)


@org_app.command("products")
def org_products(
    ctx: typer.Context,
    org: Annotated[str, typer.Argument(help="Organisation id or name (an insurer).")],
    add: Annotated[
        list[str] | None, typer.Option("--add", help="Product to underwrite (repeatable).")
    ] = None,
    remove: Annotated[
        list[str] | None, typer.Option("--remove", help="Product no longer underwritten.")
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Show, add or remove the catalog products an insurer underwrites."""
    made = service.set_organisation_products(runtime(ctx), org, add=add or (), remove=remove or ())
    _emit_organisation(fmt, made)


@org_app.command("list")
def org_list(ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """List organisations."""
    found = service.list_organisations(runtime(ctx))
    emit(
        fmt,
        [organisation_json(o) for o in found],
        lambda: print_table(
            "Organisations", ORGANISATION_COLUMNS, [organisation_row(o) for o in found]
        ),
    )


def _password_from_stdin() -> str:
    line = typer.get_text_stream("stdin").readline()
    password = line.removesuffix("\n").removesuffix("\r")
    if not password:
        raise InvalidInput("password", "give the password as one line on standard input")
    return password


@user_app.command("create")
def user_create(
    ctx: typer.Context,
    org: OrganisationOption,
    email: Annotated[str, typer.Option(help="Email (the login; unique whatever its case).")],
    role: Annotated[Role, typer.Option(help="Role in the organisation.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Create a user; the password is read as one line from standard input."""
    if not password_stdin:
        raise InvalidInput("password", "pass --password-stdin and the password on standard input")
    made = service.create_user(
        runtime(ctx), organisation=org, email=email, role=role, password=_password_from_stdin()
    )
    emit(fmt, user_json(made), lambda: print_table("User", USER_COLUMNS, [user_row(made)]))


@user_app.command("list")
def user_list(
    ctx: typer.Context,
    org: Annotated[str | None, typer.Option("--org", help="Only this organisation.")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """List users."""
    found = service.list_users(runtime(ctx), org)
    emit(
        fmt,
        [user_json(u) for u in found],
        lambda: print_table("Users", USER_COLUMNS, [user_row(u) for u in found]),
    )


@user_app.command("unlock")
def user_unlock(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="Email of the user.")],
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Lift a lockout after repeated wrong passwords."""
    user = service.unlock_user(runtime(ctx), email)
    emit(fmt, user_json(user), lambda: print_table("User", USER_COLUMNS, [user_row(user)]))


@token_app.command("create")
def token_create(
    ctx: typer.Context,
    user: Annotated[str, typer.Option(help="Email of the user the token acts for.")],
    scope: Annotated[
        list[str] | None,
        typer.Option(help="A permission such as quotes:read (repeat; default: all of the role)."),
    ] = None,
    expires: Annotated[
        str, typer.Option(help="Expiry: a date YYYY-MM-DD or a number of days such as 90d.")
    ] = "90d",
    name: Annotated[str, typer.Option(help="What the token is for.")] = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Create a personal API token and print it once."""
    issued = tokens.create_token(
        runtime(ctx),
        email=user,
        scopes=parse_permissions(scope) if scope else None,
        expires_at=token_expiry(expires, now()),
        name=name,
    )

    def show() -> None:
        typer.echo(f"token {issued.id}, expires {issued.expires_at.isoformat()}")
        typer.echo(issued.secret)
        typer.echo("Keep it now: it is stored only as a hash and cannot be shown again.", err=True)

    emit(fmt, issued_json(issued), show)


@token_app.command("list")
def token_list(
    ctx: typer.Context,
    user: Annotated[str | None, typer.Option(help="Only the tokens of this user.")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """List API tokens (never their secrets)."""
    found, moment = tokens.list_tokens(runtime(ctx), user), now()
    emit(
        fmt,
        [token_json(t, moment) for t in found],
        lambda: print_table("API tokens", TOKEN_COLUMNS, [token_row(t, moment) for t in found]),
    )


@token_app.command("revoke")
def token_revoke(
    ctx: typer.Context,
    token_id: Annotated[str, typer.Argument(help="Token id (tok_…).")],
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Revoke a token; it stops working at once."""
    token, moment = tokens.revoke_token(runtime(ctx), token_id), now()
    emit(
        fmt,
        token_json(token, moment),
        lambda: print_table("API token", TOKEN_COLUMNS, [token_row(token, moment)]),
    )
