"""The exporter's pages: dashboard, product comparison, quotes and binding, policies, profile.

Every page calls the services with the request's runtime for the signed-in caller, so what a
caller sees is what the services let it see (their permissions and tenancy).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from patentshield.assessment.exposure import money_from_usd
from patentshield.assessment.service import RiskRequest, recommend_products, simulate_risk
from patentshield.cases.model import Task, TaskStatus
from patentshield.cases.service import list_cases, show_case
from patentshield.catalog.loader import Catalog
from patentshield.enterprises.model import Enterprise
from patentshield.enterprises.service import enterprise_profile, list_enterprises
from patentshield.kernel.access import Permission
from patentshield.kernel.errors import PatentshieldError
from patentshield.kernel.money import Currency, Money
from patentshield.policies.model import PolicyStatus, status_on
from patentshield.policies.service import BindRequest, bind_policy, list_policies
from patentshield.quotes.model import Quote, QuoteRequest
from patentshield.quotes.service import compare_products, saved_quote, saved_quotes
from patentshield.risk.measures import summarise
from patentshield.subsidies import application_service
from patentshield.web.documents import PDF, quote_pdf
from patentshield.web.frame import (
    FormDep,
    Page,
    PageDep,
    PageRoute,
    download,
    form_error,
    respond,
    table_of,
)
from patentshield.web.labels import (
    code,
    duty_title,
    enterprise_name,
    product_name,
    programme_name,
)
from patentshield.web.subsidy import applications_table, quote_context
from patentshield.web.tables import WebTable, cell

router = APIRouter(route_class=PageRoute, include_in_schema=False)
RISK_YEARS = 2000
RISK_SEED = 1
TAIL_LEVEL = 0.99
WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class RiskFigures:
    """An exporter's 337 risk: chance of being named in a year, expected cost, tail."""

    p_named: float
    expected_cost: Money
    tail: Money


def chosen_enterprise(page: Page, key: str | None) -> tuple[Enterprise | None, list[Enterprise]]:
    """Return the enterprise asked for (else the caller's first) and all it sees."""
    everyone = list(list_enterprises(page.runtime))
    if key:
        return enterprise_profile(page.runtime, key), everyone
    return (everyone[0] if everyone else None), everyone


def risk_figures(page: Page, enterprise: Enterprise) -> RiskFigures:
    """Simulate the exporter's years (fixed seed) and return its headline figures in CNY."""
    request = RiskRequest(enterprise.id, page.runtime.clock.today(), RISK_YEARS, RISK_SEED)
    report = simulate_risk(page.runtime, request)
    summary = summarise(report.results.cost, (TAIL_LEVEL,))
    return RiskFigures(
        float((report.results.named_cases > 0).mean()),
        money_from_usd(summary.mean.value, Currency.CNY, report.fx),
        money_from_usd(summary.tvar[TAIL_LEVEL].value, Currency.CNY, report.fx),
    )


def _due_this_week(task: Task, today: date) -> bool:
    if task.status in (TaskStatus.DONE, TaskStatus.NOT_APPLICABLE):
        return False
    return task.status is TaskStatus.OVERDUE or (task.due is not None and task.due <= today + WEEK)


def duties_table(page: Page, enterprise: Enterprise) -> WebTable:
    """Return the duties of the exporter's cases that are overdue or due within a week."""
    table = table_of(
        page, "duties", "dashboard.duties", ("col.case", "col.duty", "col.due", "col.status")
    )
    today = page.runtime.clock.today()
    for case in list_cases(page.runtime):
        if not any(r.enterprise_id == enterprise.id for r in case.respondents):
            continue
        for task in show_case(page.runtime, case.id, today=today).tasks:
            if _due_this_week(task, today) and task.respondent in (None, enterprise.id):
                link = f"/cases/{case.id}"
                table.add(
                    cell(case.number, page.locale, link),
                    duty_title(page, task),
                    task.due,
                    code(page, "task", task.status.value),
                )
    return table


