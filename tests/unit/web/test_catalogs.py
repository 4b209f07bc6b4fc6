"""The web catalogs: both languages translate every message id the pages can show."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from patentshield.cases.model import EvidenceKind, TaskStatus
from patentshield.catalog.model import CostCategory, Cover
from patentshield.claims.model import ClaimStatus, LineOutcome, Phase, ReasonCode
from patentshield.kernel import errors
from patentshield.kernel.access import Role
from patentshield.policies.model import PolicyStatus
from patentshield.procedure.workflow import CaseState
from patentshield.web import i18n
from patentshield.web.frame import MENU

WEB = Path(i18n.__file__).parent
TEMPLATE_IDS = re.compile(r"""_\(\s*["']([a-z][a-z0-9_.]*[a-z0-9_])["']\s*[,)]""")
FILE_SUFFIXES = {"html", "yaml", "json", "zip", "log", "sh", "po", "db", "pdf", "svg", "xlsx"}
PYTHON_IDS = re.compile(r"""["']([a-z][a-z_]*\.[a-z][a-z0-9_.]*)["']""")
FAMILIES = {
    "reason": ReasonCode,
    "category": CostCategory,
    "cover": Cover,
    "phase": Phase,
    "status": ClaimStatus,
    "outcome": LineOutcome,
    "task": TaskStatus,
    "state": CaseState,
    "policy": PolicyStatus,
    "evidence": EvidenceKind,
    "role": Role,
}


def catalog_ids(locale: str) -> dict[str, str]:
    with i18n.catalog_path(locale).open("rb") as source:
        catalog = read_po(source, locale=locale)
    return {str(m.id): str(m.string) for m in catalog if m.id}


def ids_in_templates() -> set[str]:
    found: set[str] = set()
    for template in (WEB / "templates").rglob("*.html"):
        found |= set(TEMPLATE_IDS.findall(template.read_text("utf-8")))
    return found


def ids_in_code(prefixes: set[str]) -> set[str]:
    found: set[str] = set()
    for module in WEB.glob("*.py"):
        for candidate in PYTHON_IDS.findall(module.read_text("utf-8")):
            parts = candidate.split(".")
            if parts[0] in prefixes and parts[-1] and parts[-1] not in FILE_SUFFIXES:
                found.add(candidate)
    return found


def ids_of_families() -> set[str]:
    found = {f"{prefix}.{member.value}" for prefix, enum in FAMILIES.items() for member in enum}
    codes = {
        kind.code
        for kind in vars(errors).values()
        if isinstance(kind, type) and issubclass(kind, errors.PatentshieldError)
    }
    found |= {f"error.{code}" for code in codes}
    found |= {item.label for item in MENU}
    return found


@pytest.mark.parametrize("locale", i18n.LOCALES)
def test_every_message_id_a_page_can_show_is_translated(locale):
    known = catalog_ids(locale)
    prefixes = {key.split(".")[0] for key in known}
    wanted = ids_in_templates() | ids_in_code(prefixes) | ids_of_families()
    assert ids_in_templates(), "the template scan found no message id"
    missing = sorted(wanted - {key for key, text in known.items() if text.strip()})
    assert missing == []


def test_both_catalogs_have_the_same_ids_and_the_same_placeholders():
    chinese, english = catalog_ids("zh_CN"), catalog_ids("en")
    assert chinese.keys() == english.keys()
    placeholder = re.compile(r"%\(\w+\)s")
    for key in chinese:
        assert sorted(placeholder.findall(chinese[key])) == sorted(
            placeholder.findall(english[key])
        ), key


def test_the_chinese_catalog_is_in_chinese_and_differs_from_the_english_one():
    chinese, english = catalog_ids("zh_CN"), catalog_ids("en")
    han = re.compile(r"[\u4e00-\u9fff]")
    same = [key for key in chinese if chinese[key] == english[key]]
    assert set(same) <= {"col.sha256"}
    assert sum(bool(han.search(text)) for text in chinese.values()) > 0.95 * len(chinese)


def test_a_missing_message_shows_as_its_id_which_the_check_reports():
    assert i18n.missing(["nav.dashboard", "nav.no_such_page"], "zh_CN") == ["nav.no_such_page"]


def test_a_text_looked_up_outside_a_template_shows_a_single_percent_sign():
    from patentshield.web.frame import gettext

    assert gettext("en")("dashboard.tail") == "Tail (TVaR at 99%)"
    assert "%%" not in gettext("zh_CN")("col.var_loss_ratio")


def procedure_label_ids() -> set[str]:
    from datetime import date

    from patentshield.cases.duties import DUTIES
    from patentshield.procedure.schedule import KnownDates, case_schedule
    from patentshield.procedure.steps import load_procedure

    procedure = load_procedure()
    found = {f"step.{step.id.value}" for step in procedure.steps}
    found |= {f"period.{period.id.value}" for step in procedure.steps for period in step.periods}
    found |= {f"duty.{duty}" for duty in DUTIES}
    filed = date(2026, 1, 5)
    given = KnownDates(
        filed, date(2026, 2, 6), date(2026, 2, 9), date(2026, 10, 5), date(2027, 4, 6)
    )
    served_only = KnownDates(filed, served=date(2026, 2, 9), final_id_served=date(2026, 11, 20))
    for known in (KnownDates(filed), given, served_only):
        for event in case_schedule(known):
            found.add(f"period.{event.period.value}" if event.period else f"event.{event.step}")
    return found


@pytest.mark.parametrize("locale", i18n.LOCALES)
def test_every_step_period_schedule_line_and_duty_of_the_procedure_has_a_label(locale):
    wanted = procedure_label_ids()
    assert {"step.markman", "period.response", "event.service", "duty.answer"} <= wanted
    assert i18n.missing(wanted, locale) == []


def test_a_procedure_label_in_english_is_the_text_of_the_procedure_data():
    from patentshield.procedure.steps import StepId, load_procedure

    english = catalog_ids("en")
    for step in load_procedure().steps:
        assert english[f"step.{step.id.value}"] == step.name
    assert catalog_ids("zh_CN")[f"step.{StepId.MARKMAN.value}"].startswith("马克曼听证")


REFUSAL_IDS = re.compile(r"""message_id=["'](refusal\.[a-z_]+)["']""")


def refusal_ids() -> set[str]:
    from patentshield.claims.model import ClaimStatus
    from patentshield.subsidies.applications import ApplicationStatus

    source = Path(i18n.__file__).parents[1]
    found = {
        found_id
        for module in source.rglob("*.py")
        for found_id in REFUSAL_IDS.findall(module.read_text("utf-8"))
    }
    found |= {f"refusal.application_{status.value}" for status in ApplicationStatus}
    found |= {f"refusal.claim_{status.value}" for status in ClaimStatus}
    return found


@pytest.mark.parametrize("locale", i18n.LOCALES)
def test_every_refusal_reason_a_service_gives_a_web_form_is_translated(locale):
    wanted = refusal_ids()
    assert {"refusal.not_a_number", "refusal.rejection_reason", "refusal.claim_closed"} <= wanted
    assert i18n.missing(wanted, locale) == []
