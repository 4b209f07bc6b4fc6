"""Reserves for open claims: adjudicated but unpaid, plus the covered cost still to come.

The cost to come comes from the **same cost model as pricing**
(:mod:`patentshield.risk.expected`, ``docs/model.md`` §4) — the AIPLA 2015 median for the
amount at risk (annual US sales × ``costs.years_at_risk``, the horizon) × the ITC factor × the
mean of the engine's spread, spent over the engine's phases and split over its legal
categories, plus the expected settlement and parallel damages — not a table of its own
(:class:`EngineCostModel`). A case's state says how much of it is still to come:

* the **defence** still to come: the phases the case has finished (:data:`PHASES_DONE`, D,
  from the phase order of ``costs.phase_spend``); none once the defence has ended (a default,
  a settlement, a decision);
* a **settlement** while the case can still settle (before the final determination);
* **damages** with the chance of a violation: that of the decided cases before the decision,
  certain after a violation or a default (an order follows), none after no violation.

What the policy would pay of it: only the categories the wording covers (an unclear category
read as covered, PRC Insurance Law art. 30), after the unused deductible and the coinsurance,
each capped by what is left of its sub-limit, then by the per-claim and aggregate limits left.
The engine's USD figures become money at one point (``assessment.exposure.money_from_usd``),
at the policy's USD/CNY rate of its start.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from patentshield.assessment.exposure import money_from_usd, usd_amount
from patentshield.catalog.conditions import SubLimitOrder
from patentshield.catalog.coverage import is_read_as_covered
from patentshield.catalog.model import CostCategory
from patentshield.kernel.money import FxRate, Money, money_max, money_min
from patentshield.policies.terms import PolicyTerms
from patentshield.procedure.workflow import CaseState
from patentshield.risk.expected import expected_defence_cost, expected_to_come
from patentshield.risk.parameters import Parameters

_S = CaseState
PHASES_DONE: Mapping[CaseState, int] = {
    _S.COMPLAINT_FILED: 0,
    _S.INSTITUTED: 0,
    _S.TARGET_SET: 0,
    _S.SERVED: 0,
    _S.SHOW_CAUSE: 0,
    _S.ANSWERED: 1,
    _S.DISCOVERY: 1,
    _S.MARKMAN: 2,
    _S.SUMMARY_DETERMINATION: 2,
    _S.HEARING: 3,
    _S.FINAL_INITIAL_DETERMINATION: 4,
    _S.PETITIONS: 5,
    _S.COMMISSION_REVIEW: 5,
}
"""How many of the engine's phases (:data:`patentshield.risk.expected.PHASE_ORDER`) a case in
a state has finished (D); in a state not listed no defence is to come."""

ORDERED = frozenset(
    {
        _S.FINAL_DETERMINATION,
        _S.ORDERS,
        _S.PRESIDENTIAL_REVIEW,
        _S.ORDERS_FINAL,
        _S.DEFAULTED,
        _S.DEFAULT_REVIEW,
        _S.REMEDY_BOND,
    }
)
"""States on the way to an order (a violation found, or a default): damages are to be expected.
A final determination may still be one of no violation; it is reserved as a violation (the
prudent reading) until the case moves on."""


class CostModel(Protocol):
    """What a reserve needs: the expected cost still to come by category, and its basis."""

    def expected_to_come(
        self, state: CaseState, stake: Money, fx: FxRate, terms: PolicyTerms
    ) -> Mapping[CostCategory, Money]:
        """Return the expected cost to come by category, in the policy currency."""
        ...

    def basis(self, stake: Money, fx: FxRate) -> str:
        """Return a sentence naming the model and its figures."""
        ...


@dataclass(frozen=True, slots=True)
class EngineCostModel:
    """The risk engine's cost model (:mod:`patentshield.risk.expected`), from its parameters."""

    parameters: Parameters

    def expected_to_come(
        self, state: CaseState, stake: Money, fx: FxRate, terms: PolicyTerms
    ) -> Mapping[CostCategory, Money]:
        """Return the expected cost to come by category (legal, settlement, damages)."""
        settles = state in PHASES_DONE
        chance = 1.0 if state in ORDERED else 0.0
        if settles:
            chance = self.parameters.get("case.violation_given_contested")
        usd = expected_to_come(
            self.parameters,
            usd_amount(stake, fx),
            phases_done=PHASES_DONE.get(state),
            can_settle=settles,
            violation_chance=chance,
        )
        return {
            CostCategory(name): money_from_usd(value, terms.currency, fx)
            for name, value in usd.items()
        }

    def basis(self, stake: Money, fx: FxRate) -> str:
        """Return the figures the defence cost comes from."""
        get = self.parameters.get
        total = money_from_usd(expected_defence_cost(self.parameters, usd_amount(stake, fx)))
        return (
            f"risk engine cost model: AIPLA 2015 median [R51] for {get('costs.years_at_risk'):g} "
            f"years of US sales ({stake} a year) × ITC factor {get('costs.itc_factor'):g} × "
            f"lognormal mean = {total} for a whole defence"
        )


