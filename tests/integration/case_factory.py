"""A new investigation naming the insured Shenzhen exporter and four co-respondents."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from patentshield.cases.model import Case, Respondent
from patentshield.cases.service import approve_counsel, new_case_id, open_new_case
from patentshield.claims.model import Claim
from patentshield.claims.notice_service import NoticeFacts, notify_claim
from patentshield.kernel.config import Settings
from patentshield.kernel.db import Database
from patentshield.kernel.runtime import FixedClock, Runtime
from patentshield.procedure.workflow import CaseState
from tests.integration.insured import insured

COMPLAINT = date(2026, 3, 16)
INSTITUTED = date(2026, 4, 15)
SERVED = date(2026, 4, 16)
OPENED = datetime(2026, 4, 16, 10, 0, tzinfo=UTC)
CO_RESPONDENTS = (
    "Ningbo Liftwell Office Furniture Co., Ltd.",
    "Zhongshan Lumen Lighting Co., Ltd.",
    "Brightway Lighting USA Inc.",
    "Xiamen Solarbeam Optoelectronics Co., Ltd.",
)


def led_case(policy: str, *, number: str = "337-TA-1501", **changes: object) -> Case:
    """The case as opened from the notice of investigation (served on 16 April 2026)."""
    fields: dict[str, object] = {
        "id": new_case_id(),
        "number": number,
        "title": "Certain LED Lighting Devices and Components Thereof",
        "complaint_filed": COMPLAINT,
        "learned_on": SERVED,
        "complainants": ("Lumina IP Holdings LLC",),
        "respondents": (
            Respondent("sz-led-lighting", "sz-led-lighting", policy),
            *(Respondent(name) for name in CO_RESPONDENTS),
        ),
        "patents": ("US 9,876,543", "US 10,234,567"),
        "products": ("LED ceiling luminaires", "Mini-LED backlight units"),
        "state": CaseState.SERVED,
        "opened_at": OPENED,
        "instituted": INSTITUTED,
        "served": SERVED,
    }
    fields.update(changes)
    return Case(**fields)  # type: ignore[arg-type]


PANEL_FIRM = "Kirkland & Pell LLP"


def runtime_at_home(database: Database, home: Path) -> Runtime:
    """A runtime on ``database`` whose home (so whose evidence vault) is ``home``."""
    return Runtime(Settings(home=home), database=database, clock=FixedClock(OPENED))


def notified_claim(runtime: Runtime, first_accused_sale: date | None = None) -> Claim:
    """Bind the LED maker's policy, open 337-TA-1501, approve panel counsel, notify a claim.

    ``first_accused_sale`` is the notice's fact of that name (:func:`notify_claim`).
    """
    policy = insured(runtime.database)
    open_new_case(runtime, led_case(policy.number))
    approve_counsel(
        runtime,
        "337-TA-1501",
        "sz-led-lighting",
        firm=PANEL_FIRM,
        day=date(2026, 4, 20),
        panel=True,
    )
    return notify_claim(
        runtime,
        "337-TA-1501",
        "sz-led-lighting",
        notified_on=date(2026, 4, 28),
        facts=NoticeFacts(first_accused_sale=first_accused_sale),
    )
