"""Cases and claims: the case room, evidence and dossier, claims with invoices, the claims desk.

The exporter opens a case room (schedule, duties, evidence upload with its SHA-256, dossier
download) and files invoices on its claims; the claims handler adjudicates a claim (reason
codes on every line), consents to counsel and, in writing, to a settlement
(:mod:`patentshield.web.settlement`), and pays it once (the pay form carries an
idempotency key made when the page was drawn, so a second click pays nothing more).
"""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import RedirectResponse, Response

from patentshield.cases.dossier import export_dossier
from patentshield.cases.evidence import EvidenceDetails, add_evidence_files, list_evidence
from patentshield.cases.model import Case, EvidenceKind
from patentshield.cases.service import approve_counsel, list_cases, show_case
from patentshield.catalog.model import CostCategory
from patentshield.claims.adjudication_service import adjudicate_claim
from patentshield.claims.ledger_service import ExpenseInput, add_expense
from patentshield.claims.model import ClaimStatus, ClaimView, Phase
from patentshield.claims.payment_service import pay_claim
from patentshield.claims.view_service import list_claims, show_claim
from patentshield.kernel.access import Permission
from patentshield.kernel.errors import InvalidInput, NotFound, PatentshieldError, RuleViolation
from patentshield.kernel.limits import MAX_TEXT_LENGTH
from patentshield.kernel.money import Money, parse_currency, parse_decimal
from patentshield.kernel.tenancy import scope_of
from patentshield.web.documents import PDF, claim_pdf, letter_pdf
from patentshield.web.frame import FormDep, Page, PageDep, PageRoute, download, form_error, respond
from patentshield.web.frame import table_of as new_table
from patentshield.web.labels import code, duty_title, event_title, party_name
from patentshield.web.tables import WebTable, cell

router = APIRouter(route_class=PageRoute, include_in_schema=False)
ZIP = "application/zip"


def cases_table(page: Page, cases: list[Case]) -> WebTable:
    """Return the cases the caller sees."""
    table = new_table(
        page, "cases", "cases.table", ("col.case", "col.title", "col.complaint", "col.state")
    )
    for case in cases:
        table.add(
            cell(case.number, page.locale, f"/cases/{case.id}"),
            case.title,
            case.complaint_filed,
            code(page, "state", case.state.value),
        )
    return table


@router.get("/cases")
def cases(page: PageDep) -> Response:
    """List the cases the caller sees, latest complaint first."""
    return respond(page, "cases/cases.html", {}, [cases_table(page, list_cases(page.runtime))])


def _case_tables(page: Page, case_id: str) -> tuple[Case, list[WebTable]]:
    if not scope_of(page.caller).sees_cases:  # an administration: no case is its record
        raise NotFound(f"no case {case_id!r}", field="case")
    found = show_case(page.runtime, case_id)
    schedule = new_table(page, "schedule", "case.schedule", ("col.step", "col.date", "col.rule"))
    for event in found.schedule:
        schedule.add(event_title(page, event), event.date, event.rule)
    duties = new_table(
        page, "duties", "case.duties", ("col.duty", "col.due", "col.status", "col.basis")
    )
    for task in found.tasks:
        duties.add(
            duty_title(page, task), task.due, code(page, "task", task.status.value), task.basis
        )
    tables = [schedule, duties]
    if page.caller.can(Permission.EVIDENCE_READ):
        evidence = new_table(
            page,
            "evidence",
            "case.evidence",
            ("col.file", "col.kind", "col.size", "col.added_by", "col.date", "col.sha256"),
        )
        for item in list_evidence(page.runtime, found.case.id):
            evidence.add(
                item.filename,
                code(page, "evidence", item.kind.value),
                item.size,
                item.added_by,
                item.added_on,
                item.sha256,
            )
        tables.append(evidence)
    return found.case, tables


@router.get("/cases/{case_id}")
def case_room(page: PageDep, case_id: str) -> Response:
    """Show the case room: schedule, duties, evidence (with upload) and the dossier."""
    found, tables = _case_tables(page, case_id)
    insured = [r for r in found.respondents if r.insured]
    context = {"case": found, "insured": insured, "kinds": [k.value for k in EvidenceKind]}
    return respond(page, "cases/case.html", context, tables)


