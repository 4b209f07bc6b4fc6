"""``patentshield watch …``: the 337 early warning, alerts, complainant profiles, US patents.

A thin adapter: it parses options, calls :mod:`patentshield.compliance.service` and prints
JSON (``--format json``) or a table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from patentshield.compliance import documents, serialise, service
from patentshield.compliance.model import WatchList
from patentshield.kernel.cli import FormatOption, OutputFormat, emit, print_table, runtime
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue

app = typer.Typer(no_args_is_help=True, add_completion=False)
patents_app = typer.Typer(no_args_is_help=True, add_completion=False)
lists_app = typer.Typer(no_args_is_help=True, add_completion=False)
app.add_typer(patents_app, name="patents", help="US patents: import PatentsView tables, list.")
app.add_typer(lists_app, name="lists", help="Watch lists: assignees, CPC classes, keywords.")

EnterpriseOption = Annotated[
    str, typer.Option("--enterprise", help="Enterprise id or credit code.")
]


OnlyEnterpriseOption = Annotated[
    str | None, typer.Option("--enterprise", help="Only this enterprise (id or credit code).")
]


def _reasons(reasons: tuple[str, ...] | list[str]) -> str:
    return "; ".join(reasons)


@app.command("match")
def match(
    ctx: typer.Context,
    text: Annotated[str, typer.Option("--text", help="Product description, English or Chinese.")],
    hts: Annotated[
        list[str] | None, typer.Option("--hts", help="HS/HTS code (repeatable).")
    ] = None,
    top: Annotated[int, typer.Option("--top", help="How many investigations to show.")] = 10,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Rank the record's investigations that concern a product, with the reasons."""
    report = service.match_product(runtime(ctx), text, hts=hts or (), top=top)
    document = serialise.matches_to_json(report.matches, report.if_named)
    rows = [
        [m.subject.key, f"{m.score:.3f}", m.subject.title, _reasons(m.reasons)]
        for m in report.matches
    ]
    caption = (
        f"if named and served on {report.if_named.served_on}: answer due "
        f"{report.if_named.answer_due}; typical defence cost {report.if_named.typical_cost}"
    )
    emit(
        fmt,
        document,
        lambda: print_table(
            "337 early warning",
            ["investigation", "score", "title", "reasons"],
            rows,
            caption=caption,
        ),
    )


@app.command("run")
def run(
    ctx: typer.Context, enterprise: EnterpriseOption, fmt: FormatOption = OutputFormat.TABLE
) -> None:
    """Check every product of an enterprise and record the alerts new since the last run."""
    report = service.run_watch(runtime(ctx), enterprise)
    document = documents.run_document(report)
    rows = [
        [a.product, a.kind.value, a.subject, f"{a.score:.3f}", _reasons(a.reasons)]
        for a in report.new
    ]
    caption = f"run {report.run_id}: {len(report.found)} found, {len(report.new)} new"
    emit(
        fmt,
        document,
        lambda: print_table(
            "New alerts", ["product", "kind", "subject", "score", "reasons"], rows, caption=caption
        ),
    )


