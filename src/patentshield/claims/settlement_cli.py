"""``patentshield claim consent-settlement``: the insurer's written consent to a settlement.

A thin adapter over :mod:`patentshield.claims.settlement_service`: the claims handler names
the counterparty (the complainant, or the licensor), the most the claim pays it (in the policy
currency) and the day; a later consent to the same counterparty supersedes the earlier one.
"""

from __future__ import annotations

from typing import Annotated

import typer

from patentshield.claims.serialise import CONSENT_COLUMNS, consent_json, consent_rows
from patentshield.claims.settlement_service import SettlementConsentInput, consent_to_settlement
from patentshield.kernel.cli import (
    DayOption,
    FormatOption,
    OutputFormat,
    day_or_today,
    emit,
    print_table,
    runtime,
)
from patentshield.kernel.money import parse_money


def consent_settlement(
    ctx: typer.Context,
    claim: Annotated[str, typer.Argument(help="Claim id (cl-…).")],
    counterparty: Annotated[
        str, typer.Option(help="Who is paid: the complainant or licensor, as on its invoice.")
    ],
    maximum: Annotated[str, typer.Option(help="Most the claim pays it, in the policy currency.")],
    currency: Annotated[str, typer.Option(help="Currency of the maximum (the policy's).")] = "CNY",
    day: DayOption = None,
    terms: Annotated[str, typer.Option(help="Terms of the settlement or licence.")] = "",
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Record the insurer's written consent to a settlement or licence on a claim."""
    data = SettlementConsentInput(
        counterparty=counterparty,
        consented_on=day_or_today(day),
        maximum=parse_money(maximum, currency, field="maximum"),
        terms=terms,
    )
    consent = consent_to_settlement(runtime(ctx), claim, data)
    emit(
        fmt,
        consent_json(consent),
        lambda: print_table("Consent to settle", CONSENT_COLUMNS, consent_rows([consent])),
    )
