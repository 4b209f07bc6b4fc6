"""``patentshield compliance …``: controls, the score, FTO opinions and service providers.

A thin adapter: it parses options, calls :mod:`patentshield.compliance.programme_service` and
prints JSON (``--format json``) or a table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from patentshield.compliance import programme_serialise as serialise
from patentshield.compliance import programme_service as service
from patentshield.compliance.fto import FtoConclusion
from patentshield.compliance.providers import ProviderKind
from patentshield.kernel.cli import (
    DayOption,
    FormatOption,
    OutputFormat,
    day_or_today,
    emit,
    optional_day,
    print_table,
    runtime,
)
from patentshield.kernel.errors import InvalidInput

app = typer.Typer(no_args_is_help=True, add_completion=False)
control_app = typer.Typer(no_args_is_help=True, add_completion=False)
fto_app = typer.Typer(no_args_is_help=True, add_completion=False)
providers_app = typer.Typer(no_args_is_help=True, add_completion=False)
app.add_typer(control_app, name="control", help="Controls of the programme: set, list.")
app.add_typer(fto_app, name="fto", help="Freedom-to-operate opinions: add, list.")
app.add_typer(providers_app, name="providers", help="The insurers' service providers.")

EnterpriseOption = Annotated[
    str, typer.Option("--enterprise", help="Enterprise id or credit code.")
]


@control_app.command("set")
def control_set(
    ctx: typer.Context,
    enterprise: EnterpriseOption,
    control: Annotated[str, typer.Option("--control", help="Control id (see `compliance score`).")],
    evidence: Annotated[str, typer.Option("--evidence", help="What shows it.")] = "",
    absent: Annotated[
        bool, typer.Option("--absent", help="Declare the control not in place.")
    ] = False,
    by: Annotated[str, typer.Option("--by", help="Who declares it.")] = "",
    day: DayOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Declare a control of an enterprise's programme, with its evidence and date."""
    record = service.set_control(
        runtime(ctx),
        enterprise,
        control,
        in_place=not absent,
        evidence=evidence,
        day=day_or_today(day),
        by=by,
    )
    state = "in place" if record.in_place else "not in place"
    emit(
        fmt,
        serialise.control_record_to_json(record),
        lambda: typer.echo(
            f"{record.enterprise_id}: {record.control} {state} on {record.day} ({record.evidence})"
        ),
    )


@control_app.command("list")
def control_list(
    ctx: typer.Context, enterprise: EnterpriseOption, fmt: FormatOption = OutputFormat.TABLE
) -> None:
    """List every declaration of an enterprise's controls, oldest first."""
    records = service.list_controls(runtime(ctx), enterprise)
    rows = [
        [str(r.day), r.control, "yes" if r.in_place else "no", r.evidence, r.recorded_by]
        for r in records
    ]
    emit(
        fmt,
        {"controls": [serialise.control_record_to_json(r) for r in records]},
        lambda: print_table(
            "Declared controls", ["date", "control", "in place", "evidence", "by"], rows
        ),
    )


@app.command("score")
def score(
    ctx: typer.Context,
    enterprise: EnterpriseOption,
    day: DayOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Show an enterprise's compliance score: every control, its points and its evidence."""
    found = service.compliance_score(runtime(ctx), enterprise, day=optional_day(day, "date"))
    rows = [
        [
            line.control.id,
            f"{line.control.label} / {line.control.label_zh}",
            f"{line.earned.normalize():f} / {line.control.points}",
            line.evidence,
            str(line.day or "—"),
        ]
        for line in found.lines
    ]
    caption = (
        f"score {found.points.normalize():f} of 100 on {found.day} (rubric: docs/compliance.md)"
    )
    emit(
        fmt,
        serialise.score_to_json(found),
        lambda: print_table(
            f"Compliance score of {found.enterprise_id}",
            ["control", "label", "points", "evidence", "date"],
            rows,
            caption=caption,
        ),
    )


def _conclusion(value: str) -> FtoConclusion:
    try:
        return FtoConclusion(value)
    except ValueError:
        names = ", ".join(c.value for c in FtoConclusion)
        raise InvalidInput("conclusion", f"{value!r} is not one of {names}") from None


@fto_app.command("add")
def fto_add(
    ctx: typer.Context,
    enterprise: EnterpriseOption,
    file: Annotated[Path, typer.Argument(help="The opinion's document.")],
    counsel: Annotated[str, typer.Option("--counsel", help="Counsel who gave the opinion.")],
    issued: Annotated[str, typer.Option("--issued", help="Date of the opinion, YYYY-MM-DD.")],
    patent: Annotated[list[str], typer.Option("--patent", help="US patent reviewed (repeat).")],
    product: Annotated[list[str], typer.Option("--product", help="Product class (repeat).")],
    conclusion: Annotated[
        str, typer.Option("--conclusion", help="clear, clear_with_design_around, risk_identified")
    ] = "clear",
    note: Annotated[str, typer.Option("--note", help="A note.")] = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """File an FTO opinion: its document into the vault, linked to products and patents."""
    details = service.FtoDetails(
        counsel=counsel,
        issued_on=day_or_today(issued, "issued"),
        patents=tuple(patent),
        products=tuple(product),
        conclusion=_conclusion(conclusion),
        note=note,
    )
    filed = service.add_fto_opinion(runtime(ctx), enterprise, file, details)
    opinion = filed.opinion
    said = "filed" if filed.added else "already on file"
    emit(
        fmt,
        {**serialise.opinion_to_json(opinion), "added": filed.added},
        lambda: typer.echo(
            f"{opinion.id} {said}: {opinion.counsel}, {opinion.issued_on}, "
            f"{len(opinion.patents)} patent(s), {', '.join(opinion.products)}; "
            f"sha256 {opinion.sha256}"
        ),
    )


@fto_app.command("list")
def fto_list(
    ctx: typer.Context, enterprise: EnterpriseOption, fmt: FormatOption = OutputFormat.TABLE
) -> None:
    """List an enterprise's FTO opinions, oldest first."""
    opinions = service.list_fto_opinions(runtime(ctx), enterprise)
    rows = [
        [
            o.id,
            str(o.issued_on),
            o.counsel,
            ", ".join(o.products),
            ", ".join(o.patents),
            f"{o.conclusion.label} / {o.conclusion.label_zh}",
            o.sha256[:12],
        ]
        for o in opinions
    ]
    emit(
        fmt,
        {"opinions": [serialise.opinion_to_json(o) for o in opinions]},
        lambda: print_table(
            "FTO opinions",
            ["id", "issued", "counsel", "products", "patents", "conclusion", "sha256"],
            rows,
        ),
    )


@providers_app.command("list")
def providers_list(
    ctx: typer.Context,
    product: Annotated[str, typer.Option("--product", help="Catalog product id.")],
    kind: Annotated[
        ProviderKind | None, typer.Option("--kind", help="Only this kind of provider.")
    ] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """List the service providers the insurer offers under a product (He §5.3)."""
    providers = service.list_providers(runtime(ctx), product, kind)
    rows = [
        [
            p.id,
            f"{p.kind.label} / {p.kind.label_zh}",
            p.name,
            p.name_zh,
            p.location,
            "example" if p.example else "",
        ]
        for p in providers
    ]
    emit(
        fmt,
        {"product": product, "providers": [serialise.provider_to_json(p) for p in providers]},
        lambda: print_table(
            f"Service providers of {product}",
            ["id", "kind", "name", "名称", "location", ""],
            rows,
        ),
    )
