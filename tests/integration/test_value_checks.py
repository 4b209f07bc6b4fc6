"""Values no database stores faithfully are refused before the flush, the same on both."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from patentshield.kernel.db import Database
from patentshield.kernel.errors import InvalidInput
from patentshield.subsidies import store


def grant_row(**changes: object) -> store.GrantRow:
    values: dict[str, object] = {
        "id": "g-1",
        "idempotency_key": "k",
        "request_fingerprint": "f",
        "programme_id": "shenzhen",
        "programme_version": 1,
        "applicant_id": "sz-led-lighting",
        "year": 2024,
        "premium_date": date(2024, 6, 1),
        "product_type": "patent_enforcement",
        "year_cap_key": "",
        "reference": "POL-1",
        "ip_rights": "",
        "currency": "CNY",
        "premium": Decimal("1000.00"),
        "amount": Decimal("500.00"),
        "explanation": [],
        "warnings": [],
        "created_at": datetime(2024, 6, 1, tzinfo=UTC),
    }
    values.update(changes)
    return store.GrantRow(**values)


def refused(database: Database, **changes: object) -> InvalidInput:
    with pytest.raises(InvalidInput) as error, database.unit_of_work() as session:
        session.add(grant_row(**changes))
    with database.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(store.GrantRow)) == 0
    return error.value


def test_text_longer_than_its_column_names_the_column(database: Database):
    error = refused(database, reference="R" * 100_000)
    assert (error.field, error.reason) == ("reference", "is 100,000 characters long; at most 120")


def test_a_nul_character_is_refused_on_both_databases(database: Database):
    assert refused(database, reference="POL\x001").reason == "holds a NUL character"


def test_a_number_beyond_its_column_is_refused_instead_of_overflowing(database: Database):
    error = refused(database, amount=Decimal("10000000000000000.00"))
    assert error.field == "amount"
    assert "at most 16 digits before the point" in error.reason


def test_the_largest_amount_a_column_holds_is_stored_exactly(database: Database):
    largest = Decimal("9999999999999999.99")
    with database.unit_of_work() as session:
        session.add(grant_row(amount=largest))
    with database.unit_of_work() as session:
        assert session.scalar(select(store.GrantRow.amount)) == largest
