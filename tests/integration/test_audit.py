"""The audit chain on SQLite and PostgreSQL: recorded by itself, tamper-evident, never forked."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import text

from patentshield.accounts import service
from patentshield.accounts.store import OrganisationRow
from patentshield.accounts.token_service import create_token
from patentshield.audit import store
from patentshield.audit.chain import Problem
from patentshield.audit.service import list_entries, verify_chain
from patentshield.kernel.access import Role
from patentshield.kernel.db import Database, insert_if_missing
from tests.factories import NOW, runtime_of
from tests.integration.accounts_setup import exporter_and_insurer, signed_in


def broker(identifier: str) -> OrganisationRow:
    name = identifier.removeprefix("org_")
    return OrganisationRow(id=identifier, kind="broker", name=name, name_key=name, created_at=NOW)


def entries(runtime):
    with runtime.database.unit_of_work() as session:
        return list(store.iter_entries(session))


def execute(database: Database, sql: str, **params) -> None:
    with database.engine.begin() as connection:
        connection.execute(text(sql), params)


def test_every_insert_and_update_is_recorded_with_its_actor_and_organisation(runtime):
    exporter_and_insurer(runtime)
    admin = signed_in(runtime, "admin@led.cn")
    service.create_user(
        admin,
        organisation="Shenzhen LED Co",
        email="new@led.cn",
        role=Role.EXPORTER_MEMBER,
        password="a long enough password",
    )
    found = entries(runtime)
    assert [e.change.object_type for e in found[:2]] == ["organisations", "organisations"]
    assert found[0].change.actor.startswith("cli:")
    assert found[0].change.at == NOW
    last = found[-1].change
    assert (last.actor, last.action.value, last.object_type) == ("admin@led.cn", "insert", "users")
    assert admin.caller is not None
    assert last.organisation_id == admin.caller.organisation_id
    assert verify_chain(runtime).is_intact


def test_a_change_of_the_time_of_last_login_alone_is_not_recorded(runtime):
    exporter_and_insurer(runtime)
    before = len(entries(runtime))
    signed_in(runtime, "admin@led.cn")
    assert len(entries(runtime)) == before


def test_a_delete_is_recorded_and_a_rolled_back_change_is_not(runtime):
    exporter_and_insurer(runtime)
    before = len(entries(runtime))
    with pytest.raises(RuntimeError), runtime.unit_of_work() as session:
        session.add(broker("org_x"))
        session.flush()
        raise RuntimeError("abandon")
    with runtime.unit_of_work() as session:
        session.add(broker("org_y"))
    with runtime.unit_of_work() as session:
        session.delete(session.get(OrganisationRow, "org_y"))
    actions = [(e.change.action.value, e.change.object_id) for e in entries(runtime)[before:]]
    assert actions == [("insert", "org_y"), ("delete", "org_y")]


def test_a_change_inside_a_rolled_back_savepoint_is_not_recorded(runtime):
    with runtime.unit_of_work() as session:
        session.add(broker("org_a"))
        savepoint = session.begin_nested()
        session.add(broker("org_b"))
        session.flush()
        savepoint.rollback()
    assert [e.change.object_id for e in entries(runtime)] == ["org_a"]


@pytest.fixture
def chain(runtime):
    exporter_and_insurer(runtime)
    assert len(entries(runtime)) == 6
    return runtime


def test_verify_finds_an_edited_entry(chain):
    execute(chain.database, "UPDATE audit_entries SET actor = 'mallory' WHERE sequence = 3")
    report = verify_chain(chain)
    assert report.breach is not None
    assert (report.breach.sequence, report.breach.problem) == (3, Problem.CHANGED)


def test_verify_finds_a_deleted_entry(chain):
    execute(chain.database, "DELETE FROM audit_entries WHERE sequence = 4")
    report = verify_chain(chain)
    assert report.breach is not None
    assert (report.breach.sequence, report.breach.problem) == (4, Problem.DELETED)


def test_verify_finds_an_inserted_entry(chain):
    execute(
        chain.database,
        "INSERT INTO audit_entries (sequence, at, actor, organisation_id, action, object_type,"
        " object_id, digest, previous, hash) SELECT 7, at, actor, organisation_id, action,"
        " object_type, 'forged', digest, hash, hash FROM audit_entries WHERE sequence = 6",
    )
    report = verify_chain(chain)
    assert report.breach is not None
    assert (report.breach.sequence, report.breach.problem) == (7, Problem.INSERTED)


def test_an_auditor_lists_only_its_own_organisations_entries(chain):
    auditor = signed_in(chain, "auditor@insurer.cn")
    handler = signed_in(chain, "claims@insurer.cn")
    create_token(handler, expires_at=NOW + timedelta(days=1))
    create_token(signed_in(chain, "admin@led.cn"), expires_at=NOW + timedelta(days=1))
    seen = list_entries(auditor)
    assert [(e.change.actor, e.change.object_type) for e in seen] == [
        ("claims@insurer.cn", "api_tokens")
    ]
    assert len(list_entries(chain)) == 8


def test_sixteen_concurrent_writers_leave_one_intact_chain(database):
    runtime = runtime_of(database)
    errors: list[BaseException] = []
    start = threading.Barrier(16)

    def write(n: int) -> None:
        try:
            start.wait()
            for k in range(3):
                with runtime.unit_of_work() as session:
                    session.add(broker(f"org_{n}_{k}"))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = verify_chain(runtime)
    assert report.is_intact and report.count == 48 == report.head.sequence


def test_a_bulk_insert_is_recorded_only_when_it_inserted_a_row(runtime):
    values = {"id": "org_z", "kind": "broker", "name": "Z", "name_key": "z", "created_at": NOW}
    for _ in range(2):
        with runtime.unit_of_work() as session:
            insert_if_missing(session, OrganisationRow, values)
    found = [(e.change.action.value, e.change.object_id) for e in entries(runtime)]
    assert found == [("insert", "org_z")]
