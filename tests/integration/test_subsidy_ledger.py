"""The subsidy grant ledger on SQLite and PostgreSQL: totals, caps, idempotency, IP rights."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from patentshield import migrations
from patentshield.catalog.model import ProductType
from patentshield.kernel.db import Base, Database
from patentshield.kernel.errors import Conflict, RuleViolation
from patentshield.kernel.runtime import Runtime
from patentshield.subsidies import options_service, service, store
from patentshield.subsidies.model import Applicant, GrantRequest, parse_cny
from tests.factories import register_enterprises, runtime_of

DAY = date(2024, 6, 1)
SHENZHEN_FIRM = Applicant(
    id="sz-led-lighting", region_code="440306", industries=frozenset({"shenzhen_strategic"})
)


@pytest.fixture(autouse=True)
def registered_applicants(database: Database) -> None:
    """The applicants of these grants are enterprises of the register (a cap is theirs)."""
    runtime = runtime_of(database)
    register_enterprises(runtime, ["sz-led-lighting"], region="440306")
    register_enterprises(runtime, ["dg-outsider"], region="441900")
    register_enterprises(runtime, ["bj-sensing"], region="110108")
    register_enterprises(runtime, ["jinan-machinery"], region="370112", industries=())


def shenzhen_request(premium: str, reference: str = "POL-1", **changes: object) -> GrantRequest:
    request = GrantRequest(
        programme_id="shenzhen",
        applicant=SHENZHEN_FIRM,
        product_type=ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY,
        premium=parse_cny(premium, field="premium"),
        day=DAY,
        reference=reference,
    )
    return replace(request, **changes)  # type: ignore[arg-type]


def grant_count(database: Database) -> int:
    with database.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(store.GrantRow)) or 0


def totals(database: Database) -> tuple[Decimal, Decimal, Decimal]:
    """Return (sum of grants, programme account total, sum of applicant account totals)."""
    with database.unit_of_work() as session:
        ledger, programme, applicants = (
            session.execute(select(func.coalesce(func.sum(column), 0))).scalar_one()
            for column in (
                store.GrantRow.amount,
                store.ProgrammeAccountRow.granted_total,
                store.ApplicantAccountRow.granted_total,
            )
        )
    return Decimal(ledger), Decimal(programme), Decimal(applicants)


def test_grants_reproduce_the_shenzhen_cap_across_one_year(runtime: Runtime):
    first = service.grant_subsidy(runtime, shenzhen_request("360000"), idempotency_key="k1")
    second = service.grant_subsidy(
        runtime, shenzhen_request("100000", "POL-2"), idempotency_key="k2"
    )
    assert first.amount.amount == Decimal("180000.00")
    assert second.amount.amount == Decimal("20000.00")
    granted = service.granted_this_year(runtime, "shenzhen", "sz-led-lighting", 2024)
    assert granted.amount == Decimal("200000.00")
    assert totals(runtime.database) == (Decimal("200000.00"),) * 3


def test_a_grant_is_read_back_with_its_trace(runtime: Runtime):
    made = service.grant_subsidy(
        runtime, shenzhen_request("100000", ip_rights=("CN201", "US1")), idempotency_key="k"
    )
    (listed,) = service.list_grants(runtime, programme_id="shenzhen")
    assert listed == made
    assert listed.ip_rights == ("CN201", "US1")
    assert listed.explanation[-1] == "subsidy CNY 50,000.00"
    assert listed.created_at.tzinfo is not None


def test_a_cap_used_up_grants_nothing_and_writes_nothing(runtime: Runtime):
    service.grant_subsidy(runtime, shenzhen_request("400000"), idempotency_key="k1")
    with pytest.raises(RuleViolation) as error:
        service.grant_subsidy(runtime, shenzhen_request("1000", "POL-2"), idempotency_key="k2")
    assert "cap" in error.value.message
    assert grant_count(runtime.database) == 1
    assert totals(runtime.database) == (Decimal("200000.00"),) * 3


def test_an_ineligible_request_is_refused_with_its_reason(runtime: Runtime):
    outsider = Applicant(id="dg-outsider")
    with pytest.raises(RuleViolation) as error:
        service.grant_subsidy(
            runtime, shenzhen_request("1000", applicant=outsider), idempotency_key="k"
        )
    assert "region 441900 is not within 4403" in error.value.message
    assert grant_count(runtime.database) == 0
    with runtime.database.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(store.ApplicantAccountRow)) == 0


def test_a_programme_without_a_published_rate_grants_nothing_and_says_why(runtime: Runtime):
    beijing = Applicant(id="bj-sensing", region_code="110108")
    request = GrantRequest(
        programme_id="beijing-2012-premium-fund",
        applicant=beijing,
        product_type=ProductType.PATENT_ENFORCEMENT,
        premium=parse_cny("6000", field="premium"),
        day=date(2015, 6, 1),
        reference="POL-BJ",
    )
    with pytest.raises(RuleViolation) as error:
        service.grant_subsidy(runtime, request, idempotency_key="bj")
    assert "rate not published: no source shows the programme's rate" in error.value.message
    assert grant_count(runtime.database) == 0


def test_the_same_idempotency_key_returns_the_grant_already_made(runtime: Runtime):
    first = service.grant_subsidy(runtime, shenzhen_request("100000"), idempotency_key="k")
    again = service.grant_subsidy(runtime, shenzhen_request("100000"), idempotency_key="k")
    assert again == first
    assert grant_count(runtime.database) == 1
    assert totals(runtime.database) == (Decimal("50000.00"),) * 3


def test_the_same_key_for_a_different_request_is_a_conflict(runtime: Runtime):
    service.grant_subsidy(runtime, shenzhen_request("100000"), idempotency_key="k")
    with pytest.raises(Conflict) as error:
        service.grant_subsidy(runtime, shenzhen_request("90000"), idempotency_key="k")
    assert error.value.field == "idempotency_key"
    assert grant_count(runtime.database) == 1


def test_an_ip_right_is_subsidised_once_per_product_type(runtime: Runtime):
    rights = ("CN1", "CN2")
    service.grant_subsidy(runtime, shenzhen_request("10000", ip_rights=rights), idempotency_key="a")
    with pytest.raises(RuleViolation):
        service.grant_subsidy(
            runtime, shenzhen_request("10000", "POL-2", ip_rights=rights), idempotency_key="b"
        )
    partly = service.grant_subsidy(
        runtime, shenzhen_request("10000", "POL-3", ip_rights=("CN2", "CN3")), idempotency_key="c"
    )
    other_type = service.grant_subsidy(
        runtime,
        shenzhen_request(
            "10000", "POL-4", ip_rights=rights, product_type=ProductType.PATENT_ENFORCEMENT
        ),
        idempotency_key="d",
    )
    assert partly.amount.amount == Decimal("2500.00")  # CN3 only: 50 % × 10,000 / 2
    assert other_type.amount.amount == Decimal("5000.00")


def test_shandong_keeps_separate_yearly_totals_by_product_type(runtime: Runtime):
    firm = Applicant(id="jinan-machinery", region_code="370112", flags=frozenset())
    base = GrantRequest(
        programme_id="shandong",
        applicant=firm,
        product_type=ProductType.PATENT_ENFORCEMENT,
        premium=parse_cny("1000000", field="premium"),
        day=DAY,
        reference="SD-1",
    )
    enforcement = service.grant_subsidy(runtime, base, idempotency_key="sd-1")
    overseas = service.grant_subsidy(
        runtime,
        replace(
            base, product_type=ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY, reference="SD-2"
        ),
        idempotency_key="sd-2",
    )
    assert (enforcement.amount.amount, overseas.amount.amount) == (
        Decimal("200000.00"),
        Decimal("400000.00"),
    )
    assert (enforcement.year_cap_key, overseas.year_cap_key) == (
        "enforcement_loss",
        "overseas_liability",
    )
    total = service.granted_this_year(runtime, "shandong", "jinan-machinery", 2024)
    enforcement_only = service.granted_this_year(
        runtime, "shandong", "jinan-machinery", 2024, "enforcement_loss"
    )
    assert (total.amount, enforcement_only.amount) == (Decimal("600000.00"), Decimal("200000.00"))


def test_grants_are_listed_by_programme_applicant_and_year(runtime: Runtime):
    service.grant_subsidy(runtime, shenzhen_request("1000"), idempotency_key="a")
    service.grant_subsidy(
        runtime, shenzhen_request("1000", "P2", day=date(2025, 2, 1)), idempotency_key="b"
    )
    assert len(service.list_grants(runtime, applicant_id="sz-led-lighting")) == 2
    assert [g.year for g in service.list_grants(runtime, year=2025)] == [2025]
    assert service.list_grants(runtime, programme_id="wuxi") == []


def test_subsidy_options_read_the_ledger_and_put_the_best_first(runtime: Runtime):
    service.grant_subsidy(runtime, shenzhen_request("360000"), idempotency_key="k1")
    options = options_service.subsidy_options(
        runtime,
        day=DAY,
        product_type=ProductType.OVERSEAS_IP_INFRINGEMENT_LIABILITY,
        premium=parse_cny("100000", field="premium"),
        applicant=SHENZHEN_FIRM,
    )
    assert [(o.programme_id, o.amount.amount) for o in options] == [
        ("shenzhen", Decimal("20000.00"))
    ]


def test_the_migration_creates_exactly_the_tables_the_store_maps(database: Database):
    subsidy_tables = {name for name in Base.metadata.tables if name.startswith("subsidy_")}
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        present = set(inspect(connection).get_table_names())
    ours = [d for d in differences if any(name in repr(d) for name in subsidy_tables)]
    assert ours == []
    assert subsidy_tables <= present


def test_the_migration_downgrades_and_upgrades_again(database: Database):
    migrations.downgrade(database.engine, "0001")
    with database.engine.connect() as connection:
        assert not any(t.startswith("subsidy_") for t in inspect(connection).get_table_names())
    migrations.upgrade(database.engine)
    service.grant_subsidy(runtime_of(database), shenzhen_request("1000"), idempotency_key="after")
    assert grant_count(database) == 1
