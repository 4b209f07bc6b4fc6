"""Names of domain objects in the reader's language: products, programmes, enterprises, codes.

Products, subsidy programmes and enterprises carry their Chinese names in the data
(``name_zh``); codes (reason codes, cost categories, statuses) are message ids of the web
catalogs (``reason.deductible``, ``category.us_counsel``, ``status.open``). So are the steps
and day counts of the Section 337 procedure (``step.<step id>``, ``period.<period id>``, and
``event.<step id>`` for a date given or assumed for a step) and the insured's duties
(``duty.<duty>``, with the party and policy as parameters); a test checks that every step,
period and duty of the shipped procedure has its label in both catalogs.
"""

from __future__ import annotations

from datetime import date

from patentshield.cases.model import Task
from patentshield.catalog.loader import Catalog
from patentshield.enterprises.model import Enterprise
from patentshield.kernel.errors import NotFound
from patentshield.kernel.runtime import Runtime
from patentshield.procedure.schedule import ScheduleEvent
from patentshield.procedure.steps import StepId
from patentshield.subsidies.catalog import Programmes, find_programme
from patentshield.web.frame import Page


def product_name(runtime: Runtime, product_id: str, locale: str) -> str:
    """Return the name of a catalog product in ``locale`` (its id if the catalog lacks it)."""
    try:
        product = runtime.reference.get(Catalog).get(product_id)
    except NotFound:
        return product_id
    return product.name_zh if locale == "zh_CN" and product.name_zh else product.name


def programme_name(runtime: Runtime, programme_id: str | None, day: date, locale: str) -> str:
    """Return the name of a subsidy programme in ``locale`` (``—`` for none)."""
    if programme_id is None:
        return "—"
    try:
        programme = find_programme(programme_id, day, runtime.reference.get(Programmes))
    except NotFound:
        return programme_id
    return programme.name_zh if locale == "zh_CN" and programme.name_zh else programme.name


def enterprise_name(enterprise: Enterprise, locale: str) -> str:
    """Return an exporter's name in ``locale``: its Chinese name in full for Chinese readers."""
    return enterprise.name_zh if locale == "zh_CN" and enterprise.name_zh else enterprise.name


def party_name(page: Page, key: str) -> str:
    """Return the name of a case party in the page's locale: an exporter's, else the key."""
    from patentshield.enterprises.service import enterprise_profile

    try:
        return enterprise_name(enterprise_profile(page.runtime, key), page.locale)
    except NotFound:
        return key


def code(page: Page, kind: str, value: str) -> str:
    """Return the label of a code (``reason``, ``category``, ``status`` …) in the page's locale."""
    return page.text(f"{kind}.{value}")


def step_name(page: Page, step: StepId) -> str:
    """Return the name of a step of the Section 337 procedure in the page's locale."""
    return page.text(f"step.{step.value}")


def event_title(page: Page, event: ScheduleEvent) -> str:
    """Return the title of a line of a case's schedule in the page's locale."""
    if event.period is not None:
        return page.text(f"period.{event.period.value}")
    return page.text(f"event.{event.step.value}")


def duty_title(page: Page, task: Task) -> str:
    """Return the title of an insured's duty in the page's locale (its party and policy named)."""
    if not task.duty:
        return task.title
    party = party_name(page, task.respondent) if task.respondent else ""
    return page.message(f"duty.{task.duty}", {"party": party, "policy": task.policy or ""})
