"""The web pages through the application (TestClient), on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from patentshield.accounts import service
from patentshield.kernel.access import OrganisationKind, Role
from patentshield.web import i18n
from patentshield.web.demo import DEMO_PASSWORD
from patentshield.web.documents import CJK_FONTS
from tests.unit.web.test_catalogs import catalog_ids
from tests.web_world import (
    ADMIN,
    CLAIMS,
    EXPORTER,
    OFFICER,
    UNDERWRITER,
    applied_for_subsidy,
    csrf,
    invoice_form,
    signed_in,
    visible_text,
    world,
)

ID_SHAPE = re.compile(r"\b[a-z]+\.[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\b")


@pytest.fixture
def built(database, tmp_path):
    return world(database, tmp_path / "home")


def pages_of(email: str, claim_id: str) -> list[str]:
    common = {
        EXPORTER: ["/dashboard", "/compare", "/quotes", "/policies", "/cases", "/claims"]
        + ["/enterprise", "/cases/337-TA-1501", f"/claims/{claim_id}"],
        UNDERWRITER: ["/underwriting", "/portfolio", "/policies", "/quotes", "/cases"],
        CLAIMS: ["/desk", "/claims", f"/claims/{claim_id}", "/cases/337-TA-1501"],
        OFFICER: ["/programme"],
    }
    return common[email]


def assert_no_message_id(html: str, locale: str) -> None:
    ids = set(catalog_ids(locale))
    text = visible_text(html)
    assert sorted(set(ID_SHAPE.findall(text)) & ids) == []
    assert "%%" not in text and "%(" not in text


@pytest.mark.parametrize("locale", i18n.LOCALES)
@pytest.mark.parametrize("email", [EXPORTER, UNDERWRITER, CLAIMS, OFFICER])
def test_every_page_of_every_role_renders_translated_in_both_languages(
    built, database, email, locale
):
    runtime, claim = built
    client = signed_in(runtime, email, locale)
    for path in pages_of(email, claim.id):
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.text[:500])
        assert f'lang="{"zh-Hans" if locale == "zh_CN" else "en"}"' in answer.text
        assert_no_message_id(answer.text, locale)
        assert 'name="csrf_token"' in answer.text  # the logout form at least


def test_the_login_page_follows_accept_language_until_the_reader_chooses(built):
    runtime, _ = built
    client = signed_in(runtime, EXPORTER)
    client.cookies.clear()
    assert "Sign in" in client.get("/login", headers={"accept-language": "en-US"}).text
    assert "登录" in client.get("/login", headers={"accept-language": "fr"}).text
    client.get("/lang/en?next=/login")
    assert "Sign in" in client.get("/login", headers={"accept-language": "zh-CN"}).text


def test_a_wrong_password_is_refused_in_the_reader_language(built):
    runtime, _ = built
    client = signed_in(runtime, EXPORTER, "en")
    client.cookies.delete("patentshield_session")
    answer = client.post("/login", data={"email": EXPORTER, "password": "nope"})
    assert answer.status_code == 401 and "password is wrong" in answer.text


def test_a_page_without_a_session_sends_the_reader_to_the_login_page(built):
    runtime, _ = built
    client = signed_in(runtime, EXPORTER)
    client.cookies.delete("patentshield_session")
    answer = client.get("/claims", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/login?next=/claims"


def test_menus_show_only_what_the_role_may_use(built):
    runtime, _ = built
    exporter = signed_in(runtime, EXPORTER).get("/dashboard").text
    handler = signed_in(runtime, CLAIMS).get("/desk").text
    officer = signed_in(runtime, OFFICER).get("/programme").text
    assert 'href="/compare"' in exporter and 'href="/desk"' not in exporter
    assert 'href="/desk"' in handler and 'href="/compare"' not in handler
    assert 'href="/programme"' in officer and 'href="/claims"' not in officer
    assert signed_in(runtime, ADMIN).get("/", follow_redirects=False).status_code == 303


def test_a_form_without_its_csrf_token_changes_nothing(built):
    runtime, claim = built
    client = signed_in(runtime, CLAIMS)
    answer = client.post(f"/claims/{claim.id}/adjudicate", data={})
    assert answer.status_code == 403
    assert "¥0.00" in visible_text(client.get(f"/claims/{claim.id}").text)


def test_an_invoice_is_adjudicated_with_reason_codes_and_paid_once(built):
    runtime, claim = built
    exporter = signed_in(runtime, EXPORTER)
    invoice = {
        "csrf_token": csrf(exporter),
        "invoice_number": "KP-1501-01",
        "vendor": "Kirkland & Pell LLP",
        "category": "us_counsel",
        "phase": "pleadings",
        "invoice_date": "2026-05-06",
        "amount": "1,200,000",
        "currency": "CNY",
    }
    filed = exporter.post(f"/claims/{claim.id}/invoices", data=invoice)
    assert filed.status_code == 200 and "KP-1501-01" in filed.text
    handler = signed_in(runtime, CLAIMS, "en")
    token = csrf(handler)
    decided = handler.post(f"/claims/{claim.id}/adjudicate", data={"csrf_token": token})
    text = visible_text(decided.text)
    assert "Deductible" in text and "Coinsurance" in text and "Counsel consented" in text
    key = re.findall(r'name="idempotency_key" value="([^"]+)"', decided.text)[0]
    paid = [
        handler.post(f"/claims/{claim.id}/pay", data={"csrf_token": token, "idempotency_key": key})
        for _ in range(2)
    ]
    assert all(answer.status_code == 200 for answer in paid)
    assert visible_text(paid[1].text).count(key) == 1


def test_a_bad_invoice_amount_is_shown_next_to_its_field_and_nothing_is_filed(built):
    runtime, claim = built
    client = signed_in(runtime, EXPORTER)
    answer = client.post(f"/claims/{claim.id}/invoices", data=invoice_form(client, "1,5"))
    assert answer.status_code == 200 and 'id="e-amount"' in answer.text
    assert "请修改「金额（人民币）」" in answer.text and "X-1" not in visible_text(answer.text)


def test_uploaded_evidence_is_listed_with_its_sha256_and_in_the_dossier(built):
    runtime, _ = built
    client = signed_in(runtime, EXPORTER)
    content = "研发记录 2021".encode()
    answer = client.post(
        "/cases/337-TA-1501/evidence",
        data={"csrf_token": csrf(client), "kind": "rd_records", "note": ""},
        files={"file": ("rd-log.txt", content, "text/plain")},
    )
    digest = __import__("hashlib").sha256(content).hexdigest()
    assert answer.status_code == 200 and digest in answer.text
    dossier = client.get("/cases/337-TA-1501/dossier?respondent=sz-led-lighting")
    names = zipfile.ZipFile(io.BytesIO(dossier.content)).namelist()
    assert "manifest.json" in names and "cover_letter.pdf" in names
    letter = client.get("/cases/337-TA-1501/letter?respondent=sz-led-lighting")
    assert letter.headers["content-type"] == "application/pdf"
    assert client.get("/cases/337-TA-1501/letter?respondent=nobody").status_code == 422


def test_an_administration_never_sees_case_evidence(built):
    runtime, _ = built
    exporter = signed_in(runtime, EXPORTER)
    exporter.post(
        "/cases/337-TA-1501/evidence",
        data={"csrf_token": csrf(exporter), "kind": "other"},
        files={"file": ("secret.txt", b"trade secret", "text/plain")},
    )
    assert "secret.txt" not in signed_in(runtime, OFFICER).get("/cases/337-TA-1501").text


def _other_exporter(runtime) -> str:
    """Create a second exporter organisation (no enterprise of its own) and its login."""
    organisation = service.create_organisation(
        runtime, kind=OrganisationKind.EXPORTER, name="宁波升降桌有限公司", region="330200"
    )
    email = "other-exporter@demo.patentshield.cn"
    service.create_user(
        runtime,
        organisation=organisation.id,
        email=email,
        role=Role.EXPORTER_ADMIN,
        password=DEMO_PASSWORD,
    )
    return email


def test_an_exporter_gets_not_found_on_another_exporters_quote_case_and_claim(built):
    runtime, claim = built
    owner = signed_in(runtime, EXPORTER)
    quote_id = re.findall(r"/quotes/(q-[0-9a-f]+)", owner.get("/quotes").text)[0]
    mine = [f"/quotes/{quote_id}", "/cases/337-TA-1501", f"/claims/{claim.id}"]
    assert [owner.get(path).status_code for path in mine] == [200, 200, 200]
    other = signed_in(runtime, _other_exporter(runtime), "en")
    assert [other.get(path).status_code for path in mine] == [404, 404, 404]
    assert quote_id not in other.get("/quotes").text
    assert claim.id not in other.get("/claims").text


def test_an_administration_gets_not_found_on_a_case_page(built):
    runtime, _ = built
    assert signed_in(runtime, OFFICER).get("/cases/337-TA-1501").status_code == 404


def _budget_used(client) -> str:
    page = client.get("/programme").text
    end = page.find("table=budget")
    return " ".join(re.sub(r"<[^>]+>", " ", page[page.rfind("<table>", 0, end) : end]).split())


def test_an_exporter_applies_for_a_subsidy_and_the_administration_approves_it_once(built):
    runtime, _ = built
    exporter = signed_in(runtime, EXPORTER, "en")
    quote_id, answer = applied_for_subsidy(exporter)
    assert answer.status_code == 200 and "submitted, awaiting" in answer.text
    assert quote_id in exporter.get("/quotes").text.split('id="applications"')[1]
    officer = signed_in(runtime, OFFICER, "en")
    before = _budget_used(officer)
    drawn = officer.get("/programme").text
    action = re.findall(r'action="(/applications/[0-9a-f]+/approve)"', drawn)[0]
    key = re.findall(r'name="idempotency_key" value="([^"]+)"', drawn)[0]
    form = {"csrf_token": csrf(officer), "idempotency_key": key}
    assert officer.post(action, data=form).status_code == 200
    after = _budget_used(officer)
    assert after != before, (before, after)
    assert officer.post(action, data=form).status_code == 200  # a second click: same grant
    assert _budget_used(officer) == after
    assert "No application is waiting" in officer.get("/programme").text
    assert "approved: the subsidy is granted" in exporter.get(f"/quotes/{quote_id}").text


def test_an_exporter_withdraws_a_waiting_application_and_it_leaves_the_officers_list(built):
    runtime, _ = built
    exporter = signed_in(runtime, EXPORTER, "zh_CN")
    quote_id, _ = applied_for_subsidy(exporter)
    shown = exporter.get(f"/quotes/{quote_id}").text
    action = re.findall(r'action="(/applications/[0-9a-f]+/withdraw)"', shown)[0]
    assert "撤回申请" in shown
    officer = signed_in(runtime, OFFICER, "zh_CN")
    assert officer.post(action, data={"csrf_token": csrf(officer)}).status_code == 403
    withdrawn = exporter.post(action, data={"csrf_token": csrf(exporter)})
    assert withdrawn.status_code == 200 and "申请人已撤回" in withdrawn.text
    assert action not in withdrawn.text  # no button on a withdrawn application
    assert action.replace("withdraw", "approve") not in officer.get("/programme").text
    again = exporter.post(action, data={"csrf_token": csrf(exporter)})
    assert again.status_code == 200 and "申请人已撤回" in again.text
    assert 'class="error' in again.text or 'role="alert"' in again.text


def test_a_rejection_without_a_reason_is_refused_and_with_one_is_shown_to_the_exporter(built):
    runtime, _ = built
    exporter = signed_in(runtime, EXPORTER, "zh_CN")
    quote_id, _ = applied_for_subsidy(exporter)
    officer = signed_in(runtime, OFFICER, "zh_CN")
    drawn = officer.get("/programme").text
    action = re.findall(r'action="(/applications/[0-9a-f]+/reject)"', drawn)[0]
    refused = officer.post(action, data={"csrf_token": csrf(officer), "reason": " "})
    assert refused.status_code == 200 and "请说明驳回申请的理由" in refused.text
    assert action in officer.get("/programme").text
    officer.post(action, data={"csrf_token": csrf(officer), "reason": "保费发票不完整"})
    shown = exporter.get(f"/quotes/{quote_id}").text
    assert "已驳回" in shown and "保费发票不完整" in shown


def test_every_table_exports_to_an_excel_workbook(built):
    runtime, claim = built
    client = signed_in(runtime, CLAIMS)
    answer = client.get(f"/claims/{claim.id}?export=xlsx&table=invoices")
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(answer.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("发票",) or rows[0][0] == "发票"
    assert client.get("/claims?export=xlsx&table=nothing").status_code == 404


@pytest.mark.skipif(
    not any(path.is_file() for path, _ in CJK_FONTS)
    and __import__("os").environ.get("CI") != "true",
    reason="Noto Sans CJK is not installed (make browsers installs fonts-noto-cjk)",
)
def test_the_quote_and_claim_pdfs_print_chinese_with_the_embedded_cjk_font(built):
    runtime, claim = built
    client = signed_in(runtime, EXPORTER)
    quote_id = re.findall(r"/quotes/(q-[0-9a-f]+)", client.get("/quotes").text)[0]
    pdf = client.get(f"/quotes/{quote_id}?export=pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and b"NotoSansCJK" in pdf.content
    adjudication = client.get(f"/claims/{claim.id}?export=pdf")
    assert adjudication.headers["content-type"] == "application/pdf"
    assert b"NotoSansCJK" in adjudication.content
