"""Tenancy at the service level: every capability × role × own or other tenant.

The set-up (:mod:`tests.integration.tenancy_setup`) gives each of two exporters a quote, a
policy, a case, a claim and a subsidy application. Each user of each kind of organisation reads
its own tenant's record and the other tenant's: the answer is the record, "not found" (another
tenant's record, exactly as a missing id: 404 over HTTP) or "forbidden" (a record it sees but
its role may not act on: 403).
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from patentshield import migrations
from patentshield.cases.evidence import list_evidence
from patentshield.cases.service import list_cases, show_case
from patentshield.claims.adjudication_service import adjudicate_claim
from patentshield.claims.notice_service import notify_claim
from patentshield.claims.view_service import list_claims, show_claim
from patentshield.enterprises.credit_code import check_character
from patentshield.enterprises.service import (
    assign_enterprise,
    enterprise_owner,
    enterprise_profile,
    import_enterprises,
    list_enterprises,
)
from patentshield.kernel.errors import Forbidden, InvalidRecords, NotFound
from patentshield.kernel.runtime import Runtime
from patentshield.policies.service import cancel_policy, get_policy, list_policies
from patentshield.programme.statistics_service import book_statistics
from patentshield.quotes.service import saved_quote, saved_quotes
from patentshield.subsidies.application_service import application, applications, decide
from patentshield.subsidies.service import list_grants
from tests.factories import runtime_of
from tests.integration.case_factory import OPENED
from tests.integration.insured import EXAMPLES, QUOTE_DAY
from tests.integration.tenancy_setup import (
    CASE_A,
    CASE_B,
    ENTERPRISE_A,
    ENTERPRISE_B,
    Side,
    World,
    acting,
    tenants,
)

SEEN, NOT_FOUND, FORBIDDEN = "seen", "not found", "forbidden"

READS: dict[str, Callable[[Runtime, Side], object]] = {
    "enterprise": lambda runtime, side: enterprise_profile(runtime, side.enterprise),
    "quote": lambda runtime, side: saved_quote(runtime, side.quote),
    "policy": lambda runtime, side: get_policy(runtime, side.policy),
    "case": lambda runtime, side: show_case(runtime, side.case),
    "evidence": lambda runtime, side: list_evidence(runtime, side.case),
    "claim": lambda runtime, side: show_claim(runtime, side.claim),
    "application": lambda runtime, side: application(runtime, side.application),
}

ALL_OWN = {capability: (SEEN, NOT_FOUND) for capability in READS}

EXPECTED: dict[str, dict[str, tuple[str, str]]] = {
    "admin@a.cn": ALL_OWN,
    "member@a.cn": ALL_OWN,
    "underwriter@ia.cn": {**ALL_OWN, "evidence": (FORBIDDEN, NOT_FOUND)},
    "claims@ia.cn": {**ALL_OWN, "application": (FORBIDDEN, NOT_FOUND)},
    "officer@sz.gov.cn": {
        **{capability: (NOT_FOUND, NOT_FOUND) for capability in READS},
        "enterprise": (SEEN, NOT_FOUND),
        "application": (SEEN, NOT_FOUND),
    },
    "admin@platform.cn": {capability: (SEEN, SEEN) for capability in READS},
}
"""For each user, each capability: the answer on its own tenant's record and on the other's."""


def outcome(read: Callable[[], object]) -> str:
    try:
        read()
    except NotFound:
        return NOT_FOUND
    except Forbidden:
        return FORBIDDEN
    return SEEN


@pytest.fixture
def world(database) -> World:
    return tenants(database)


def answers(world: World, email: str) -> dict[str, tuple[str, str]]:
    """Return, for each capability, what ``email`` gets on tenant A's record and on B's."""
    runtime = acting(world, email)
    return {
        capability: (
            outcome(lambda: read(runtime, world.a)),  # noqa: B023 - called at once
            outcome(lambda: read(runtime, world.b)),  # noqa: B023 - called at once
        )
        for capability, read in READS.items()
    }


def test_every_capability_answers_each_role_its_own_records_and_hides_the_other_tenants(world):
    assert {email: answers(world, email) for email in EXPECTED} == EXPECTED


def test_a_record_of_another_tenant_is_not_found_with_the_message_of_a_missing_id(world):
    member = acting(world, "member@a.cn")
    with pytest.raises(NotFound) as other:
        saved_quote(member, world.b.quote)
    with pytest.raises(NotFound) as missing:
        saved_quote(member, "q-000000000000")
    assert str(other.value).replace(world.b.quote, "ID") == str(missing.value).replace(
        "q-000000000000", "ID"
    )


def ids(items: object) -> set[str]:
    return {str(getattr(item, "id", item)) for item in items}  # type: ignore[attr-defined]


def test_lists_hold_only_the_records_each_caller_sees(world):
    exporter, underwriter = acting(world, "admin@a.cn"), acting(world, "underwriter@ia.cn")
    officer, platform = acting(world, "officer@sz.gov.cn"), acting(world, "admin@platform.cn")
    assert ids(list_enterprises(exporter)) == ids(list_enterprises(underwriter)) == {ENTERPRISE_A}
    assert ids(list_enterprises(officer)) == {ENTERPRISE_A}  # Bao'an lies inside Shenzhen
    assert len(list_enterprises(platform)) == 5
    assert ids(saved_quotes(exporter)) == ids(saved_quotes(underwriter)) == {world.a.quote}
    assert ids(list_policies(exporter)) == ids(list_policies(underwriter)) == {world.a.policy}
    assert [case.number for case in list_cases(underwriter)] == [CASE_A]
    assert [view.claim.id for view in list_claims(exporter)] == [world.a.claim]
    assert ids(applications(exporter)) == ids(applications(officer)) == {world.a.application}
    assert ids(applications(acting(world, "admin@b.cn"))) == {world.b.application}
    assert ids(applications(platform)) == {world.a.application, world.b.application}
    assert {case.number for case in list_cases(platform)} == {CASE_A, CASE_B}


def test_an_administration_lists_no_quotes_policies_or_cases(world):
    officer = acting(world, "officer@sz.gov.cn")
    for listing in (saved_quotes, list_policies, list_cases):
        with pytest.raises(Forbidden):
            listing(officer)


def test_a_role_acting_on_a_record_it_sees_but_may_not_touch_is_forbidden(world):
    member, handler = acting(world, "member@a.cn"), acting(world, "claims@ia.cn")
    with pytest.raises(Forbidden):
        adjudicate_claim(member, world.a.claim, day=OPENED.date())
    with pytest.raises(NotFound):
        adjudicate_claim(handler, world.b.claim, day=OPENED.date())
    with pytest.raises(Forbidden):
        decide(member, world.a.application, approve=True, idempotency_key="k")
    with pytest.raises(NotFound):
        decide(
            acting(world, "officer@sz.gov.cn"),
            world.b.application,
            approve=True,
            idempotency_key="k",
        )
    with pytest.raises(Forbidden):
        cancel_policy(member, world.a.policy, day=QUOTE_DAY, reason="moved")
    with pytest.raises(NotFound):
        cancel_policy(
            acting(world, "underwriter@ia.cn"), world.b.policy, day=QUOTE_DAY, reason="moved"
        )
    with pytest.raises(NotFound):
        notify_claim(acting(world, "admin@b.cn"), CASE_A, ENTERPRISE_A, notified_on=QUOTE_DAY)


def test_grants_are_seen_with_their_applicant_enterprise(world):
    officer = acting(world, "officer@sz.gov.cn")
    decide(officer, world.a.application, approve=True, idempotency_key="approve-a")
    assert len(list_grants(acting(world, "member@a.cn"))) == 1
    assert len(list_grants(officer)) == 1
    assert list_grants(acting(world, "admin@b.cn")) == []
    assert len(list_grants(world.runtime)) == 1


def test_programme_statistics_read_only_the_callers_book(world):
    def policies(email: str) -> int:
        document: Any = book_statistics(acting(world, email))
        (total,) = [row for row in document["rows"] if row["region"] == "all"]
        return int(total["policies"])

    assert policies("underwriter@ia.cn") == 1
    assert policies("underwriter@ib.cn") == 1
    assert policies("officer@sz.gov.cn") == 1  # the Shenzhen policy, as an aggregate
    assert policies("admin@platform.cn") == 2


def test_an_exporter_owns_the_enterprises_it_imports_and_cannot_overwrite_another_tenants(
    world, tmp_path: Path
):
    exporter_b = acting(world, "admin@b.cn")
    text = EXAMPLES.read_text(encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(text.replace("dg-vape-devices", "b-vape-devices"), encoding="utf-8")
    with pytest.raises(InvalidRecords):  # the file also names A's sz-led-lighting
        import_enterprises(exporter_b, mine)
    assert enterprise_owner(world.runtime, ENTERPRISE_A) is not None
    assert ids(list_enterprises(exporter_b)) == {ENTERPRISE_B}


def test_an_exporter_owns_a_new_enterprise_it_imports_and_no_one_else_sees_it(world, tmp_path):
    first17 = "914403005" + "12345678"
    profile = tmp_path / "new.yaml"
    profile.write_text(
        "enterprises:\n"
        "  - id: a-new-maker\n"
        "    name: A New Maker Co., Ltd.\n"
        f"    credit_code: {first17 + check_character(first17)}\n"
        '    region: "440305"\n'
        "    industries: [led_lighting]\n"
        "    product_classes:\n"
        '      - {name: LED lamps, hts: ["9405.42"], annual_us_sales_usd: "1000000"}\n',
        encoding="utf-8",
    )
    exporter = acting(world, "member@a.cn")
    import_enterprises(exporter, profile)
    assert ids(list_enterprises(exporter)) == {ENTERPRISE_A, "a-new-maker"}
    with pytest.raises(NotFound):
        enterprise_profile(acting(world, "admin@b.cn"), "a-new-maker")
    assert enterprise_owner(world.runtime, "a-new-maker") == enterprise_owner(
        world.runtime, ENTERPRISE_A
    )


def test_only_the_platform_gives_an_enterprise_to_an_organisation(world):
    with pytest.raises(Forbidden):
        assign_enterprise(acting(world, "admin@a.cn"), ENTERPRISE_A, "Exporter B")
    assign_enterprise(acting(world, "admin@platform.cn"), ENTERPRISE_A, "Exporter B")
    assert ids(list_enterprises(acting(world, "admin@b.cn"))) == {ENTERPRISE_A, ENTERPRISE_B}
    assert list_enterprises(acting(world, "admin@a.cn")) == ()


def child_rows(database) -> dict[str, int]:
    tables = ("enterprise_industries", "enterprise_flags", "enterprise_patents")
    with database.engine.connect() as connection:
        return {
            t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables
        }


def test_migration_0017_keeps_every_profiles_industries_flags_and_patents_both_ways(database):
    import_enterprises(runtime_of(database), EXAMPLES)
    before = child_rows(database)
    assert all(before.values())
    migrations.downgrade(database.engine, "0016")
    assert child_rows(database) == before
    migrations.upgrade(database.engine)
    assert child_rows(database) == before
    assert len(list_enterprises(runtime_of(database))) == 5