@app.command("alerts")
def alerts(
    ctx: typer.Context,
    enterprise: OnlyEnterpriseOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """List the recorded alerts, newest run first."""
    found = service.list_alerts(runtime(ctx), enterprise)
    document: dict[str, JsonValue] = {"alerts": [serialise.alert_to_json(a) for a in found]}
    rows = [
        [str(a.run_id), a.enterprise_id, a.product, a.kind.value, a.subject, a.title] for a in found
    ]
    emit(
        fmt,
        document,
        lambda: print_table(
            "Alerts", ["run", "enterprise", "product", "kind", "subject", "title"], rows
        ),
    )


@app.command("complainant")
def complainant(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Complainant name (or part of it).")],
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Show a complainant's 337 history, repeat-filer rank and NPE flag with its basis."""
    report = service.complainant_profiles(runtime(ctx), name)
    document = documents.complainant_document(report)

    def table() -> None:
        for profile in report.profiles:
            flag = profile.classification
            rows = [
                [
                    c.number,
                    str(c.year or ""),
                    str(c.respondents),
                    str(c.chinese_respondents),
                    c.outcome,
                    ", ".join(c.orders),
                ]
                for c in profile.cases
            ]
            caption = (
                f"rank {profile.rank} of {profile.complainants} complainants; NPE: "
                f"{flag.category.value} ({flag.basis})"
            )
            print_table(
                profile.name,
                ["investigation", "year", "respondents", "Chinese", "outcome", "orders"],
                rows,
                caption=caption,
            )

    emit(fmt, document, table)


@patents_app.command("import")
def import_patents(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None, typer.Argument(help="PatentsView .tsv files or a folder.")
    ] = None,
    sample: Annotated[
        bool, typer.Option("--sample", help="Import the sample shipped in the package.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse everything if any row is bad.")
    ] = False,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Import US patents from PatentsView bulk tables (g_patent.tsv and the tables beside it)."""
    if sample == bool(paths):
        raise InvalidInput("file", "give PatentsView files or a folder, or --sample")
    files = service.shipped_patent_files() if sample else service.read_patent_files(paths or [])
    source = "shipped sample" if sample else ", ".join(str(p) for p in paths or [])
    report = service.import_patents(runtime(ctx), files, source=source, strict=strict)
    document: dict[str, JsonValue] = {
        "source": report.source,
        "rows": dict(report.parse.rows),
        "patents": len(report.parse.patents),
        "added": report.added,
        "updated": report.updated,
        "rejected": len(report.parse.rejected),
        "rejected_rows": [
            {"row": str(e.row), "field": e.field, "reason": e.reason} for e in report.parse.rejected
        ],
    }
    rows = [[str(e.row), e.field, e.reason] for e in report.parse.rejected]
    caption = f"{report.added} added, {report.updated} updated, {len(rows)} rows refused"
    emit(
        fmt,
        document,
        lambda: print_table("Refused rows", ["row", "field", "reason"], rows, caption=caption),
    )


@patents_app.command("list")
def list_patents(ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """List the imported US patents with their expiry."""
    patents = service.list_patents(runtime(ctx))
    found: list[JsonValue] = [serialise.patent_to_json(p) for p in patents]
    rows = [[p.label(), p.title, str(p.expiry().last_day), ", ".join(p.assignees)] for p in patents]
    emit(
        fmt,
        {"patents": found},
        lambda: print_table("US patents", ["patent", "title", "expires", "assignees"], rows),
    )


@lists_app.command("add")
def add_list(
    ctx: typer.Context,
    list_id: Annotated[str, typer.Argument(help="Id of the watch list (a slug).")],
    enterprise: EnterpriseOption,
    assignee: Annotated[list[str] | None, typer.Option("--assignee", help="Assignee name.")] = None,
    cpc: Annotated[list[str] | None, typer.Option("--cpc", help="CPC prefix, e.g. H01L33.")] = None,
    keyword: Annotated[list[str] | None, typer.Option("--keyword", help="Title keyword.")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Add a watch list to an enterprise."""
    wanted = WatchList(
        list_id, enterprise, tuple(assignee or ()), tuple(cpc or ()), tuple(keyword or ())
    )
    saved = service.add_watch_list(runtime(ctx), wanted)
    emit(
        fmt, serialise.watch_list_to_json(saved), lambda: typer.echo(f"watch list {saved.id} added")
    )


@lists_app.command("show")
def show_lists(
    ctx: typer.Context,
    enterprise: OnlyEnterpriseOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Show the watch lists."""
    found = service.list_watch_lists(runtime(ctx), enterprise)
    rows = [
        [w.id, w.enterprise_id, ", ".join(w.assignees), ", ".join(w.cpc), ", ".join(w.keywords)]
        for w in found
    ]
    document: dict[str, JsonValue] = {
        "watch_lists": [serialise.watch_list_to_json(w) for w in found]
    }
    emit(
        fmt,
        document,
        lambda: print_table(
            "Watch lists", ["id", "enterprise", "assignees", "CPC", "keywords"], rows
        ),
    )
