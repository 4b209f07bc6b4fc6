"""Claims development triangles by policy year: from the claims ledger, or a simulated history.

**Axes.** The *origin* is the policy year — the year the policy period starts: the covers are
claims-made, so a claim belongs to the policy it was made under. Development ``k`` is the
``k``-th valuation: 31 December of the year ``origin + k − 1``, or the evaluation date for
the latest diagonal (so that the last diagonal holds everything known on that day).

**From the ledger** (:func:`ledger_triangles`, exact, Decimal): cumulative *paid* at a
valuation is the sum of the payments made on or before it; cumulative *incurred* is, claim by
claim, the larger of what was paid and the latest adjudicated payable decided on or before
it (the case reserve is what was adjudicated and not yet paid). One triangle per currency;
the latest diagonal therefore reconciles to the ledger: paid = every payment, incurred =
every claim's ``max(adjudicated, paid)``.

**Simulated** (:func:`simulated_triangle`, from the portfolio engine's claims): each claim is
made at a uniform moment of its policy year and paid evenly from ``lag`` months later over its
case's duration (months to termination drawn from the phase model, paired by rank with the
claim amounts: the costlier cases are the longer ones, J); its case reserve before it is
paid in full is the unpaid part times a lognormal adequacy factor (median 0.8, sigma 0.4, J:
reserves set early on a 337 case tend to fall short). The simulated *ultimate* of each
origin is known, so a reserving method can be checked against it.

This module is pure: no I/O, no clock; random draws come from the caller's generator.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from patentshield.kernel.money import Currency, Money
from patentshield.risk.distributions import FloatArray, IntArray

PAYMENT_LAG_MONTHS = 2.0
"""Months from a claim to its first payment (invoice and adjudication, J)."""

RESERVE_ADEQUACY_MEDIAN = 0.8
RESERVE_ADEQUACY_SIGMA = 0.4


@dataclass(frozen=True, slots=True)
class ClaimHistory:
    """What the ledger knows of one claim: its policy year, payments and adjudications."""

    claim_id: str
    policy_year: int
    currency: Currency
    payments: tuple[tuple[date, Decimal], ...]
    adjudications: tuple[tuple[date, Decimal], ...]

    def paid_by(self, day: date) -> Decimal:
        """Return what was paid on or before ``day``."""
        return sum((amount for paid_on, amount in self.payments if paid_on <= day), Decimal(0))

    def incurred_by(self, day: date) -> Decimal:
        """Return the larger of paid and the latest adjudicated payable on or before ``day``."""
        decided = [payable for decided_on, payable in self.adjudications if decided_on <= day]
        return max(self.paid_by(day), decided[-1] if decided else Decimal(0))


@dataclass(frozen=True, slots=True)
class Triangle:
    """Cumulative paid and incurred by origin (policy year) and development (1, 2, …).

    ``paid[i][k]`` is origin ``origins[i]`` at development ``k + 1``; cells past the
    evaluation date are absent (the rows get shorter). ``ultimate`` is known only for a
    simulated history.
    """

    currency: Currency
    origins: tuple[int, ...]
    paid: tuple[tuple[Decimal, ...], ...]
    incurred: tuple[tuple[Decimal, ...], ...]
    claims: tuple[int, ...]
    evaluation: date
    ultimate: tuple[Decimal, ...] | None = None

    @property
    def developments(self) -> int:
        """The number of development years (the first origin's row length)."""
        return max((len(row) for row in self.paid), default=0)

    def latest(self, which: str) -> tuple[Money, ...]:
        """Return the latest diagonal of ``paid`` or ``incurred``, one amount per origin."""
        rows = self.paid if which == "paid" else self.incurred
        return tuple(Money(row[-1] if row else Decimal(0), self.currency) for row in rows)


def valuation(origin: int, development: int, evaluation: date) -> date:
    """Return the day origin ``origin`` is valued at development ``development``."""
    return min(date(origin + development - 1, 12, 31), evaluation)


def _triangle(currency: Currency, histories: Sequence[ClaimHistory], evaluation: date) -> Triangle:
    origins = tuple(sorted({h.policy_year for h in histories if h.policy_year <= evaluation.year}))
    paid, incurred, counts = [], [], []
    for origin in origins:
        mine = [h for h in histories if h.policy_year == origin]
        days = [valuation(origin, k, evaluation) for k in range(1, evaluation.year - origin + 2)]
        paid.append(tuple(sum((h.paid_by(d) for h in mine), Decimal(0)) for d in days))
        incurred.append(tuple(sum((h.incurred_by(d) for h in mine), Decimal(0)) for d in days))
        counts.append(len(mine))
    return Triangle(currency, origins, tuple(paid), tuple(incurred), tuple(counts), evaluation)


def ledger_triangles(histories: Iterable[ClaimHistory], evaluation: date) -> list[Triangle]:
    """Return one triangle per currency of the claims, valued at ``evaluation``."""
    claims = list(histories)
    currencies = sorted({h.currency for h in claims}, key=lambda c: c.value)
    return [_triangle(c, [h for h in claims if h.currency is c], evaluation) for c in currencies]


def _decimal(value: float) -> Decimal:
    return Money(Decimal(repr(float(value))), Currency.CNY).rounded().amount


def simulated_triangle(
    claim_year: IntArray,
    amount: FloatArray,
    months: FloatArray,
    *,
    origins: int,
    first_year: int,
    rng: np.random.Generator,
) -> Triangle:
    """Return the triangle of ``origins`` simulated policy years of claims (CNY).

    ``claim_year[i]`` (0 … origins − 1) is claim ``i``'s policy year, ``amount[i]`` what the
    policy pays in all, ``months[i]`` a case duration (the durations are paired with the
    amounts by rank). The
    evaluation date is the end of the last policy year.
    """
    keep = claim_year < origins
    year, paid_in_all = claim_year[keep], amount[keep]
    duration = np.sort(months[keep])[np.argsort(np.argsort(paid_in_all, kind="stable"))]
    start = rng.uniform(0.0, 12.0, paid_in_all.size) + PAYMENT_LAG_MONTHS
    adequacy = RESERVE_ADEQUACY_MEDIAN * rng.lognormal(0.0, RESERVE_ADEQUACY_SIGMA, year.size)
    paid_rows, incurred_rows = [], []
    for origin in range(origins):
        mine = year == origin
        elapsed = 12.0 * np.arange(1, origins - origin + 1)[:, None] - start[mine]
        share = np.clip(elapsed / np.maximum(duration[mine], 0.5), 0.0, 1.0)
        paid = share * paid_in_all[mine]
        incurred = paid + (paid_in_all[mine] - paid) * adequacy[mine]
        paid_rows.append(tuple(_decimal(v) for v in paid.sum(axis=1)))
        incurred_rows.append(tuple(_decimal(v) for v in incurred.sum(axis=1)))
    last = first_year + origins - 1
    return Triangle(
        currency=Currency.CNY,
        origins=tuple(range(first_year, last + 1)),
        paid=tuple(paid_rows),
        incurred=tuple(incurred_rows),
        claims=tuple(int((year == origin).sum()) for origin in range(origins)),
        evaluation=date(last, 12, 31),
        ultimate=tuple(_decimal(paid_in_all[year == o].sum()) for o in range(origins)),
    )