def policies_table(page: Page, enterprise_id: str | None, *, in_force_only: bool) -> WebTable:
    """Return the policies the caller sees (of one exporter), in force only if asked."""
    table = table_of(
        page,
        "policies",
        "policies.table",
        ("col.policy", "col.product", "col.period_start", "col.period_end", "col.status")
        + ("col.gross_premium", "col.subsidy", "col.net_premium"),
    )
    today = page.runtime.clock.today()
    for policy in list_policies(page.runtime, enterprise=enterprise_id):
        status = status_on(policy, today)
        if in_force_only and status is not PolicyStatus.IN_FORCE:
            continue
        table.add(
            cell(policy.number, page.locale, f"/policies/{policy.id}"),
            product_name(page.runtime, policy.terms.product_id, page.locale),
            policy.period_start,
            policy.period_end,
            code(page, "policy", status.value),
            policy.gross_premium,
            policy.subsidy,
            policy.net_premium,
        )
    return table


@router.get("/dashboard")
def dashboard(page: PageDep, enterprise: str | None = None) -> Response:
    """Show the exporter's dashboard: 337 risk, duties due this week, policies in force."""
    chosen, everyone = chosen_enterprise(page, enterprise)
    tables: list[WebTable] = []
    figures = None
    if chosen is not None:
        figures = risk_figures(page, chosen)
        tables = [duties_table(page, chosen), policies_table(page, chosen.id, in_force_only=True)]
    context = {
        "chosen": chosen,
        "everyone": everyone,
        "figures": figures,
        "years": RISK_YEARS,
        "names": {e.id: enterprise_name(e, page.locale) for e in everyone},
    }
    return respond(page, "exporter/dashboard.html", context, tables)


def gap_table(page: Page, quotes: list[Quote]) -> WebTable:
    """Return the coverage-gap table: each 337 cost category against each quoted product."""
    columns = [product_name(page.runtime, q.product_id, page.locale) for q in quotes]
    table = table_of(page, "gaps", "compare.gaps", ["col.category"])
    table.columns = [*table.columns, *columns]
    for index, row in enumerate(quotes[0].gap_report.rows):
        covers = [q.gap_report.rows[index].effective.value for q in quotes]
        table.add(
            code(page, "category", row.category.value), *(code(page, "cover", c) for c in covers)
        )
    return table


def quotes_table(page: Page, quotes: list[Quote], name: str = "quotes") -> WebTable:
    """Return quotes as a table: product, plan, premiums, subsidy, limits."""
    table = table_of(
        page,
        name,
        "quotes.table",
        ("col.quote", "col.product", "col.plan", "col.gross_premium", "col.subsidy")
        + ("col.net_premium", "col.per_claim_limit", "col.aggregate_limit", "col.date"),
    )
    for quote in quotes:
        table.add(
            cell(quote.id, page.locale, f"/quotes/{quote.id}"),
            product_name(page.runtime, quote.product_id, page.locale),
            quote.plan,
            quote.gross_premium,
            quote.subsidy.amount,
            quote.net_premium,
            quote.per_claim_limit,
            quote.aggregate_limit,
            quote.day,
        )
    return table


def responding_products(page: Page) -> list[tuple[str, str]]:
    """Return the catalog's products on sale today as (id, name in the page's locale)."""
    catalog = page.runtime.reference.get(Catalog)
    today = page.runtime.clock.today()
    return [(p.id, product_name(page.runtime, p.id, page.locale)) for p in catalog.products(today)]


def _recommendation(page: Page, enterprise: Enterprise) -> WebTable:
    request = RiskRequest(enterprise.id, page.runtime.clock.today(), RISK_YEARS, RISK_SEED)
    report = recommend_products(page.runtime, request)
    table = table_of(
        page,
        "recommendation",
        "compare.recommendation",
        ("col.rank", "col.product", "col.net_premium", "col.expected_payment")
        + ("col.net_benefit", "col.tail_cut"),
    )
    for item in report.ranked:
        table.add(
            item.rank,
            product_name(page.runtime, item.candidate.product.id, page.locale),
            item.net_premium,
            item.expected_payment,
            item.expected_net_benefit,
            item.tail_cut,
        )
    return table


