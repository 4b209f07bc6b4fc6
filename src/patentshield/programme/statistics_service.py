"""Use cases: white-paper statistics and subsidy uptake of the book in the database.

Both read, in one session, every policy (policies store) with its quote (quotes store: the
units it insures), its enterprise (enterprises store: region, patents), its claims account
(claims store: what was paid) and every grant of the subsidy ledger (subsidies store), turn
them into records (:class:`~patentshield.programme.statistics.PolicyRecord`,
:class:`~patentshield.programme.statistics.GrantRecord`) and hand them to the pure views.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from patentshield.catalog.loader import Catalog
from patentshield.catalog.model import InsuredUnit
from patentshield.claims.store import ClaimRepository
from patentshield.enterprises.model import Enterprise, Region
from patentshield.enterprises.regions import resolve_region
from patentshield.enterprises.store import EnterpriseRepository
from patentshield.kernel.access import Permission, require
from patentshield.kernel.errors import InvalidInput, NotFound
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Money
from patentshield.kernel.runtime import Runtime
from patentshield.kernel.tenancy import scope_of
from patentshield.policies import store as policy_store
from patentshield.policies.model import Policy, PolicyStatus, status_on
from patentshield.programme.published import published_figures
from patentshield.programme.statistics import (
    GrantRecord,
    PolicyRecord,
    parse_dimensions,
    statistics_document,
)
from patentshield.programme.uptake import uptake_document
from patentshield.quotes.store import get_quote
from patentshield.subsidies import store as subsidy_store
from patentshield.subsidies.catalog import Programmes, find_programme


def region_label(code: str) -> str:
    """Return the city (else province) name of a division code, or the code itself."""
    try:
        region = resolve_region(code.ljust(6, "0"))
    except InvalidInput:
        return code
    division = region.city or region.province
    return division.name if division is not None else code


def ip_rights(catalog: Catalog, policy: Policy, units: int, enterprise: Enterprise | None) -> int:
    """Return the IP rights a policy covers: its patents, or the enterprise's (J)."""
    try:
        product = catalog.get(policy.terms.product_id, version=policy.terms.product_version)
    except NotFound:
        product = None
    if product is not None and product.insured_unit is InsuredUnit.PER_PATENT:
        return units
    if product is not None and product.insured_unit is InsuredUnit.PATENT_PACKAGE:
        return units * (product.package_size or 1)
    return max(1, len(enterprise.patents)) if enterprise is not None else 1


def _policy_records(runtime: Runtime, session: Session, day: date) -> list[PolicyRecord]:
    catalog = runtime.reference.get(Catalog)
    enterprises = {str(e.id): e for e in EnterpriseRepository(session).list_all()}
    policies = policy_store.list_policies(session, scope=scope_of(runtime.caller), book=True)
    renewed = {p.renews for p in policies if p.renews}
    claims = ClaimRepository(session)
    records = []
    for policy in policies:
        enterprise = enterprises.get(policy.enterprise_id)
        account = claims.account(policy.number)
        zero = Money.zero(policy.gross_premium.currency)
        units = get_quote(session, policy.quote_id).units
        records.append(
            PolicyRecord(
                id=policy.id,
                enterprise_id=policy.enterprise_id,
                region=region_label(enterprise.region.code) if enterprise else "unknown",
                year=policy.period_start.year,
                product_type=policy.terms.product_type.value,
                gross=policy.gross_premium,
                subsidy=policy.subsidy,
                sum_insured=policy.terms.aggregate_limit,
                ip_rights=ip_rights(catalog, policy, units, enterprise),
                claims_paid=account.paid if account is not None else zero,
                ended=min(policy.period_end, policy.cancelled_on or date.max) <= day,
                renewed=policy.id in renewed,
            )
        )
    return records


def _grant_records(runtime: Runtime, session: Session) -> list[GrantRecord]:
    programmes = runtime.reference.get(Programmes)
    enterprises = {str(e.id): e for e in EnterpriseRepository(session).list_all()}
    records = []
    for grant in subsidy_store.list_grants(session, scope=scope_of(runtime.caller)):
        enterprise = enterprises.get(grant.applicant_id)
        if enterprise is not None:
            code = enterprise.region.code
        else:
            code = find_programme(grant.programme_id, grant.day, programmes).region_code
        records.append(
            GrantRecord(region_label(code), grant.year, grant.product_type.value, grant.amount)
        )
    return records


def _records(runtime: Runtime, day: date) -> tuple[list[PolicyRecord], list[GrantRecord]]:
    """Return the records of the caller's book: its policies (an administration's region's)."""
    require(runtime.caller, Permission.PROGRAMME_READ)
    with runtime.unit_of_work() as session:
        return _policy_records(runtime, session, day), _grant_records(runtime, session)


def book_statistics(
    runtime: Runtime, *, by: Sequence[str] = (), day: date | None = None
) -> dict[str, JsonValue]:
    """Return the white-paper statistics of the book, with the published figures beside."""
    require(runtime.caller, Permission.PROGRAMME_READ)
    dimensions = parse_dimensions(by)
    evaluation = day or runtime.clock.today()
    policies, grants = _records(runtime, evaluation)
    published = published_figures()
    return statistics_document(policies, grants, dimensions, published, day=evaluation.isoformat())


def subsidy_uptake(
    runtime: Runtime, *, by: Sequence[str] = (), day: date | None = None
) -> dict[str, JsonValue]:
    """Return subsidy dependence, self-paid take-up and renewal of the book."""
    require(runtime.caller, Permission.PROGRAMME_READ)
    dimensions = parse_dimensions(by)
    evaluation = day or runtime.clock.today()
    policies, grants = _records(runtime, evaluation)
    return uptake_document(policies, grants, dimensions, day=evaluation.isoformat())


def insured_firms_by_region(
    runtime: Runtime, *, day: date | None = None
) -> list[tuple[Region, int]]:
    """Return how many enterprises hold a policy in force on ``day``, per enterprise region.

    Most firms first. An administration sees this count, not the policies behind it.
    """
    require(runtime.caller, Permission.PROGRAMME_READ)
    evaluation = day or runtime.clock.today()
    firms: dict[Region, set[str]] = {}
    with runtime.unit_of_work() as session:
        enterprises = {str(e.id): e for e in EnterpriseRepository(session).list_all()}
        for policy in policy_store.list_policies(session):
            enterprise = enterprises.get(policy.enterprise_id)
            if enterprise is None or status_on(policy, evaluation) is not PolicyStatus.IN_FORCE:
                continue
            firms.setdefault(enterprise.region, set()).add(policy.enterprise_id)
    counts = [(region, len(ids)) for region, ids in firms.items()]
    return sorted(counts, key=lambda item: (-item[1], item[0].code))