@router.post("/cases/{case_id}/evidence")
def upload_evidence(
    page: PageDep,
    case_id: str,
    form: FormDep,
    file: Annotated[UploadFile, File()],
    kind: Annotated[str, Form()] = "other",
    note: Annotated[str, Form(max_length=MAX_TEXT_LENGTH)] = "",
) -> Response:
    """Store an uploaded file in the vault (SHA-256) and attach it to the case."""
    try:
        name = Path(file.filename or "").name
        if not name:
            raise InvalidInput("file", "choose a file to upload", message_id="refusal.choose_file")
        details = EvidenceDetails(_kind(kind), page.caller.email, page.runtime.clock.today(), note)
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / name
            source.write_bytes(file.file.read())
            add_evidence_files(page.runtime, case_id, [source], details)
    except PatentshieldError as error:
        form_error(page, error)
        return case_room(page, case_id)
    return RedirectResponse(f"/cases/{case_id}#evidence", status_code=303)


def _kind(value: str) -> EvidenceKind:
    try:
        return EvidenceKind(value)
    except ValueError:
        raise InvalidInput("kind", f"unknown kind of evidence {value!r}") from None


@router.get("/cases/{case_id}/dossier")
def dossier(page: PageDep, case_id: str, respondent: str) -> Response:
    """Download the dossier ZIP of an insured respondent: documents, manifest, cover letter."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "dossier.zip"
        export_dossier(page.runtime, case_id, respondent, out, day=page.runtime.clock.today())
        content = out.read_bytes()
    return download(content, f"dossier-{case_id}.zip", ZIP)


@router.get("/cases/{case_id}/letter")
def cover_letter(page: PageDep, case_id: str, respondent: str) -> Response:
    """Download the dossier's cover letter as a PDF in the reader's language."""
    found = show_case(page.runtime, case_id).case
    insured = [r for r in found.respondents if r.insured and r.key == respondent]
    if not insured:
        raise InvalidInput("respondent", f"{respondent!r} is not an insured respondent of the case")
    items = list_evidence(page.runtime, found.id)
    return download(letter_pdf(page, found, insured[0], items), f"letter-{found.number}.pdf", PDF)


@router.post("/cases/{case_id}/counsel")
def consent_counsel(
    page: PageDep,
    case_id: str,
    form: FormDep,
    respondent: Annotated[str, Form(max_length=MAX_TEXT_LENGTH)] = "",
    firm: Annotated[str, Form(max_length=MAX_TEXT_LENGTH)] = "",
    panel: Annotated[bool, Form()] = False,
) -> Response:
    """Record the insurer's consent to a law firm as counsel of an insured respondent."""
    try:
        approve_counsel(
            page.runtime,
            case_id,
            respondent,
            firm=firm,
            day=page.runtime.clock.today(),
            panel=panel,
        )
    except PatentshieldError as error:
        form_error(page, error)
        return case_room(page, case_id)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


def claims_table(page: Page, views: list[ClaimView], name: str = "claims") -> WebTable:
    """Return claims: case, policy, respondent, status, notified, adjudicated, paid."""
    table = new_table(
        page,
        name,
        "claims.table",
        ("col.claim", "col.case", "col.policy", "col.respondent", "col.status")
        + ("col.notified", "col.adjudicated", "col.paid"),
    )
    for view in views:
        claim = view.claim
        table.add(
            cell(claim.id, page.locale, f"/claims/{claim.id}"),
            claim.case_number,
            claim.policy_number,
            party_name(page, claim.respondent),
            code(page, "status", claim.status.value),
            claim.notified_on,
            claim.adjudicated,
            claim.paid,
        )
    return table


@router.get("/claims")
def claims(page: PageDep, policy: str | None = None) -> Response:
    """List the claims the caller sees (of one policy if asked)."""
    table = claims_table(page, list_claims(page.runtime, policy=policy))
    return respond(page, "cases/claims.html", {"desk": False}, [table])


@router.get("/desk")
def desk(page: PageDep) -> Response:
    """Show the claims desk: open claims to adjudicate and pay."""
    views = [v for v in list_claims(page.runtime) if v.claim.status is ClaimStatus.OPEN]
    return respond(page, "cases/claims.html", {"desk": True}, [claims_table(page, views)])


