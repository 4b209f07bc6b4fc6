"""A portfolio's simulated years as figures: losses, loss ratios, tail shares, pool-size effect.

* Aggregate insured loss per year: mean, VaR and TVaR 99.5 % with standard errors.
* Loss ratio = yearly loss / written premium: mean, standard deviation, quantiles, and the
  chance it exceeds 100 %.
* Each policy's contribution to the tail: ``E[L_i | S ≥ VaR_99.5(S)]`` (Euler allocation; the
  contributions add up to the TVaR over the same years); the largest are listed with their
  ratio to the policy's premium.
* Pool-size effect: the first ``n`` policies of the book as sub-books (the synthetic book is
  in random order): the loss ratio's spread and the capital per unit of premium,
  ``(VaR_99.5 − mean) / premium``, shrink as the pool grows — the stability an IP-insurance
  fund pool buys.

Every amount is money, ``{"amount": "123.45", "currency": "USD"}``: the engine's USD floats
are converted in one place (:func:`usd`); ratios, shares and counts stay numbers.

This module is pure: no I/O, no clock.
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np

from patentshield.assessment.exposure import money_from_usd
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, Money
from patentshield.risk.measures import level_key, summarise
from patentshield.risk.montecarlo import BLOCK_SIMS
from patentshield.risk.portfolio import Book, BookBlock, sub_book_losses, tail_contributions
from patentshield.risk.serialise import MODEL_VERSION

LEVEL = 0.995
TOP = 10


def usd(value: float) -> JsonValue:
    """Return an engine figure (USD float) as JSON money rounded to the cent (``null`` if NaN)."""
    return money_from_usd(value).to_json() if math.isfinite(value) else None


def cny(value: float) -> JsonValue:
    """Return a what-if figure (CNY float) as JSON money rounded to the fen (``null`` if NaN).

    The take-up engine (:mod:`patentshield.programme.takeup_years`) sums premiums, subsidies
    and losses in CNY floats; this is where they become money again.
    """
    if not math.isfinite(value):
        return None
    return Money(Decimal(repr(value)), Currency.CNY).rounded().to_json()


def _as_money(value: JsonValue) -> JsonValue:
    """Return a document of USD figures with every number as money (levels stay keys)."""
    if isinstance(value, dict):
        return {key: _as_money(item) for key, item in value.items()}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return usd(float(value))
    return value


def _loss_ratio(loss: np.ndarray, premium: float) -> dict[str, JsonValue]:
    ratio = loss / premium
    return {
        "mean": float(ratio.mean()),
        "std": float(ratio.std(ddof=1)),
        "quantiles": {
            level_key(q): float(np.quantile(ratio, q, method="inverted_cdf"))
            for q in (0.5, 0.9, 0.99, 0.995)
        },
        "p_above_100_percent": float((ratio > 1).mean()),
    }


def pool_size_effect(result: BookBlock, book: Book) -> list[JsonValue]:
    """Return loss-ratio spread and capital per premium for sub-books of growing size."""
    sizes = sorted({n for n in (100, 1_000, 10_000, book.size) if n <= book.size})
    rows: list[JsonValue] = []
    for n, loss in sub_book_losses(result, book.size, sizes).items():
        premium = float(book.premium_usd[:n].sum())
        summary = summarise(loss, [LEVEL])
        rows.append(
            {
                "policies": n,
                "premium": usd(premium),
                "expected_loss_ratio": summary.mean.value / premium,
                "loss_ratio_std": summary.std / premium,
                "var_995_loss_ratio": summary.var[LEVEL].value / premium,
                "capital_per_premium": (summary.var[LEVEL].value - summary.mean.value) / premium,
            }
        )
    return rows


def portfolio_report(
    result: BookBlock, book: Book, ids: list[str], *, seed: int, seconds: float, workers: int
) -> dict[str, JsonValue]:
    """Return the document of ``patentshield portfolio simulate``."""
    years = result.loss.size
    premium = float(book.premium_usd.sum())
    summary = summarise(result.loss, [0.99, LEVEL])
    threshold, contribution = tail_contributions(result, book, LEVEL)
    top = np.argsort(-contribution, kind="stable")[:TOP]
    return {
        "policies": book.size,
        "years": years,
        "seed": seed,
        "workers": workers,
        "seconds": round(seconds, 3),
        "block_sims": BLOCK_SIMS,
        "model_version": MODEL_VERSION,
        "written_premium": usd(premium),
        "loss": _as_money(summary.to_json()),
        "loss_ratio": _loss_ratio(result.loss, premium),
        "named_cases_per_year": result.named / years,
        "geo_reached_per_year": result.reached_by_geo / years,
        "claims_per_year": result.claim_year.size / years,
        "tail": {
            "level": LEVEL,
            "var": usd(threshold),
            "contributions_sum": usd(float(contribution.sum())),
            "top_contributors": [
                {
                    "policy": ids[i],
                    "chapter": int(book.chapter[i]),
                    "annual_us_sales": usd(float(book.sales_usd[i])),
                    "premium": usd(float(book.premium_usd[i])),
                    "contribution": usd(float(contribution[i])),
                    "contribution_per_premium": float(contribution[i] / book.premium_usd[i])
                    if book.premium_usd[i] > 0
                    else None,
                }
                for i in top
            ],
        },
        "pool_size_effect": pool_size_effect(result, book),
    }
