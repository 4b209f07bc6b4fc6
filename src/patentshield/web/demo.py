"""``patentshield serve --demo``: a fresh demo database, one organisation and login per role.

The demo data are loaded by running ``scripts/demo.sh`` (what ``make demo`` runs: the example
exporters, quotes, the policy PS-2026-0001, cases 337-TA-1498 and 337-TA-1501 with their
evidence, claims, invoices and payments) against a fresh SQLite database under ``var/serve/``;
then one organisation per kind and one login per role are created and printed, and the demo
records are given to their organisations (tenancy): the exporter owns the enterprises of its
region (Shenzhen), the insurer underwrites the products of the demo policies, and the
administration's region is Shenzhen's, so each login sees its own records only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from patentshield.accounts import service
from patentshield.cli.wiring import build_runtime
from patentshield.enterprises.service import assign_enterprise, list_enterprises
from patentshield.kernel.access import OrganisationKind, Role
from patentshield.kernel.config import Settings
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.runtime import Runtime
from patentshield.policies.service import list_policies

DEMO_PASSWORD = "demo-Passw0rd-2026"
"""The password of every demo login (printed; a demo database is never a real one)."""


@dataclass(frozen=True, slots=True)
class DemoLogin:
    """One login of the demo: its organisation, role and email."""

    kind: OrganisationKind
    organisation: str
    region: str | None
    role: Role
    email: str


LOGINS = (
    DemoLogin(
        OrganisationKind.EXPORTER,
        "深圳市光明LED照明有限公司",
        "440300",
        Role.EXPORTER_ADMIN,
        "exporter@demo.patentshield.cn",
    ),
    DemoLogin(
        OrganisationKind.INSURER,
        "示范财产保险股份有限公司",
        None,
        Role.UNDERWRITER,
        "underwriter@demo.patentshield.cn",
    ),
    DemoLogin(
        OrganisationKind.INSURER,
        "示范财产保险股份有限公司",
        None,
        Role.CLAIMS_HANDLER,
        "claims@demo.patentshield.cn",
    ),
    DemoLogin(
        OrganisationKind.ADMINISTRATION,
        "深圳市市场监督管理局（知识产权局）",
        "440300",
        Role.PROGRAMME_OFFICER,
        "officer@demo.patentshield.cn",
    ),
    DemoLogin(
        OrganisationKind.PLATFORM,
        "patentshield 平台",
        None,
        Role.PLATFORM_ADMIN,
        "admin@demo.patentshield.cn",
    ),
)


def demo_script() -> Path:
    """Return ``scripts/demo.sh`` of the clone the package runs from (or of the folder)."""
    for root in (Path(__file__).resolve().parents[3], Path.cwd()):
        script = root / "scripts" / "demo.sh"
        if script.is_file():
            return script
    raise InvalidInput("--demo", "scripts/demo.sh was not found; run from a clone of patentshield")


def demo_settings(folder: Path) -> Settings:
    """Return the settings of the demo under ``folder`` (its database and home)."""
    return Settings(
        database_url=f"sqlite:///{(folder / 'demo.db').resolve()}",
        home=(folder / "home").resolve(),
    )


def load_demo_data(folder: Path) -> Settings:
    """Remove any earlier demo under ``folder`` and load the demo data afresh.

    What the script prints goes to ``demo.log`` and its complaints to ``demo-errors.log``.

    Raises
    ------
    InvalidInput
        When the script fails (its status and the logs to read).
    """
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    settings = demo_settings(folder)
    command = Path(sys.executable).with_name("patentshield")
    environment = dict(os.environ)
    environment.update(
        PATENTSHIELD=str(command),
        PATENTSHIELD_DATABASE_URL=str(settings.database_url),
        PATENTSHIELD_HOME=str(settings.home),
        DEMO_OUT=str(folder.resolve()),
    )
    log, errors = folder / "demo.log", folder / "demo-errors.log"
    with log.open("wb") as out, errors.open("wb") as err:
        done = subprocess.run([str(demo_script())], env=environment, stdout=out, stderr=err)
    if done.returncode != 0:
        raise InvalidInput(
            "--demo",
            f"the demo script stopped with status {done.returncode}; see {errors} and {log}",
        )
    return settings


def create_logins(runtime: Runtime) -> list[DemoLogin]:
    """Create the organisations and logins of :data:`LOGINS` (as the operator)."""
    made: dict[str, str] = {}
    for login in LOGINS:
        if login.organisation not in made:
            organisation = service.create_organisation(
                runtime, kind=login.kind, name=login.organisation, region=login.region
            )
            made[login.organisation] = organisation.id
        service.create_user(
            runtime,
            organisation=made[login.organisation],
            email=login.email,
            role=login.role,
            password=DEMO_PASSWORD,
        )
    link_records(runtime, made)
    return list(LOGINS)


def link_records(runtime: Runtime, organisations: dict[str, str]) -> None:
    """Give the demo records to the organisations of :data:`LOGINS` (as the operator).

    An exporter owns the enterprises of its region; an insurer underwrites the products of
    the policies bound so far. ``organisations`` maps each organisation's name to its id.
    """
    products = sorted({p.terms.product_id for p in list_policies(runtime)})
    for name, organisation in organisations.items():
        login = next(item for item in LOGINS if item.organisation == name)
        if login.kind is OrganisationKind.INSURER and products:
            service.set_organisation_products(runtime, organisation, add=products)
        if login.kind is OrganisationKind.EXPORTER and login.region:
            for enterprise in list_enterprises(runtime):
                if enterprise.region.is_within(login.region.rstrip("0")):
                    assign_enterprise(runtime, enterprise.id, organisation)


def prepare_demo(folder: Path) -> tuple[Settings, list[DemoLogin]]:
    """Load the demo data under ``folder`` and create its logins; return the settings."""
    settings = load_demo_data(folder)
    return settings, create_logins(build_runtime(settings))


def logins_text(logins: list[DemoLogin]) -> str:
    """Return the demo logins as lines to print."""
    lines = [f"demo logins (password {DEMO_PASSWORD}):"]
    lines += [f"  {login.role.value:<18} {login.email}  ({login.organisation})" for login in logins]
    return "\n".join(lines)
