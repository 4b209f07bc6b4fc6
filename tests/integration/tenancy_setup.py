"""Two exporters, two insurers, one administration and the platform, with data under each.

The shared set-up of the tenancy tests: the service-level matrix
(``tests/integration/test_tenancy.py``) and the HTTP matrix, which signs the same users in
over the API. Use it as::

    from tests.integration.tenancy_setup import tenants, acting

    world = tenants(database)               # everything created by the CLI's operator
    runtime = acting(world, "member@a.cn")   # the runtime of a signed-in user
    runtime = acting(world, world.officer)   # … by name

What it creates (all users share :data:`PASSWORD`):

========================  ==============  =====================================================
organisation              kind            users (role)
========================  ==============  =====================================================
Exporter A                exporter        admin@a.cn (exporter_admin), member@a.cn
                                          (exporter_member)
Exporter B                exporter        admin@b.cn (exporter_admin)
Insurer A                 insurer         underwriter@ia.cn, claims@ia.cn — underwrites
                                          :data:`PRODUCT_A`
Insurer B                 insurer         underwriter@ib.cn, claims@ib.cn — underwrites
                                          :data:`PRODUCT_B`
Shenzhen AMR              administration  officer@sz.gov.cn (programme_officer), region 440300
Platform                  platform        admin@platform.cn (platform_admin)
========================  ==============  =====================================================

Exporter A owns ``sz-led-lighting`` (Bao'an, Shenzhen); Exporter B owns ``jn-laser-machinery``
(Jinan, Shandong). Each has a saved quote and a policy bound from it (A's of product A, B's of
product B), a case naming its enterprise as insured respondent (337-TA-1501 and 337-TA-1502),
a notified claim on it, and a submitted subsidy application on its policy (A's to the
Shenzhen programme, B's to the Shandong one). :class:`World` names every id.
"""

from __future__ import annotations

from dataclasses import dataclass

from patentshield.accounts import service as accounts
from patentshield.cases.model import Respondent
from patentshield.cases.service import open_new_case
from patentshield.claims.notice_service import notify_claim
from patentshield.enterprises.service import assign_enterprise, import_enterprises
from patentshield.kernel.access import OrganisationKind, Role
from patentshield.kernel.db import Database
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.policies.service import BindRequest, bind_policy
from patentshield.quotes.model import QuoteRequest
from patentshield.quotes.service import quote_product
from patentshield.subsidies.application_service import apply
from tests.factories import runtime_of
from tests.integration.accounts_setup import PASSWORD, signed_in
from tests.integration.case_factory import OPENED, led_case
from tests.integration.insured import EXAMPLES, NOW, QUOTE_DAY

PRODUCT_A = "illustrative-337-defence"
PRODUCT_B = "huangpu-2020-overseas-liability"
ENTERPRISE_A = "sz-led-lighting"
ENTERPRISE_B = "jn-laser-machinery"
CASE_A = "337-TA-1501"
CASE_B = "337-TA-1502"

__all__ = ["PASSWORD", "World", "acting", "tenants"]


@dataclass(frozen=True, slots=True)
class Side:
    """What one exporter holds: its enterprise, quote, policy, case, claim and application."""

    organisation: str
    enterprise: str
    quote: str
    policy: str
    case: str
    claim: str
    application: str


@dataclass(frozen=True, slots=True)
class World:
    """The operator's runtime, the users by role and each exporter's records."""

    runtime: Runtime
    a: Side
    b: Side
    exporter_admin: str = "admin@a.cn"
    exporter_member: str = "member@a.cn"
    underwriter: str = "underwriter@ia.cn"
    claims_handler: str = "claims@ia.cn"
    officer: str = "officer@sz.gov.cn"
    platform_admin: str = "admin@platform.cn"


USERS = (
    ("Exporter A", "admin@a.cn", Role.EXPORTER_ADMIN),
    ("Exporter A", "member@a.cn", Role.EXPORTER_MEMBER),
    ("Exporter B", "admin@b.cn", Role.EXPORTER_ADMIN),
    ("Insurer A", "underwriter@ia.cn", Role.UNDERWRITER),
    ("Insurer A", "claims@ia.cn", Role.CLAIMS_HANDLER),
    ("Insurer B", "underwriter@ib.cn", Role.UNDERWRITER),
    ("Insurer B", "claims@ib.cn", Role.CLAIMS_HANDLER),
    ("Shenzhen AMR", "officer@sz.gov.cn", Role.PROGRAMME_OFFICER),
    ("Platform", "admin@platform.cn", Role.PLATFORM_ADMIN),
)


def _organisations(runtime: Runtime) -> None:
    def make(kind: OrganisationKind, name: str, region: str | None = None, *products: str) -> None:
        accounts.create_organisation(
            runtime, kind=kind, name=name, region=region, products=products
        )

    make(OrganisationKind.EXPORTER, "Exporter A", "440300")
    make(OrganisationKind.EXPORTER, "Exporter B", "370100")
    make(OrganisationKind.INSURER, "Insurer A", None, PRODUCT_A)
    make(OrganisationKind.INSURER, "Insurer B", None, PRODUCT_B)
    make(OrganisationKind.ADMINISTRATION, "Shenzhen AMR", "440300")
    make(OrganisationKind.PLATFORM, "Platform")
    for organisation, email, role in USERS:
        accounts.create_user(
            runtime, organisation=organisation, email=email, role=role, password=PASSWORD
        )


def _side(
    runtime: Runtime, organisation: str, enterprise: str, product: str, case: str, programme: str
) -> Side:
    request = QuoteRequest(
        product_id=product,
        day=QUOTE_DAY,
        enterprise=enterprise,
        premium=Money.of("400000", "CNY"),
        fx_rate=None,
    )
    quote = quote_product(runtime, request)
    policy = bind_policy(runtime, BindRequest(quote_id=quote.id))
    respondents = (Respondent(enterprise, enterprise, policy.number), Respondent("Other Co"))
    open_new_case(runtime, led_case(policy.number, number=case, respondents=respondents))
    claim = notify_claim(runtime, case, enterprise, notified_on=OPENED.date())
    owner = signed_in(runtime, "admin@a.cn" if organisation == "Exporter A" else "admin@b.cn")
    application = apply(owner, programme, policy=policy.number)
    return Side(organisation, enterprise, quote.id, policy.id, case, claim.id, application.id)


def tenants(database: Database) -> World:
    """Create the organisations, users and records of both tenants; return their names."""
    runtime = runtime_of(database, now=NOW)
    _organisations(runtime)
    import_enterprises(runtime, EXAMPLES)
    assign_enterprise(runtime, ENTERPRISE_A, "Exporter A")
    assign_enterprise(runtime, ENTERPRISE_B, "Exporter B")
    a = _side(runtime, "Exporter A", ENTERPRISE_A, PRODUCT_A, CASE_A, "shenzhen")
    b = _side(runtime, "Exporter B", ENTERPRISE_B, PRODUCT_B, CASE_B, "shandong")
    return World(runtime, a, b)


def acting(world: World, email: str) -> Runtime:
    """Return the runtime of ``email`` signed in (with :data:`PASSWORD`)."""
    return signed_in(world.runtime, email)
