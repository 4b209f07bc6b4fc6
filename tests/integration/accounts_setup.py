"""Organisations and users shared by the accounts, audit and API tests."""

from __future__ import annotations

from patentshield.accounts import service
from patentshield.kernel.access import Caller, OrganisationKind, Role
from patentshield.kernel.runtime import Runtime

PASSWORD = "correct horse battery staple"


def organisation(runtime: Runtime, kind: OrganisationKind, name: str, region: str | None = None):
    return service.create_organisation(runtime, kind=kind, name=name, region=region)


def user(runtime: Runtime, organisation_name: str, email: str, role: Role):
    return service.create_user(
        runtime, organisation=organisation_name, email=email, role=role, password=PASSWORD
    )


def exporter_and_insurer(runtime: Runtime) -> None:
    """An exporter with an admin and a member, an insurer with a claims handler and an auditor."""
    organisation(runtime, OrganisationKind.EXPORTER, "Shenzhen LED Co", "440300")
    organisation(runtime, OrganisationKind.INSURER, "Ping An Test")
    user(runtime, "Shenzhen LED Co", "admin@led.cn", Role.EXPORTER_ADMIN)
    user(runtime, "Shenzhen LED Co", "member@led.cn", Role.EXPORTER_MEMBER)
    user(runtime, "Ping An Test", "claims@insurer.cn", Role.CLAIMS_HANDLER)
    user(runtime, "Ping An Test", "auditor@insurer.cn", Role.AUDITOR)


def signed_in(runtime: Runtime, email: str) -> Runtime:
    """The runtime of a request by ``email`` (signed in with the shared password)."""
    caller: Caller = service.authenticate(runtime, email, PASSWORD)
    return runtime.for_caller(caller)