def claim_tables(page: Page, view: ClaimView) -> list[WebTable]:
    """Return a claim's invoices, adjudicated lines with reason codes, and payments."""
    invoices = new_table(
        page,
        "invoices",
        "claim.invoices",
        ("col.invoice", "col.vendor", "col.category", "col.phase", "col.date", "col.amount"),
    )
    for item in view.expenses:
        invoices.add(
            item.invoice_number,
            item.vendor,
            code(page, "category", item.category.value),
            code(page, "phase", item.phase.value),
            item.invoice_date,
            item.amount,
        )
    lines = new_table(
        page,
        "lines",
        "claim.lines",
        ("col.invoice", "col.claimed", "col.payable", "col.outcome", "col.reasons"),
    )
    for line in view.adjudication.lines if view.adjudication else ():
        reasons = "; ".join(code(page, "reason", r.code.value) for r in line.reasons)
        outcome = code(page, "outcome", line.outcome.value)
        lines.add(line.invoice_number, line.claimed, line.payable, outcome, reasons)
    payments = new_table(page, "payments", "claim.payments", ("col.date", "col.amount", "col.key"))
    for payment in view.payments:
        payments.add(payment.paid_on, payment.amount, payment.idempotency_key)
    consents = new_table(
        page,
        "consents",
        "claim.settlement_consents",
        ("col.counterparty", "col.date", "col.maximum", "col.consented_by", "col.terms"),
    )
    for given in view.settlement_consents:
        consents.add(
            given.counterparty, given.consented_on, given.maximum, given.consented_by, given.terms
        )
    return [invoices, lines, payments, consents]


@router.get("/claims/{claim_id}")
def claim(page: PageDep, claim_id: str) -> Response:
    """One claim: status and reasons, invoices, adjudication, payments; the forms of each role."""
    view = show_claim(page.runtime, claim_id)
    if page.request.query_params.get("export") == "pdf":
        return download(claim_pdf(page, view), f"adjudication-{view.claim.id}.pdf", PDF)
    context = {
        "view": view,
        "categories": [c.value for c in CostCategory],
        "phases": [p.value for p in Phase],
        "pay_key": f"web-{uuid.uuid4().hex}",
        "respondent": party_name(page, view.claim.respondent),
        "form": page.request.query_params,
    }
    return respond(page, "cases/claim.html", context, claim_tables(page, view))


@router.post("/claims/{claim_id}/invoices")
def file_invoice(page: PageDep, claim_id: str, form: FormDep) -> Response:
    """File an invoice in the claim's ledger."""
    try:
        add_expense(page.runtime, claim_id, expense_input(form))
    except PatentshieldError as error:
        form_error(page, error)
        return claim(page, claim_id)
    return RedirectResponse(f"/claims/{claim_id}#invoices", status_code=303)


def form_text(form: FormDep, name: str) -> str:
    """Return a required text field of a posted form, refused when empty or too long."""
    value = str(form.get(name, "")).strip()
    if not value:
        raise InvalidInput(name, "this field is required", message_id="refusal.required")
    if len(value) > MAX_TEXT_LENGTH:
        raise InvalidInput(
            name,
            f"at most {MAX_TEXT_LENGTH} characters",
            message_id="refusal.too_long",
            params={"limit": MAX_TEXT_LENGTH},
        )
    return value


def expense_input(form: FormDep) -> ExpenseInput:
    """Return the invoice of the posted form (every field checked, named when wrong)."""
    from patentshield.kernel.dates import parse_date

    def text(name: str) -> str:
        return form_text(form, name)

    try:
        category, phase = CostCategory(text("category")), Phase(text("phase"))
    except ValueError:
        raise InvalidInput(
            "category",
            "choose a category and a phase from the lists",
            message_id="refusal.category_and_phase",
        ) from None
    amount = parse_decimal(text("amount"), field="amount")
    currency = parse_currency(str(form.get("currency", "CNY")))
    return ExpenseInput(
        invoice_number=text("invoice_number"),
        vendor=text("vendor"),
        category=category,
        phase=phase,
        invoice_date=parse_date(text("invoice_date"), field="invoice_date"),
        amount=Money(amount, currency),
    )


@router.post("/claims/{claim_id}/adjudicate")
def adjudicate(page: PageDep, claim_id: str, form: FormDep) -> Response:
    """Adjudicate the claim against its policy's frozen terms, today."""
    try:
        adjudicate_claim(page.runtime, claim_id, day=page.runtime.clock.today())
    except PatentshieldError as error:
        form_error(page, error)
        return claim(page, claim_id)
    return RedirectResponse(f"/claims/{claim_id}#lines", status_code=303)


@router.post("/claims/{claim_id}/pay")
def pay(
    page: PageDep,
    claim_id: str,
    form: FormDep,
    idempotency_key: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Pay what is adjudicated and unpaid, once per idempotency key."""
    try:
        if not idempotency_key:
            raise RuleViolation(
                "the payment form has no idempotency key; reload the page",
                message_id="refusal.reload_the_page",
            )
        pay_claim(
            page.runtime, claim_id, idempotency_key=idempotency_key, day=page.runtime.clock.today()
        )
    except PatentshieldError as error:
        form_error(page, error)
        return claim(page, claim_id)
    return RedirectResponse(f"/claims/{claim_id}#payments", status_code=303)
