"""The compliance programme on SQLite and PostgreSQL: controls, FTO opinions in the vault, the
score moving a quote, the opinion in the dossier, and panel counsel checked against the directory.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from patentshield.assessment.service import RiskRequest, recommend_products
from patentshield.cases.dossier import export_dossier
from patentshield.cases.dossier_check import verify_dossier
from patentshield.cases.service import approve_counsel, open_new_case
from patentshield.compliance import programme_service as programme
from patentshield.compliance import service as watch
from patentshield.compliance.fto import FtoConclusion
from patentshield.compliance.programme_store import ControlRow, FtoOpinionRow
from patentshield.compliance.score import CONTROLS, ControlSource
from patentshield.enterprises.service import import_enterprises
from patentshield.kernel.db import Base, Database
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.vault import stored_files, vault_root
from patentshield.maintenance.check import check_installation
from patentshield.quotes.model import QuoteRequest
from patentshield.quotes.service import quote_product
from tests.integration.case_factory import SERVED, led_case, runtime_at_home
from tests.integration.insured import EXAMPLES, insured

DAY = date(2026, 4, 16)
LUMINAIRES = "LED ceiling and wall luminaires"
DETAILS = programme.FtoDetails(
    counsel="CCPIT Patent & Trademark Law Office",
    issued_on=date(2022, 1, 15),
    patents=("US 9,876,543",),
    products=(LUMINAIRES,),
    conclusion=FtoConclusion.CLEAR_WITH_DESIGN_AROUND,
)
DECLARED = [c.id for c in CONTROLS if c.source is ControlSource.DECLARED]


@pytest.fixture
def runtime(database: Database, tmp_path: Path) -> Runtime:
    """A runtime whose evidence vault is in the test's own home."""
    return runtime_at_home(database, tmp_path / "home")


@pytest.fixture
def exporters(runtime: Runtime) -> Runtime:
    import_enterprises(runtime, EXAMPLES)
    return runtime


@pytest.fixture
def opinion_file(tmp_path: Path) -> Path:
    source = tmp_path / "fto-2022.txt"
    source.write_text("Freedom-to-operate opinion, CCPIT Patent, 2022-01-15\n", encoding="utf-8")
    return source


def declare_all(runtime: Runtime, enterprise: str = "sz-led-lighting") -> None:
    for control in DECLARED:
        programme.set_control(
            runtime, enterprise, control, in_place=True, evidence=f"{control} file", day=DAY
        )


def test_the_migrated_schema_matches_the_programme_tables(database: Database):
    assert {ControlRow.__tablename__, FtoOpinionRow.__tablename__} <= set(Base.metadata.tables)
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = [
            change
            for change in compare_metadata(context, Base.metadata)
            if "compliance_controls" in str(change) or "compliance_fto" in str(change)
        ]
    assert diff == []


def test_declared_controls_an_opinion_and_a_watch_run_add_up_to_the_score(
    exporters: Runtime, opinion_file: Path
):
    declare_all(exporters)
    programme.add_fto_opinion(exporters, "sz-led-lighting", opinion_file, DETAILS)
    watch.run_watch(exporters, "sz-led-lighting")
    found = programme.compliance_score(exporters, "sz-led-lighting", day=DAY)
    earned = {line.control.id: line.earned for line in found.lines}
    assert earned["fto_per_us_product"] == Decimal("10.00")  # one of its two US products
    assert earned["us_patent_portfolio"] == earned["watch_recent"] == 10
    assert found.points == Decimal("90.00") and found.recorded
    assert len(programme.list_controls(exporters, "sz-led-lighting")) == len(DECLARED)


def test_an_opinion_is_stored_once_by_its_hash_and_leaves_no_orphan(
    exporters: Runtime, opinion_file: Path
):
    first = programme.add_fto_opinion(exporters, "sz-led-lighting", opinion_file, DETAILS)
    again = programme.add_fto_opinion(exporters, "sz-led-lighting", opinion_file, DETAILS)
    assert first.added and not again.added and again.opinion.id == first.opinion.id
    root = vault_root(exporters.settings)
    assert [p.name for p in stored_files(root)] == [first.opinion.sha256]
    vault = next(f for f in check_installation(exporters) if f.name == "vault")
    assert vault.problems == () and vault.covered == "1 records, 1 files"