def _compare_page(
    page: Page, enterprise: str | None, picked: list[str], *, recommend: bool
) -> Response:
    chosen, everyone = chosen_enterprise(page, enterprise)
    tables: list[WebTable] = []
    if chosen is not None and picked:
        request = QuoteRequest(product_id=picked[0], day=page.runtime.clock.today())
        try:
            quotes = compare_products(page.runtime, _for(request, chosen), picked)
            tables = [quotes_table(page, quotes, "compared"), gap_table(page, quotes)]
        except PatentshieldError as error:
            form_error(page, error)
    if chosen is not None and recommend:
        tables.append(_recommendation(page, chosen))
    context = {
        "chosen": chosen,
        "everyone": everyone,
        "names": {e.id: enterprise_name(e, page.locale) for e in everyone},
        "products": responding_products(page),
        "picked": picked,
        "recommend": recommend,
    }
    return respond(page, "exporter/compare.html", context, tables)


@router.get("/compare")
def compare_form(page: PageDep, enterprise: str | None = None) -> Response:
    """Show the comparison form: which exporter, which products."""
    return _compare_page(page, enterprise, [], recommend=False)


@router.post("/compare")
def compare(page: PageDep, form: FormDep) -> Response:
    """Quote the chosen products side by side (saved), with the gap table and recommendation."""
    picked = [str(value) for value in form.getlist("product")]
    enterprise = str(form.get("enterprise", "")) or None
    return _compare_page(page, enterprise, picked, recommend=bool(form.get("recommend")))


def _for(request: QuoteRequest, enterprise: Enterprise) -> QuoteRequest:
    return QuoteRequest(product_id=request.product_id, day=request.day, enterprise=enterprise.id)


@router.get("/quotes")
def quotes(page: PageDep) -> Response:
    """List the saved quotes the caller sees, newest first, and the exporter's applications."""
    tables = [quotes_table(page, saved_quotes(page.runtime))]
    if page.caller.can(Permission.SUBSIDIES_APPLY):
        found = list(application_service.applications(page.runtime))
        tables.append(applications_table(page, found, "applications"))
    return respond(page, "exporter/quotes.html", {}, tables)


@router.get("/quotes/{quote_id}")
def quote(page: PageDep, quote_id: str) -> Response:
    """One quote: premiums, subsidy, cover per cost category; apply for the subsidy, bind it."""
    found = saved_quote(page.runtime, quote_id)
    if page.request.query_params.get("export") == "pdf":
        return download(quote_pdf(page, found), f"quote-{found.id}.pdf", PDF)
    gaps = gap_table(page, [found])
    context = {
        "quote": found,
        "product": product_name(page.runtime, found.product_id, page.locale),
        "programme": programme_name(
            page.runtime, found.subsidy.programme_id, found.day, page.locale
        ),
        "chosen_programme": found.subsidy.programme_id,
    }
    if page.caller.can(Permission.SUBSIDIES_APPLY):
        context.update(quote_context(page, found))
    return respond(page, "exporter/quote.html", context, [gaps])


@router.post("/quotes/{quote_id}/bind")
def bind(page: PageDep, quote_id: str, form: FormDep) -> Response:
    """Bind a saved quote into a policy (its terms frozen) and show the policy."""
    try:
        policy = bind_policy(page.runtime, BindRequest(quote_id=quote_id))
    except PatentshieldError as error:
        form_error(page, error)
        return quote(page, quote_id)
    return RedirectResponse(f"/policies/{policy.id}", status_code=303)


@router.get("/policies")
def policies(page: PageDep) -> Response:
    """List the policies the caller sees."""
    table = policies_table(page, None, in_force_only=False)
    return respond(page, "exporter/policies.html", {}, [table])


@router.get("/policies/{policy_id}")
def policy(page: PageDep, policy_id: str) -> Response:
    """One policy with its frozen terms."""
    from patentshield.policies.service import get_policy

    found = get_policy(page.runtime, policy_id)
    today = page.runtime.clock.today()
    context = {
        "policy": found,
        "status": status_on(found, today).value,
        "product": product_name(page.runtime, found.terms.product_id, page.locale),
        "programme": programme_name(
            page.runtime, found.subsidy_programme, found.period_start, page.locale
        ),
    }
    return respond(page, "exporter/policy.html", context)
