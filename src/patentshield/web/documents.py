"""Documents people keep, as PDF in the reader's language with a CJK font (fpdf2).

Chinese company, product and programme names print in full with Noto Sans CJK SC from the
Debian package ``fonts-noto-cjk`` (``make browsers`` installs it when missing); the font is
embedded as a subset, so a quote of one page stays small. Without the font the document
cannot print Chinese, and the page says so (:class:`~patentshield.kernel.errors.Unavailable`)
rather than printing boxes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from patentshield.cases.model import Case, Evidence, Party
from patentshield.claims.model import ClaimView
from patentshield.kernel.errors import Unavailable
from patentshield.policies.service import get_policy
from patentshield.quotes.model import Quote
from patentshield.web import i18n
from patentshield.web.labels import code, product_name, programme_name

if TYPE_CHECKING:
    from fpdf import FPDF

    from patentshield.web.frame import Page

PDF = "application/pdf"
CJK_FONTS = (
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 2),  # index 2: SC
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf"), 0),
    (Path("/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc"), 2),
)
"""Where Noto Sans CJK SC may be, and its index in a font collection."""
FAMILY = "NotoSansCJKSC"


def cjk_font() -> tuple[Path, int]:
    """Return the path of Noto Sans CJK SC and its collection index."""
    for path, index in CJK_FONTS:
        if path.is_file():
            return path, index
    raise Unavailable("the CJK font is missing: install the Debian package fonts-noto-cjk")


def new_document(title: str, day: date) -> FPDF:
    """Return an A4 document with the CJK font, a title and its date."""
    from fpdf import FPDF  # imported here: fpdf takes a quarter second to import

    path, index = cjk_font()
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(day.year, day.month, day.day, tzinfo=UTC))
    pdf.add_font(FAMILY, "", str(path), collection_font_number=index)
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(FAMILY, size=16)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=10)
    return pdf


def lines(pdf: FPDF, pairs: Sequence[tuple[str, str]]) -> None:
    """Write label–value lines."""
    for label, value in pairs:
        pdf.multi_cell(0, 6, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")


def grid(pdf: FPDF, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Write a table with a header row."""
    pdf.ln(3)
    from fpdf.fonts import FontFace

    heading = FontFace(emphasis="", fill_color=(230, 236, 242))
    with pdf.table(text_align="LEFT", line_height=5, headings_style=heading) as table:
        table.row(list(headers))
        for row in rows:
            table.row(list(row))


def quote_pdf(page: Page, quote: Quote) -> bytes:
    """Return a saved quote as a PDF in the page's language."""
    text, locale = page.text, page.locale
    runtime = page.runtime
    pdf = new_document(f"{text('quote.title')} {quote.id}", quote.day)
    lines(
        pdf,
        [
            (text("col.date"), i18n.day(quote.day, locale)),
            (text("col.product"), product_name(runtime, quote.product_id, locale)),
            (text("col.insurer"), quote.insurer),
            (text("col.plan"), quote.plan),
            (text("col.gross_premium"), i18n.money(quote.gross_premium, locale)),
            (
                text("col.subsidy"),
                i18n.money(quote.subsidy.amount, locale)
                + " · "
                + programme_name(runtime, quote.subsidy.programme_id, quote.day, locale),
            ),
            (text("col.net_premium"), i18n.money(quote.net_premium, locale)),
            (text("col.per_claim_limit"), i18n.money(quote.per_claim_limit, locale)),
            (text("col.aggregate_limit"), i18n.money(quote.aggregate_limit, locale)),
        ],
    )
    rows = [
        (code(page, "category", row.category.value), code(page, "cover", row.effective.value))
        for row in quote.gap_report.rows
    ]
    grid(pdf, (text("col.category"), text("col.cover")), rows)
    pdf.ln(3)
    pdf.multi_cell(0, 5, text("quote.note"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def claim_pdf(page: Page, view: ClaimView) -> bytes:
    """Return a claim's adjudication (every line with its reason codes) as a PDF."""
    text, locale = page.text, page.locale
    claim = view.claim
    decided = view.adjudication
    day = decided.decided_on if decided else claim.notified_on
    pdf = new_document(f"{text('claim.lines')} · {claim.case_number} · {claim.id}", day)
    lines(
        pdf,
        [
            (text("col.policy"), claim.policy_number),
            (text("col.respondent"), claim.respondent),
            (text("col.notified"), i18n.day(claim.notified_on, locale)),
            (text("col.date"), i18n.day(day, locale)),
            (text("col.adjudicated"), i18n.money(claim.adjudicated, locale)),
            (text("col.paid"), i18n.money(claim.paid, locale)),
        ],
    )
    rows = [
        (
            line.invoice_number,
            i18n.money(line.claimed, locale),
            i18n.money(line.payable, locale),
            "; ".join(code(page, "reason", r.code.value) for r in line.reasons),
        )
        for line in (decided.lines if decided else ())
    ]
    headers = ("col.invoice", "col.claimed", "col.payable", "col.reasons")
    grid(pdf, [text(h) for h in headers], rows)
    for reason in decided.reasons if decided else ():
        amount = f" — {i18n.money(reason.amount, locale)}" if reason.amount else ""
        label = code(page, "reason", reason.code.value)
        pdf.multi_cell(0, 5, f"{label}{amount}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def letter_pdf(page: Page, case: Case, insured: Party, items: Sequence[Evidence]) -> bytes:
    """Return the dossier's cover letter in the reader's language, Chinese names in full."""
    text, locale = page.text, page.locale
    policy = get_policy(page.runtime, insured.policy or "")
    today = page.runtime.clock.today()
    pdf = new_document(f"{text('letter.title')} · {case.number}", today)
    lines(
        pdf,
        [
            (text("col.date"), i18n.day(today, locale)),
            (text("letter.to"), policy.insurer),
            (text("letter.insured"), f"{insured.name} · {text('col.policy')} {policy.number}"),
            (text("col.case"), f"{case.number} {case.title}"),
            (text("case.complainants"), ", ".join(case.complainants)),
            (text("case.patents"), ", ".join(case.patents)),
        ],
    )
    pdf.ln(3)
    pdf.multi_cell(0, 5, text("letter.body"), new_x="LMARGIN", new_y="NEXT")
    rows = [
        (code(page, "evidence", item.kind.value), item.filename, str(item.size), item.sha256)
        for item in items
    ]
    grid(pdf, [text(h) for h in ("col.kind", "col.file", "col.size", "col.sha256")], rows)
    return bytes(pdf.output())
