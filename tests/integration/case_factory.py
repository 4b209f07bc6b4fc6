"""A new investigation naming the insured Shenzhen exporter and four co-respondents."""

from __future__ import annotations

from datetime import UTC, date, datetime

from patentshield.cases.model import Case, Respondent
from patentshield.cases.service import new_case_id
from patentshield.usitc.workflow import CaseState

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
