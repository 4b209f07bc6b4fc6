"""Risk reports as JSON-ready dicts: money as ``{"amount", "currency"}``, shares as numbers.

Costs the exporter bears are in USD (the engine's unit, the currency of US legal bills and
sales); a policy's premium, limits and payments are in the product's currency at the quote's
exchange rate. Every report records its seed, years, block size and model version.

This module is pure: no I/O, no database, no clock.
"""

from __future__ import annotations

import math

import numpy as np

from patentshield.assessment.exposure import money_from_usd
from patentshield.assessment.recommend import Recommendation, tvar_as_insured
from patentshield.assessment.simulation import PolicyAssessment, RecommendationReport, RiskReport
from patentshield.kernel.jsonvalue import JsonValue
from patentshield.kernel.money import Currency, FxRate, Money
from patentshield.risk.calibration_check import Check
from patentshield.risk.distributions import FloatArray
from patentshield.risk.exposure import chapter_rate, naming_intensity
from patentshield.risk.measures import Estimate, level_key, summarise
from patentshield.risk.montecarlo import BLOCK_SIMS
from patentshield.risk.parameters import Parameters
from patentshield.risk.proceedings import CATEGORIES, RespondentOutcome
from patentshield.risk.serialise import MODEL_VERSION

LEVELS = (0.9, 0.99, 0.995)


def money_json(value: float, currency: Currency, fx: FxRate) -> JsonValue:
    """Return an engine figure (USD) as JSON money in ``currency``."""
    return money_from_usd(value, currency, fx).to_json()


def estimate_json(estimate: Estimate, currency: Currency, fx: FxRate) -> JsonValue:
    """Return an estimate as money with its standard error."""
    return {
        "value": money_json(estimate.value, currency, fx),
        "std_error": money_json(estimate.std_error, currency, fx),
    }


def distribution_json(sample: FloatArray, currency: Currency, fx: FxRate) -> JsonValue:
    """Return mean, VaR and TVaR of a yearly sample, in ``currency``, with standard errors."""
    summary = summarise(sample, LEVELS)
    return {
        "mean": estimate_json(summary.mean, currency, fx),
        "std": money_json(summary.std, currency, fx),
        "var": {level_key(k): estimate_json(v, currency, fx) for k, v in summary.var.items()},
        "tvar": {level_key(k): estimate_json(v, currency, fx) for k, v in summary.tvar.items()},
    }


def by_category_json(values: FloatArray, currency: Currency, fx: FxRate) -> JsonValue:
    """Return per-category yearly means as money, keyed by category id."""
    return {
        name: money_json(float(v), currency, fx) for name, v in zip(CATEGORIES, values, strict=True)
    }


def outcome_shares(outcomes: np.ndarray) -> dict[str, JsonValue]:
    """Return how the exporter's named cases end, as shares of its cases."""
    cases = int(outcomes.sum())
    return {
        o.name.lower(): (float(outcomes[o]) / cases if cases else 0.0) for o in RespondentOutcome
    }


def exposure_json(report: RiskReport) -> JsonValue:
    """Return the chance of being named and the per-class drivers of it."""
    simulation = report.simulation
    named = report.results.named_cases
    p_named = float((named > 0).mean())
    years = simulation.years
    outcomes = report.results.outcomes
    cases = int(outcomes.sum())
    return {
        "p_named_per_year": {
            "value": p_named,
            "std_error": float(np.sqrt(p_named * (1 - p_named) / years)),
        },
        "expected_cases_per_year": float(named.mean()),
        "classes": [
            {
                "name": item.name,
                "hts_chapter": item.chapter,
                "annual_us_sales": money_json(item.annual_us_sales_usd, Currency.USD, report.fx),
                "complaints_per_year": chapter_rate(
                    simulation.parameters, item.chapter
                ).complaints_per_year,
                "naming_intensity": naming_intensity(
                    simulation.parameters, simulation.profile, item
                ),
            }
            for item in simulation.profile.classes
        ],
        "simulated_cases": cases,
        "outcome_shares": outcome_shares(outcomes),
        "mean_months_to_termination": report.results.months_sum / cases if cases else None,
    }


def assessment_json(assessment: PolicyAssessment, fx: FxRate) -> JsonValue:
    """Return a product's premium, limits, payments and the exporter's remaining burden.

    ``cost_when_insured`` and ``outcome_shares_when_insured`` are the exporter's as an insured
    (it defends where the uninsured would default).
    """
    currency = assessment.product.currency
    pricing = assessment.pricing
    results = assessment.results
    return {
        "product": assessment.product.id,
        "product_version": assessment.product.version,
        "plan": pricing.plan,
        "units": pricing.units,
        "premium_basis": assessment.premium_basis,
        "gross_premium": pricing.gross_premium.rounded().to_json(),
        "per_claim_limit": pricing.per_claim_limit.rounded().to_json(),
        "aggregate_limit": pricing.aggregate_limit.rounded().to_json(),
        "pure_premium": estimate_json(assessment.price.pure_premium, currency, fx),
        "risk_loading": money_json(assessment.price.risk_loading, currency, fx),
        "indicated_premium": money_json(assessment.price.indicated_premium, currency, fx),
        "loading_method": assessment.price.loading_method,
        "expense_ratio": assessment.price.expense_ratio,
        "profit_margin": assessment.price.profit_margin,
        "cost_when_insured": distribution_json(results.cost_when_insured, Currency.USD, fx),
        "outcome_shares_when_insured": outcome_shares(results.outcomes_when_insured),
        "insured": distribution_json(assessment.insured, currency, fx),
        "borne_by_exporter": distribution_json(assessment.retained, Currency.USD, fx),
        "insured_by_category": by_category_json(assessment.insured_by_category, currency, fx),
        "uncovered_by_category": by_category_json(
            assessment.uncovered_by_category, Currency.USD, fx
        ),
        "p_limit_exhausted": {
            "value": assessment.exhaustion.value,
            "std_error": assessment.exhaustion.std_error,
        },
        "limit_covering_99_percent_of_claim_years": money_json(
            assessment.limit_covering, currency, fx
        ),
        "assumptions": list(assessment.reading.assumptions),
        "illustrative_terms": list(assessment.product.illustrative_terms),
    }


