"""The subsidy a quote or a recommendation can count on, read against the grant ledger.

Every programme's option is evaluated against what the ledger holds (budget used, the
applicant's year caps, IP rights already subsidised), best first (:func:`best_subsidy`). Reads
only; grants are recorded by :mod:`patentshield.subsidies.service`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from patentshield.catalog.model import Product, ProductType
from patentshield.catalog.premium import Pricing
from patentshield.enterprises.model import Enterprise
from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Currency, Money
from patentshield.kernel.runtime import Runtime
from patentshield.subsidies import store
from patentshield.subsidies.caps import applicable_year_cap
from patentshield.subsidies.catalog import Programmes, programmes_on
from patentshield.subsidies.choice import SubsidyOutcome, applicant_of, best_first, choose_subsidy
from patentshield.subsidies.evaluate import evaluate
from patentshield.subsidies.model import (
    Applicant,
    Programme,
    SubsidyDecision,
    SubsidyRequest,
)
from patentshield.subsidies.service import granted_total


def _option(session: Session, programme: Programme, request: SubsidyRequest) -> SubsidyDecision:
    applicant_id = request.applicant.id
    year = request.day.year
    used = Money(store.programme_total(session, programme.id, year), Currency.CNY)
    granted = None
    if applicant_id is not None:
        key = applicable_year_cap(programme, request.product_type, request.applicant.flags).key
        granted = granted_total(session, programme.id, applicant_id, year, key)
    pairs = store.subsidised_pairs(session, programme.id, request.product_type, request.ip_rights)
    return evaluate(
        replace(
            request,
            programme=programme,
            granted_this_year=granted,
            budget_used_this_year=used,
            already_subsidised=pairs,
        )
    )


def ledger_options(
    session: Session,
    programmes: Iterable[Programme],
    *,
    day: date,
    product_type: ProductType,
    premium: Money,
    applicant: Applicant,
    base_premium: Money | None = None,
    ip_rights: Sequence[str] = (),
) -> list[SubsidyDecision]:
    """Evaluate every programme of the applicant's region in force on ``day``, best first.

    What each programme already granted the applicant this year and its budget used are read
    from the ledger in ``session`` (without locking: this is a quote, not a grant). A programme
    that pays the base premium only is reported as not eligible when ``base_premium`` is not
    given.
    """
    decisions = []
    for programme in programmes_on(day, applicant.region_code, programmes):
        request = SubsidyRequest(
            programme=programme,
            product_type=product_type,
            premium=premium,
            day=day,
            applicant=applicant,
            base_premium=base_premium,
            ip_rights=tuple(ip_rights),
        )
        try:
            decisions.append(_option(session, programme, request))
        except InvalidInput as error:
            decisions.append(_unpriced(programme, error))
    return best_first(decisions)


def subsidy_options(
    runtime: Runtime,
    *,
    day: date,
    product_type: ProductType,
    premium: Money,
    applicant: Applicant,
    base_premium: Money | None = None,
    ip_rights: Sequence[str] = (),
) -> list[SubsidyDecision]:
    """Evaluate the runtime's programmes for the applicant on ``day`` (:func:`ledger_options`)."""
    with runtime.unit_of_work() as session:
        return ledger_options(
            session,
            runtime.reference.get(Programmes),
            day=day,
            product_type=product_type,
            premium=premium,
            applicant=applicant,
            base_premium=base_premium,
            ip_rights=ip_rights,
        )


def best_subsidy(
    session: Session,
    programmes: Iterable[Programme],
    *,
    product: Product,
    pricing: Pricing,
    day: date,
    enterprise: Enterprise | None,
    region_code: str | None,
) -> SubsidyOutcome:
    """Return the subsidy to apply to ``pricing``, reading the ledger in ``session``.

    Only a CNY premium of an applicant with a region is subsidised; the choice among the
    region's programmes is :func:`~patentshield.subsidies.choice.choose_subsidy`.
    """
    decisions: list[SubsidyDecision] = []
    if region_code is not None and pricing.gross_premium.currency is Currency.CNY:
        decisions = ledger_options(
            session,
            programmes,
            day=day,
            product_type=product.product_type,
            premium=pricing.gross_premium,
            applicant=applicant_of(enterprise, region_code),
            base_premium=pricing.base_premium,
            ip_rights=enterprise.patent_numbers() if enterprise else (),
        )
    return choose_subsidy(decisions, region_code=region_code, product_type=product.product_type)


def _unpriced(programme: Programme, error: InvalidInput) -> SubsidyDecision:
    return SubsidyDecision(
        amount=Money.zero(Currency.CNY).rounded(),
        programme_id=programme.id,
        programme_version=programme.version,
        eligible=False,
        explanation=(
            f"programme {programme.id} v{programme.version}: {error.field}: {error.reason}",
        ),
        refusals=(f"{error.field}: {error.reason}",),
    )
