"""The journeys of the exporter, the insurer and the administration, in both languages.

Each page visited is screenshotted to ``tests/browser/artifacts/`` and checked with axe-core
(vendored): no serious or critical accessibility violation.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS, AXE
from tests.web_world import CLAIMS, EXPORTER, OFFICER, UNDERWRITER

PASSWORD = __import__("patentshield.web.demo", fromlist=["DEMO_PASSWORD"]).DEMO_PASSWORD
LANGUAGES = {"zh_CN": "zh-CN,zh;q=0.9", "en": "en-US,en;q=0.9"}


class Visit:
    """One reader's visit: a page of the browser, screenshots and accessibility checks."""

    def __init__(self, browser, site: str, locale: str, journey: str) -> None:
        context = browser.new_context(locale=locale.replace("_", "-"))
        context.set_extra_http_headers({"Accept-Language": LANGUAGES[locale]})
        self.page = context.new_page()
        self.site, self.locale, self.journey, self.step = site, locale, journey, 0

    def check(self, name: str) -> None:
        """Screenshot the page and run axe-core on it."""
        self.step += 1
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / f"{self.journey}-{self.locale}-{self.step:02d}-{name}.png"
        self.page.screenshot(path=str(shot), full_page=True)
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))"
        )
        serious = [v for v in result if v["impact"] in ("serious", "critical")]
        assert serious == [], (name, serious)

    def open(self, path: str, name: str) -> None:
        self.page.goto(self.site + path)
        self.check(name)

    def sign_in(self, email: str) -> None:
        self.page.goto(self.site + "/login")
        self.check("login")
        self.page.locator("#f-email").fill(email)
        self.page.locator("#f-password").fill(PASSWORD)
        self.page.locator("form.card button[type=submit]").click()
        self.page.wait_for_load_state()


@pytest.mark.parametrize("locale", list(LANGUAGES))
def test_the_exporter_compares_quotes_binds_uploads_evidence_and_files_an_invoice(
    browser, site, locale, tmp_path
):
    visit = Visit(browser, site, locale, "exporter")
    page = visit.page
    visit.sign_in(EXPORTER)
    visit.check("dashboard")
    assert page.locator("h1").inner_text().startswith("总览" if locale == "zh_CN" else "Dashboard")
    visit.open("/compare?enterprise=sz-led-lighting", "compare")
    page.locator("input[value=picc-2013-enforcement]").check()
    page.locator("input[value=chancheng-package-10-c]").check()
    page.locator("form.card button.primary").click()
    page.wait_for_load_state()
    visit.check("compared")
    page.locator("table a[href^='/quotes/q-']").first.click()
    page.wait_for_load_state()
    visit.check("quote")
    page.locator("form[action$='/subsidy'] button").click()
    page.wait_for_load_state()
    submitted = "已提交，待审核" if locale == "zh_CN" else "submitted, awaiting"
    assert submitted in page.locator("#subsidy + dl").inner_text()
    visit.check("subsidy")
    page.locator("form[action$='/bind'] button").click()
    page.wait_for_load_state()
    assert "/policies/" in page.url
    visit.check("policy")
    visit.open("/cases/337-TA-1501", "case")
    evidence = tmp_path / "fto-2022.txt"
    evidence.write_text("Freedom-to-operate search report, 2022-01-15\n")
    page.locator("#f-file").set_input_files(str(evidence))
    page.locator("#f-kind").select_option("search_reports")
    page.locator("form[action$='/evidence'] button").click()
    page.wait_for_load_state()
    assert page.locator("text=fto-2022.txt").count() == 1
    visit.check("evidence")
    visit.open("/claims", "claims")
    page.locator("table a[href^='/claims/cl-']").first.click()
    page.wait_for_load_state()
    page.locator("#f-invoice_number").fill("KP-1501-01")
    page.locator("#f-vendor").fill("Kirkland & Pell LLP")
    page.locator("#f-invoice_date").fill("2026-05-06")
    page.locator("#f-amount").fill("1,200,000")
    page.locator("form[action$='/invoices'] button").click()
    page.wait_for_load_state()
    assert page.locator("text=KP-1501-01").count() >= 1
    visit.check("invoice")


