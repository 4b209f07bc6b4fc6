"""``patentshield db backup | restore | check``: thin adapters over the maintenance services."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from patentshield.kernel.cli import FormatOption, OutputFormat, emit, print_table, runtime
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.maintenance.backup import BackupReport, backup, restore
from patentshield.maintenance.check import Finding, check_installation
from patentshield.maintenance.digest import digest_json

app = typer.Typer(no_args_is_help=True, add_completion=False)

FileArgument = Annotated[Path, typer.Argument(help="Backup archive (ZIP).")]


def _report_json(report: BackupReport) -> dict[str, JsonValue]:
    return {
        "file": report.file,
        "backend": report.backend,
        "revision": report.revision,
        "vault_files": report.vault_files,
        "tables": dict(digest_json(report.tables)),
        "differences": list(report.differences),
    }


def _print_report(title: str, report: BackupReport) -> None:
    rows = [[name, str(d.rows), d.sha256[:16]] for name, d in report.tables.items()]
    caption = f"{report.backend}, revision {report.revision}, {report.vault_files} vault files"
    print_table(title, ("Table", "Rows", "SHA-256"), rows, caption=caption)


@app.command("backup")
def backup_command(
    ctx: typer.Context, file: FileArgument, fmt: FormatOption = OutputFormat.TABLE
) -> None:
    """Write the database and the evidence vault into one archive with their digests."""
    report = backup(runtime(ctx), file)
    emit(fmt, _report_json(report), lambda: _print_report(f"Backup {file}", report))


@app.command("restore")
def restore_command(
    ctx: typer.Context,
    file: FileArgument,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite a database that holds a schema.")
    ] = False,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Restore the database and the vault from an archive; exit 1 if a table differs."""
    report = restore(runtime(ctx), file, replace=replace)
    emit(fmt, _report_json(report), lambda: _print_report(f"Restored {file}", report))
    if report.differences:
        typer.echo(
            f"warning: tables differ from the backup: {', '.join(report.differences)}", err=True
        )
        raise typer.Exit(1)


def _finding_json(finding: Finding) -> dict[str, JsonValue]:
    return {
        "check": finding.name,
        "ok": finding.ok,
        "covered": finding.covered,
        "problems": list(finding.problems),
    }


@app.command("check")
def check_command(ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Check the schema, the vault, the audit chain and the ledgers' sums; exit 1 on a problem."""
    findings = check_installation(runtime(ctx))
    rows = [
        [f.name, "ok" if f.ok else "PROBLEM", f.covered, "; ".join(f.problems) or "-"]
        for f in findings
    ]
    emit(
        fmt,
        [_finding_json(f) for f in findings],
        lambda: print_table("Installation check", ("Check", "State", "Covered", "Problems"), rows),
    )
    if not all(f.ok for f in findings):
        raise typer.Exit(1)
