"""The runtime's caller: derived runtimes share everything but the caller; who the actor is."""

from datetime import UTC, datetime

from patentshield.kernel.access import Caller, OrganisationKind, Role
from patentshield.kernel.config import Settings
from patentshield.kernel.runtime import FixedClock, Reference, Runtime

CALLER = Caller("usr_1", "li.wei@led.example", "org_1", OrganisationKind.EXPORTER, Role.AUDITOR)


def runtime(**options) -> Runtime:
    opened: list[Settings] = []

    def open_database(settings: Settings):
        opened.append(settings)
        return object()

    made = Runtime(
        Settings(),
        open_database=open_database,
        clock=FixedClock(datetime(2026, 3, 1, tzinfo=UTC)),
        reference=Reference(),
        **options,
    )
    made.opened = opened  # type: ignore[attr-defined]
    return made


def test_a_derived_runtime_shares_settings_clock_reference_and_the_one_database():
    process = runtime()
    request = process.for_caller(CALLER)
    assert request.caller == CALLER and process.caller is None
    assert (request.settings, request.clock, request.reference) == (
        process.settings,
        process.clock,
        process.reference,
    )
    assert request.database is process.database
    assert len(process.opened) == 1  # type: ignore[attr-defined]


def test_the_actor_is_the_callers_email_else_the_named_operator_else_the_os_user():
    assert runtime().for_caller(CALLER).actor.name == "li.wei@led.example"
    assert runtime().for_caller(CALLER).actor.organisation_id == "org_1"
    assert runtime(operator="api:anonymous").actor.name == "api:anonymous"
    assert runtime().actor.name.startswith("cli:") and runtime().actor.organisation_id is None
