"""The insurer's pages: underwriting (quotes to bind, the risk view) and the portfolio.

The portfolio page simulates a synthetic book drawn from the products on sale (the
``programme synth`` and ``programme simulate`` services, fixed seeds) and shows the aggregate
loss — mean, VaR and TVaR at 99 % and 99.5 % — and the pool-size effect, with SVG charts.
The claims desk is in :mod:`patentshield.web.casework`; the policy book is the policies page.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import Response

from patentshield.enterprises.service import enterprise_profile
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Money
from patentshield.policies.service import list_policies
from patentshield.programme.service import (
    PortfolioRequest,
    simulate_portfolio,
    write_synthetic_book,
)
from patentshield.quotes.service import saved_quotes
from patentshield.web import i18n
from patentshield.web.charts import bar_chart
from patentshield.web.exporter import quotes_table, risk_figures
from patentshield.web.frame import Page, PageDep, PageRoute, respond, table_of
from patentshield.web.labels import enterprise_name
from patentshield.web.tables import WebTable

router = APIRouter(route_class=PageRoute, include_in_schema=False)
BOOK_POLICIES = 1000
BOOK_YEARS = 2000
BOOK_SEED = 1


@router.get("/underwriting")
def underwriting(page: PageDep) -> Response:
    """Quotes waiting to be bound, and the 337 risk of each applicant."""
    bound = {policy.quote_id for policy in list_policies(page.runtime)}
    waiting = [q for q in saved_quotes(page.runtime) if q.id not in bound]
    risk = table_of(
        page,
        "risk",
        "underwriting.risk",
        ("col.enterprise", "dashboard.p_named", "dashboard.expected_cost", "dashboard.tail"),
    )
    for key in sorted({q.enterprise_id for q in waiting if q.enterprise_id}):
        enterprise = enterprise_profile(page.runtime, key)
        figures = risk_figures(page, enterprise)
        risk.add(
            enterprise_name(enterprise, page.locale),
            i18n.percent(figures.p_named, page.locale),
            figures.expected_cost,
            figures.tail,
        )
    tables = [quotes_table(page, waiting), risk]
    return respond(page, "insurer/underwriting.html", {}, tables)


def _money(value: JsonValue) -> Money:
    assert isinstance(value, dict)
    return Money.of(str(value["amount"]), str(value["currency"]))


def simulated_book(page: Page) -> dict[str, JsonValue]:
    """Draw the synthetic book and simulate its years (fixed seeds)."""
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "book.json"
        write_synthetic_book(page.runtime, policies=BOOK_POLICIES, seed=BOOK_SEED, out=book)
        return simulate_portfolio(
            page.runtime, PortfolioRequest(book=book, years=BOOK_YEARS, seed=BOOK_SEED)
        )


def aggregate_table(page: Page, report: dict[str, JsonValue]) -> WebTable:
    """Return the aggregate loss of a year: mean, VaR and TVaR."""
    loss = report["loss"]
    assert isinstance(loss, dict)
    table = table_of(page, "aggregate", "portfolio.aggregate", ("col.measure", "col.amount"))
    table.add(page.text("portfolio.mean"), _money(loss["mean"]))
    for kind in ("var", "tvar"):
        levels = loss[kind]
        assert isinstance(levels, dict)
        for level, value in levels.items():
            label = f"{page.text('portfolio.' + kind)} {i18n.percent(float(level), page.locale)}"
            table.add(label, _money(value))
    return table


def pool_table(page: Page, report: dict[str, JsonValue]) -> tuple[WebTable, str]:
    """Return the pool-size effect as a table and an SVG chart of capital per premium."""
    table = table_of(
        page,
        "pool",
        "portfolio.pool",
        ("col.policies", "col.premium", "col.loss_ratio", "col.var_loss_ratio", "col.capital"),
    )
    rows = report["pool_size_effect"]
    assert isinstance(rows, list)
    labels, values, texts = [], [], []
    for row in rows:
        assert isinstance(row, dict)
        capital = float(str(row["capital_per_premium"]))
        table.add(
            row["policies"] if isinstance(row["policies"], int) else 0,
            _money(row["premium"]),
            i18n.percent(float(str(row["expected_loss_ratio"])), page.locale),
            i18n.percent(float(str(row["var_995_loss_ratio"])), page.locale),
            i18n.percent(capital, page.locale),
        )
        labels.append(i18n.number(int(str(row["policies"])), page.locale))
        values.append(capital)
        texts.append(i18n.percent(capital, page.locale))
    chart = bar_chart(page.text("portfolio.chart"), labels, values, texts)
    return table, chart


@router.get("/portfolio")
def portfolio(page: PageDep) -> Response:
    """Show the portfolio: aggregate loss (VaR/TVaR) and the pool-size effect, with a chart."""
    report = simulated_book(page)
    pool, chart = pool_table(page, report)
    if page.request.query_params.get("export") == "svg":
        from patentshield.web.frame import download

        return download(chart.encode("utf-8"), "pool-size-effect.svg", "image/svg+xml")
    context = {"chart": chart, "policies": BOOK_POLICIES, "years": BOOK_YEARS}
    return respond(page, "insurer/portfolio.html", context, [aggregate_table(page, report), pool])
