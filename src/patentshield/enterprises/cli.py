"""Commands of the enterprises capability (thin adapter over its service).

``patentshield enterprise import FILE``, ``enterprise show ID`` and ``enterprise list``, each
with ``--format table|json``. JSON money is ``{"amount": "…", "currency": "USD"}``. Errors are
raised from the kernel tree; the top-level command prints them on one line and exits with 2.
When an import has several errors, each is printed on stderr before that line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from patentshield.enterprises import service
from patentshield.enterprises.model import Enterprise, Region
from patentshield.enterprises.service import ImportReport
from patentshield.kernel.cli import (
    FormatOption,
    OutputFormat,
    emit,
    print_table,
    runtime,
)
from patentshield.kernel.errors import InvalidInput, InvalidRecords, RecordError
from patentshield.kernel.jsonvalue import JsonValue

app = typer.Typer(no_args_is_help=True, add_completion=False)


def region_json(region: Region) -> JsonValue:
    """Return the JSON shape of a region: code, names and whether the table lists it."""
    return {
        "code": region.code,
        "province": region.province.name if region.province else None,
        "city": region.city.name if region.city else None,
        "district": region.district.name if region.district else None,
        "name": region.name,
        "name_zh": region.name_zh,
        "listed": region.is_listed,
    }


def enterprise_json(enterprise: Enterprise) -> JsonValue:
    """Return the JSON shape of an enterprise: every field, money as amount + currency."""
    return {
        "id": enterprise.id,
        "name": enterprise.name,
        "name_zh": enterprise.name_zh,
        "credit_code": enterprise.credit_code,
        "region": region_json(enterprise.region),
        "industries": sorted(enterprise.industries),
        "flags": sorted(flag.value for flag in enterprise.flags),
        "has_compliance_programme": enterprise.has_compliance_programme,
        "product_classes": [
            {
                "name": p.name,
                "hts": list(p.hts_codes),
                "annual_us_sales": p.annual_us_sales.to_json(),
            }
            for p in enterprise.product_classes
        ],
        "total_us_sales": enterprise.total_us_sales().to_json(),
        "patents": [
            {
                "jurisdiction": p.jurisdiction.value,
                "number": p.number,
                "kind": p.kind.value,
                "title": p.title,
                "expiry": p.expiry.isoformat() if p.expiry else None,
                "high_value": p.high_value,
            }
            for p in enterprise.patents
        ],
        "past_cases": [
            {"number": c.number, "year": c.year, "role": c.role.value, "outcome": c.outcome}
            for c in enterprise.past_cases
        ],
    }


def _record_json(problem: RecordError) -> JsonValue:
    return {"row": problem.row, "field": problem.field, "reason": problem.reason}


def report_json(report: ImportReport) -> JsonValue:
    """Return the JSON shape of an import report."""
    return {
        "source": report.source,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "enterprises": [
            {"id": item.id, "row": item.row, "outcome": item.outcome.value}
            for item in report.enterprises
        ],
        "warnings": [_record_json(w) for w in report.warnings],
    }


def _print_import(report: ImportReport) -> None:
    rows = [[item.id, str(item.row), item.outcome.value] for item in report.enterprises]
    caption = f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged"
    print_table(f"Imported {report.source}", ["id", "row", "outcome"], rows, caption=caption)


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Enterprise file: .yaml, .yml or .csv.")],
    org: Annotated[
        str | None,
        typer.Option("--org", help="Exporter or broker organisation owning the new profiles."),
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Import enterprise profiles from a YAML or CSV file (all or nothing; re-runs are safe)."""
    try:
        report = service.import_enterprises(runtime(ctx), file, organisation=org)
    except InvalidRecords as problems:
        if len(problems.errors) > 1:
            for problem in problems.errors:
                typer.echo(f"  {problem}", err=True)
        raise
    if fmt is OutputFormat.TABLE:
        for warning in report.warnings:
            typer.echo(f"warning: {warning}", err=True)
    emit(fmt, report_json(report), lambda: _print_import(report))


def _print_enterprise(enterprise: Enterprise) -> None:
    rows = [
        ["name", enterprise.name + (f" ({enterprise.name_zh})" if enterprise.name_zh else "")],
        ["credit code", enterprise.credit_code],
        ["region", f"{enterprise.region.code} {enterprise.region.name}"],
        ["industries", ", ".join(sorted(enterprise.industries))],
        ["flags", ", ".join(sorted(enterprise.flags))],
        ["compliance programme", "yes" if enterprise.has_compliance_programme else "no"],
        *(
            [f"product: {p.name}", f"{', '.join(p.hts_codes)} — {p.annual_us_sales}"]
            for p in enterprise.product_classes
        ),
        ["total US sales", str(enterprise.total_us_sales())],
        *(
            [f"patent: {p.number}", f"{p.jurisdiction} {p.kind}: {p.title}"]
            for p in enterprise.patents
        ),
        *([f"case: {c.number}", f"{c.year} {c.role}: {c.outcome}"] for c in enterprise.past_cases),
    ]
    print_table(f"Enterprise {enterprise.id}", ["field", "value"], rows)


@app.command("show")
def show_command(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Enterprise id or unified social credit code.")],
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Show one enterprise profile."""
    enterprise = service.enterprise_profile(runtime(ctx), key)
    emit(fmt, enterprise_json(enterprise), lambda: _print_enterprise(enterprise))


def _print_list(enterprises: tuple[Enterprise, ...]) -> None:
    rows = [
        [e.id, e.name, e.credit_code, e.region.name, str(e.total_us_sales()), str(len(e.patents))]
        for e in enterprises
    ]
    columns = ["id", "name", "credit code", "region", "US sales", "patents"]
    print_table("Enterprises", columns, rows, caption=f"{len(rows)} enterprise(s)")


@app.command("list")
def list_command(ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """List every enterprise profile."""
    enterprises = service.list_enterprises(runtime(ctx))
    emit(fmt, [enterprise_json(e) for e in enterprises], lambda: _print_list(enterprises))


@app.command("assign")
def assign_command(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Enterprise id or unified social credit code.")],
    org: Annotated[
        str | None,
        typer.Option("--org", help="Exporter or broker organisation (id or name)."),
    ] = None,
    platform: Annotated[
        bool, typer.Option("--platform", help="Give the enterprise back to the platform.")
    ] = False,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Give an enterprise to the organisation that owns it (platform only)."""
    if (org is None) == (not platform):
        raise InvalidInput("org", "give either --org ORG or --platform")
    enterprise = service.assign_enterprise(runtime(ctx), key, org)
    owner = org or "the platform"
    emit(
        fmt,
        {"id": enterprise.id, "organisation": org},
        lambda: typer.echo(f"enterprise {enterprise.id} now belongs to {owner}"),
    )