@dataclass(frozen=True, slots=True)
class Reserve:
    """The reserve of one open claim and how it was reached."""

    unpaid: Money
    expected_to_come: Money
    covered_to_come: Money
    total: Money
    explanation: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReserveFacts:
    """The claim's figures a reserve starts from (policy currency).

    ``sub_limits_used`` is what each category already used of its sub-limit in this claim
    (:func:`sub_limits_used`).
    """

    state: CaseState
    stake: Money
    fx: FxRate
    adjudicated: Money
    paid: Money
    eligible_so_far: Money
    policy_adjudicated: Money
    sub_limits_used: Mapping[CostCategory, Money] = field(default_factory=dict)


def sub_limits_used(
    terms: PolicyTerms, lines: tuple[tuple[CostCategory, Money, Money], ...]
) -> dict[CostCategory, Money]:
    """Return each category's use of its sub-limit from ``(category, eligible, payable)`` lines.

    After the retention a sub-limit caps the payable amount; before it, the eligible amount.
    """
    after = terms.conditions.sub_limit_order is SubLimitOrder.AFTER_RETENTION
    used: dict[CostCategory, Money] = {}
    for category, eligible, payable in lines:
        amount = payable if after else eligible
        used[category] = used.get(category, Money.zero(terms.currency)) + amount
    return used


def _covered(
    terms: PolicyTerms, facts: ReserveFacts, to_come: Mapping[CostCategory, Money]
) -> Money:
    """Return what the policy would pay of ``to_come`` before the per-claim and aggregate caps."""
    zero = Money.zero(terms.currency)
    covered = {c: m for c, m in to_come.items() if is_read_as_covered(terms.cover_for(c))}
    total = sum(covered.values(), zero)
    if total.is_zero():
        return zero
    deductible_left = money_max((terms.deductible or zero) - facts.eligible_so_far, zero)
    kept = money_max(total - deductible_left, zero).amount / total.amount
    share = kept * (Decimal(1) - terms.coinsurance)
    paid = zero
    for category, amount in covered.items():
        payable = Money(amount.amount * share, terms.currency).rounded()
        limit = terms.sub_limits.get(category)
        if limit is not None:
            used = facts.sub_limits_used.get(category, zero)
            payable = money_min(payable, money_max(limit - used, zero))
        paid = paid + payable
    return paid


def claim_reserve(terms: PolicyTerms, facts: ReserveFacts, model: CostModel) -> Reserve:
    """Return the reserve of an open claim: unpaid adjudicated amounts plus covered to-come."""
    zero = Money.zero(terms.currency)
    unpaid = money_max(facts.adjudicated - facts.paid, zero)
    to_come = model.expected_to_come(facts.state, facts.stake, facts.fx, terms)
    expected = sum(to_come.values(), zero)
    per_claim_left = money_max(terms.per_claim_limit - facts.adjudicated, zero)
    aggregate_left = money_max(terms.aggregate_limit - facts.policy_adjudicated, zero)
    covered = money_min(_covered(terms, facts, to_come), per_claim_left, aggregate_left)
    coming = ", ".join(f"{c.value} {m}" for c, m in to_come.items() if not m.is_zero())
    explanation = (
        f"adjudicated {facts.adjudicated} less paid {facts.paid}: {unpaid} unpaid",
        model.basis(facts.stake, facts.fx),
        f"case in {facts.state.value}: {expected} to come ({coming or 'nothing'})",
        f"covered categories after the deductible left and {terms.coinsurance * 100:.0f} % "
        f"coinsurance, within sub-limits and the limits left (per claim {per_claim_left}, "
        f"aggregate {aggregate_left}): {covered}",
    )
    return Reserve(unpaid, expected, covered, unpaid + covered, explanation)