@pytest.mark.parametrize("locale", list(LANGUAGES))
def test_the_insurer_adjudicates_pays_once_and_sees_the_aggregate(browser, site, locale):
    visit = Visit(browser, site, locale, "insurer")
    page = visit.page
    visit.sign_in(EXPORTER)
    page.goto(site + "/claims")
    page.locator("table a[href^='/claims/cl-']").first.click()
    page.locator("#f-invoice_number").fill("KP-1501-01")
    page.locator("#f-vendor").fill("Kirkland & Pell LLP")
    page.locator("#f-invoice_date").fill("2026-05-06")
    page.locator("#f-amount").fill("1200000")
    page.locator("form[action$='/invoices'] button").click()
    page.wait_for_load_state()
    claim_url = page.url.split("#")[0]
    page.context.clear_cookies()
    visit.sign_in(CLAIMS)
    visit.check("desk")
    page.goto(claim_url)
    page.locator("form[action$='/adjudicate'] button").click()
    page.wait_for_load_state()
    visit.check("adjudicated")
    adjudicated = page.locator("#adjudicated").inner_text()
    page.locator("form[action$='/pay'] button").click()
    page.wait_for_load_state()
    assert page.locator("#paid").inner_text() == adjudicated
    page.go_back()
    page.locator("form[action$='/pay'] button").click()
    page.wait_for_load_state()
    assert page.locator("#paid").inner_text() == adjudicated
    assert page.locator("table:has(caption) >> nth=-1 >> tbody tr").count() == 1
    visit.check("paid")
    page.context.clear_cookies()
    visit.sign_in(UNDERWRITER)
    visit.check("underwriting")
    visit.open("/portfolio", "portfolio")
    assert page.locator("figure svg rect").count() >= 1
    assert re.search(r"TVaR", page.locator("main").inner_text())


def _apply_for_a_subsidy(visit: Visit) -> None:
    """The exporter quotes two products and applies for the subsidy on the first quote."""
    page = visit.page
    visit.sign_in(EXPORTER)
    page.goto(visit.site + "/compare?enterprise=sz-led-lighting")
    page.locator("input[value=picc-2013-enforcement]").check()
    page.locator("input[value=chancheng-package-10-c]").check()
    page.locator("form.card button.primary").click()
    page.wait_for_load_state()
    page.locator("table a[href^='/quotes/q-']").first.click()
    page.wait_for_load_state()
    page.locator("form[action$='/subsidy'] button").click()
    page.wait_for_load_state()
    page.context.clear_cookies()


BUDGET = (
    "xpath=//p[@class='exports'][a[contains(@href, 'table=budget')]]/preceding-sibling::table[1]"
)


@pytest.mark.parametrize("locale", list(LANGUAGES))
def test_the_administration_approves_a_subsidy_and_its_budget_moves(browser, site, locale):
    visit = Visit(browser, site, locale, "administration")
    page = visit.page
    _apply_for_a_subsidy(visit)
    visit.sign_in(OFFICER)
    visit.check("programme")
    main = page.locator("main").inner_text()
    assert ("深圳" if locale == "zh_CN" else "Shenzhen") in main
    assert page.locator("nav a[href='/claims']").count() == 0
    before = page.locator(BUDGET).inner_text()
    page.locator("form[action$='/approve'] button").first.click()
    page.wait_for_load_state()
    visit.check("approved")
    assert page.locator("form[action$='/approve']").count() == 0
    assert page.locator(BUDGET).inner_text() != before
    answer = page.goto(site + "/cases/337-TA-1501")
    assert answer is not None and answer.status == 404
    assert page.locator("input[type=file]").count() == 0
    visit.check("case-not-found")
