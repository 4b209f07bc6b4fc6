"""Schemathesis over the whole OpenAPI schema: no server error, every answer as documented.

Every operation of ``/api/v1/openapi.json`` gets generated requests (valid bodies, queries and
path parameters; random ids mostly answer 404) from a signed-in platform administrator, on a
SQLite database holding the example exporters, a bound policy, a case and a notified claim. The
checks are Schemathesis's: no 5xx, and the body of every answer matches the schema of its
status and media type (errors: the problem document). ``PATENTSHIELD_SCHEMA_EXAMPLES`` (default
20) bounds the examples per operation, so the run stays within two minutes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.errors import InvalidSchema
from schemathesis.core.result import Err, Ok
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from patentshield import migrations
from patentshield.api.app import create_app
from patentshield.kernel.db import Database, create_engine_for
from tests.e2e.api_setup import (
    PLATFORM,
    api_runtime,
    client_of,
    examples_imported,
    notified_claim,
    token,
)

EXAMPLES = int(os.environ.get("PATENTSHIELD_SCHEMA_EXAMPLES", "20"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def seeded(tmp_path: Path):
    engine = create_engine_for(f"sqlite:///{tmp_path / 'schema.db'}")
    migrations.upgrade(engine)
    database = Database(engine)
    runtime = api_runtime(database, tmp_path)
    examples_imported(runtime)
    headers = token(runtime, PLATFORM)
    notified_claim(client_of(runtime), headers)
    yield runtime, headers
    database.dispose()


def operation_of(result: Ok[APIOperation] | Err[InvalidSchema]) -> APIOperation:
    """Return the operation schemathesis loaded, or raise why it could not load it."""
    if isinstance(result, Err):
        raise result.err()
    return result.ok()


def test_every_operation_answers_as_its_schema_says_and_never_with_a_server_error(seeded):
    runtime, headers = seeded
    schema = schemathesis.openapi.from_asgi(
        "/api/v1/openapi.json", create_app(runtime.settings, runtime=runtime)
    )
    operations = [operation_of(result) for result in schema.get_all_operations()]
    assert len(operations) > 50
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def exercise(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            exercise()
        except Exception as error:  # noqa: BLE001 - collect every operation's failure
            failures.append(f"{operation.label}: {str(error)[:2000]}")
    assert failures == [], "\n\n".join(failures)


def test_generated_bodies_reach_the_services_not_only_the_validator(seeded):
    runtime, headers = seeded
    schema = schemathesis.openapi.from_asgi(
        "/api/v1/openapi.json", create_app(runtime.settings, runtime=runtime)
    )
    operation = schema["/api/v1/procedure/deadline"]["POST"]
    statuses: list[int] = []

    @given(case=operation.as_strategy(), extra=st.none())
    @settings(max_examples=20, deadline=None, derandomize=True, database=None)
    def exercise(case: schemathesis.Case, extra: None) -> None:
        statuses.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

    exercise()
    assert 200 in statuses
