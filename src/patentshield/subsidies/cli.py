"""Commands of the subsidies capability (thin adapter over its service).

``patentshield subsidy programmes | check | grant | grants | pilots`` and ``subsidy
application …`` (:mod:`~patentshield.subsidies.application_cli`): parse the options, call
:mod:`patentshield.subsidies.service` (or read the shipped pilot data), print with
:func:`patentshield.kernel.cli.emit`. The runtime's clock is read here, and only here:
``--date`` defaults to its today.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from patentshield.kernel.cli import (
    FormatOption,
    OutputFormat,
    day_or_today,
    emit,
    print_table,
    runtime,
)
from patentshield.subsidies import service
from patentshield.subsidies.application_cli import app as application_app
from patentshield.subsidies.model import (
    Applicant,
    Grant,
    GrantRequest,
    SubsidyDecision,
    parse_cny,
    parse_product_type,
    parse_region_code,
)
from patentshield.subsidies.pilots import Pilots
from patentshield.subsidies.serialise import (
    GRANT_COLUMNS,
    MILESTONE_COLUMNS,
    PILOT_COLUMNS,
    PROGRAMME_COLUMNS,
    PROVINCE_COLUMNS,
    decision_to_json,
    grant_row,
    grant_to_json,
    milestone_rows,
    pilot_rows,
    pilots_to_json,
    programme_row,
    programme_to_json,
    province_rows,
)

app = typer.Typer(no_args_is_help=True, add_completion=False)
app.add_typer(
    application_app,
    name="application",
    help="Subsidy applications: apply, list, show, approve, reject, withdraw.",
)

ProgrammeOption = Annotated[str, typer.Option("--programme", help="Programme id, e.g. shenzhen.")]
ProductTypeOption = Annotated[
    str, typer.Option("--product-type", help="Product type, e.g. patent_enforcement.")
]
PremiumOption = Annotated[str, typer.Option("--premium", help="Premium of the policy, CNY.")]
DateOption = Annotated[
    str | None, typer.Option("--date", help="Premium date YYYY-MM-DD (default: today).")
]
RegionOption = Annotated[
    str | None, typer.Option("--region", help="Administrative division code, e.g. 440305.")
]
IndustryOption = Annotated[
    list[str] | None, typer.Option("--industry", help="Industry tag (repeatable).")
]
FlagOption = Annotated[
    list[str] | None, typer.Option("--flag", help="Applicant flag (repeatable).")
]
BasePremiumOption = Annotated[
    str | None, typer.Option("--base-premium", help="Base premium, CNY (Foshan 2012).")
]
IpRightOption = Annotated[
    list[str] | None, typer.Option("--ip-right", help="IP right the policy covers (repeatable).")
]


def _applicant(
    applicant_id: str | None,
    region: str | None,
    industries: list[str] | None,
    flags: list[str] | None,
) -> Applicant:
    return Applicant(
        id=applicant_id,
        region_code=None if region is None else parse_region_code(region, field="region"),
        industries=frozenset(industries) if industries else None,
        flags=frozenset(flags) if flags else None,
    )


@app.command("programmes")
def programmes_command(
    ctx: typer.Context,
    region: RegionOption = None,
    day: DateOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """List the subsidy programmes in force on a date, optionally within a region."""
    on = day_or_today(day)
    code = None if region is None else parse_region_code(region, field="region")
    found = service.programmes_in_force(runtime(ctx), on, code)
    title = f"Premium-subsidy programmes in force on {on}"
    emit(
        fmt,
        [programme_to_json(programme) for programme in found],
        lambda: print_table(title, PROGRAMME_COLUMNS, [programme_row(p) for p in found]),
    )


def _print_decision(decision: SubsidyDecision) -> None:
    verdict = "eligible" if decision.eligible else "not eligible"
    typer.echo(f"{decision.programme_id} v{decision.programme_version}: {verdict}")
    typer.echo(f"subsidy: {decision.amount}")
    _print_trace(decision.explanation, decision.warnings)


def _print_trace(explanation: Sequence[str], warnings: Sequence[str]) -> None:
    for line in explanation:
        typer.echo(f"  {line}")
    for warning in warnings:
        typer.echo(f"warning: {warning}")


@app.command("check")
def check_command(
    ctx: typer.Context,
    programme: ProgrammeOption,
    product_type: ProductTypeOption,
    premium: PremiumOption,
    granted_this_year: Annotated[
        str | None,
        typer.Option("--granted-this-year", help="What the programme already granted, CNY."),
    ] = None,
    region: RegionOption = None,
    day: DateOption = None,
    industry: IndustryOption = None,
    flag: FlagOption = None,
    base_premium: BasePremiumOption = None,
    ip_right: IpRightOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Evaluate one programme for one policy from the facts given (no ledger)."""
    decision = service.check_subsidy(
        runtime(ctx),
        programme,
        day=day_or_today(day),
        product_type=parse_product_type(product_type),
        premium=parse_cny(premium, field="premium"),
        applicant=_applicant(None, region, industry, flag),
        granted_this_year=None
        if granted_this_year is None
        else parse_cny(granted_this_year, field="granted_this_year"),
        base_premium=None
        if base_premium is None
        else parse_cny(base_premium, field="base_premium"),
        ip_rights=tuple(ip_right or ()),
    )
    emit(fmt, decision_to_json(decision), lambda: _print_decision(decision))


