"""The claims handler's written consent to a settlement or licence, from the claim page.

The form sits on the claim page for whoever may consent (``claims:consent``); the consents
given are listed there for everyone who sees the claim, the exporter included
(:func:`patentshield.web.casework.claim_tables`). The rules are the service's
(:mod:`patentshield.claims.settlement_service`).
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from patentshield.claims.settlement_service import SettlementConsentInput, consent_to_settlement
from patentshield.kernel.dates import parse_date
from patentshield.kernel.errors import PatentshieldError
from patentshield.kernel.money import parse_money
from patentshield.web.casework import claim, form_text
from patentshield.web.frame import FormDep, PageDep, PageRoute, form_error

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def consent_input(form: FormDep) -> SettlementConsentInput:
    """Return the consent of the posted form (every field checked, named when wrong)."""
    return SettlementConsentInput(
        counterparty=form_text(form, "counterparty"),
        consented_on=parse_date(form_text(form, "consented_on"), field="consented_on"),
        maximum=parse_money(
            form_text(form, "maximum"), str(form.get("currency", "CNY")), field="maximum"
        ),
        terms=str(form.get("terms", "")).strip(),
    )


@router.post("/claims/{claim_id}/settlement-consents")
def consent_settlement(page: PageDep, claim_id: str, form: FormDep) -> Response:
    """Record the insurer's written consent to a settlement or licence on the claim."""
    try:
        consent_to_settlement(page.runtime, claim_id, consent_input(form))
    except PatentshieldError as error:
        form_error(page, error)
        return claim(page, claim_id)
    return RedirectResponse(f"/claims/{claim_id}#consents", status_code=303)
