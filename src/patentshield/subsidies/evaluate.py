"""Evaluate a subsidy programme for one policy: eligibility, amount, caps, and the trace.

Order (STYLE.md rule 11, DOMAIN.md §4.3):

1. eligibility — date, region, product type, industry, required and excluded flags, minimum
   premium, no double subsidy across granting bodies, IP rights already subsidised for this
   product type. Every check is run and written to the trace; a fact the caller did not give
   is *assumed* to hold ("assumed eligible: …") rather than refused. IP rights already
   subsidised for the product type are *excluded* from the basis, pro rata by count (the
   premium per right is not known); only when every right was subsidised is the policy refused.
2. amount = (rate + the largest matching uplift, at most 100 %) × basis (premium or base
   premium) × share of rights not yet subsidised; zero, with a warning, if no rate is published.
3. caps — per policy; per applicant and year, less what was granted this year (never below
   zero); programme budget left this year; the premium less what other bodies paid.
4. round once, to the fen (``Money.rounded``).

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from patentshield.kernel.errors import InvalidInput
from patentshield.kernel.money import Currency, Money, money_max, money_sum
from patentshield.subsidies.caps import CapChoice, applicable_year_cap
from patentshield.subsidies.model import (
    RATE_NOT_PUBLISHED,
    Basis,
    Programme,
    SubsidyDecision,
    SubsidyRequest,
)

ASSUMED = "assumed eligible"
HUNDRED = Decimal(100)
ZERO = Money.zero(Currency.CNY)


@dataclass(frozen=True, slots=True)
class Check:
    """One eligibility check: whether it passed and what the trace says about it."""

    passed: bool
    text: str

    @property
    def assumed(self) -> bool:
        """Tell whether the check passed only because the fact was not given."""
        return self.text.startswith(ASSUMED)


def percent(share: Decimal) -> str:
    """Format a share as a percentage: ``percent(Decimal("0.5"))`` gives ``'50 %'``."""
    return f"{(share * HUNDRED).normalize():f} %"


# --- eligibility ---------------------------------------------------------------------------


def _date_check(request: SubsidyRequest) -> Check:
    programme = request.programme
    inside = programme.is_valid_on(request.day)
    verb = "is within" if inside else "is outside"
    return Check(
        inside, f"date {request.day} {verb} the programme period {programme.describe_period()}"
    )


def _region_check(request: SubsidyRequest) -> Check:
    prefix = request.programme.region_code
    code = request.applicant.region_code
    if code is None:
        return Check(True, f"{ASSUMED}: region (not given; the programme covers {prefix})")
    inside = code.startswith(prefix)
    return Check(inside, f"region {code} {'is' if inside else 'is not'} within {prefix}")


def _product_check(request: SubsidyRequest) -> Check:
    eligible = sorted(item.value for item in request.programme.product_types)
    if request.product_type in request.programme.product_types:
        return Check(True, f"product type {request.product_type} is eligible")
    return Check(
        False,
        f"product type {request.product_type} is not eligible; eligible: {', '.join(eligible)}",
    )


def _industry_check(request: SubsidyRequest) -> Check | None:
    wanted = request.programme.industries
    if not wanted:
        return None
    listed = ", ".join(sorted(wanted))
    given = request.applicant.industries
    if given is None:
        return Check(True, f"{ASSUMED}: industry (not given; the programme requires {listed})")
    if given & wanted:
        return Check(True, f"industry {', '.join(sorted(given & wanted))} is eligible")
    return Check(False, f"industry: none of the applicant's industries is one of {listed}")


def _flag_checks(request: SubsidyRequest) -> list[Check]:
    programme, flags = request.programme, request.applicant.flags
    checks = []
    for flag in sorted(programme.required_flags):
        if flags is None:
            checks.append(Check(True, f"{ASSUMED}: flag {flag} required (flags not given)"))
        else:
            held = flag in flags
            checks.append(Check(held, f"flag {flag} required: {'held' if held else 'missing'}"))
    for flag in sorted(programme.excluded_flags):
        if flags is None:
            checks.append(Check(True, f"{ASSUMED}: flag {flag} excluded (flags not given)"))
        else:
            held = flag in flags
            checks.append(
                Check(not held, f"flag {flag} excluded: {'held' if held else 'not held'}")
            )
    return checks


def _min_premium_check(request: SubsidyRequest) -> Check | None:
    minimum = request.programme.min_premium
    if minimum is None:
        return None
    enough = request.premium >= minimum
    relation = "≥" if enough else "<"
    return Check(enough, f"premium {request.premium} {relation} the minimum {minimum}")


def _other_bodies_check(request: SubsidyRequest) -> Check | None:
    programme = request.programme
    if not programme.exclusive_of_other_bodies:
        return None
    if request.other_bodies_granted is None:
        return Check(True, f"{ASSUMED}: no other body subsidised this policy (not given)")
    others = [
        f"{body} granted {granted}"
        for body, granted in request.other_bodies_granted
        if body != programme.body and not granted.is_zero()
    ]
    if others:
        return Check(False, f"no double subsidy across bodies: {'; '.join(others)}")
    return Check(True, "no other body subsidised this policy")


def _ip_rights_check(request: SubsidyRequest) -> Check | None:
    if not request.programme.one_per_ip_right_per_product_type:
        return None
    rights = request.ip_rights
    if not rights:
        return Check(
            True,
            f"{ASSUMED}: no IP right of the policy was already subsidised for "
            f"{request.product_type} (IP rights not given)",
        )
    done = [
        right for right in rights if (right, request.product_type) in request.already_subsidised
    ]
    if not done:
        return Check(
            True,
            f"none of the {len(rights)} IP right(s) was subsidised before for "
            f"{request.product_type}",
        )
    if len(done) == len(rights):
        return Check(
            False,
            f"every IP right ({', '.join(done)}) was already subsidised for "
            f"{request.product_type}: one subsidy per IP right per product type",
        )
    return Check(
        True,
        f"IP right(s) {', '.join(done)} already subsidised for "
        f"{request.product_type} are excluded: the basis counts "
        f"{len(rights) - len(done)} of {len(rights)} rights (share by count)",
    )


def eligibility_checks(request: SubsidyRequest) -> list[Check]:
    """Run every eligibility check of the programme, in the documented order."""
    optional = [
        _industry_check(request),
        *_flag_checks(request),
        _min_premium_check(request),
        _other_bodies_check(request),
        _ip_rights_check(request),
    ]
    checks = [_date_check(request), _region_check(request), _product_check(request)]
    return checks + [check for check in optional if check is not None]


def subsidised_rights(request: SubsidyRequest) -> tuple[str, ...]:
    """Return the IP rights of the policy that this subsidy uses (not subsidised before)."""
    if not request.programme.one_per_ip_right_per_product_type:
        return request.ip_rights
    return tuple(
        right
        for right in request.ip_rights
        if (right, request.product_type) not in request.already_subsidised
    )


# --- amount and caps -----------------------------------------------------------------------


def _basis(request: SubsidyRequest, trace: list[str]) -> Money:
    if request.programme.basis is Basis.PREMIUM:
        trace.append(f"basis: premium {request.premium}")
        return request.premium
    if request.base_premium is None:
        raise InvalidInput(
            "base_premium",
            f"programme {request.programme.id} pays the base premium only; give the base premium",
        )
    trace.append(f"basis: base premium {request.base_premium} (the programme pays only it)")
    return request.base_premium


def _rate(request: SubsidyRequest, rate: Decimal, trace: list[str]) -> Decimal:
    programme, flags = request.programme, request.applicant.flags
    if programme.uplifts and flags is None:
        offered = ", ".join(
            f"+{points} pp for {flag}" for flag, points in programme.uplifts.items()
        )
        trace.append(f"uplift not applied: applicant flags not given ({offered})")
    matching = {flag: pts for flag, pts in programme.uplifts.items() if flags and flag in flags}
    if matching:
        flag = max(matching, key=lambda name: (matching[name], name))
        rate += matching[flag] / HUNDRED
        trace.append(f"uplift +{matching[flag]} pp for {flag} (applied once)")
    if rate > 1:
        trace.append(f"rate {percent(rate)} limited to 100 %")
        rate = Decimal(1)
    return rate


def _raw_amount(request: SubsidyRequest, rate: Decimal, trace: list[str]) -> Money:
    basis = _basis(request, trace)
    rights = request.ip_rights
    used = subsidised_rights(request)
    if rights and len(used) < len(rights):
        basis = basis * (Decimal(len(used)) / Decimal(len(rights)))
        trace.append(f"basis for {len(used)} of {len(rights)} IP rights: {basis.rounded()}")
    rate = _rate(request, rate, trace)
    raw = basis * rate
    trace.append(f"rate {percent(rate)} × {basis.rounded()} = {raw.rounded()}")
    return raw


def _less(limit: Money, used: Money | None, what: str) -> tuple[str, Money]:
    remaining = money_max(ZERO, limit - (used or ZERO))
    given = f"{used}" if used is not None else f"{ZERO} (assumed: not given)"
    return f"{limit} − {what} {given} = {remaining.rounded()}", remaining


def _caps(request: SubsidyRequest, choice: CapChoice) -> list[tuple[str, Money]]:
    """Return each cap as (trace text, remaining amount), in the documented order."""
    programme = request.programme
    caps: list[tuple[str, Money]] = []
    if programme.per_policy_cap is not None:
        caps.append((f"per policy {programme.per_policy_cap}", programme.per_policy_cap))
    if choice.cap is not None:
        text, left = _less(choice.cap.amount, request.granted_this_year, "granted this year")
        caps.append((f"per applicant per year {choice.cap.key}: {text}", left))
    if programme.annual_budget is not None:
        text, left = _less(programme.annual_budget, request.budget_used_this_year, "used")
        caps.append((f"programme budget this year: {text}", left))
    paid = [granted for _body, granted in request.other_bodies_granted or ()]
    if paid:
        others = money_sum(paid, Currency.CNY)
        text, left = _less(request.premium, others, "other bodies' grants")
        caps.append((f"premium: {text}", left))
    else:
        caps.append((f"premium {request.premium}", request.premium))
    return caps


def _apply_caps(raw: Money, caps: list[tuple[str, Money]], trace: list[str]) -> Money:
    amount = raw
    for text, limit in caps:
        binding = limit < amount
        trace.append(f"cap {text}{' → binding' if binding else ''}")
        amount = limit if binding else amount
    return amount


def _warnings(programme: Programme, checks: list[Check], choice: CapChoice) -> tuple[str, ...]:
    warnings = []
    if programme.rate is None:
        why = "no source shows its rate, so no subsidy is computed"
        warnings.append(
            f"{RATE_NOT_PUBLISHED.upper()}: {programme.id}: {why}; ask {programme.body}"
        )
    if programme.illustrative_terms:
        terms = ", ".join(programme.illustrative_terms)
        warnings.append(f"ILLUSTRATIVE: {programme.id} terms not shown by any source: {terms}")
    warnings += [f"note: {note}" for note in programme.notes]
    assumed = [check.text.split(": ", 1)[1] for check in checks if check.assumed]
    if assumed:
        warnings.append(f"assumed eligible on facts not given: {'; '.join(assumed)}")
    if choice.warned or (choice.cap is None and programme.per_applicant_year_caps):
        warnings.append(choice.note)
    return tuple(warnings)


def _amount(request: SubsidyRequest, choice: CapChoice, trace: list[str]) -> Money:
    """Return the subsidy of an eligible request, rounded once; nothing without a rate."""
    rate = request.programme.rate
    if rate is None:
        amount = ZERO.rounded()
        trace.append(f"{RATE_NOT_PUBLISHED}: no source shows the rate, so no amount is computed")
    else:
        raw = _raw_amount(request, rate, trace)
        trace.append(choice.note)
        amount = _apply_caps(raw, _caps(request, choice), trace).rounded()
    trace.append(f"subsidy {amount}")
    return amount


def evaluate(request: SubsidyRequest) -> SubsidyDecision:
    """Return the subsidy ``request.programme`` grants for one policy, with its trace.

    Raises
    ------
    InvalidInput
        When the programme pays the base premium and ``request.base_premium`` is missing.
    """
    programme = request.programme
    trace = [
        f"programme {programme.id} v{programme.version}: {programme.name} "
        f"({programme.rule}) {programme.source_tags()}"
    ]
    checks = eligibility_checks(request)
    trace += [check.text for check in checks]
    choice = applicable_year_cap(programme, request.product_type, request.applicant.flags)
    eligible = all(check.passed for check in checks)
    amount = _amount(request, choice, trace) if eligible else ZERO.rounded()
    if not eligible:
        trace.append(f"not eligible: subsidy {amount}")
    return SubsidyDecision(
        amount=amount,
        programme_id=programme.id,
        programme_version=programme.version,
        eligible=eligible,
        explanation=tuple(trace),
        warnings=_warnings(programme, checks, choice),
        refusals=tuple(check.text for check in checks if not check.passed),
        year_cap_key=choice.key,
        subsidised_ip_rights=subsidised_rights(request) if eligible else (),
        rate_published=programme.rate is not None,
    )