def _print_grant(grant: Grant) -> None:
    print_table(f"Grant {grant.id}", GRANT_COLUMNS, [grant_row(grant)])
    _print_trace(grant.explanation, grant.warnings)


@app.command("grant")
def grant_command(
    ctx: typer.Context,
    programme: ProgrammeOption,
    applicant: Annotated[str, typer.Option("--applicant", help="Applicant (enterprise) id.")],
    product_type: ProductTypeOption,
    premium: PremiumOption,
    reference: Annotated[str, typer.Option("--reference", help="Policy or quote reference.")],
    idempotency_key: Annotated[
        str, typer.Option("--idempotency-key", help="Key that makes a retry return the grant.")
    ],
    day: DateOption = None,
    region: RegionOption = None,
    industry: IndustryOption = None,
    flag: FlagOption = None,
    base_premium: BasePremiumOption = None,
    ip_right: IpRightOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Record a subsidy grant in the ledger (idempotent, within every cap)."""
    request = GrantRequest(
        programme_id=programme,
        applicant=_applicant(applicant, region, industry, flag),
        product_type=parse_product_type(product_type),
        premium=parse_cny(premium, field="premium"),
        day=day_or_today(day),
        reference=reference,
        base_premium=None
        if base_premium is None
        else parse_cny(base_premium, field="base_premium"),
        ip_rights=tuple(ip_right or ()),
    )
    grant = service.grant_subsidy(runtime(ctx), request, idempotency_key=idempotency_key)
    emit(fmt, grant_to_json(grant), lambda: _print_grant(grant))


@app.command("grants")
def grants_command(
    ctx: typer.Context,
    programme: Annotated[str | None, typer.Option("--programme", help="Programme id.")] = None,
    applicant: Annotated[str | None, typer.Option("--applicant", help="Applicant id.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Calendar year.")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """List the grants of the ledger."""
    grants = service.list_grants(
        runtime(ctx), programme_id=programme, applicant_id=applicant, year=year
    )
    emit(
        fmt,
        [grant_to_json(grant) for grant in grants],
        lambda: print_table("Subsidy grants", GRANT_COLUMNS, [grant_row(g) for g in grants]),
    )


def _print_pilots(pilots: Pilots) -> None:
    print_table(
        "Patent-insurance pilot regions",
        PILOT_COLUMNS,
        pilot_rows(pilots),
        caption="regions a source counts but does not name are given as a count",
    )
    print_table("Pilot regions by province", PROVINCE_COLUMNS, province_rows(pilots))
    print_table("Milestones", MILESTONE_COLUMNS, milestone_rows(pilots))


@app.command("pilots")
def pilots_command(ctx: typer.Context, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """List the pilot regions (code, batch, year, source) and the programme's milestones."""
    pilots = runtime(ctx).reference.get(Pilots)
    emit(fmt, pilots_to_json(pilots), lambda: _print_pilots(pilots))
