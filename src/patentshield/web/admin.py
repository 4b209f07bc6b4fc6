"""The administration's programme dashboard: budget used against the cap, grants, insured firms.

For each subsidy programme in force in the officer's region (every programme for the
platform): the grants of the year from the subsidy ledger, the budget used against the
programme's annual budget, and the subsidised share of the premiums granted on; then the
insured firms by district, from the policies in force. Above them, the applications waiting
for a decision, each with approve (with an idempotency key made when the page is drawn) and
reject (with a reason): :mod:`patentshield.web.subsidy`. Last, the statistics of
the 337 record (shipped and imported investigations) for the HTS chapters its exporters sell.
"""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter
from fastapi.responses import Response

from patentshield.enterprises.service import list_enterprises
from patentshield.kernel.money import Money
from patentshield.programme.statistics_service import insured_firms_by_region
from patentshield.subsidies.model import Programme
from patentshield.subsidies.service import list_grants, programmes_in_force
from patentshield.usitc.service import Selection, investigation_statistics
from patentshield.usitc.stats import GroupBy
from patentshield.web import i18n
from patentshield.web.charts import bar_chart
from patentshield.web.frame import Page, PageDep, PageRoute, respond, table_of
from patentshield.web.labels import programme_name
from patentshield.web.subsidy import waiting
from patentshield.web.tables import WebTable

router = APIRouter(route_class=PageRoute, include_in_schema=False)
ALL = "all"
"""The record's group of every investigation, shown beside the region's chapters."""


def _total(amounts: list[Money], like: Money | None) -> Money | None:
    if not amounts:
        return Money.zero(like.currency) if like is not None else None
    return sum(amounts[1:], amounts[0])


def budget_table(page: Page, programmes: list[Programme]) -> tuple[WebTable, list[float]]:
    """Return each programme's grants this year, budget used and subsidised share."""
    table = table_of(
        page,
        "budget",
        "programme.budget",
        ("col.programme", "col.grants", "col.granted", "col.budget", "col.used")
        + ("col.subsidised_share",),
    )
    year = page.runtime.clock.today().year
    shares: list[float] = []
    for programme in programmes:
        grants = list_grants(page.runtime, programme_id=programme.id, year=year)
        granted = _total([g.amount for g in grants], programme.annual_budget)
        premium = _total([g.premium for g in grants], None)
        budget = programme.annual_budget
        used = (
            float(granted.amount / budget.amount) if budget and granted and budget.amount else None
        )
        share = (
            float(granted.amount / premium.amount)
            if granted and premium and premium.amount
            else None
        )
        shares.append(used or 0.0)
        table.add(
            programme_name(page.runtime, programme.id, programme.valid_from, page.locale),
            len(grants),
            granted,
            budget,
            i18n.percent(used, page.locale) if used is not None else "—",
            i18n.percent(share, page.locale) if share is not None else "—",
        )
    return table, shares


def districts_table(page: Page, region: str | None) -> WebTable:
    """Return the insured firms by district, from the policies in force today."""
    table = table_of(page, "districts", "programme.districts", ("col.district", "col.firms"))
    for where, count in insured_firms_by_region(page.runtime):
        if region and not where.is_within(region.rstrip("0")):
            continue
        table.add(where.name_zh if page.locale == "zh_CN" else where.name, count)
    return table


def region_chapters(page: Page, region: str | None) -> set[str]:
    """Return the HTS chapters of the products the region's exporters sell in the US."""
    chapters: set[str] = set()
    for enterprise in list_enterprises(page.runtime):
        if region and not enterprise.region.is_within(region.rstrip("0")):
            continue
        for item in enterprise.product_classes:
            chapters |= {code.split(".")[0][:2] for code in item.hts_codes}
    return chapters


def record_table(page: Page, region: str | None) -> WebTable:
    """Return the 337 record's statistics for the HTS chapters of the region's industries."""
    table = table_of(
        page,
        "record",
        "programme.record",
        ("col.hts_chapter", "col.investigations", "col.naming_chinese", "col.months"),
    )
    chapters = region_chapters(page, region)
    groups = investigation_statistics(page.runtime, by=GroupBy.HTS, selection=Selection.ALL)
    for group in groups:
        if group.key not in chapters and group.key != ALL:
            continue
        share = group.naming_chinese.value
        months = group.months_institution_to_termination.median
        table.add(
            page.text("programme.record_all") if group.key == ALL else group.key,
            group.investigations,
            i18n.percent(share, page.locale) if share is not None else "—",
            round(months, 1) if months is not None else None,
        )
    return table


@router.get("/programme")
def programme(page: PageDep) -> Response:
    """Show the programme dashboard of the officer's region."""
    today = page.runtime.clock.today()
    region = page.caller.region
    programmes = programmes_in_force(page.runtime, today, region)
    budget, used = budget_table(page, programmes)
    labels = [row[0].text for row in budget.rows]
    texts = [i18n.percent(Decimal(str(u)), page.locale) for u in used]
    chart = bar_chart(page.text("programme.chart"), labels, used, texts) if used else ""
    context = {"region": region, "chart": chart, "year": today.year, "waiting": waiting(page)}
    tables = [budget, districts_table(page, region), record_table(page, region)]
    return respond(page, "admin/programme.html", context, tables)
