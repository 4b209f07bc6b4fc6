"""Subsidy dependence and uptake (He §3.1–3.2), by region, year and product type.

From the policies (their recorded subsidy) and the grant ledger:

* **share of premium paid by subsidy** — Σ subsidy ÷ Σ gross premium of the group's policies;
* **self-paid take-up** — the share of the group's policies bought with no subsidy at all
  (and their share of the premium);
* **renewal with and without subsidy** — of the group's policies whose period has ended, the
  share renewed (a later policy names them as the policy it renews), separately for the
  policies that were subsidised and for those that were not;
* **grants** — what the ledger granted to the group (its count and amount).

This module is pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, money_sum
from patentshield.programme.statistics import (
    Dimension,
    GrantRecord,
    PolicyRecord,
    grouped,
    grouped_table,
    groups,
)
from patentshield.programme.tables import Chart, Kind, Series, Table, number_of


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _renewal(policies: Sequence[PolicyRecord]) -> float | None:
    ended = [p for p in policies if p.ended]
    return _share(sum(p.renewed for p in ended), len(ended))


def _uptake_row(
    policies: Sequence[PolicyRecord], grants: Sequence[GrantRecord], currency: Currency
) -> dict[str, JsonValue]:
    gross = money_sum([p.gross for p in policies], currency)
    subsidy = money_sum([p.subsidy for p in policies], currency)
    self_paid = [p for p in policies if p.subsidy.is_zero()]
    self_paid_premium = money_sum([p.gross for p in self_paid], currency)
    return {
        "policies": len(policies),
        "premiums": gross.to_json(),
        "subsidy_on_policies": subsidy.to_json(),
        "share_paid_by_subsidy": float(subsidy.amount / gross.amount) if gross.amount else None,
        "self_paid_policies": len(self_paid),
        "self_paid_take_up": _share(len(self_paid), len(policies)),
        "self_paid_premium_share": float(self_paid_premium.amount / gross.amount)
        if gross.amount
        else None,
        "ended": sum(p.ended for p in policies),
        "renewal_rate": _renewal(policies),
        "renewal_rate_subsidised": _renewal([p for p in policies if not p.subsidy.is_zero()]),
        "renewal_rate_self_paid": _renewal(self_paid),
        "grants": len(grants),
        "granted": money_sum([g.amount for g in grants], currency).to_json(),
    }


def uptake_document(
    policies: Sequence[PolicyRecord],
    grants: Sequence[GrantRecord],
    by: Sequence[Dimension],
    *,
    day: str,
) -> dict[str, JsonValue]:
    """Return the document of ``patentshield programme uptake``."""
    return {
        "day": day,
        "by": [d.value for d in by],
        "rows": grouped(policies, grants, by, _uptake_row),
    }


_COLUMNS = (
    ("policies", "policies", Kind.COUNT),
    ("premiums", "premiums", Kind.MONEY),
    ("subsidy", "subsidy_on_policies", Kind.MONEY),
    ("paid by subsidy", "share_paid_by_subsidy", Kind.SHARE),
    ("self-paid take-up", "self_paid_take_up", Kind.SHARE),
    ("ended", "ended", Kind.COUNT),
    ("renewed", "renewal_rate", Kind.SHARE),
    ("renewed, subsidised", "renewal_rate_subsidised", Kind.SHARE),
    ("renewed, self-paid", "renewal_rate_self_paid", Kind.SHARE),
    ("grants", "grants", Kind.COUNT),
    ("granted", "granted", Kind.MONEY),
)


def uptake_tables(document: Mapping[str, JsonValue]) -> tuple[Table, ...]:
    """Return the uptake table."""
    return (
        grouped_table(document, _COLUMNS, name="uptake", title="Subsidy dependence and uptake"),
    )


def uptake_charts(document: Mapping[str, JsonValue]) -> tuple[Chart, ...]:
    """Return the share paid by subsidy and the self-paid take-up by group."""
    parts, labels = groups(document)

    def shares(key: str) -> tuple[float, ...]:
        return tuple(number_of(r[key]) or 0.0 for r in parts)

    return (
        Chart(
            "dependence",
            "Share of premium paid by subsidy, and self-paid take-up, by group",
            labels,
            (
                Series("paid by subsidy", shares("share_paid_by_subsidy")),
                Series("self-paid take-up", shares("self_paid_take_up")),
                Series("renewed", shares("renewal_rate")),
            ),
            ylabel="share",
        ),
    )