def risk_report_to_json(report: RiskReport) -> dict[str, JsonValue]:
    """Return the document of ``patentshield risk simulate``."""
    simulation = report.simulation
    results = report.results
    document: dict[str, JsonValue] = {
        "enterprise": report.enterprise.id,
        "years": simulation.years,
        "seed": simulation.seed,
        "block_sims": BLOCK_SIMS,
        "model_version": MODEL_VERSION,
        "parameters_changed": dict(simulation.parameters.origin),
        "fx_rate": report.fx.to_json(),
        "exposure": exposure_json(report),
        "cost": distribution_json(results.cost, Currency.USD, report.fx),
        "cost_by_category": by_category_json(
            results.cost_by_category / simulation.years, Currency.USD, report.fx
        ),
        "policy": None
        if report.assessment is None
        else assessment_json(report.assessment, report.fx),
        "warnings": list(report.warnings),
    }
    return document


def recommendation_json(item: Recommendation) -> JsonValue:
    """Return one ranked product."""
    candidate = item.candidate
    assert candidate.pricing is not None and candidate.subsidy is not None
    return {
        "rank": item.rank,
        "rank_net_benefit": item.rank_net_benefit,
        "rank_tail_cut": item.rank_tail_cut,
        "product": candidate.product.id,
        "name": candidate.product.name,
        "plan": candidate.pricing.plan,
        "premium_basis": candidate.premium_basis,
        "gross_premium": candidate.pricing.gross_premium.rounded().to_json(),
        "subsidy": candidate.subsidy.to_json(),
        "net_premium": item.net_premium.to_json(),
        "aggregate_limit": candidate.pricing.aggregate_limit.rounded().to_json(),
        "expected_payment": item.expected_payment.to_json(),
        "expected_payment_std_error": item.expected_payment_std_error.to_json(),
        "expected_net_benefit": item.expected_net_benefit.to_json(),
        "net_benefit_difference_to_top": _money_or_none(item.difference_to_top),
        "net_benefit_difference_std_error": _money_or_none(item.difference_to_top_std_error),
        "retained_tvar_99": item.retained_tvar.to_json(),
        "tail_cut": item.tail_cut.to_json(),
        "tail_cut_share": item.tail_cut_share,
        "gaps": [
            {"category": g.category, "cover": g.cover, "expected_cost": g.expected_cost.to_json()}
            for g in item.gaps
        ],
        "assumptions": list(candidate.reading.assumptions) if candidate.reading else [],
        "illustrative_terms": list(candidate.product.illustrative_terms),
    }


def _money_or_none(value: Money | None) -> JsonValue:
    return None if value is None else value.to_json()


def recommendations_to_json(report: RecommendationReport) -> dict[str, JsonValue]:
    """Return the document of ``patentshield recommend``."""
    return {
        "enterprise": report.enterprise.id,
        "years": report.simulation.years,
        "seed": report.simulation.seed,
        "block_sims": BLOCK_SIMS,
        "model_version": MODEL_VERSION,
        "ranking": (
            "sum of the rank by expected net benefit (expected payment - net premium) and the "
            "rank by tail cut (TVaR 99 % of yearly cost as an insured - of what it still bears "
            "with the product); ties by tail cut"
        ),
        "common_random_numbers": (
            "every product's terms are applied to the same simulated years; "
            "net_benefit_difference_to_top is a product's expected net benefit minus the "
            "top-ranked product's, net_benefit_difference_std_error the standard error of that "
            "difference paired on the years (sd of the yearly differences / sqrt(years))"
        ),
        "top_product": report.ranked[0].candidate.product.id if report.ranked else None,
        "tvar_99_without_insurance": money_json(report.baseline_tvar_usd, Currency.USD, report.fx),
        "tvar_99_as_insured": money_json(tvar_as_insured(report.results), Currency.USD, report.fx),
        "expected_cost_per_year": money_json(
            float(report.results.cost.mean()), Currency.USD, report.fx
        ),
        "expected_cost_per_year_when_insured": money_json(
            float(report.results.cost_when_insured.mean()), Currency.USD, report.fx
        ),
        "products": [recommendation_json(item) for item in report.ranked],
        "left_out": [{"product": c.product.id, "reason": c.reason} for c in report.left_out],
        "fx_rate": report.fx.to_json(),
        "warnings": list(report.warnings),
    }


def _check_json(check: Check) -> JsonValue:
    def number(value: float | None) -> float | None:
        return None if value is None or math.isnan(value) else value

    return {
        "key": check.key,
        "figure": check.name,
        "model": number(check.model),
        "std_error": number(check.std_error),
        "published": number(check.published),
        "low": number(check.low),
        "high": number(check.high),
        "within": check.within,
        "source": check.source,
    }


def calibration_check_json(
    parameters: Parameters, checks: list[Check], *, years: int, seed: int
) -> dict[str, JsonValue]:
    """Return the implied figures beside the published record (``risk calibration-check``)."""
    return {
        "years": years,
        "seed": seed,
        "parameters_changed": dict(parameters.origin),
        "checks": [_check_json(check) for check in checks],
    }
