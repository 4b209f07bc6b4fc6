"""White-paper statistics of the book: insured, IP rights, cover, premiums, subsidies, claims.

The figures the national *White Paper on China IP Insurance (2022)* reports [R74], computed on
the database by region, year and product type, with the published figures beside them
(:mod:`patentshield.programme.published`):

* **enterprises insured** — distinct enterprises with a policy in the group;
* **policies**, **IP rights covered** (per-patent units, the patents of a package's units, or
  the enterprise's patents for an enterprise or commodity policy, J);
* **sums insured** — aggregate limits; **premiums** — gross premiums;
* **subsidies paid** — grants of the subsidy ledger in the group (by the applicant's region
  when the applicant is an enterprise of the database, else the programme's region);
* **claims paid** — payments on the group's policies; **loss ratio** — claims paid ÷ premiums.

A policy's *year* is the year its period starts; its *region* is its enterprise's city (or
province, or code). Amounts are added per currency; a group's money is in the currency of its
policies (CNY for every shipped product).

This module is pure: no I/O, no clock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, Money, money_sum
from patentshield.programme.tables import Chart, Kind, Series, Table, money_of, table

ALL = "all"


class Dimension(StrEnum):
    """What a statistics row is grouped by."""

    REGION = "region"
    YEAR = "year"
    PRODUCT_TYPE = "product_type"


@dataclass(frozen=True, slots=True)
class PolicyRecord:
    """What the statistics need of one policy (amounts in the policy currency)."""

    id: str
    enterprise_id: str
    region: str
    year: int
    product_type: str
    gross: Money
    subsidy: Money
    sum_insured: Money
    ip_rights: int
    claims_paid: Money
    ended: bool = False
    renewed: bool = False


@dataclass(frozen=True, slots=True)
class GrantRecord:
    """A subsidy grant of the ledger, placed by region, year and product type."""

    region: str
    year: int
    product_type: str
    amount: Money


def parse_dimensions(values: Sequence[str]) -> tuple[Dimension, ...]:
    """Return the dimensions named (every one when none), refusing an unknown name."""
    try:
        chosen = tuple(Dimension(v) for v in values) or tuple(Dimension)
    except ValueError:
        known = ", ".join(d.value for d in Dimension)
        raise InvalidInput("by", f"{', '.join(values)}: expected some of {known}") from None
    return tuple(dict.fromkeys(chosen))


def key_of(record: PolicyRecord | GrantRecord, by: Sequence[Dimension]) -> tuple[str, ...]:
    """Return the group key of a record: its value on each dimension, in order."""
    values = {
        Dimension.REGION: record.region,
        Dimension.YEAR: str(record.year),
        Dimension.PRODUCT_TYPE: record.product_type,
    }
    return tuple(values[d] for d in by)


def _total(amounts: Iterable[Money], currency: Currency) -> Money:
    return money_sum(list(amounts), currency)


def _stats_row(
    policies: Sequence[PolicyRecord], grants: Sequence[GrantRecord], currency: Currency
) -> dict[str, JsonValue]:
    premium = _total((p.gross for p in policies), currency)
    paid = _total((p.claims_paid for p in policies), currency)
    return {
        "enterprises_insured": len({p.enterprise_id for p in policies}),
        "policies": len(policies),
        "ip_rights_covered": sum(p.ip_rights for p in policies),
        "sums_insured": _total((p.sum_insured for p in policies), currency).to_json(),
        "premiums": premium.to_json(),
        "subsidies_paid": _total((g.amount for g in grants), currency).to_json(),
        "claims_paid": paid.to_json(),
        "loss_ratio": float(paid.amount / premium.amount) if premium.amount else None,
    }


def grouped(
    policies: Sequence[PolicyRecord],
    grants: Sequence[GrantRecord],
    by: Sequence[Dimension],
    row: Callable[[Sequence[PolicyRecord], Sequence[GrantRecord], Currency], dict[str, JsonValue]],
) -> list[JsonValue]:
    """Return one row per group and currency (sorted), then the total per currency."""
    groups: dict[tuple[str, ...], tuple[list[PolicyRecord], list[GrantRecord]]] = defaultdict(
        lambda: ([], [])
    )
    for policy in policies:
        groups[(policy.gross.currency.value, *key_of(policy, by))][0].append(policy)
    for grant in grants:
        groups[(grant.amount.currency.value, *key_of(grant, by))][1].append(grant)
    rows: list[JsonValue] = []
    for key in sorted(groups):
        mine, granted = groups[key]
        labels = dict(zip([d.value for d in by], key[1:], strict=True))
        rows.append({**labels, "currency": key[0], **row(mine, granted, Currency(key[0]))})
    for currency in sorted({key[0] for key in groups}):
        mine = [p for p in policies if p.gross.currency.value == currency]
        granted = [g for g in grants if g.amount.currency.value == currency]
        totals = dict.fromkeys((d.value for d in by), ALL)
        rows.append({**totals, "currency": currency, **row(mine, granted, Currency(currency))})
    return rows


def statistics_document(
    policies: Sequence[PolicyRecord],
    grants: Sequence[GrantRecord],
    by: Sequence[Dimension],
    published: Sequence[Mapping[str, JsonValue]],
    *,
    day: str,
) -> dict[str, JsonValue]:
    """Return the document of ``patentshield programme stats``."""
    return {
        "day": day,
        "by": [d.value for d in by],
        "rows": grouped(policies, grants, by, _stats_row),
        "published": list(published),
    }


_COLUMNS = (
    ("enterprises insured", "enterprises_insured", Kind.COUNT),
    ("policies", "policies", Kind.COUNT),
    ("IP rights", "ip_rights_covered", Kind.COUNT),
    ("sums insured", "sums_insured", Kind.MONEY),
    ("premiums", "premiums", Kind.MONEY),
    ("subsidies paid", "subsidies_paid", Kind.MONEY),
    ("claims paid", "claims_paid", Kind.MONEY),
    ("loss ratio", "loss_ratio", Kind.SHARE),
)


def grouped_table(
    document: Mapping[str, JsonValue],
    columns: Sequence[tuple[str, str, Kind]],
    *,
    name: str,
    title: str,
) -> Table:
    """Return a grouped document's rows as a table: its dimensions, then ``columns``.

    ``columns`` are ``(heading, key of the row, kind)``.
    """
    by, rows = document["by"], document["rows"]
    assert isinstance(by, list) and isinstance(rows, list)
    body = [
        (*(row[str(d)] for d in by), *(row[key] for _, key, _ in columns))
        for row in rows
        if isinstance(row, dict)
    ]
    headings = [(str(d).replace("_", " "), Kind.TEXT) for d in by]
    headings += [(heading, kind) for heading, _, kind in columns]
    return table(name, title, headings, body)


def groups(document: Mapping[str, JsonValue]) -> tuple[list[dict[str, JsonValue]], tuple[str, ...]]:
    """Return a grouped document's rows without the totals, and a label for each."""
    by, rows = document["by"], document["rows"]
    assert isinstance(by, list) and isinstance(rows, list)
    parts = [r for r in rows if isinstance(r, dict) and r[str(by[0])] != ALL]
    return parts, tuple(" / ".join(str(r[str(d)]) for d in by) for r in parts)


