from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from patentshield.enterprises.model import ImportOutcome
from patentshield.enterprises.service import (
    enterprise_profile,
    get_enterprise,
    import_enterprises,
    list_enterprises,
)
from patentshield.enterprises.store import EnterpriseRow, PatentRow, ProductClassRow
from patentshield.kernel.db import Database
from patentshield.kernel.errors import InvalidRecords, NotFound
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from tests.factories import runtime_of

TODAY = date(2026, 11, 25)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def on_today(database: Database) -> Runtime:
    """A runtime on ``database`` whose clock reads :data:`TODAY`."""
    return runtime_of(database, now=datetime.combine(TODAY, time(9), tzinfo=UTC))


def _row_counts(database: Database) -> tuple[int, int, int]:
    with database.unit_of_work() as session:
        return (
            session.scalar(select(func.count()).select_from(EnterpriseRow)) or 0,
            session.scalar(select(func.count()).select_from(ProductClassRow)) or 0,
            session.scalar(select(func.count()).select_from(PatentRow)) or 0,
        )


def _edited_examples(tmp_path: Path, edit: dict[str, object]) -> Path:
    document = yaml.safe_load((EXAMPLES / "enterprises.yaml").read_text(encoding="utf-8"))
    document["enterprises"][0].update(edit)
    path = tmp_path / "edited.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def test_importing_the_examples_stores_every_profile(database: Database) -> None:
    report = import_enterprises(on_today(database), EXAMPLES / "enterprises.yaml")
    assert (report.created, report.updated, report.unchanged) == (5, 0, 0)
    assert _row_counts(database) == (5, 10, 10)
    listed = list_enterprises(on_today(database))
    desks = enterprise_profile(on_today(database), "nb-standing-desks")
    assert [e.id for e in listed] == sorted(e.id for e in listed)
    assert desks.total_us_sales() == Money.of("30000000", "USD")
    assert desks.product_classes[0].hts_codes == ("9403.10", "9403.60")
    assert desks.past_cases[0].number == "337-TA-1054"


def test_what_is_stored_reads_back_equal_to_what_was_imported(database: Database) -> None:
    from patentshield.enterprises.importer import read_enterprises

    parsed = read_enterprises(EXAMPLES / "enterprises.yaml", today=TODAY)
    import_enterprises(on_today(database), EXAMPLES / "enterprises.yaml")
    stored = {e.id: e for e in list_enterprises(on_today(database))}
    for entry in parsed.entries:
        assert stored[entry.enterprise.id] == entry.enterprise


def test_re_importing_the_same_file_changes_nothing(database: Database) -> None:
    import_enterprises(on_today(database), EXAMPLES / "enterprises.yaml")
    before = _row_counts(database)
    again = import_enterprises(on_today(database), EXAMPLES / "enterprises.yaml")
    from_csv = import_enterprises(on_today(database), EXAMPLES / "enterprises.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert (from_csv.created, from_csv.updated, from_csv.unchanged) == (0, 0, 3)
    assert _row_counts(database) == before


def test_a_changed_profile_is_updated_and_its_lists_replaced(
    database: Database, tmp_path: Path
) -> None:
    import_enterprises(on_today(database), EXAMPLES / "enterprises.yaml")
    edited = _edited_examples(
        tmp_path,
        {
            "name": "Shenzhen Brightway Lighting Group Co., Ltd.",
            "patents": [
                {
                    "jurisdiction": "CN",
                    "number": "ZL202120987654.3",
                    "kind": "utility_model",
                    "title": "Heat-sink housing for an LED panel light",
                }
            ],
            "flags": ["export_oriented"],
        },
    )
    report = import_enterprises(on_today(database), edited)
    outcomes = {str(item.id): item.outcome for item in report.enterprises}
    assert outcomes["sz-led-lighting"] is ImportOutcome.UPDATED
    assert report.count(ImportOutcome.UNCHANGED) == 4
    with database.unit_of_work() as session:
        led = get_enterprise(session, "sz-led-lighting")
    assert led.name == "Shenzhen Brightway Lighting Group Co., Ltd."
    assert led.patent_numbers() == ("ZL202120987654.3",)
    assert [f.value for f in led.flags] == ["export_oriented"]
    assert _row_counts(database) == (5, 10, 8)


def test_an_enterprise_is_found_by_its_credit_code_in_any_case(database: Database) -> None:
    import_enterprises(on_today(database), EXAMPLES / "enterprises.yaml")
    with database.unit_of_work() as session:
        assert get_enterprise(session, "91330212pt0000022x").id == "nb-standing-desks"
        with pytest.raises(NotFound) as missing:
            get_enterprise(session, "no-such-firm")
    assert missing.value.field == "enterprise"


def test_a_file_with_one_bad_record_writes_nothing(database: Database, tmp_path: Path) -> None:
    edited = _edited_examples(tmp_path, {"credit_code": "91440306PT00000115"})
    with pytest.raises(InvalidRecords) as refused:
        import_enterprises(on_today(database), edited)
    assert [(e.row, e.field) for e in refused.value.errors] == [(1, "credit_code")]
    assert _row_counts(database) == (0, 0, 0)


def test_a_credit_code_held_by_another_enterprise_is_refused_without_writing(
    database: Database, tmp_path: Path
) -> None:
    import_enterprises(on_today(database), EXAMPLES / "enterprises.yaml")
    before = _row_counts(database)
    document = [
        {
            "id": "sz-brightway-copy",
            "name": "A copy that reuses a credit code",
            "credit_code": "91440306PT00000114",
            "region": "440306",
        },
        {"id": "new-firm", "name": "New", "credit_code": "91440305PT0000066A", "region": "440305"},
    ]
    path = tmp_path / "clash.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    with pytest.raises(InvalidRecords, match="already belongs to enterprise 'sz-led-lighting'"):
        import_enterprises(on_today(database), path)
    assert _row_counts(database) == before
