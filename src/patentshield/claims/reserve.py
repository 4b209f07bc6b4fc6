"""Reserves for open claims: adjudicated but unpaid, plus an estimate of what is to come.

The estimate sits behind one interface, :class:`PhaseModel`, so the risk engine's phase model
can replace it later. Until then :class:`AiplaPhaseModel` is used:

* **expected total defence cost** — the AIPLA 2015 median cost of defending a US patent suit
  for the amount at risk (DOMAIN.md §2.1 [R51], shipped in ``policies/data``); the amount at
  risk is the insured's annual US sales of all product classes (a respondent's exposure is its
  US market), converted at the policy's USD/CNY rate;
* **share already spent by state** — :data:`SPENT_BY_STATE`, from DOMAIN.md §2.1's phase split
  (cost through discovery is 48–67 % of the total; a 337 hearing comes at month 8–9, so
  ≈ 60–70 % of spend falls before it) (D); a state that ends the case has spent everything;
* **what the policy would pay of it** — the coinsurance share off, the unused deductible off,
  capped by what is left of the per-claim and aggregate limits.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from patentshield.kernel.money import FxRate, Money, money_max, money_min
from patentshield.policies.reference import benchmark_for
from patentshield.policies.terms import PolicyTerms
from patentshield.usitc.workflow import CaseState, is_terminal

_S = CaseState
SPENT_BY_STATE: Mapping[CaseState, Decimal] = {
    _S.COMPLAINT_FILED: Decimal("0.05"),
    _S.INSTITUTED: Decimal("0.10"),
    _S.TARGET_SET: Decimal("0.10"),
    _S.SERVED: Decimal("0.10"),
    _S.SHOW_CAUSE: Decimal("0.15"),
    _S.ANSWERED: Decimal("0.20"),
    _S.DISCOVERY: Decimal("0.35"),
    _S.MARKMAN: Decimal("0.50"),
    _S.SUMMARY_DETERMINATION: Decimal("0.55"),
    _S.HEARING: Decimal("0.65"),
    _S.FINAL_INITIAL_DETERMINATION: Decimal("0.85"),
    _S.PETITIONS: Decimal("0.90"),
    _S.COMMISSION_REVIEW: Decimal("0.93"),
    _S.FINAL_DETERMINATION: Decimal("0.97"),
    _S.ORDERS: Decimal("0.97"),
    _S.PRESIDENTIAL_REVIEW: Decimal("0.98"),
    _S.DEFAULTED: Decimal("1"),
    _S.NO_VIOLATION: Decimal("1"),
    _S.ORDERS_FINAL: Decimal("1"),
    _S.CBP_ENFORCEMENT: Decimal("1"),
}
"""Share of the expected defence cost spent once a case is in a state (D, DOMAIN.md §2.1)."""


class PhaseModel(Protocol):
    """What a reserve needs from a phase model: expected total cost and the share to come."""

    def expected_total(self, stake: Money, fx: FxRate, terms: PolicyTerms) -> Money:
        """Return the expected total defence cost in the policy currency."""
        ...

    def share_to_come(self, state: CaseState) -> Decimal:
        """Return the share of the expected cost still to be spent from ``state``."""
        ...

    def basis(self, stake: Money) -> str:
        """Return a sentence naming the model's sources."""
        ...


class AiplaPhaseModel:
    """AIPLA 2015 medians by amount at risk, spent by case state (see the module doc)."""

    def expected_total(self, stake: Money, fx: FxRate, terms: PolicyTerms) -> Money:
        """Return the AIPLA 2015 median total cost for ``stake`` in the policy currency."""
        total = benchmark_for(stake).total
        if total.currency is terms.currency:
            return total
        return fx.convert(total).rounded()

    def share_to_come(self, state: CaseState) -> Decimal:
        """Return ``1 - SPENT_BY_STATE[state]``; nothing is to come in a terminal state."""
        if is_terminal(state):
            return Decimal(0)
        return Decimal(1) - SPENT_BY_STATE.get(state, Decimal(1))

    def basis(self, stake: Money) -> str:
        """Return the benchmark used for ``stake``."""
        band = benchmark_for(stake)
        return (
            f"{band.edition} median total defence cost {band.total} for {stake} at risk "
            f"[{band.source}]; share spent by case state per DOMAIN.md §2.1 (D)"
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
    """The claim's figures a reserve starts from (policy currency)."""

    state: CaseState
    stake: Money
    fx: FxRate
    adjudicated: Money
    paid: Money
    eligible_so_far: Money
    policy_adjudicated: Money


def claim_reserve(
    terms: PolicyTerms, facts: ReserveFacts, model: PhaseModel | None = None
) -> Reserve:
    """Return the reserve of an open claim: unpaid adjudicated amounts plus covered to-come."""
    model = model or AiplaPhaseModel()
    zero = Money.zero(terms.currency)
    unpaid = money_max(facts.adjudicated - facts.paid, zero)
    share = model.share_to_come(facts.state)
    expected = Money(
        model.expected_total(facts.stake, facts.fx, terms).amount * share, terms.currency
    ).rounded()
    deductible_left = money_max((terms.deductible or zero) - facts.eligible_so_far, zero)
    after_deductible = money_max(expected - deductible_left, zero)
    covered = Money(after_deductible.amount * (Decimal(1) - terms.coinsurance), terms.currency)
    per_claim_left = money_max(terms.per_claim_limit - facts.adjudicated, zero)
    aggregate_left = money_max(terms.aggregate_limit - facts.policy_adjudicated, zero)
    covered = money_min(covered.rounded(), per_claim_left, aggregate_left)
    explanation = (
        f"adjudicated {facts.adjudicated} less paid {facts.paid}: {unpaid} unpaid",
        model.basis(facts.stake),
        f"case in {facts.state.value}: {share * 100:.0f} % of the cost to come, {expected}",
        f"after deductible left {deductible_left} and {terms.coinsurance * 100:.0f} % "
        f"coinsurance, capped by limits left (per claim {per_claim_left}, aggregate "
        f"{aggregate_left}): {covered}",
    )
    return Reserve(unpaid, expected, covered, unpaid + covered, explanation)