def statistics_tables(document: Mapping[str, JsonValue]) -> tuple[Table, ...]:
    """Return the statistics table and the published figures beside it."""
    published = document["published"]
    assert isinstance(published, list)
    return (
        grouped_table(
            document, _COLUMNS, name="statistics", title="IP insurance statistics of the book"
        ),
        table(
            "published",
            "Published figures (national white paper and pilots)",
            [
                ("scope", Kind.TEXT),
                ("as of", Kind.TEXT),
                *((n, k) for n, _, k in _COLUMNS),
                ("source", Kind.TEXT),
            ],
            [
                (p["scope"], p["as_of"], *(p.get(key) for _, key, _ in _COLUMNS), p["source"])
                for p in published
                if isinstance(p, dict)
            ],
        ),
    )


def statistics_charts(document: Mapping[str, JsonValue]) -> tuple[Chart, ...]:
    """Return premiums, subsidies and claims paid by group (totals left out)."""
    parts, labels = groups(document)

    def amounts(key: str) -> tuple[float, ...]:
        return tuple(float(m.amount) if (m := money_of(r[key])) else 0.0 for r in parts)

    return (
        Chart(
            "money",
            "Premiums, subsidies paid and claims paid by group",
            labels,
            tuple(
                Series(name, amounts(key))
                for name, key in (
                    ("premiums", "premiums"),
                    ("subsidies paid", "subsidies_paid"),
                    ("claims paid", "claims_paid"),
                )
            ),
            ylabel="amount",
        ),
    )