def test_an_opinion_for_an_unknown_product_writes_nothing(exporters: Runtime, tmp_path: Path):
    source = tmp_path / "other.txt"
    source.write_text("another opinion", encoding="utf-8")
    wrong = replace(DETAILS, products=("Solar panels",))
    with pytest.raises(InvalidInput) as caught:
        programme.add_fto_opinion(exporters, "sz-led-lighting", source, wrong)
    assert caught.value.field == "product" and LUMINAIRES in caught.value.message
    assert programme.list_fto_opinions(exporters, "sz-led-lighting") == []
    assert stored_files(vault_root(exporters.settings)) == []


def test_the_score_lowers_a_tariff_premium_and_raises_its_limit_within_the_bounds(
    exporters: Runtime,
):
    request = QuoteRequest("chancheng-package-10-c", DAY, enterprise="sz-led-lighting")
    before = quote_product(exporters, request)  # 10 points: the US patent alone
    declare_all(exporters)
    after = quote_product(exporters, request)  # 70 points
    anonymous = quote_product(exporters, replace(request, enterprise=None, region_code="440604"))
    assert anonymous.gross_premium.amount == Decimal("16000.00")
    assert before.gross_premium.amount == Decimal("15840.00")
    assert after.gross_premium.amount == Decimal("14880.00")  # 16,000 × (1 − 0.7 × 10 %)
    assert after.aggregate_limit.amount == Decimal("1540800.00")  # 1,440,000 × 1.07
    lines = [t for t in after.pricing_trace if t.startswith("compliance score 70 of 100")]
    assert len(lines) == 2 and "tag J" in lines[0]


def test_a_negotiated_premium_keeps_its_amount_and_says_why(exporters: Runtime):
    declare_all(exporters)
    request = QuoteRequest(
        "illustrative-337-defence",
        DAY,
        enterprise="sz-led-lighting",
        premium=Money.of("300000", "CNY"),
    )
    quote = quote_product(exporters, request)
    assert quote.gross_premium.amount == Decimal("300000.00")
    assert quote.pricing_trace[-1].endswith(
        "no tariff modifier, the premium was negotiated with the insurer"
    )


def test_the_dossier_carries_the_insureds_opinion_as_good_faith_evidence(
    runtime: Runtime, opinion_file: Path, tmp_path: Path
):
    policy = insured(runtime.database)
    opened = open_new_case(runtime, led_case(policy.number))
    filed = programme.add_fto_opinion(runtime, "sz-led-lighting", opinion_file, DETAILS)
    out = tmp_path / "dossier.zip"
    export_dossier(runtime, opened.number, "sz-led-lighting", out, day=date(2026, 4, 30))
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    (entry,) = manifest["files"]
    assert entry["sha256"] == filed.opinion.sha256 and entry["kind"] == "search_reports"
    assert "evidence of good faith" in entry["note"] and "reviewed US 9,876,543" in entry["note"]
    assert verify_dossier(out).is_intact


def test_panel_consent_is_refused_for_a_firm_off_the_products_panel(runtime: Runtime):
    policy = insured(runtime.database)
    opened = open_new_case(runtime, led_case(policy.number))
    with pytest.raises(InvalidInput) as caught:
        approve_counsel(
            runtime, opened.number, "sz-led-lighting", firm="Dewey LLP", day=SERVED, panel=True
        )
    assert caught.value.field == "firm" and "Kirkland & Pell LLP" in caught.value.message
    view = approve_counsel(
        runtime, opened.number, "sz-led-lighting", firm="Dewey LLP", day=SERVED, panel=False
    )
    assert [c.firm for c in view.case.counsel] == ["Dewey LLP"]


def test_a_recorded_score_moves_the_tariff_products_of_a_recommendation(exporters: Runtime):
    request = RiskRequest("nb-standing-desks", DAY, years=500, seed=1)
    wuxi = "wuxi-2022-overseas-liability"

    def candidate():
        ranked = recommend_products(exporters, request).ranked
        return next(r.candidate for r in ranked if r.candidate.product.id == wuxi)

    before = candidate()
    declare_all(exporters, "nb-standing-desks")
    after = candidate()
    assert before.premium_basis == "tariff; compliance score 10/100: premium −1.50%, limits +2.00%"
    assert after.premium_basis == "tariff; compliance score 70/100: premium −10.50%, limits +14.00%"
    assert before.pricing is not None and after.pricing is not None
    assert after.pricing.gross_premium < before.pricing.gross_premium
    assert after.pricing.aggregate_limit > before.pricing.aggregate_limit
